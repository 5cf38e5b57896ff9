import logging

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)


class PropertyMeterRoute(models.Model):
    """A reading route (抄表路线): the meters of an estate, or of one of its
    buildings, in the order a meter reader walks past them, and the reader
    who usually walks it. Each reading round (``property.meter.round``) is
    made from a route."""

    _name = "property.meter.route"
    _description = "Meter Reading Route"
    _inherit = ["mail.thread", "property.input.mixin"]
    _order = "estate_id, sequence, name, id"

    name = fields.Char(required=True, size=128, tracking=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    estate_id = fields.Many2one(
        comodel_name="property.estate",
        string="Estate",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    building_id = fields.Many2one(
        comodel_name="property.building",
        string="Building",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('estate_id', '=', estate_id)]",
        tracking=True,
        help="Leave empty for a route across the whole estate.",
    )
    company_id = fields.Many2one(related="estate_id.company_id", store=True, index=True)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Default Reader",
        domain="[('share', '=', False), ('property_estate_ids', 'in', estate_id)]",
        tracking=True,
        help="The meter reader of the rounds made from this route, unless another is chosen. "
        "Each month a round of the route is opened for him, with a to-do.",
    )
    round_day = fields.Integer(
        string="Round Day",
        default=1,
        tracking=True,
        help="Day of the month from which the month's round of the route is opened for its "
        "reader (1 to 28).",
    )
    jump_factor = fields.Float(
        string="Jump Factor",
        default=3.0,
        digits=(16, 1),
        tracking=True,
        help="A new consumption above this many times the average of the last three "
        "periods is flagged as a jump on the round.",
    )
    line_ids = fields.One2many(
        comodel_name="property.meter.route.line",
        inverse_name="route_id",
        string="Meters",
        copy=True,
    )
    meter_count = fields.Integer(string="Meters Count", compute="_compute_meter_count")
    round_ids = fields.One2many(
        comodel_name="property.meter.round", inverse_name="route_id", string="Rounds"
    )
    round_count = fields.Integer(string="Rounds Count", compute="_compute_round_count")

    @api.depends("line_ids")
    def _compute_meter_count(self):
        for route in self:
            route.meter_count = len(route.line_ids)

    def _compute_round_count(self):
        counts = dict(
            self.env["property.meter.round"]._read_group(
                [("route_id", "in", self.ids)], ["route_id"], ["__count"]
            )
        )
        for route in self:
            route.round_count = counts.get(route, 0)

    @api.constrains("jump_factor")
    def _check_jump_factor(self):
        for route in self:
            if route.jump_factor <= 1.0:
                raise ValidationError(
                    self.env._(
                        "The jump factor of route %s must be above 1: a consumption is "
                        "flagged when it exceeds that many times the average.",
                        route.name,
                    )
                )

    @api.constrains("round_day")
    def _check_round_day(self):
        for route in self:
            if not 1 <= route.round_day <= 28:
                raise ValidationError(
                    self.env._(
                        "The round day of route %s must be between 1 and 28, a day every "
                        "month has.",
                        route.name,
                    )
                )

    @api.constrains("estate_id", "building_id")
    def _check_building(self):
        for route in self:
            if route.building_id and route.building_id.estate_id != route.estate_id:
                raise ValidationError(
                    self.env._(
                        "Building %(building)s of route %(route)s is not in estate %(estate)s.",
                        building=route.building_id.name,
                        route=route.name,
                        estate=route.estate_id.name,
                    )
                )

    def action_add_meters(self):
        """Add the active meters of the route's estate (or building) that it
        lacks, after its own, in the order of their units."""
        for route in self:
            domain = [("estate_id", "=", route.estate_id.id)]
            if route.building_id:
                domain.append(("building_id", "=", route.building_id.id))
            meters = self.env["property.meter"].search(domain)
            meters = (meters - route.line_ids.meter_id).sorted(
                lambda m: (m.building_id.code or "", m.unit_id.full_code or "", m.name)
            )
            last = max(route.line_ids.mapped("sequence"), default=0)
            route.line_ids = [
                Command.create({"meter_id": meter.id, "sequence": last + 10 * (index + 1)})
                for index, meter in enumerate(meters)
            ]

    def _prepare_round_values(self, date_start, date_end, date=None):
        """Values of a new round of the route over the period (the reader,
        the jump factor, one line per meter in walking order with its last
        reading and average consumption)."""
        self.ensure_one()
        meters = self.line_ids.sorted(lambda line: (line.sequence, line.id)).meter_id
        meters = meters.filtered("active")
        date_start, date_end = fields.Date.to_date(date_start), fields.Date.to_date(date_end)
        date = fields.Date.to_date(date) or min(
            max(fields.Date.context_today(self), date_start), date_end
        )
        line_values = self.env["property.meter.round.line"]._prepare_line_values(meters, date)
        return {
            "route_id": self.id,
            "user_id": (self.user_id or self.env.user).id,
            "jump_factor": self.jump_factor,
            "date_start": date_start,
            "date_end": date_end,
            "date": date,
            "line_ids": [Command.create(values) for values in line_values],
        }

    def action_create_round(self):
        """A round of this month over the route, opened in its form."""
        self.ensure_one()
        if not self.line_ids:
            raise UserError(
                self.env._("Route %s has no meters: add them before starting a round.", self.name)
            )
        today = fields.Date.context_today(self)
        date_start = today.replace(day=1)
        date_end = fields.Date.end_of(today, "month")
        reading_round = self.env["property.meter.round"].create(
            self._prepare_round_values(date_start, date_end, today)
        )
        return reading_round._get_form_action()

    def action_view_rounds(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_base.property_meter_round_action"
        )
        action["domain"] = [("route_id", "=", self.id)]
        action["context"] = {"default_route_id": self.id}
        return action

    def _open_month_round(self, today):
        """The round of the month of ``today`` over the route, given to its
        reader with a to-do; nothing when the route has one for that month
        already (whatever its state) or no active meter."""
        self.ensure_one()
        date_start = today.replace(day=1)
        Round = self.env["property.meter.round"]
        if Round.search_count(
            [("route_id", "=", self.id), ("date_start", "=", date_start)], limit=1
        ):
            return Round
        values = self._prepare_round_values(date_start, fields.Date.end_of(today, "month"), today)
        if not values["line_ids"]:
            return Round
        reading_round = Round.create(values)
        reading_round._schedule_reader_activity()
        return reading_round

    @api.model
    def _cron_open_month_rounds(self):
        """Open the month's round of every active route that has a reader
        and meters, from the route's round day on: once per route and month,
        however often it runs. A route that fails is logged and left for the
        next run; the others are opened all the same."""
        today = fields.Date.context_today(self)
        routes = self.search(
            [
                ("user_id.active", "=", True),
                ("line_ids", "!=", False),
                ("round_day", "<=", today.day),
                ("round_ids", "not any", [("date_start", "=", today.replace(day=1))]),
            ],
            order="id",
        )
        under_cron = bool(self.env.context.get("ir_cron_progress_id"))
        if under_cron:
            self.env["ir.cron"]._commit_progress(remaining=len(routes))
        for route in routes:
            try:
                with self.env.cr.savepoint():
                    # the round's messages in the company's language, its
                    # to-do in the reader's
                    route.with_company(route.company_id).with_context(
                        lang=route.company_id._property_lang()
                    )._open_month_round(today)
            except Exception:  # noqa: BLE001 - one route must not stop the others
                _logger.exception(
                    "Reading round of route %s (%s) could not be opened", route.id, route.name
                )
            if under_cron:
                self.env["ir.cron"]._commit_progress(1)
