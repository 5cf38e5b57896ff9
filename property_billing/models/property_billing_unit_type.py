from odoo import fields, models

from odoo.addons.property_base.models.property_unit import UNIT_TYPES


class PropertyBillingUnitType(models.Model):
    """The unit types of property_base as records, so that a fee item can
    apply to several of them."""

    _name = "property.billing.unit.type"
    _description = "Unit Type (billing)"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(selection=UNIT_TYPES, required=True)
    sequence = fields.Integer(default=10)

    _code_uniq = models.UniqueIndex("(code)", "A unit type exists only once.")
