from odoo.tests import HttpCase, tagged

from .survey_common import SurveyCommon


@tagged("post_install", "-at_install")
class TestSurveyPortal(SurveyCommon, HttpCase):
    """The satisfaction surveys on the portal: who sees which invitation,
    the way to the questionnaire, and one answer per unit."""

    site_lang = "zh_CN"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_b = cls._portal_user("pct_survey_b", cls.owner_b)
        cls.user_c = cls._portal_user("pct_survey_c", cls.owner_c)
        cls.user_d = cls._portal_user("pct_survey_d", cls.owner_d)
        cls.user_tenant = cls._portal_user("pct_survey_t", cls.tenant)
        cls.campaign = cls._campaign(audience="owners", answer_per="unit")
        cls.campaign.action_launch()
        cls.inv_unit_2 = cls.campaign.invitation_ids.filtered(lambda i: i.unit_id == cls.unit_2)

    @classmethod
    def _portal_user(cls, login, partner):
        partner.lang = "zh_CN"
        return cls._create_user(login, "base.group_portal", partner_id=partner.id)

    def test_co_owner_sees_the_unit_invitation_and_answers_once(self):
        self.authenticate("pct_survey_c", "pct_survey_c")
        home = self.url_open("/my").text
        self.assertIn("待填写的问卷", home)
        page = self.url_open("/my/surveys").text
        self.assertIn("PCT Annual survey", page)
        self.assertNoEnglishLeftovers(page, allowed=("Estate",), where="/my/surveys")
        response = self.url_open(f"/my/surveys/{self.inv_unit_2.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn(self.inv_unit_2.user_input_id.access_token, response.headers["Location"])
        # Co-owner B answers for the unit; C then finds it answered.
        self._answer(self.inv_unit_2, {self.q_overall: 4})
        answers = self.env["survey.user_input"].search_count([])
        page = self.url_open(f"/my/surveys/{self.inv_unit_2.id}").text
        self.assertIn("本户已回答过此问卷", page)
        self.assertEqual(self.env["survey.user_input"].search_count([]), answers)

    def test_others_do_not_see_the_invitation(self):
        for login in ("pct_survey_d", "pct_survey_t"):
            self.authenticate(login, login)
            page = self.url_open("/my/surveys").text
            self.assertNotIn("PCT Annual survey", page, login)
            response = self.url_open(f"/my/surveys/{self.inv_unit_2.id}")
            self.assertTrue(response.url.endswith("/my"), f"{login}: {response.url}")
        Invitation = self.env["property.survey.invitation"]
        invitations = self.campaign.invitation_ids
        self.assertSeesOnly(self.user_b, Invitation._name, self.inv_unit_2, invitations)
        self.assertSeesOnly(self.user_d, Invitation._name, Invitation, invitations)
        self.assertSeesOnly(self.user_tenant, Invitation._name, Invitation, invitations)
