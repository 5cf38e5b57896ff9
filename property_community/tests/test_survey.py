from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .survey_common import SurveyCommon


@tagged("post_install", "-at_install")
class TestSurveyCampaign(SurveyCommon, TransactionCase):
    """Who a satisfaction survey invites, one answer each, reminders and results."""

    def _targets(self, campaign):
        return sorted((unit.id, partner.id) for unit, partner in campaign._get_targets())

    def test_targeting_owners_per_unit(self):
        """One invitation per unit with an owner, to its first owner; the
        unit without owner is not invited, nor the other estate."""
        campaign = self._campaign(audience="owners", answer_per="unit")
        self.assertEqual(
            self._targets(campaign),
            sorted(
                [
                    (self.unit_1.id, self.owner_a.id),
                    (self.unit_2.id, self.owner_b.id),
                    (self.unit_3.id, self.owner_a.id),
                ]
            ),
        )

    def test_targeting_owners_per_person(self):
        """Each owner once, the owner of two units too; both co-owners."""
        campaign = self._campaign(audience="owners", answer_per="person")
        partners = [partner for _unit, partner in campaign._get_targets()]
        self.assertEqual(len(partners), 3)
        self.assertEqual(set(partners), {self.owner_a, self.owner_b, self.owner_c})

    def test_targeting_residents_and_both_and_buildings(self):
        residents = self._campaign(audience="residents", answer_per="person")
        self.assertEqual(self._targets(residents), [(self.unit_1.id, self.tenant.id)])
        both = self._campaign(audience="both", answer_per="person")
        self.assertEqual(
            {partner for _unit, partner in both._get_targets()},
            {self.owner_a, self.owner_b, self.owner_c, self.tenant},
        )
        building_1 = self._campaign(building_ids=[(6, 0, self.building.ids)])
        self.assertEqual(
            {unit for unit, _partner in building_1._get_targets()}, {self.unit_1, self.unit_2}
        )
        with self.assertRaisesText(ValidationError, "must belong to its estates"):
            self._campaign(building_ids=[(6, 0, self.building_other.ids)])

    def test_launch_invites_by_mail_and_creates_the_answers(self):
        campaign = self._campaign()
        mails_before = self.env["mail.mail"].search_count([])
        campaign.action_launch()
        self.assertEqual(campaign.state, "running")
        self.assertEqual(campaign.invited_count, 3)
        self.assertEqual(campaign.answered_count, 0)
        for invitation in campaign.invitation_ids:
            self.assertEqual(invitation.user_input_id.survey_id, self.survey)
            self.assertEqual(invitation.user_input_id.partner_id, invitation.partner_id)
            self.assertEqual(invitation.user_input_id.deadline, campaign.deadline)
            self.assertTrue(invitation.user_input_id.invite_token)
        mails = self.env["mail.mail"].search([], order="id desc", limit=3)
        # owner_a twice (two units), owner_b once; owner_c has no e-mail and is not the payer.
        self.assertEqual(self.env["mail.mail"].search_count([]) - mails_before, 3)
        self.assertIn(
            f"/my/surveys/{campaign.invitation_ids[0].id}", " ".join(mails.mapped("body_html"))
        )
        with self.assertRaisesText(UserError, "Only a draft survey"):
            campaign.action_launch()

    def test_launch_in_batches_mails_queued_queries_per_batch(self):
        """A launch works in batches: the result is the same whatever the
        batch size, the mails are queued (none sent during the launch), and
        the SQL queries do not grow with the number of people invited."""
        Campaign = type(self.env["property.survey.campaign"])
        Mail = type(self.env["mail.mail"])
        campaign = self._campaign(audience="both", answer_per="person")
        with (
            patch.object(Campaign, "_launch_batch_size", 2),
            patch.object(Mail, "send", side_effect=AssertionError("mail sent inline")),
        ):
            campaign.action_launch()
        expected = self._targets(self._campaign(audience="both", answer_per="person"))
        self.assertEqual(
            sorted((inv.unit_id.id, inv.partner_id.id) for inv in campaign.invitation_ids),
            expected,
        )
        self.assertEqual(len(campaign.invitation_ids), 4)  # owner_a, owner_b, owner_c, tenant
        answers = campaign.invitation_ids.user_input_id
        self.assertEqual(len(answers), 4)
        self.assertEqual(len(set(answers.mapped("invite_token"))), 4)
        self.assertEqual(answers.property_invitation_id, campaign.invitation_ids)
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "property.survey.invitation"),
                ("res_id", "in", campaign.invitation_ids.ids),
            ]
        )
        # owner_c has no e-mail address.
        self.assertEqual(len(mails), 3)
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})

        def launch_queries(units):
            estate = self.env["property.estate"].create(
                {"name": f"PCT Estate Q{units}", "code": f"PCT-Q{units}"}
            )
            building = self._create_building(estate, f"PCT Q{units} Block", "1")
            for index in range(units):
                owner = self._create_partner(
                    f"PCT Q Owner {units}-{index}", f"q{index}@example.com"
                )
                self._owned_unit([owner], 80.0, building=building)
            campaign = self._campaign(estates=estate)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            campaign.action_launch()
            self.env.flush_all()
            self.assertEqual(campaign.invited_count, units)
            return self.cr.sql_log_count - before

        few, many = launch_queries(2), launch_queries(12)
        self.assertLessEqual(many - few, 3, f"{few} queries for 2 units, {many} for 12")

    def test_one_answer_per_unit(self):
        campaign = self._campaign()
        campaign.action_launch()
        invitation = campaign.invitation_ids.filtered(lambda inv: inv.unit_id == self.unit_2)
        self._answer(invitation, {self.q_overall: 5})
        self.assertTrue(invitation.answered)
        answers = self.env["survey.user_input"].search_count([])
        with self.assertRaisesText(ValidationError, "已经回答"):
            self.survey.with_context(lang="zh_CN")._create_answer(
                partner=self.owner_c, check_attempts=False, property_invitation_id=invitation.id
            )
        self.assertEqual(self.env["survey.user_input"].search_count([]), answers)
        with self.assertRaises(ValidationError):
            self.env["property.survey.invitation"].create(
                {
                    "campaign_id": campaign.id,
                    "unit_id": self.unit_2.id,
                    "partner_id": self.owner_c.id,
                }
            )

    def test_results_by_estate_building_question_and_response_rate(self):
        campaign = self._campaign()
        campaign.action_launch()
        by_unit = {inv.unit_id: inv for inv in campaign.invitation_ids}
        self._answer(by_unit[self.unit_1], {self.q_overall: 5, self.q_repair: 2})
        self._answer(by_unit[self.unit_2], {self.q_overall: 3, self.q_repair: 4})
        self.assertEqual(campaign.answered_count, 2)
        self.assertAlmostEqual(campaign.response_rate, 200 / 3, places=1)
        # Response rate by building: building 1 answered both units, building 2 none.
        rates = dict(
            self.env["property.survey.invitation"]._read_group(
                [("campaign_id", "=", campaign.id)], ["building_id"], ["answered_percent:avg"]
            )
        )
        self.assertEqual(rates[self.building], 100)
        self.assertEqual(rates[self.building_2], 0)
        Report = self.env["property.survey.answer.report"]
        results = {
            question: (mark, satisfied)
            for question, mark, satisfied in Report._read_group(
                [("campaign_id", "=", campaign.id)],
                ["question_id"],
                ["mark:avg", "satisfied_percent:avg"],
            )
        }
        self.assertEqual(results[self.q_overall], (4.0, 50.0))
        self.assertEqual(results[self.q_repair], (3.0, 50.0))
        by_building = dict(
            Report._read_group(
                [("campaign_id", "=", campaign.id), ("is_overall", "=", True)],
                ["building_id"],
                ["__count"],
            )
        )
        self.assertEqual(by_building, {self.building: 2})
        # The dashboard's overall satisfaction: 1 satisfied answer of 2.
        today = fields.Date.context_today(campaign)
        period = self.env["property.kpi"]._kpi_period("month", today)
        last_year = self.env["property.kpi"]._kpi_last_year(period)
        rate, before = self.env["property.kpi"]._kpi_survey_satisfaction_rate(
            self.estate, [period, last_year]
        )
        self.assertEqual(rate, 50.0)
        self.assertIsNone(before)
        self.assertEqual(
            self.env["property.kpi"]._kpi_survey_satisfaction_rate(self.estate_other, [period]),
            [None],
        )
        # On the managers' dashboard, in its own section.
        manager = self._create_user("pct_kpi_manager", "property_base.group_property_manager")
        dashboard = (
            self.env["property.kpi"]
            .with_user(manager)
            .get_dashboard(estate_ids=self.estate.ids, period_type="month", date=today)
        )
        section = next(s for s in dashboard["sections"] if s["key"] == "community")
        figure = next(f for f in section["figures"] if f["key"] == "survey_satisfaction_rate")
        self.assertEqual(figure["value"], 50.0)

    def test_reminders_and_closing(self):
        campaign = self._campaign(reminder_days=3)
        campaign.action_launch()
        by_unit = {inv.unit_id: inv for inv in campaign.invitation_ids}
        self._answer(by_unit[self.unit_1], {})
        mails = self.env["mail.mail"].search_count([])
        self.assertEqual(campaign.action_send_reminders(), 2)
        self.assertEqual(self.env["mail.mail"].search_count([]) - mails, 2)
        self.assertEqual(by_unit[self.unit_2].reminder_count, 1)
        self.assertEqual(by_unit[self.unit_1].reminder_count, 0)
        # Again at once: nobody (reminded less than 3 days ago).
        self.assertEqual(campaign.action_send_reminders(), 0)
        # The daily cron after the deadline: closed, the open answers expire.
        campaign.deadline = fields.Datetime.now() - timedelta(minutes=1)
        self.env["property.survey.campaign"]._cron_send_reminders()
        self.assertEqual(campaign.state, "closed")
        self.assertLessEqual(by_unit[self.unit_2].user_input_id.deadline, fields.Datetime.now())
        self.assertEqual(by_unit[self.unit_1].user_input_id.state, "done")
