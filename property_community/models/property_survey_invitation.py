from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


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
        """One invitation per unit (or per person) of a campaign: one grouped
        query for all the invitations being written."""
        for answer_per, key in (("unit", "unit_id"), ("person", "partner_id")):
            campaigns = self.campaign_id.filtered(
                lambda campaign, answer_per=answer_per: campaign.answer_per == answer_per
            )
            if not campaigns:
                continue
            invitations = self.filtered(
                lambda inv, campaigns=campaigns: inv.campaign_id in campaigns
            )
            # Not on the stored answer_per: the partial unique indexes would
            # refuse the flush before this clear message is given.
            twice = self.sudo()._read_group(
                Domain("campaign_id", "in", campaigns.ids)
                & Domain(key, "in", invitations[key].ids),
                ["campaign_id", key],
                having=[("__count", ">", 1)],
                limit=1,
            )
            if twice:
                campaign, target = twice[0]
                raise ValidationError(
                    self.env._(
                        "%(who)s is invited to “%(survey)s” already: one answer each.",
                        who=target.display_name if answer_per == "unit" else target.name,
                        survey=campaign.name,
                    )
                )

    def _create_answers(self):
        """One survey answer per invitation, with its invitation token (the
        questionnaire takes one attempt per token): the answers of all the
        invitations created at once, with the values and checks of
        ``survey.survey._create_answer``."""
        UserInput = self.env["survey.user_input"]
        vals_list = []
        for invitation in self:
            survey = invitation.campaign_id.survey_id.sudo()
            partner = invitation.partner_id
            user = partner.user_ids[:1]
            token = UserInput._generate_invite_token()
            survey._check_answer_creation(
                user, partner, False, check_attempts=False, invite_token=token
            )
            person = user.partner_id if user and not user._is_public() else partner
            vals = {
                "survey_id": survey.id,
                "test_entry": False,
                "is_session_answer": survey.session_state in ("ready", "in_progress"),
                "partner_id": person.id,
                "email": person.email,
                "nickname": person.name,
                "invite_token": token,
                "deadline": invitation.campaign_id.deadline,
                "property_invitation_id": invitation.id,
            }
            if survey.session_state == "in_progress":
                vals.update(state="in_progress", start_datetime=fields.Datetime.now())
            vals_list.append(vals)
        answers = UserInput.sudo().create(vals_list)
        for question in self.campaign_id.survey_id.sudo().question_ids.filtered(
            lambda q: q.question_type == "char_box" and (q.save_as_email or q.save_as_nickname)
        ):
            for answer in answers.filtered(lambda a, q=question: a.survey_id == q.survey_id):
                if question.save_as_email and answer.email:
                    answer._save_lines(question, answer.email)
                if question.save_as_nickname and answer.nickname:
                    answer._save_lines(question, answer.nickname)
        for invitation, answer in zip(self, answers, strict=True):
            invitation.user_input_id = answer.id

    def _get_answer_url(self):
        self.ensure_one()
        return self.campaign_id.get_base_url() + f"/my/surveys/{self.id}"

    def _send_mail(self, template_xmlid):
        """Queue the mail of ``template_xmlid`` to each invited person with an
        e-mail address, rendered for all of them at once (the mail queue sends
        them)."""
        recipients = self.filtered(lambda inv: inv.partner_id.email)
        if recipients:
            self.env.ref(template_xmlid).send_mail_batch(
                recipients.ids, email_layout_xmlid="mail.mail_notification_light"
            )
