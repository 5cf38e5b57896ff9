import math

from odoo import api, models
from odoo.exceptions import ValidationError


def check_field_input(model, field_name, value):
    """Refuse ``value`` for the field ``field_name`` of ``model`` with a
    translated ``ValidationError`` naming the field when the database or the
    computations cannot take it: a text longer than the field's ``size`` (the
    ORM would cut it silently) or a number that is not finite (NaN, ±Infinity,
    which no check compares and every sum spreads)."""
    field = model._fields.get(field_name)
    if field is None or value is None or value is False:
        return
    if field.type == "char" and field.size:
        text = value.decode() if isinstance(value, bytes) else value
        if isinstance(text, str) and len(text) > field.size:
            raise ValidationError(
                model.env._(
                    "“%(field)s” may have at most %(limit)s characters (%(length)s given).",
                    field=field._description_string(model.env),
                    limit=field.size,
                    length=len(text),
                )
            )
    elif field.type in ("float", "monetary"):
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValidationError(
                model.env._(
                    "“%(field)s” must be a number, not “%(value)s”.",
                    field=field._description_string(model.env),
                    value=str(value)[:40],
                )
            ) from None
        if not math.isfinite(number):
            raise ValidationError(
                model.env._(
                    "“%(field)s” must be a finite number, not %(value)s.",
                    field=field._description_string(model.env),
                    value=str(value)[:40],
                )
            )


class PropertyInputMixin(models.AbstractModel):
    """Checks the values given to ``create`` and ``write`` before anything is
    written (see ``check_field_input``): texts within the ``size`` of their
    field, numbers finite. Texts that are indexed get a ``size``: a value
    longer than PostgreSQL can index would otherwise fail in the database."""

    _name = "property.input.mixin"
    _description = "Input Limits"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_input_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_input_values(vals)
        return super().write(vals)

    @api.model
    def _check_input_values(self, vals):
        for field_name, value in vals.items():
            check_field_input(self, field_name, value)
