from odoo import fields, models


class PropertyEstateMixin(models.AbstractModel):
    """A record that belongs to one estate for its whole life (a takeover, a
    maintenance plan): the estate cannot be deleted while it has some, and the
    company is the estate's. Changes of the estate are tracked on models that
    inherit ``mail.thread``."""

    _name = "property.estate.mixin"
    _description = "Estate Record"

    estate_id = fields.Many2one(
        comodel_name="property.estate",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, index=True, precompute=True
    )
