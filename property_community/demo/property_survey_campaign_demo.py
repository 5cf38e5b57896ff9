import random

from odoo import api, models


class PropertySurveyCampaign(models.Model):
    """Demo data only: called from ``demo/property_survey_demo.xml``."""

    _inherit = "property.survey.campaign"

    @api.model
    def _demo_answer_invitations(self, campaign_id, share, seed=16):
        """Demo data: ``share`` of the invitations of the campaign answered,
        marks 2 to 5 (mostly 4 and 5), owner2's unit left to answer."""
        rng = random.Random(seed)
        campaign = self.browse(campaign_id)
        owner2 = self.env.ref("property_base.demo_partner_li_na", raise_if_not_found=False)
        scales = campaign.survey_id.question_ids.filtered(lambda q: q.question_type == "scale")
        invitations = campaign.invitation_ids.filtered(lambda inv: inv.partner_id != owner2)
        for invitation in invitations[: round(len(invitations) * share)]:
            answer = invitation.user_input_id
            for question in scales:
                answer._save_lines(question, str(rng.choice((2, 3, 4, 4, 5, 5, 5))))
            answer._mark_done()
