from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from .ticket_constants import (
    ACTIVE_STATES,
    CRON_BATCH,
    DEFAULT_AUTO_CLOSE_DAYS,
    OPEN_STATES,
)


class HelpdeskTicket(models.Model):
    """Service steps of a ticket: the state machine over the helpdesk stages,
    the quality check, the owner's confirmation or reopening, the rating, and
    the closing of tickets nobody answers."""

    _inherit = "helpdesk.ticket"

    work_done_date = fields.Datetime(string="Work Done On", readonly=True, copy=False)
    quality_check_required = fields.Boolean(
        string="Quality Check",
        compute="_compute_quality_check_required",
        store=True,
        readonly=False,
    )
    qc_state = fields.Selection(
        selection=[("pending", "To Check"), ("passed", "Passed"), ("failed", "Failed")],
        string="Quality Check Result",
        readonly=True,
        copy=False,
        tracking=True,
    )
    qc_user_id = fields.Many2one(
        comodel_name="res.users", string="Checked By", readonly=True, copy=False
    )
    qc_date = fields.Datetime(string="Checked On", readonly=True, copy=False)
    qc_note = fields.Text(string="Quality Check Notes", copy=False)
    awaiting_confirmation_since = fields.Datetime(readonly=True, copy=False)
    closing_mode = fields.Selection(
        selection=[
            ("owner", "Confirmed by the owner"),
            ("desk", "Closed by the desk"),
            ("auto", "Closed automatically"),
        ],
        readonly=True,
        copy=False,
        tracking=True,
    )
    reopen_count = fields.Integer(readonly=True, copy=False)
    reopen_reason = fields.Text(string="Last Reopen Reason", readonly=True, copy=False)
    first_closed_date = fields.Datetime(
        string="First Closed On",
        readonly=True,
        copy=False,
        help="When the ticket was closed for the first time (it keeps this date when reopened).",
    )
    reopened_date = fields.Datetime(
        string="Reopened On",
        readonly=True,
        copy=False,
        help="The last time the ticket, once closed, was sent back to work.",
    )

    owner_rating = fields.Selection(
        selection=[
            ("1", "Very dissatisfied"),
            ("2", "Dissatisfied"),
            ("3", "Neutral"),
            ("4", "Satisfied"),
            ("5", "Very satisfied"),
        ],
        string="Owner Rating",
        readonly=True,
        copy=False,
        tracking=True,
    )
    owner_rating_comment = fields.Text(string="Rating Comment", readonly=True, copy=False)
    owner_rating_date = fields.Datetime(string="Rated On", readonly=True, copy=False)

    @api.depends("category_id")
    def _compute_quality_check_required(self):
        for ticket in self:
            ticket.quality_check_required = ticket.category_id.quality_check_required

    # ------------------------------------------------------------------
    # Service steps
    # ------------------------------------------------------------------
    def _on_property_state_change(self, old_state, now):
        """React to the ticket entering another service step (by a button or
        by a drag in the kanban)."""
        self.ensure_one()
        new_state = self.property_state
        if old_state == "closed" and new_state != "cancelled":
            # Reopened: by the owner or the desk, or by a drag in the kanban.
            self.sudo().reopened_date = now
        if new_state == "closed" and not self.first_closed_date:
            self.sudo().first_closed_date = now
        if old_state == "waiting":
            self._sla_resume(now)
        if new_state not in ("new", "cancelled"):
            self._stamp_first_response(now)
        if new_state == "waiting":
            self._sla_pause(now)
        elif new_state in ("done", "closed") and not self.work_done_date:
            self._stamp_work_done(now)
        if new_state == "done":
            if self.quality_check_required:
                self.sudo().write({"qc_state": "pending", "awaiting_confirmation_since": False})
            else:
                self.sudo().awaiting_confirmation_since = now
        elif new_state == "closed":
            if not self.closing_mode:
                self.sudo().closing_mode = "desk"
            self.sudo().awaiting_confirmation_since = False
            if self.follow_up_required and not self.follow_up_state:
                self._schedule_follow_up()
        elif new_state == "progress" and old_state in ("done", "closed"):
            # Back to work: the deadlines stay, and the time since the work was
            # reported done counts (it was not done).
            self.sudo().write(
                {
                    "work_done_date": False,
                    "awaiting_confirmation_since": False,
                    "closing_mode": False,
                    "closed_date": False,
                }
            )

    def _get_property_stage(self, state):
        self.ensure_one()
        stages = self.team_id._get_applicable_stages().filtered(
            lambda s: s.property_state == state and s.active
        )
        if not stages:
            raise UserError(
                self.env._(
                    "No stage of team %(team)s stands for the step '%(step)s'.",
                    team=self.team_id.display_name or "-",
                    step=dict(
                        self.env["helpdesk.ticket.stage"]
                        ._fields["property_state"]
                        ._description_selection(self.env)
                    )[state],
                )
            )
        return stages[0]

    def _move_to_state(self, state):
        for ticket in self:
            ticket.stage_id = ticket._get_property_stage(state)

    def action_start_work(self):
        self._check_states(
            ("new", "waiting"), self.env._("Only a new or waiting ticket can be started.")
        )
        self._move_to_state("progress")

    def action_wait_owner(self):
        self._check_states(ACTIVE_STATES, self.env._("Only an open ticket can wait on the owner."))
        self._move_to_state("waiting")

    def action_resume(self):
        self._check_states(("waiting",), self.env._("The ticket is not waiting on the owner."))
        self._move_to_state("progress")

    def action_work_done(self):
        self._check_states(OPEN_STATES, self.env._("Only an open ticket can be finished."))
        for ticket in self:
            if (
                ticket.ticket_kind in ("repair", "complaint")
                and not (ticket.work_description or "").strip()
            ):
                raise UserError(
                    self.env._(
                        "Describe the work done on %(ticket)s before finishing it.",
                        ticket=ticket.display_name,
                    )
                )
        self._move_to_state("done")

    def action_quality_pass(self):
        self._check_desk_action()
        self._check_quality_check_pending()
        now = fields.Datetime.now()
        self.sudo().write(
            {
                "qc_state": "passed",
                "qc_user_id": self.env.user.id,
                "qc_date": now,
                "awaiting_confirmation_since": now,
            }
        )
        for ticket in self:
            ticket.message_post(
                body=self.env._("Quality check passed by %(user)s.", user=self.env.user.name),
                subtype_xmlid="mail.mt_note",
            )

    def _quality_fail(self, reason):
        self._check_desk_action()
        self._check_quality_check_pending()
        self.sudo().write(
            {
                "qc_state": "failed",
                "qc_user_id": self.env.user.id,
                "qc_date": fields.Datetime.now(),
                "qc_note": reason,
            }
        )
        for ticket in self:
            ticket.message_post(
                body=self.env._("Quality check failed: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )
        self._move_to_state("progress")

    def _check_quality_check_pending(self):
        for ticket in self:
            if ticket.property_state != "done" or ticket.qc_state != "pending":
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s has no work waiting for a quality check.",
                        ticket=ticket.display_name,
                    )
                )

    def _check_states(self, states, message):
        for ticket in self:
            if ticket.property_state not in states:
                raise UserError(message)

    def _check_can_confirm(self):
        for ticket in self:
            if ticket.property_state != "done":
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s cannot be confirmed: its work is not done yet.",
                        ticket=ticket.display_name,
                    )
                )
            if ticket.quality_check_required and ticket.qc_state != "passed":
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s cannot be confirmed before its quality check passed.",
                        ticket=ticket.display_name,
                    )
                )

    def action_owner_confirm(self, mode="owner"):
        """The owner (on the portal, or the desk on their behalf) accepts the work."""
        self._check_desk_action()
        self._check_can_confirm()
        self.sudo().closing_mode = mode
        for ticket in self:
            ticket.sudo()._move_to_state("closed")
            if mode == "owner":
                ticket.sudo().message_post(
                    body=self.env._("The owner confirmed the work."),
                    author_id=self.env.user.partner_id.id,
                    subtype_xmlid="mail.mt_note",
                )

    def action_desk_confirm(self):
        return self.action_owner_confirm(mode="desk")

    def _reopen(self, reason, by_owner=False):
        """Send the work back: the owner is not satisfied with it. The owner
        (``by_owner``, on the portal) reopens a closed ticket only within the
        company's window; the desk at any time."""
        self._check_desk_action()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the ticket is reopened."))
        for ticket in self:
            if ticket.property_state not in ("done", "closed"):
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s cannot be reopened: its work is not done.",
                        ticket=ticket.display_name,
                    )
                )
            if by_owner:
                ticket._check_reopen_window()
        for ticket in self:
            ticket.sudo().write({"reopen_count": ticket.reopen_count + 1, "reopen_reason": reason})
            ticket.sudo()._move_to_state("progress")
            ticket.sudo().message_post(
                body=self.env._("Reopened: %(reason)s", reason=reason),
                author_id=self.env.user.partner_id.id,
                subtype_xmlid="mail.mt_comment",
            )

    def _is_reopen_window_over(self):
        """Whether the ticket was closed longer ago than the company lets an
        owner reopen it."""
        self.ensure_one()
        days = self.company_id.property_helpdesk_reopen_days
        return bool(
            days > 0
            and self.property_state == "closed"
            and self.closed_date
            and self.closed_date < fields.Datetime.now() - timedelta(days=days)
        )

    def _check_reopen_window(self):
        """An owner reopens a closed ticket only within the company's window."""
        self.ensure_one()
        if self._is_reopen_window_over():
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s was closed more than %(days)s days ago: it cannot be "
                    "reopened any more. Please report a new request.",
                    ticket=self.display_name,
                    days=self.company_id.property_helpdesk_reopen_days,
                )
            )

    def _rate(self, rating, comment=None):
        if str(rating) not in {"1", "2", "3", "4", "5"}:
            raise UserError(self.env._("A rating is a whole number from 1 to 5."))
        for ticket in self:
            if ticket.property_state != "closed":
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s can be rated once it is closed.",
                        ticket=ticket.display_name,
                    )
                )
            if ticket.owner_rating:
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s is already rated: a service is rated once.",
                        ticket=ticket.display_name,
                    )
                )
        self.sudo().write(
            {
                "owner_rating": str(rating),
                "owner_rating_comment": (comment or "").strip() or False,
                "owner_rating_date": fields.Datetime.now(),
            }
        )

    # ------------------------------------------------------------------
    # Crons
    # ------------------------------------------------------------------
    @api.model
    def _commit_cron_progress(self, processed, remaining=None):
        """Commit a batch when run by the scheduler; called directly (tests,
        benchmarks, shell) the caller owns the transaction."""
        if self.env.context.get("ir_cron_progress_id"):
            self.env["ir.cron"]._commit_progress(processed, remaining=remaining)
        self.env.invalidate_all()

    @api.model
    def _get_auto_close_days(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("property_helpdesk.auto_close_days", DEFAULT_AUTO_CLOSE_DAYS)
        )
        return int(value)

    @api.model
    def _cron_auto_close_done_tickets(self, batch_size=CRON_BATCH):
        """Close the tickets whose work the owner neither confirmed nor
        contested within the configured number of days."""
        days = self._get_auto_close_days()
        if days <= 0:
            return 0
        limit_date = fields.Datetime.now() - timedelta(days=days)
        domain = Domain("property_state", "=", "done") & Domain(
            "awaiting_confirmation_since", "<=", limit_date
        )
        done = 0
        while tickets := self.search(domain, order="id", limit=batch_size):
            tickets.sudo().write({"closing_mode": "auto"})
            for ticket in tickets:
                ticket._move_to_state("closed")
            for part in self.env["res.company"]._property_split_by_lang(tickets):
                part.sudo()._message_log_batch(
                    bodies=dict.fromkeys(
                        part.ids,
                        part.env._(
                            "Closed automatically: the owner did not answer within %(days)s days.",
                            days=days,
                        ),
                    )
                )
            done += len(tickets)
            self._commit_cron_progress(len(tickets))
        return done
