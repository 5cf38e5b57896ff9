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
        """One answer per invitation: one grouped query for all the answers
        being written (a campaign launch creates thousands at once)."""
        invitations = self.property_invitation_id
        if not invitations:
            return
        twice = self.sudo()._read_group(
            [("property_invitation_id", "in", invitations.ids)],
            ["property_invitation_id"],
            having=[("__count", ">", 1)],
            limit=1,
        )
        if twice:
            invitation = twice[0][0].sudo()
            raise ValidationError(
                self.env._(
                    "%(who)s has answered “%(survey)s” already: one answer per unit or person.",
                    who=invitation.unit_id.display_name
                    if invitation.answer_per == "unit"
                    else invitation.partner_id.name,
                    survey=invitation.campaign_id.name,
                )
            )
