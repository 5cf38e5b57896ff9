from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertySurveyInvitation(models.Model):
    """The invitation of one unit (or one person) to a satisfaction survey,
    with the survey answer it is to be given in: one answer each."""

    _name = "property.survey.invitation"
    _description = "Survey Invitation"
    _order = "campaign_id, estate_id, building_id, unit_id, id"
    _rec_name = "partner_id"

    campaign_id = fields.Many2one(
        comodel_name="property.survey.campaign", required=True, index=True, ondelete="cascade"
    )
    answer_per = fields.Selection(related="campaign_id.answer_per", store=True)
    audience = fields.Selection(related="campaign_id.audience", store=True)
    unit_id = fields.Many2one(
        comodel_name="property.unit", required=True, index=True, ondelete="cascade"
    )
    estate_id = fields.Many2one(related="unit_id.estate_id", store=True, index=True)
    building_id = fields.Many2one(related="unit_id.building_id", store=True, index=True)
    company_id = fields.Many2one(related="unit_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Invited", required=True, index=True, ondelete="cascade"
    )
    user_input_id = fields.Many2one(
        comodel_name="survey.user_input", string="Answer", readonly=True, ondelete="set null"
    )
    answered = fields.Boolean(compute="_compute_answered", store=True, index=True)
    answered_percent = fields.Integer(
        string="Response Rate (%)",
        compute="_compute_answered",
        store=True,
        aggregator="avg",
        help="100 when answered, else 0: its average is the response rate.",
    )
    date_answered = fields.Datetime(related="user_input_id.end_datetime", string="Answered On")
    date_reminded = fields.Datetime(string="Last Reminder", readonly=True)
    reminder_count = fields.Integer(string="Reminders", readonly=True)

    _campaign_unit_uniq = models.UniqueIndex(
        "(campaign_id, unit_id) WHERE answer_per = 'unit'",
        "A unit is invited once to a survey answered per unit.",
    )
    _campaign_partner_uniq = models.UniqueIndex(
        "(campaign_id, partner_id) WHERE answer_per = 'person'",
        "A person is invited once to a survey answered per person.",
    )

    @api.depends("user_input_id.state")
    def _compute_answered(self):
        for invitation in self:
            invitation.answered = invitation.user_input_id.state == "done"
            invitation.answered_percent = 100 if invitation.answered else 0

    @api.constrains("campaign_id", "unit_id", "partner_id")
    def _check_unique(self):
        for invitation in self:
            domain = [("campaign_id", "=", invitation.campaign_id.id), ("id", "!=", invitation.id)]
            if invitation.answer_per == "unit":
                domain.append(("unit_id", "=", invitation.unit_id.id))
            else:
                domain.append(("partner_id", "=", invitation.partner_id.id))
            if self.sudo().search_count(domain):
                raise ValidationError(
                    self.env._(
                        "%(who)s is invited to “%(survey)s” already: one answer each.",
                        who=invitation.unit_id.display_name
                        if invitation.answer_per == "unit"
                        else invitation.partner_id.name,
                        survey=invitation.campaign_id.name,
                    )
                )

    def _create_answers(self):
        """One survey answer per invitation, with its invitation token (the
        questionnaire takes one attempt per token)."""
        UserInput = self.env["survey.user_input"]
        for invitation in self:
            survey = invitation.campaign_id.survey_id
            invitation.user_input_id = survey.sudo()._create_answer(
                partner=invitation.partner_id,
                check_attempts=False,
                invite_token=UserInput._generate_invite_token(),
                deadline=invitation.campaign_id.deadline,
                property_invitation_id=invitation.id,
            )

    def _get_answer_url(self):
        self.ensure_one()
        return self.campaign_id.get_base_url() + f"/my/surveys/{self.id}"

    def _send_mail(self, template_xmlid):
        template = self.env.ref(template_xmlid)
        for invitation in self.filtered(lambda inv: inv.partner_id.email):
            template.send_mail(invitation.id, email_layout_xmlid="mail.mail_notification_light")
