from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyPatrolRoute(models.Model):
    _name = "property.patrol.route"
    _description = "Patrol Route"
    _inherit = ["mail.thread"]
    _order = "estate_id, name, id"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    estate_id = fields.Many2one(
        comodel_name="property.estate", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, index=True, precompute=True
    )
    checkpoint_ids = fields.Many2many(
        comodel_name="property.patrol.checkpoint",
        string="Checkpoints",
        domain="[('estate_id', '=', estate_id)]",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Patroller",
        domain="[('share', '=', False)]",
        tracking=True,
    )
    team_id = fields.Many2one(
        comodel_name="maintenance.team",
        help="Team that receives the requests raised on this route.",
    )
    interval_number = fields.Integer(string="Every", default=1, required=True)
    interval_unit = fields.Selection(
        selection=[("day", "Days"), ("week", "Weeks"), ("month", "Months")],
        default="day",
        required=True,
    )
    next_date = fields.Date(
        string="Next Round", default=fields.Date.context_today, required=True, tracking=True
    )
    round_ids = fields.One2many(
        comodel_name="property.patrol.round", inverse_name="route_id", string="Rounds"
    )
    round_count = fields.Integer(compute="_compute_round_count")

    def _compute_round_count(self):
        counts = dict(
            self.env["property.patrol.round"]._read_group(
                [("route_id", "in", self.ids)], ["route_id"], ["__count"]
            )
        )
        for route in self:
            route.round_count = counts.get(route, 0)

    @api.constrains("interval_number")
    def _check_interval_number(self):
        for route in self:
            if route.interval_number <= 0:
                raise ValidationError(
                    self.env._("The route %s must repeat at an interval of at least 1.", route.name)
                )

    @api.constrains("checkpoint_ids", "estate_id")
    def _check_checkpoints(self):
        for route in self:
            if route.checkpoint_ids.estate_id - route.estate_id:
                raise ValidationError(
                    self.env._(
                        "Every checkpoint of the route %s must be in its estate.", route.name
                    )
                )

    def _prepare_round_values(self, date):
        self.ensure_one()
        return {"route_id": self.id, "date": date, "user_id": self.user_id.id}

    def action_create_round(self):
        self.ensure_one()
        patrol_round = self.env["property.patrol.round"].create(
            self._prepare_round_values(fields.Date.context_today(self))
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "property.patrol.round",
            "res_id": patrol_round.id,
            "view_mode": "form",
        }

    def action_view_rounds(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_maintenance.property_patrol_round_action"
        )
        action["domain"] = [("route_id", "=", self.id)]
        action["context"] = {"default_route_id": self.id}
        return action

    @api.model
    def _cron_create_rounds(self):
        """Daily: open the rounds of the routes due today (one per route and date)."""
        today = fields.Date.context_today(self)
        Round = self.env["property.patrol.round"]
        vals_by_lang = defaultdict(list)
        for route in self.search([("next_date", "<=", today), ("checkpoint_ids", "!=", False)]):
            if not Round.search_count([("route_id", "=", route.id), ("date", "=", today)]):
                # Their messages in the language of the route's company.
                lang = route.company_id._property_lang()
                vals_by_lang[lang].append(route._prepare_round_values(today))
            step = relativedelta(**{f"{route.interval_unit}s": route.interval_number})
            next_date = route.next_date
            while next_date <= today:
                next_date += step
            route.next_date = next_date
        rounds = Round
        for lang, vals_list in vals_by_lang.items():
            rounds |= Round.with_context(lang=lang).create(vals_list)
        return rounds
