import base64
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import PropertyHelpdeskCase, utc

# A 1×1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestDispatch(PropertyHelpdeskCase):
    def test_routing_by_category(self):
        ticket = self.create_ticket(category_id=self.cat_plumbing.id)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.estate_id, self.estate)
        self.assertEqual(ticket.company_id, self.estate.company_id)
        self.assertTrue(ticket.quality_check_required)
        self.assertEqual(ticket.property_state, "new")

    def test_manual(self):
        ticket = self.create_ticket()
        self.assertFalse(ticket.user_id)
        with self.assertRaisesMessage(UserError, "dispatches by hand"):
            ticket.action_auto_dispatch()
        wizard = self.env["property.helpdesk.dispatch.wizard"].create(
            {"ticket_id": ticket.id, "user_id": self.tech_2.id}
        )
        self.assertIn("PHT Tech 2", wizard.workload_html)
        wizard.action_dispatch()
        self.assertEqual(ticket.user_id, self.tech_2)
        self.assertEqual(ticket.property_state, "progress")
        self.assertTrue(ticket.first_response_date)
        self.assertEqual(ticket.user_open_ticket_count, 1)
        self.assertEqual(self.tech_2.property_open_ticket_count, 1)

    def test_dispatch_to_non_member_refused(self):
        ticket = self.create_ticket()
        with self.assertRaisesMessage(UserError, "is not a member of team"):
            ticket._dispatch_to(self.clerk)
        self.assertFalse(ticket.user_id)

    def test_round_robin(self):
        self.team.dispatch_rule = "round_robin"
        tickets = [self.create_ticket() for _i in range(5)]
        members = self.team.user_ids.sorted("id")
        self.assertEqual(
            [t.user_id for t in tickets],
            [members[0], members[1], members[2], members[3], members[0]],
        )
        self.assertEqual(self.team.last_dispatched_user_id, members[0])

    def test_least_loaded(self):
        self.team.dispatch_rule = "least_loaded"
        self.team.user_ids = self.techs
        # tech_1 has two open tickets, tech_2 one, tech_3 one that is closed.
        for user in (self.tech_1, self.tech_1, self.tech_2, self.tech_3):
            self.create_ticket(user_id=user.id)
        closed = self.env["helpdesk.ticket"].search([("user_id", "=", self.tech_3.id)], limit=1)
        closed.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        ticket = self.create_ticket()
        self.assertEqual(ticket.user_id, self.tech_3)
        ticket = self.create_ticket()
        # tech_2 and tech_3 both have one: the lower id wins.
        self.assertEqual(ticket.user_id, min(self.tech_2, self.tech_3, key=lambda u: u.id))


@tagged("post_install", "-at_install")
class TestCompletion(PropertyHelpdeskCase):
    def _done_ticket(self, **values):
        ticket = self.create_ticket(**values)
        ticket._dispatch_to(self.tech_1)
        ticket.write({"work_description": "PHT replaced the trap"})
        ticket.material_ids = [(0, 0, {"name": "PHT trap", "quantity": 1, "uom_name": "pc"})]
        ticket.action_work_done()
        return ticket

    def test_work_done_needs_a_description(self):
        ticket = self.create_ticket()
        ticket._dispatch_to(self.tech_1)
        with self.assertRaisesMessage(UserError, "Describe the work done"):
            ticket.action_work_done()
        self.assertEqual(ticket.property_state, "progress")
        self.assertFalse(ticket.work_done_date)

    def test_quality_check_then_confirm(self):
        ticket = self._done_ticket(category_id=self.cat_plumbing.id)
        self.assertEqual(ticket.property_state, "done")
        self.assertEqual(ticket.qc_state, "pending")
        self.assertTrue(ticket.work_done_date)
        with self.assertRaisesMessage(UserError, "before its quality check passed"):
            ticket.action_owner_confirm()
        self.assertEqual(ticket.property_state, "done")
        # The check fails: back to work, the clock runs on.
        wizard = self.env["property.helpdesk.reason.wizard"].create(
            {"ticket_ids": ticket.ids, "action": "quality_fail", "reason": "PHT still dripping"}
        )
        wizard.action_confirm()
        self.assertEqual(ticket.property_state, "progress")
        self.assertEqual(ticket.qc_state, "failed")
        self.assertFalse(ticket.work_done_date)
        ticket.action_work_done()
        self.assertEqual(ticket.qc_state, "pending")
        ticket.with_user(self.leader).action_quality_pass()
        self.assertEqual(ticket.qc_state, "passed")
        self.assertEqual(ticket.qc_user_id, self.leader)
        ticket.with_user(self.owner).sudo().action_owner_confirm()
        self.assertEqual(ticket.property_state, "closed")
        self.assertEqual(ticket.closing_mode, "owner")
        self.assertTrue(ticket.closed_date)

    def test_confirm_not_done_refused(self):
        ticket = self.create_ticket()
        for _step in range(2):
            with self.assertRaisesMessage(UserError, "its work is not done yet"):
                ticket.action_owner_confirm()
            self.assertNotEqual(ticket.property_state, "closed")
            self.assertFalse(ticket.closing_mode)
            ticket._dispatch_to(self.tech_1)

    def test_reopen(self):
        ticket = self._done_ticket()
        with self.assertRaisesMessage(UserError, "Say why"):
            ticket._reopen("  ")
        self.assertEqual(ticket.property_state, "done")
        ticket._reopen("PHT the tap still leaks")
        self.assertEqual(ticket.property_state, "progress")
        self.assertEqual(ticket.reopen_count, 1)
        self.assertEqual(ticket.reopen_reason, "PHT the tap still leaks")
        self.assertFalse(ticket.work_done_date)
        # Also after closing.
        ticket.action_work_done()
        ticket.action_desk_confirm()
        self.assertEqual(ticket.closing_mode, "desk")
        ticket._reopen("PHT leaks again")
        self.assertEqual(ticket.property_state, "progress")
        self.assertFalse(ticket.closed_date)
        self.assertEqual(ticket.reopen_count, 2)
        with self.assertRaisesMessage(UserError, "cannot be reopened"):
            ticket._reopen("PHT again")

    def test_auto_close(self):
        self.env["ir.config_parameter"].sudo().set_param("property_helpdesk.auto_close_days", 3)
        with freeze_time(utc("2026-09-21 10:00")):
            ticket = self._done_ticket()
            checked = self._done_ticket(category_id=self.cat_plumbing.id)
        with freeze_time(utc("2026-09-24 09:00")):
            self.env["helpdesk.ticket"]._cron_auto_close_done_tickets()
        self.assertEqual(ticket.property_state, "done")
        with freeze_time(utc("2026-09-24 10:30")):
            self.env["helpdesk.ticket"]._cron_auto_close_done_tickets()
        self.assertEqual(ticket.property_state, "closed")
        self.assertEqual(ticket.closing_mode, "auto")
        # Work waiting for its quality check never closes by itself.
        self.assertEqual(checked.property_state, "done")
        self.assertEqual(checked.qc_state, "pending")

    def test_rating(self):
        ticket = self._done_ticket()
        with self.assertRaisesMessage(UserError, "can be rated once it is closed"):
            ticket._rate(5)
        ticket.action_owner_confirm()
        for bad in (0, 6, "x", None):
            with self.assertRaisesMessage(UserError, "whole number from 1 to 5"):
                ticket._rate(bad)
        self.assertFalse(ticket.owner_rating)
        ticket._rate(4, " PHT quick and tidy ")
        self.assertEqual(ticket.owner_rating, "4")
        self.assertEqual(ticket.owner_rating_comment, "PHT quick and tidy")
        self.assertTrue(ticket.owner_rating_date)

    def test_follow_up_of_a_complaint(self):
        activity_type = self.env.ref("property_helpdesk.mail_activity_type_follow_up")
        complaint = self.create_ticket(ticket_kind="complaint", category_id=self.cat_service.id)
        self.assertTrue(complaint.follow_up_required)
        complaint.action_start_work()
        complaint.write({"work_description": "PHT apologised, guard retrained"})
        complaint.action_work_done()
        self.assertFalse(
            complaint.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        )
        complaint.action_owner_confirm()
        activity = complaint.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        self.assertEqual(activity.user_id, self.leader)
        self.assertEqual(
            activity.date_deadline,
            fields.Date.context_today(complaint) + timedelta(days=2),
        )
        self.assertEqual(complaint.follow_up_state, "planned")
        wizard = self.env["property.helpdesk.follow.up.wizard"].create(
            {"ticket_id": complaint.id, "result": "unsatisfied", "note": "PHT wants a call back"}
        )
        wizard.with_user(self.clerk).action_record()
        self.assertEqual(complaint.follow_up_state, "done")
        self.assertEqual(complaint.follow_up_result, "unsatisfied")
        self.assertEqual(complaint.follow_up_user_id, self.clerk)
        self.assertFalse(
            complaint.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        )

    def test_follow_up_of_a_repair_on_request(self):
        repair = self._done_ticket()
        self.assertFalse(repair.follow_up_required)
        repair.action_owner_confirm()
        self.assertFalse(repair.follow_up_state)
        repair.action_request_follow_up()
        self.assertEqual(repair.follow_up_state, "planned")
        repair._record_follow_up("satisfied", "PHT all good")
        self.assertEqual(repair.follow_up_result, "satisfied")
        with self.assertRaisesMessage(UserError, "satisfied or not"):
            repair._record_follow_up("maybe")


@tagged("post_install", "-at_install")
class TestBadInput(PropertyHelpdeskCase):
    def test_photos_type_and_size(self):
        ticket = self.create_ticket()
        Attachment = self.env["ir.attachment"]
        text = Attachment.create(
            {
                "name": "notes.png",
                "raw": b"just some text, not an image",
                "res_model": "helpdesk.ticket",
                "res_id": ticket.id,
            }
        )
        with self.assertRaisesMessage(ValidationError, "is not a photo"):
            ticket.photo_ids = [(4, text.id)]
        self.assertFalse(ticket.photo_ids)
        self.env["ir.config_parameter"].sudo().set_param("property_helpdesk.photo_max_mb", 0.0001)
        photo = Attachment.create({"name": "big.png", "raw": PNG + b"\0" * 200})
        with self.assertRaisesMessage(ValidationError, "the limit is"):
            ticket.photo_ids = [(4, photo.id)]
        self.env["ir.config_parameter"].sudo().set_param("property_helpdesk.photo_max_mb", 10)
        ticket.photo_ids = [(4, photo.id)]
        self.assertEqual(ticket.photo_ids, photo)

    def test_location_must_be_in_the_estate(self):
        with self.assertRaisesMessage(ValidationError, "is not in estate"):
            self.create_ticket(unit_id=self.unit_far.id, estate_id=self.estate.id)
        with self.assertRaisesMessage(ValidationError, "is not in estate"):
            self.create_ticket(
                unit_id=False,
                common_area_id=self.far_area.id,
                estate_id=self.estate.id,
                location_type="common",
            )

    def test_portal_user_cannot_create_by_rpc(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.owner)
        with self.assertRaises(AccessError):
            Ticket.create({"name": "PHT x", "description": "x", "unit_id": self.unit.id})

    def test_portal_user_rpc_reads_only_own_tickets_and_writes_none(self):
        mine = self.create_ticket()
        theirs = self.create_ticket(
            unit_id=self.unit_other.id, partner_id=self.owner_other.partner_id.id
        )
        Ticket = self.env["helpdesk.ticket"].with_user(self.owner)
        self.assertEqual(Ticket.search([("id", "in", (mine | theirs).ids)]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.owner).read(["name"])
        with self.assertRaises(AccessError):
            mine.with_user(self.owner).write({"owner_rating": "5"})
        with self.assertRaises(AccessError):
            self.rule_repair.with_user(self.owner).read(["name"])
        self.assertFalse(mine.owner_rating)

    def test_portal_reporter_checks(self):
        """Through sudo (as the portal form does) the reporter is still checked."""
        Ticket = self.env["helpdesk.ticket"].with_user(self.owner).sudo()
        count = Ticket.search_count([])
        base = {"name": "PHT x", "description": "x"}
        with self.assertRaisesMessage(UserError, "a unit you own or live in"):
            Ticket.create({**base, "unit_id": self.unit_other.id})
        with self.assertRaisesMessage(UserError, "a common area of your estate"):
            Ticket.create({**base, "common_area_id": self.far_area.id})
        with self.assertRaisesMessage(UserError, "Choose one of your units"):
            Ticket.create(base)
        self.assertEqual(Ticket.search_count([]), count)
        ticket = Ticket.create(
            {**base, "unit_id": self.unit.id, "partner_id": self.owner_other.partner_id.id}
        )
        # Always reported as themselves.
        self.assertEqual(ticket.partner_id, self.owner.partner_id)
        area_ticket = Ticket.create({**base, "common_area_id": self.lobby.id})
        self.assertEqual(area_ticket.estate_id, self.estate)
        self.assertEqual(area_ticket.location_type, "common")

    def test_resident_may_report(self):
        tenant = self.env["res.users"].create(
            {
                "name": "PHT Tenant",
                "login": "pht_tenant",
                "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        self.env["property.occupancy"].create(
            {
                "unit_id": self.unit_other.id,
                "partner_id": tenant.partner_id.id,
                "date_start": "2021-01-01",
                "role": "tenant",
            }
        )
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(tenant)
            .sudo()
            .create({"name": "PHT x", "description": "x", "unit_id": self.unit_other.id})
        )
        self.assertEqual(ticket.partner_id, tenant.partner_id)
