from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyMeterRouteLine(models.Model):
    """A meter of a reading route, at its place in the walking order."""

    _name = "property.meter.route.line"
    _description = "Meter of a Reading Route"
    _order = "route_id, sequence, id"

    route_id = fields.Many2one(
        comodel_name="property.meter.route",
        string="Route",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    meter_id = fields.Many2one(
        comodel_name="property.meter",
        string="Meter",
        required=True,
        index=True,
        ondelete="cascade",
    )
    estate_id = fields.Many2one(related="route_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="route_id.company_id", store=True)
    meter_type = fields.Selection(related="meter_id.meter_type")
    unit_id = fields.Many2one(related="meter_id.unit_id")
    building_id = fields.Many2one(related="meter_id.building_id")
    last_reading_date = fields.Date(related="meter_id.last_reading_date")
    last_reading_value = fields.Float(related="meter_id.last_reading_value")

    _route_meter_uniq = models.UniqueIndex(
        "(route_id, meter_id)", "A meter is on a route only once."
    )

    @api.constrains("meter_id", "route_id")
    def _check_meter_place(self):
        for line in self:
            route, meter = line.route_id, line.meter_id
            if meter.estate_id != route.estate_id or (
                route.building_id and meter.building_id != route.building_id
            ):
                raise ValidationError(
                    self.env._(
                        "Meter %(meter)s is not in %(place)s, the place of route %(route)s.",
                        meter=meter.name,
                        place=route.building_id.name or route.estate_id.name,
                        route=route.name,
                    )
                )
