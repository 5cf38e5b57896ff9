from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date


class PropertyMeterRound(models.Model):
    """A reading round (抄表任务): one walk of a route over a period by a
    meter reader, one line per meter in walking order. The reader types the
    readings on his phone (or a sheet is imported); finishing the round
    records them as meter readings, once."""

    _name = "property.meter.round"
    _description = "Meter Reading Round"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, route_id, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    route_id = fields.Many2one(
        comodel_name="property.meter.route",
        string="Route",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    estate_id = fields.Many2one(related="route_id.estate_id", store=True, index=True)
    building_id = fields.Many2one(related="route_id.building_id", store=True)
    company_id = fields.Many2one(related="route_id.company_id", store=True, index=True)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Reader",
        required=True,
        index=True,
        compute="_compute_from_route",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    date_start = fields.Date(
        string="Period Start",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
    )
    date_end = fields.Date(
        string="Period End",
        required=True,
        default=lambda self: fields.Date.end_of(fields.Date.context_today(self), "month"),
    )
    date = fields.Date(
        string="Reading Date",
        required=True,
        default=fields.Date.context_today,
        help="Date of the readings of the round, unless a line has its own.",
    )
    jump_factor = fields.Float(
        digits=(16, 1),
        compute="_compute_from_route",
        store=True,
        readonly=False,
        precompute=True,
        help="A new consumption above this many times the meter's average is flagged.",
    )
    state = fields.Selection(
        selection=[("open", "In Progress"), ("done", "Done")],
        string="Status",
        required=True,
        default="open",
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many(
        comodel_name="property.meter.round.line", inverse_name="round_id", string="Meters"
    )
    line_count = fields.Integer(string="Meters Count", compute="_compute_progress", store=True)
    read_count = fields.Integer(string="Meters Read", compute="_compute_progress", store=True)
    missing_count = fields.Integer(string="Missing", compute="_compute_progress", store=True)
    warning_count = fields.Integer(string="Warnings", compute="_compute_progress", store=True)
    progress = fields.Float(
        string="Progress (%)", compute="_compute_progress", store=True, aggregator="avg"
    )
    reading_count = fields.Integer(string="Readings Count", compute="_compute_reading_count")

    @api.depends("route_id.name", "date_start")
    def _compute_name(self):
        for reading_round in self:
            period = reading_round.date_start.strftime("%Y-%m") if reading_round.date_start else ""
            reading_round.name = f"{reading_round.route_id.name or ''} {period}".strip()

    @api.depends("route_id")
    def _compute_from_route(self):
        for reading_round in self:
            route = reading_round.route_id
            reading_round.user_id = route.user_id or reading_round.user_id or self.env.user
            reading_round.jump_factor = route.jump_factor or reading_round.jump_factor or 3.0

    @api.depends("line_ids.is_read", "line_ids.warning")
    def _compute_progress(self):
        for reading_round in self:
            lines = reading_round.line_ids
            read = len(lines.filtered("is_read"))
            reading_round.line_count = len(lines)
            reading_round.read_count = read
            reading_round.missing_count = len(lines) - read
            reading_round.warning_count = len(lines.filtered("warning"))
            reading_round.progress = 100.0 * read / len(lines) if lines else 0.0

    def _compute_reading_count(self):
        counts = dict(
            self.env["property.meter.round.line"]._read_group(
                [("round_id", "in", self.ids), ("reading_id", "!=", False)],
                ["round_id"],
                ["__count"],
            )
        )
        for reading_round in self:
            reading_round.reading_count = counts.get(reading_round, 0)

    @api.constrains("date_start", "date_end", "date")
    def _check_dates(self):
        for reading_round in self:
            if not reading_round.date_start <= reading_round.date <= reading_round.date_end:
                raise ValidationError(
                    self.env._(
                        "The reading date of round %(round)s must be within its period "
                        "(%(start)s – %(end)s).",
                        round=reading_round.name,
                        start=reading_round.date_start,
                        end=reading_round.date_end,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        """A round made without lines takes the meters of its route."""
        Route = self.env["property.meter.route"]
        for vals in vals_list:
            if vals.get("route_id") and not vals.get("line_ids"):
                route = Route.browse(vals["route_id"])
                defaults = self.default_get(["date_start", "date_end", "date"])
                values = route._prepare_round_values(
                    vals.get("date_start") or defaults["date_start"],
                    vals.get("date_end") or defaults["date_end"],
                    vals.get("date"),
                )
                vals.update({key: values[key] for key in ("date", "line_ids")})
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_recorded(self):
        if self.line_ids.filtered("reading_id"):
            raise UserError(self.env._("A round whose readings are recorded cannot be deleted."))

    def _get_form_action(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_base.property_meter_round_action"
        )
        action.update(res_id=self.id, views=[(False, "form")], view_mode="form")
        return action

    def _schedule_reader_activity(self):
        """A to-do for the reader of each round, written in his language:
        the round to walk and the meters to read by the end of its period."""
        for reading_round in self:
            reader = reading_round.user_id
            reading_round = reading_round.with_context(
                lang=reader.lang or reading_round.company_id._property_lang()
            )
            reading_round.activity_schedule(
                "mail.mail_activity_data_todo",
                **reading_round._prepare_reader_activity_values(),
            )

    def _prepare_reader_activity_values(self):
        """Values of the reader's to-do of the round (``activity_schedule``)."""
        self.ensure_one()
        return {
            "date_deadline": self.date_end,
            "user_id": self.user_id.id,
            "summary": self.env._("Reading round %s", self.name),
            "note": self.env._(
                "Meters to read: %(count)s, on route %(route)s, by %(end)s, in walking order; "
                "then finish the round.",
                count=self.line_count,
                route=self.route_id.name,
                end=format_date(self.env, self.date_end),
            ),
        }

    def action_finish(self):
        """Record the readings of the lines that have a value, in one batch,
        and close the round. Values the readings would refuse are refused
        here first, all of them at once, naming the meters. A finished round
        records nothing again."""
        for reading_round in self.filtered(lambda r: r.state == "open"):
            lines = reading_round.line_ids.filtered(
                lambda line: line.is_read and not line.reading_id
            )
            lines._record_readings()
            reading_round.state = "done"
        return True

    def action_reopen(self):
        """Back to work: lines still to read can be read; the recorded ones stay."""
        self.filtered(lambda r: r.state == "done").state = "open"
        return True

    def action_view_readings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_base.property_meter_reading_action"
        )
        action["domain"] = [("id", "in", self.line_ids.reading_id.ids)]
        return action

    def action_import_readings(self):
        """The upload wizard of the round's reading sheet."""
        self.ensure_one()
        wizard = self.env["property.meter.reading.import"].create({"round_id": self.id})
        return wizard._get_action()

    def action_download_template(self):
        """The round's reading sheet (xlsx), prefilled with its meters."""
        self.ensure_one()
        wizard = self.env["property.meter.reading.import"].create({"round_id": self.id})
        return wizard.action_download_template()
