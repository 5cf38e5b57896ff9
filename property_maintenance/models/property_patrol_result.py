from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# What field staff record on a check; the rest of a result is set by the round.
FIELD_WORK_FIELDS = {"result", "reading", "photo", "note"}


class PropertyPatrolResult(models.Model):
    _name = "property.patrol.result"
    _description = "Patrol Result"
    _inherit = ["property.input.mixin"]
    _order = "round_id, checkpoint_sequence, checkpoint_id, item_sequence, id"

    round_id = fields.Many2one(
        comodel_name="property.patrol.round",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="round_id.company_id", store=True)
    estate_id = fields.Many2one(related="round_id.estate_id", store=True)
    date = fields.Date(related="round_id.date", store=True)
    checkpoint_id = fields.Many2one(
        comodel_name="property.patrol.checkpoint",
        required=True,
        index=True,
        ondelete="restrict",
    )
    checkpoint_sequence = fields.Integer(
        string="Checkpoint Order", related="checkpoint_id.sequence", store=True
    )
    item_id = fields.Many2one(
        comodel_name="property.patrol.item",
        string="Check",
        required=True,
        ondelete="restrict",
        domain="[('checkpoint_id', '=', checkpoint_id)]",
    )
    item_sequence = fields.Integer(string="Check Order", related="item_id.sequence", store=True)
    item_type = fields.Selection(related="item_id.item_type")
    uom = fields.Char(related="item_id.uom")
    min_value = fields.Float(related="item_id.min_value")
    max_value = fields.Float(related="item_id.max_value")
    equipment_id = fields.Many2one(
        related="checkpoint_id.equipment_id", store=True, index="btree_not_null"
    )
    result = fields.Selection(
        selection=[("pending", "To Check"), ("ok", "OK"), ("not_ok", "Not OK")],
        default="pending",
        required=True,
    )
    reading = fields.Float(digits=(16, 3))
    photo = fields.Image(max_width=1024, max_height=1024)
    note = fields.Char()
    checked_at = fields.Datetime(readonly=True)
    request_id = fields.Many2one(
        comodel_name="maintenance.request", readonly=True, ondelete="set null"
    )

    @api.constrains("checkpoint_id", "item_id", "round_id")
    def _check_checkpoint_on_route(self):
        for result in self:
            route = result.round_id.route_id
            if result.checkpoint_id not in route.checkpoint_ids:
                raise ValidationError(
                    self.env._(
                        "The checkpoint %(checkpoint)s is not on the route %(route)s.",
                        checkpoint=result.checkpoint_id.name,
                        route=route.name,
                    )
                )
            if result.item_id.checkpoint_id != result.checkpoint_id:
                raise ValidationError(
                    self.env._(
                        "The check %(item)s does not belong to the checkpoint %(checkpoint)s.",
                        item=result.item_id.name,
                        checkpoint=result.checkpoint_id.name,
                    )
                )

    def _result_from_reading(self, reading):
        self.ensure_one()
        item = self.item_id
        return "ok" if item.min_value <= reading <= item.max_value else "not_ok"

    @api.model_create_multi
    def create(self, vals_list):
        results = super().create(vals_list)
        recorded = results.filtered(lambda r: r.result != "pending")
        for result, vals in zip(results, vals_list, strict=True):
            if "reading" in vals and result.item_type == "reading":
                result.result = result._result_from_reading(vals["reading"])
                recorded |= result
        recorded._on_recorded()
        return results

    def _check_field_work_write(self, vals):
        """Technicians (field staff without desk rights) record checks, they
        do not rearrange the round: only the result, reading, photo and note."""
        user = self.env.user
        if (
            self.env.su
            or not set(vals) - FIELD_WORK_FIELDS
            or not user.has_group("property_base.group_property_technician")
            or user.has_group("property_base.group_property_user")
        ):
            return
        raise AccessError(
            self.env._(
                "A technician records the result, reading, photo and note of a check; "
                "the other values of a patrol result are not theirs to change."
            )
        )

    def write(self, vals):
        self._check_field_work_write(vals)
        if self.round_id.filtered(lambda r: r.state == "done") and (
            {"result", "reading", "photo"} & set(vals)
        ):
            raise UserError(self.env._("The results of a finished round cannot be changed."))
        result = super().write(vals)
        if "reading" in vals:
            for record in self.filtered(lambda r: r.item_type == "reading"):
                super(PropertyPatrolResult, record).write(
                    {"result": record._result_from_reading(vals["reading"])}
                )
        if "photo" in vals and vals["photo"]:
            self.filtered(lambda r: r.item_type == "photo" and r.result == "pending").result = "ok"
        if {"result", "reading", "photo"} & set(vals):
            self._on_recorded()
        return result

    def _on_recorded(self):
        # The user has just recorded these results (write access checked);
        # the time of the check and the request an abnormal check raises are
        # the system's, which field staff may not write themselves.
        results = self.sudo()
        results.filtered(lambda r: not r.checked_at).checked_at = fields.Datetime.now()
        results.filtered(lambda r: r.result == "not_ok" and not r.request_id)._raise_requests()

    def _prepare_request_values(self):
        self.ensure_one()
        patrol_round = self.round_id
        detail = f"{self.item_id.name}"
        if self.item_type == "reading":
            detail += self.env._(
                ": %(reading)s %(uom)s (normal %(min)s–%(max)s)",
                reading=self.reading,
                uom=self.uom or "",
                min=self.min_value,
                max=self.max_value,
            )
        values = {
            "name": self.env._(
                "Patrol: %(checkpoint)s — %(detail)s",
                checkpoint=self.checkpoint_id.name,
                detail=detail,
            ),
            "description": self.note or False,
            "maintenance_type": "corrective",
            "source": "patrol",
            "priority": "2",
            "patrol_round_id": patrol_round.id,
            "patrol_result_id": self.id,
            "equipment_id": self.checkpoint_id.equipment_id.id,
            "estate_id": patrol_round.estate_id.id,
            "building_id": self.checkpoint_id.building_id.id,
            "company_id": patrol_round.company_id.id,
        }
        if patrol_round.route_id.team_id:
            values["maintenance_team_id"] = patrol_round.route_id.team_id.id
        return values

    def _raise_requests(self):
        """An abnormal result raises a corrective request at once."""
        if not self:
            return self.env["maintenance.request"]
        requests = self.env["maintenance.request"].create(
            [result._prepare_request_values() for result in self]
        )
        for result, request in zip(self, requests, strict=True):
            result.request_id = request
        return requests
