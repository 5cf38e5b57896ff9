from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.tools import plaintext2html

from .property_handover_checklist_item import ITEM_CATEGORIES

DEFECT_STATES = [
    ("open", "Open"),
    ("rectifying", "Rectifying"),
    ("reinspection", "Re-inspection"),
    ("closed", "Closed"),
]


class PropertyHandoverDefect(models.Model):
    """A defect found at takeover or at a unit delivery, sent to the party
    responsible for its rectification (整改) and re-inspected before closing."""

    _name = "property.handover.defect"
    _description = "Handover Defect"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "is_overdue desc, deadline, id desc"

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    state = fields.Selection(
        selection=DEFECT_STATES,
        string="Status",
        required=True,
        default="open",
        tracking=True,
        index=True,
        copy=False,
    )
    project_id = fields.Many2one(
        comodel_name="property.handover.project",
        string="Takeover",
        index=True,
        ondelete="cascade",
    )
    line_id = fields.Many2one(
        comodel_name="property.handover.line",
        string="Inspection Line",
        index="btree_not_null",
        ondelete="set null",
    )
    delivery_id = fields.Many2one(
        comodel_name="property.handover.delivery",
        string="Unit Delivery",
        index="btree_not_null",
        ondelete="cascade",
    )
    delivery_line_id = fields.Many2one(
        comodel_name="property.handover.delivery.line",
        string="Delivery Check",
        index="btree_not_null",
        ondelete="set null",
    )
    estate_id = fields.Many2one(
        comodel_name="property.estate", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, index=True, precompute=True
    )
    building_id = fields.Many2one(comodel_name="property.building", index="btree_not_null")
    unit_id = fields.Many2one(comodel_name="property.unit", index="btree_not_null")
    item_id = fields.Many2one(
        comodel_name="property.handover.checklist.item", string="Checklist Item"
    )
    category = fields.Selection(selection=ITEM_CATEGORIES, default="other")
    is_critical = fields.Boolean(string="Critical", tracking=True)
    description = fields.Text(required=True)
    responsible_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Responsible Party",
        tracking=True,
        help="Developer (建设单位) or contractor who rectifies the defect.",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Followed up by",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    date_reported = fields.Date(
        string="Reported on", required=True, default=fields.Date.context_today, readonly=True
    )
    deadline = fields.Date(required=True, tracking=True)
    date_closed = fields.Date(string="Closed on", readonly=True, copy=False)
    is_overdue = fields.Boolean(
        string="Overdue",
        readonly=True,
        copy=False,
        index=True,
        help="Flagged by the daily check when the deadline passed before rectification.",
    )
    rectification_note = fields.Text(string="Rectification")
    photo_ids = fields.Many2many(
        comodel_name="ir.attachment",
        relation="property_handover_defect_attachment_rel",
        column1="defect_id",
        column2="attachment_id",
        string="Photos",
    )

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Repair Ticket",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="Repair ticket of a defect the owner found at the unit delivery.",
    )
    ticket_number = fields.Char(related="ticket_id.number", string="Ticket Number")
    ticket_stage_id = fields.Many2one(related="ticket_id.stage_id", string="Ticket Stage")

    @api.constrains("deadline", "date_reported")
    def _check_deadline(self):
        for defect in self:
            if defect.deadline and defect.deadline < defect.date_reported:
                raise ValidationError(
                    self.env._(
                        "The rectification deadline of %(defect)s (%(deadline)s) cannot be "
                        "before the day it was reported (%(reported)s).",
                        defect=defect.name,
                        deadline=defect.deadline,
                        reported=defect.date_reported,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name") in (None, False, "/", self.env._("New")):
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("property.handover.defect") or "/"
                )
        defects = super().create(vals_list)
        defects.filtered(lambda d: d.delivery_id and not d.ticket_id)._create_repair_tickets()
        return defects

    def write(self, vals):
        if "deadline" in vals:
            new_deadline = fields.Date.to_date(vals["deadline"])
            if new_deadline and new_deadline >= fields.Date.context_today(self):
                vals = {**vals, "is_overdue": False}
        return super().write(vals)

    # ------------------------------------------------------------
    # Repair tickets (property_helpdesk)
    # ------------------------------------------------------------

    def _prepare_repair_ticket_values(self):
        self.ensure_one()
        delivery = self.delivery_id
        return {
            "name": self.env._(
                "Delivery defect %(defect)s: %(item)s",
                defect=self.name,
                item=self.item_id.name or self.description,
            ),
            "description": plaintext2html(self.description),
            "ticket_kind": "repair",
            "location_type": "unit",
            "estate_id": self.estate_id.id,
            "unit_id": self.unit_id.id,
            "partner_id": delivery.partner_id.id,
            "location_note": self.item_id.name,
            "photo_ids": [Command.set(self.photo_ids.ids)],
        }

    def _create_repair_tickets(self):
        """A defect the owner finds at delivery becomes a repair ticket of
        property_helpdesk, linked back. The ticket is created by the system:
        neither the owner on the portal nor the desk clerk needs helpdesk
        rights for it, and the owner may not be registered yet."""
        defects = self.filtered(lambda d: d.unit_id and not d.ticket_id)
        if not defects:
            return self.env["helpdesk.ticket"]
        tickets = (
            self.env["helpdesk.ticket"]
            .with_user(SUPERUSER_ID)
            .create([defect._prepare_repair_ticket_values() for defect in defects])
        )
        for defect, ticket in zip(defects, tickets, strict=True):
            defect.ticket_id = ticket.id
        return tickets

    def action_view_ticket(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": self.ticket_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------
    # Lifecycle: open → rectifying → re-inspection → closed (or back)
    # ------------------------------------------------------------

    def _check_state(self, states, action):
        for defect in self:
            if defect.state not in states:
                raise UserError(
                    self.env._(
                        "Defect %(defect)s cannot be %(action)s in status %(state)s.",
                        defect=defect.name,
                        action=action,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            defect.state
                        ],
                    )
                )

    def action_start_rectification(self):
        self._check_state(("open",), self.env._("sent for rectification"))
        for defect in self:
            if not defect.responsible_partner_id:
                raise UserError(
                    self.env._(
                        "Set the responsible party of defect %(defect)s first.",
                        defect=defect.name,
                    )
                )
        self.write({"state": "rectifying"})
        return True

    def action_request_reinspection(self):
        self._check_state(("open", "rectifying"), self.env._("re-inspected"))
        self.write({"state": "reinspection"})
        return True

    def action_accept(self):
        """The re-inspection passes: the defect is closed and its inspection
        line passes."""
        self._check_state(("reinspection",), self.env._("closed"))
        self.write(
            {"state": "closed", "date_closed": fields.Date.context_today(self), "is_overdue": False}
        )
        self.line_id.filtered(lambda line: line.result == "fail").with_context(
            handover_defect_closing=True
        ).write({"result": "pass"})
        self.delivery_line_id.filtered(lambda line: line.result == "fail").with_context(
            handover_defect_closing=True
        ).write({"result": "pass"})
        return True

    def action_reject(self):
        """The re-inspection fails: back to the responsible party."""
        self._check_state(("reinspection",), self.env._("rejected"))
        self.write({"state": "rectifying"})
        for defect in self:
            defect.message_post(
                body=self.env._("Re-inspection failed: the defect goes back to rectification.")
            )
        return True

    # ------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------

    def _get_escalation_user(self):
        self.ensure_one()
        return (
            self.project_id.manager_id
            or self.delivery_id.user_id
            or self.estate_id.manager_id
            or self.user_id
        )

    @api.model
    def _cron_flag_overdue_defects(self):
        """Flag the defects whose deadline passed before rectification and
        escalate each one with an activity for the project manager."""
        today = fields.Date.context_today(self)
        defects = self.search(
            Domain("state", "in", ("open", "rectifying"))
            & Domain("deadline", "<", today)
            & Domain("is_overdue", "=", False)
        )
        if not defects:
            return
        defects.write({"is_overdue": True})
        for part in self.env["res.company"]._property_split_by_lang(defects):
            part._escalate_overdue(today)

    def _escalate_overdue(self, today):
        """An activity for the project manager of each defect of ``self``,
        or a note when nobody is in charge."""
        activity_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        for defect in self:
            user = defect._get_escalation_user()
            summary = self.env._("Overdue rectification: %(defect)s", defect=defect.name)
            note = self.env._(
                "The deadline %(deadline)s has passed and %(party)s has not rectified it yet.",
                deadline=defect.deadline,
                party=defect.responsible_partner_id.name or self.env._("nobody"),
            )
            if user and activity_type:
                defect.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=summary,
                    note=note,
                    user_id=user.id,
                    date_deadline=today,
                )
            else:
                defect.message_post(body=note)
