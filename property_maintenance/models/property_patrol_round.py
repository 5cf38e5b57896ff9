from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class PropertyPatrolRound(models.Model):
    _name = "property.patrol.round"
    _description = "Patrol Round"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    route_id = fields.Many2one(
        comodel_name="property.patrol.route",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    estate_id = fields.Many2one(related="route_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(
        related="route_id.company_id", store=True, index=True, precompute=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Patroller",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    state = fields.Selection(
        selection=[("open", "Open"), ("done", "Done")],
        default="open",
        required=True,
        tracking=True,
        copy=False,
    )
    done_at = fields.Datetime(readonly=True, copy=False)
    result_ids = fields.One2many(
        comodel_name="property.patrol.result", inverse_name="round_id", string="Results"
    )
    request_ids = fields.One2many(
        comodel_name="maintenance.request",
        inverse_name="patrol_round_id",
        string="Requests Raised",
    )
    pending_count = fields.Integer(compute="_compute_counts")
    abnormal_count = fields.Integer(compute="_compute_counts")
    request_count = fields.Integer(compute="_compute_counts")

    @api.depends("route_id.name", "date")
    def _compute_name(self):
        for patrol_round in self:
            patrol_round.name = f"{patrol_round.route_id.name or ''} {patrol_round.date or ''}"

    @api.depends("result_ids.result", "request_ids")
    def _compute_counts(self):
        for patrol_round in self:
            results = patrol_round.result_ids
            patrol_round.pending_count = len(results.filtered(lambda r: r.result == "pending"))
            patrol_round.abnormal_count = len(results.filtered(lambda r: r.result == "not_ok"))
            patrol_round.request_count = len(patrol_round.request_ids)

    @api.model_create_multi
    def create(self, vals_list):
        rounds = super().create(vals_list)
        result_values = [
            {"round_id": patrol_round.id, "checkpoint_id": checkpoint.id, "item_id": item.id}
            for patrol_round in rounds
            if not patrol_round.result_ids
            for checkpoint in patrol_round.route_id.checkpoint_ids
            for item in checkpoint.item_ids
        ]
        self.env["property.patrol.result"].create(result_values)
        return rounds

    def write(self, vals):
        user = self.env.user
        if (
            not self.env.su
            and set(vals) - {"result_ids"}
            and user.has_group("property_base.group_property_technician")
            and not user.has_group("property_base.group_property_user")
        ):
            raise AccessError(
                self.env._(
                    "A technician records the results of a round and finishes it; "
                    "the route, date and patroller are set by the patrol office."
                )
            )
        return super().write(vals)

    def action_done(self):
        self.check_access("write")
        for patrol_round in self:
            if patrol_round.state == "done":
                raise UserError(self.env._("The round %s is already done.", patrol_round.name))
            if patrol_round.pending_count:
                raise UserError(
                    self.env._(
                        "The round %(round)s still has %(count)s checks without a result.",
                        round=patrol_round.name,
                        count=patrol_round.pending_count,
                    )
                )
        # Access checked above: the patroller may finish his round, whose
        # state and time are otherwise not his to write.
        self.sudo().write({"state": "done", "done_at": fields.Datetime.now()})

    def action_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "maintenance.hr_equipment_request_action"
        )
        action["domain"] = [("patrol_round_id", "=", self.id)]
        action["context"] = {}
        return action
