from odoo import fields, models


class PropertyMeter(models.Model):
    _inherit = "property.meter"

    exclude_from_energy = fields.Boolean(
        string="Not in Energy Totals",
        help="A meter whose consumption is already measured by other common meters (a "
        "building's master meter that also measures the units' own use): the estate's energy "
        "totals leave it out.",
    )
    energy_target_ids = fields.One2many(
        comodel_name="property.energy.target",
        inverse_name="meter_id",
        string="Energy Targets",
    )
