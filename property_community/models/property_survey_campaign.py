from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

AUDIENCES = [
    ("owners", "Owners only"),
    ("residents", "Residents only"),
    ("both", "Owners and Residents"),
]

ANSWER_PER = [
    ("unit", "One answer per unit"),
    ("person", "One answer per person"),
]

CAMPAIGN_STATES = [
    ("draft", "Draft"),
    ("running", "Running"),
    ("closed", "Closed"),
]


class PropertySurveyCampaign(models.Model):
    """A satisfaction survey (满意度调查) sent to the owners and/or residents
    of estates or buildings, with Odoo's ``survey``: one invitation, and one
    answer, per unit or per person (``property.survey.invitation``), invited
    by mail and on the portal, reminded until they answer."""

    _name = "property.survey.campaign"
    _description = "Satisfaction Survey"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.input.mixin"]
    _order = "date_start desc, id desc"
    _launch_batch_size = 1000

    name = fields.Char(required=True, size=200, tracking=True)
    survey_id = fields.Many2one(
        comodel_name="survey.survey",
        string="Questionnaire",
        required=True,
        ondelete="restrict",
        tracking=True,
    )
    overall_question_id = fields.Many2one(
        comodel_name="survey.question",
        string="Overall Satisfaction Question",
        domain="[('survey_id', '=', survey_id), ('question_type', '=', 'scale')]",
        help="The scale question whose answers make the overall satisfaction of the "
        "dashboard: satisfied are the two best marks of the scale.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, default=lambda self: self.env.company, index=True
    )
    estate_ids = fields.Many2many(
        comodel_name="property.estate",
        string="Estates",
        required=True,
        domain="[('company_id', '=', company_id)]",
    )
    building_ids = fields.Many2many(
        comodel_name="property.building",
        string="Buildings",
        domain="[('estate_id', 'in', estate_ids)]",
        help="Only these buildings of the estates; leave empty for every unit of the estates.",
    )
    audience = fields.Selection(selection=AUDIENCES, required=True, default="owners")
    answer_per = fields.Selection(
        selection=ANSWER_PER, string="Answers", required=True, default="unit"
    )
    state = fields.Selection(
        selection=CAMPAIGN_STATES,
        string="Status",
        required=True,
        default="draft",
        copy=False,
        tracking=True,
    )
    date_start = fields.Date(string="Start", required=True, default=fields.Date.context_today)
    deadline = fields.Datetime(required=True, tracking=True)
    reminder_days = fields.Integer(
        string="Remind Every (days)",
        default=7,
        help="Days between two reminders to those who have not answered; 0: no reminder.",
    )
    invitation_ids = fields.One2many(
        comodel_name="property.survey.invitation", inverse_name="campaign_id", string="Invitations"
    )
    invited_count = fields.Integer(compute="_compute_counts", string="Invited")
    answered_count = fields.Integer(compute="_compute_counts", string="Answered")
    response_rate = fields.Float(
        compute="_compute_counts", string="Response Rate (%)", digits=(5, 1)
    )

    def _compute_counts(self):
        groups = self.env["property.survey.invitation"]._read_group(
            [("campaign_id", "in", self.ids)], ["campaign_id", "answered"], ["__count"]
        )
        counts = {}
        for campaign, answered, count in groups:
            invited, done = counts.get(campaign, (0, 0))
            counts[campaign] = (invited + count, done + (count if answered else 0))
        for campaign in self:
            invited, done = counts.get(campaign, (0, 0))
            campaign.invited_count = invited
            campaign.answered_count = done
            campaign.response_rate = 100.0 * done / invited if invited else 0.0

    @api.constrains("estate_ids", "building_ids", "company_id")
    def _check_scope(self):
        for campaign in self:
            if campaign.building_ids.estate_id - campaign.estate_ids:
                raise ValidationError(
                    self.env._("The buildings of a survey must belong to its estates.")
                )
            if campaign.estate_ids.company_id - campaign.company_id:
                raise ValidationError(
                    self.env._("The estates of a survey must belong to its company.")
                )

    @api.onchange("survey_id")
    def _onchange_survey_id(self):
        scales = self.survey_id.question_ids.filtered(lambda q: q.question_type == "scale")
        self.overall_question_id = scales[:1]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft(self):
        if any(campaign.state != "draft" for campaign in self):
            raise UserError(self.env._("Only a draft survey can be deleted."))

    # ------------------------------------------------------------
    # Targets
    # ------------------------------------------------------------

    def _get_target_units(self):
        self.ensure_one()
        domain = Domain("estate_id", "in", self.estate_ids.ids)
        if self.building_ids:
            domain &= Domain("building_id", "in", self.building_ids.ids)
        return self.env["property.unit"].search(domain)

    def _get_unit_people(self, unit):
        """The owners and/or residents of ``unit`` today, by the audience:
        owners first (the payer first), then residents."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        people = self.env["res.partner"]
        if self.audience in ("owners", "both"):
            payer = unit._get_payer_at(today)
            people |= payer | unit._get_owners_at(today)
        if self.audience in ("residents", "both"):
            people |= unit._get_residents_at(today)
        return people

    def _get_targets(self):
        """(unit, partner) of each invitation: per unit, the unit and the
        first of its people; per person, each person once, with the first of
        his units."""
        self.ensure_one()
        targets = []
        seen = set()
        for unit in self._get_target_units():
            people = self._get_unit_people(unit)
            if not people:
                continue
            if self.answer_per == "unit":
                targets.append((unit, people[0]))
                continue
            for partner in people:
                if partner.id not in seen:
                    seen.add(partner.id)
                    targets.append((unit, partner))
        return targets

    def _prepare_invitation_values(self, unit, partner):
        return {"campaign_id": self.id, "unit_id": unit.id, "partner_id": partner.id}

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_launch(self):
        """Invite every target: an invitation and its survey answer each, and
        the invitation mail to those with an e-mail address.

        Done in batches of ``_launch_batch_size`` targets: the invitations and
        their answers are created in one go each, and the mails are rendered
        for the whole batch and queued (the mail queue sends them), never sent
        while the survey is being launched."""
        Invitation = self.env["property.survey.invitation"]
        for campaign in self:
            if campaign.state != "draft":
                raise UserError(self.env._("Only a draft survey can be launched."))
            if campaign.deadline <= fields.Datetime.now():
                raise UserError(self.env._("The deadline of the survey has passed already."))
            targets = campaign._get_targets()
            if not targets:
                raise UserError(
                    self.env._("Nobody to invite: the estates have no %s today.", campaign.audience)
                )
            campaign.state = "running"
            size = self._launch_batch_size
            for start in range(0, len(targets), size):
                invitations = Invitation.create(
                    [
                        campaign._prepare_invitation_values(unit, partner)
                        for unit, partner in targets[start : start + size]
                    ]
                )
                invitations._create_answers()
                invitations._send_mail("property_community.mail_template_survey_invitation")
                # Written: the next batch starts from an empty cache (flat memory).
                self.env.invalidate_all(flush=True)
        return True

    def action_send_reminders(self):
        """Remind those who have not answered yet (and were not reminded in
        the last ``reminder_days`` days)."""
        reminded = self.env["property.survey.invitation"]
        now = fields.Datetime.now()
        for campaign in self:
            if campaign.state != "running":
                raise UserError(self.env._("Only a running survey sends reminders."))
            if campaign.deadline <= now:
                continue
            since = now - timedelta(days=max(campaign.reminder_days, 0))
            due = campaign.invitation_ids.filtered(
                lambda inv, since=since: not inv.answered
                and (not inv.date_reminded or inv.date_reminded <= since)
            )
            reminded |= due
        reminded._send_mail("property_community.mail_template_survey_reminder")
        reminded.write({"date_reminded": now})
        for invitation in reminded:
            invitation.reminder_count += 1
        return len(reminded)

    def action_close(self):
        for campaign in self:
            if campaign.state != "running":
                raise UserError(self.env._("Only a running survey can be closed."))
        self.write({"state": "closed"})
        # Unanswered invitations can no longer be answered.
        self.invitation_ids.filtered(lambda inv: not inv.answered).user_input_id.sudo().write(
            {"deadline": fields.Datetime.now()}
        )
        return True

    def action_view_invitations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_community.property_survey_invitation_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        return action

    def action_view_results(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_community.property_survey_answer_report_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        return action

    @api.model
    def _cron_send_reminders(self):
        """Daily: remind the non-respondents of the running surveys, and close
        the surveys past their deadline, in each company's language."""
        now = fields.Datetime.now()
        running = self.search([("state", "=", "running")])
        for part in self.env["res.company"]._property_split_by_lang(running):
            past = part.filtered(lambda campaign: campaign.deadline <= now)
            past.action_close()
            reminding = (part - past).filtered(lambda campaign: campaign.reminder_days > 0)
            reminding.action_send_reminders()
        return True
