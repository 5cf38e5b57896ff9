from odoo import fields, models
from odoo.tools import SQL


class PropertySurveyAnswerReport(models.Model):
    """The marks given in the satisfaction surveys, one row per answer to a
    scale question, by estate, building, unit and question: the average mark
    and the share of satisfied answers (the two best marks of the scale)."""

    _name = "property.survey.answer.report"
    _description = "Satisfaction Survey Results"
    _auto = False
    _order = "date_answered desc, id desc"
    _depends = {
        "survey.user_input.line": [
            "user_input_id",
            "question_id",
            "value_scale",
            "answer_type",
            "skipped",
        ],
        "survey.user_input": ["state", "end_datetime", "property_invitation_id"],
        "survey.question": ["scale_max"],
        "property.survey.invitation": [
            "campaign_id",
            "company_id",
            "estate_id",
            "building_id",
            "unit_id",
        ],
        "property.survey.campaign": ["overall_question_id"],
    }

    campaign_id = fields.Many2one(comodel_name="property.survey.campaign", string="Survey")
    company_id = fields.Many2one(comodel_name="res.company")
    estate_id = fields.Many2one(comodel_name="property.estate", string="Estate")
    building_id = fields.Many2one(comodel_name="property.building", string="Building")
    unit_id = fields.Many2one(comodel_name="property.unit", string="Unit")
    question_id = fields.Many2one(comodel_name="survey.question", string="Question")
    date_answered = fields.Date(string="Answered On")
    mark = fields.Float(aggregator="avg", digits=(16, 2))
    satisfied_percent = fields.Float(
        string="Satisfied (%)",
        aggregator="avg",
        digits=(16, 1),
        help="100 for one of the two best marks of the scale, else 0: its average is the "
        "satisfaction rate.",
    )
    is_overall = fields.Boolean(string="Overall Satisfaction")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT line.id AS id,
                   invitation.campaign_id,
                   invitation.company_id,
                   invitation.estate_id,
                   invitation.building_id,
                   invitation.unit_id,
                   line.question_id,
                   (answer.end_datetime AT TIME ZONE 'UTC'
                       AT TIME ZONE COALESCE(company_partner.tz, 'UTC'))::date AS date_answered,
                   line.value_scale AS mark,
                   CASE WHEN line.value_scale >= question.scale_max - 1 THEN 100.0 ELSE 0.0 END
                       AS satisfied_percent,
                   (line.question_id = campaign.overall_question_id) AS is_overall
              FROM survey_user_input_line line
              JOIN survey_user_input answer ON answer.id = line.user_input_id
              JOIN property_survey_invitation invitation
                ON invitation.id = answer.property_invitation_id
              JOIN property_survey_campaign campaign ON campaign.id = invitation.campaign_id
              JOIN survey_question question ON question.id = line.question_id
              JOIN res_company company ON company.id = invitation.company_id
              JOIN res_partner company_partner ON company_partner.id = company.partner_id
             WHERE answer.state = 'done'
               AND line.answer_type = 'scale'
               AND NOT COALESCE(line.skipped, FALSE)
            """
        )
