from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models


class PropertyMeterRoute(models.Model):
    """Demo data only: called from ``demo/property_meter_route_demo.xml``."""

    _inherit = "property.meter.route"

    @api.model
    def _demo_reading_routes(self, route_specs, round_route_id, read_count):
        """Demo data: for each (route, meter type, meter prefix, unit types)
        of ``route_specs``, a meter per unit of those types of the route's
        building, with four month-end readings, and the route's meters in
        walking order (entrance, floor, unit); then this month's round
        of route ``round_route_id``, its first ``read_count`` meters read on
        the reader's phone (one of them jumping)."""
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        Meter = env["property.meter"]
        today = fields.Date.context_today(self)
        first = today.replace(day=1) - relativedelta(months=4)
        for route_id, meter_type, prefix, unit_types in route_specs:
            route = self.with_env(env).browse(route_id)
            units = env["property.unit"].search(
                [("building_id", "=", route.building_id.id), ("unit_type", "in", unit_types)],
                order="entrance, floor, code, id",
            )
            meters = Meter.create(
                [
                    {
                        "name": f"{prefix}-{unit.full_code}",
                        "unit_id": unit.id,
                        "meter_type": meter_type,
                    }
                    for unit in units
                ]
            )
            readings = []
            for index, meter in enumerate(meters):
                value = 200.0 + 13 * index
                for month in range(4):
                    day = first + relativedelta(months=month + 1, days=-1)
                    readings.append({"meter_id": meter.id, "date": day, "value": value})
                    value += 9 + (index * 7 + month * 5) % 17
            env["property.meter.reading"].create(readings)
            route.line_ids = [
                Command.create({"meter_id": meter.id, "sequence": 10 * (index + 1)})
                for index, meter in enumerate(meters)
            ]
        route = self.with_env(env).browse(round_route_id)
        reading_round = env["property.meter.round"].create(
            route._prepare_round_values(
                today.replace(day=1), fields.Date.end_of(today, "month"), today
            )
        )
        for index, line in enumerate(reading_round.line_ids[:read_count]):
            use = line.average_consumption * (5 if index == 3 else 1) or 12.0
            line.value = round(line.previous_value + use, 1)
        return reading_round
