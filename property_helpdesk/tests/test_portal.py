from odoo import sql_db
from odoo.fields import Domain
from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PropertyHelpdeskCommon
from .test_workflow import PNG


@tagged("post_install", "-at_install")
class TestPortal(PropertyHelpdeskCommon, HttpCase):
    """The owner portal over HTTP: a portal user sees, reports, confirms,
    reopens and rates only their own requests."""

    site_lang = "zh_CN"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_property_helpdesk()
        cls.mine = cls.create_ticket(name="PHT My leak")
        cls.theirs = cls.create_ticket(
            name="PHT Their leak",
            unit_id=cls.unit_other.id,
            partner_id=cls.owner_other.partner_id.id,
        )

    def _post(self, url, data=None, files=None):
        data = dict(data or {}, csrf_token=Request.csrf_token(self))
        return self.url_open(url, data=data, files=files, allow_redirects=False)

    def _new_ticket_data(self, **values):
        data = {
            "ticket_kind": "repair",
            "location": f"unit-{self.unit.id}",
            "subject": "PHT Portal leak",
            "description": "Water drips from the ceiling",
            "contact_phone": "13800000000",
        }
        data.update(values)
        return data

    def _my_tickets(self):
        return self.env["helpdesk.ticket"].search([("partner_id", "=", self.owner.partner_id.id)])

    def test_isolation(self):
        self.authenticate("pht_owner", "pht_owner")
        response = self.url_open("/my/tickets")
        self.assertEqual(response.status_code, 200)
        self.assertIn("PHT My leak", response.text)
        self.assertNotIn("PHT Their leak", response.text)
        response = self.url_open(f"/my/ticket/{self.mine.id}")
        self.assertIn("PHT My leak", response.text)
        self.assertIn("PHT Garden", response.text)
        response = self.url_open(f"/my/ticket/{self.theirs.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my"))

    def test_new_ticket_form_offers_only_own_places(self):
        self.authenticate("pht_owner", "pht_owner")
        response = self.url_open("/new/ticket")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f'value="unit-{self.unit.id}"', response.text)
        self.assertNotIn(f'value="unit-{self.unit_other.id}"', response.text)
        self.assertIn(f'value="area-{self.lobby.id}"', response.text)
        self.assertNotIn(f'value="area-{self.far_area.id}"', response.text)

    def test_report_repair_with_photo_then_confirm_and_rate(self):
        self.authenticate("pht_owner", "pht_owner")
        before = self._my_tickets()
        response = self._post(
            "/submitted/ticket",
            self._new_ticket_data(category=str(self.cat_plumbing.id)),
            files=[("attachment", ("sink.png", PNG, "image/png"))],
        )
        self.assertEqual(response.status_code, 303, response.text)
        ticket = self._my_tickets() - before
        self.assertEqual(len(ticket), 1)
        self.assertTrue(response.headers["Location"].endswith(f"/my/ticket/{ticket.id}"))
        self.assertEqual(ticket.unit_id, self.unit)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.contact_phone, "13800000000")
        self.assertEqual(ticket.photo_ids.mapped("name"), ["sink.png"])
        self.assertEqual(ticket.sla_rule_id, self.rule_repair)

        # Confirming before the work is done is refused, nothing changes.
        response = self._post(f"/my/ticket/{ticket.id}/confirm")
        self.assertEqual(response.status_code, 400)
        self.assertIn("尚未完工", response.text)
        self.assertEqual(ticket.property_state, "new")

        # The desk dispatches, the technician finishes, the supervisor checks.
        ticket._dispatch_to(self.tech_1)
        ticket.work_description = "PHT replaced the trap"
        ticket.action_work_done()
        ticket.action_quality_pass()
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertIn("确认完工", page)
        self.assertIn("PHT replaced the trap", page)

        response = self._post(f"/my/ticket/{ticket.id}/confirm")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(ticket.property_state, "closed")
        self.assertEqual(ticket.closing_mode, "owner")

        response = self._post(f"/my/ticket/{ticket.id}/rate", {"rating": "9"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(ticket.owner_rating)
        response = self._post(
            f"/my/ticket/{ticket.id}/rate", {"rating": "5", "comment": "PHT tidy work"}
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(ticket.owner_rating, "5")
        self.assertEqual(ticket.owner_rating_comment, "PHT tidy work")

    def test_reopen_with_reason(self):
        ticket = self.mine
        ticket._dispatch_to(self.tech_1)
        ticket.work_description = "PHT tightened"
        ticket.action_work_done()
        self.authenticate("pht_owner", "pht_owner")
        response = self._post(f"/my/ticket/{ticket.id}/reopen", {"reason": " "})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(ticket.property_state, "done")
        response = self._post(f"/my/ticket/{ticket.id}/reopen", {"reason": "PHT drips again"})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(ticket.property_state, "progress")
        self.assertEqual(ticket.reopen_reason, "PHT drips again")

    def test_cannot_act_on_others_tickets(self):
        self.theirs._dispatch_to(self.tech_1)
        self.theirs.work_description = "PHT done"
        self.theirs.action_work_done()
        self.authenticate("pht_owner", "pht_owner")
        for action in ("confirm", "reopen", "rate"):
            response = self._post(f"/my/ticket/{self.theirs.id}/{action}", {"reason": "x"})
            self.assertEqual(response.status_code, 303)
            self.assertTrue(response.headers["Location"].endswith("/my"))
        self.assertEqual(self.theirs.property_state, "done")
        # helpdesk_mgmt's close route closed any ticket by id.
        done_stage = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.url_open(f"/ticket/close?ticket_id={self.theirs.id}&stage_id={done_stage.id}")
        self.assertEqual(self.theirs.property_state, "done")

    def test_refused_reports_write_nothing(self):
        self.authenticate("pht_owner", "pht_owner")
        before = self._my_tickets()
        # Valid photos of a refused report are kept aside (linked to no
        # ticket) for the next try; nothing else is written.
        linked = Domain("res_model", "!=", "helpdesk.ticket") | Domain("res_id", "!=", 0)
        attachments = self.env["ir.attachment"].search_count(linked)
        self.env["ir.config_parameter"].sudo().set_param("property_helpdesk.photo_max_mb", 1)
        cases = [
            (
                self._new_ticket_data(location=f"unit-{self.unit_other.id}"),
                None,
                "您只能为您拥有或居住的房屋提交报事报修",
            ),
            (
                self._new_ticket_data(location=f"unit-{self.unit_far.id}"),
                None,
                "您只能为您拥有或居住的房屋提交报事报修",
            ),
            (
                self._new_ticket_data(location=f"area-{self.far_area.id}"),
                None,
                "您只能为您所在项目的公共区域提交报事报修",
            ),
            (
                self._new_ticket_data(location="nowhere"),
                None,
                "请选择您的一套房屋或您所在项目的公共区域",
            ),
            (
                self._new_ticket_data(),
                [("attachment", ("cv.pdf", b"%PDF-1.4 fake", "image/png"))],
                "不是照片",
            ),
            (
                self._new_ticket_data(),
                [
                    ("attachment", ("ok.png", PNG, "image/png")),
                    ("attachment", ("huge.png", PNG + b"\0" * (2 * 1024 * 1024), "image/png")),
                ],
                "超过了 1.0 MB 的上限",
            ),
        ]
        for data, files, message in cases:
            response = self._post("/submitted/ticket", data, files=files)
            self.assertEqual(response.status_code, 400, message)
            self.assertIn(message, response.text)
        self.assertEqual(self._my_tickets(), before)
        self.assertEqual(self.env["ir.attachment"].search_count(linked), attachments)

    def test_common_area_report(self):
        self.authenticate("pht_owner", "pht_owner")
        before = self._my_tickets()
        response = self._post(
            "/submitted/ticket",
            self._new_ticket_data(
                ticket_kind="complaint",
                location=f"area-{self.lobby.id}",
                subject="PHT Lobby is dirty",
            ),
        )
        self.assertEqual(response.status_code, 303, response.text)
        ticket = self._my_tickets() - before
        self.assertEqual(ticket.common_area_id, self.lobby)
        self.assertEqual(ticket.ticket_kind, "complaint")
        self.assertEqual(ticket.sla_rule_id, self.rule_complaint)
        page = self.url_open("/my/tickets").text
        self.assertIn("PHT Lobby", page)

    def _list_queries(self):
        self.url_open("/my/tickets")  # warm up
        start = sql_db.sql_counter
        response = self.url_open("/my/tickets")
        self.assertEqual(response.status_code, 200)
        return sql_db.sql_counter - start

    def _more_tickets(self, count):
        for index in range(count):
            self.create_ticket(
                name=f"PHT more {index}",
                **(
                    {"unit_id": False, "common_area_id": self.lobby.id, "location_type": "common"}
                    if index % 2
                    else {}
                ),
            )

    def test_portal_list_queries_constant(self):
        self.authenticate("pht_owner", "pht_owner")
        self._more_tickets(2)  # one in a unit, one in a common area
        few = self._list_queries()
        self._more_tickets(8)
        many = self._list_queries()
        self.assertEqual(many, few, "the portal ticket list reads per ticket")
        self.assertLessEqual(many, 60)

    def test_own_place_ticket_closes_only_by_confirmation(self):
        self.mine._dispatch_to(self.tech_1)
        self.mine.work_description = "PHT tightened"
        self.mine.action_work_done()
        self.authenticate("pht_owner", "pht_owner")
        self.assertNotIn('action="/ticket/close"', self.url_open(f"/my/ticket/{self.mine.id}").text)
        done_stage = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self._post("/ticket/close", {"ticket_id": self.mine.id, "stage_id": done_stage.id})
        self.assertEqual(self.mine.property_state, "done")
        self.assertFalse(self.mine.closing_mode)

    def test_customer_without_unit_reports_about_no_place(self):
        """A portal user who neither owns nor lives in a unit gets
        helpdesk_mgmt's form: a ticket about no place, without an estate."""
        customer = new_test_user(
            self.env,
            login="pht_customer",
            name="PHT Customer",
            groups="base.group_portal",
        )
        self.authenticate("pht_customer", "pht_customer")
        page = self.url_open("/new/ticket")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn('name="location"', page.text)
        # A unit is still refused to them.
        response = self._post("/submitted/ticket", self._new_ticket_data())
        self.assertEqual(response.status_code, 400)
        self.assertIn("您只能为您拥有或居住的房屋提交报事报修", response.text)
        response = self._post(
            "/submitted/ticket",
            {"subject": "PHT Copy of my contract", "description": "Please send it again"},
        )
        self.assertIn(response.status_code, (302, 303))
        ticket = self.env["helpdesk.ticket"].search([("partner_id", "=", customer.partner_id.id)])
        self.assertEqual(ticket.name, "PHT Copy of my contract")
        self.assertEqual(ticket.location_type, "none")
        self.assertFalse(ticket.estate_id)
        self.assertFalse(ticket.unit_id)
        page = self.url_open("/my/tickets")
        self.assertIn("PHT Copy of my contract", page.text)
