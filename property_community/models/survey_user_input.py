from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    property_invitation_id = fields.Many2one(
        comodel_name="property.survey.invitation",
        string="Survey Invitation",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
    )

    @api.constrains("property_invitation_id")
    def _check_one_answer_per_invitation(self):
        for user_input in self.filtered("property_invitation_id"):
            others = self.sudo().search_count(
                [
                    ("property_invitation_id", "=", user_input.property_invitation_id.id),
                    ("id", "!=", user_input.id),
                ]
            )
            if others:
                invitation = user_input.property_invitation_id.sudo()
                raise ValidationError(
                    self.env._(
                        "%(who)s has answered “%(survey)s” already: one answer per unit or person.",
                        who=invitation.unit_id.display_name
                        if invitation.answer_per == "unit"
                        else invitation.partner_id.name,
                        survey=invitation.campaign_id.name,
                    )
                )
