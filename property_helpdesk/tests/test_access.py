from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import PropertyHelpdeskCase, utc


class PropertyHelpdeskAccessCase(PropertyHelpdeskCase):
    """Estate A is "PHT Garden" (``estate``), estate B "PHT Other Estate"
    (``estate_other``). Users pinned to their estates:

    - desk_a, desk_b: customer service of A, of B;
    - manager_a, manager_b: estate managers of A, of B;
    - director: company manager (no estate of his own: every estate);
    - reader_a: meter reader of A;
    - tech_a, tech_a2: technicians of A; tech_b: technician of B;
    - hd_manager, hd_user: helpdesk_mgmt's manager and user, no property role.

    Tickets: a1 (A, dispatched to tech_a), a2 (A, common area, not dispatched),
    a3 (A, dispatched to tech_a2), b1 (B, dispatched to tech_b), none (about
    no place, nobody's), none_desk (about no place, logged by desk_a).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Estate = cls.env["property.estate"]
        estate_a, estate_b = cls.estate, cls.estate_other

        def user(login, groups, estates):
            return cls._create_user(login, groups, estates=estates, name=login.upper())

        cls.desk_a = user("pha_desk_a", "property_base.group_property_user", estate_a)
        cls.desk_b = user("pha_desk_b", "property_base.group_property_user", estate_b)
        cls.manager_a = user("pha_manager_a", "property_base.group_property_manager", estate_a)
        cls.manager_b = user("pha_manager_b", "property_base.group_property_manager", estate_b)
        cls.director = user("pha_director", "property_base.group_property_company_manager", Estate)
        cls.reader_a = user("pha_reader_a", "property_base.group_property_meter_reader", estate_a)
        cls.tech_a = user("pha_tech_a", "property_base.group_property_technician", estate_a)
        cls.tech_a2 = user("pha_tech_a2", "property_base.group_property_technician", estate_a)
        cls.tech_b = user("pha_tech_b", "property_base.group_property_technician", estate_b)
        cls.hd_manager = user("pha_hd_manager", "helpdesk_mgmt.group_helpdesk_manager", Estate)
        cls.hd_user = user("pha_hd_user", "helpdesk_mgmt.group_helpdesk_user", Estate)
        cls.team.user_ids = [Command.link(u.id) for u in cls.tech_a | cls.tech_a2 | cls.tech_b]

        cls.a1 = cls.create_ticket(name="PHA a1")
        cls.a1._dispatch_to(cls.tech_a)
        cls.a2 = cls.create_ticket(
            name="PHA a2", unit_id=False, common_area_id=cls.lobby.id, category_id=False
        )
        cls.a3 = cls.create_ticket(name="PHA a3", unit_id=cls.unit_other.id)
        cls.a3._dispatch_to(cls.tech_a2)
        cls.b1 = cls.create_ticket(name="PHA b1", unit_id=cls.unit_far.id, partner_id=False)
        cls.b1._dispatch_to(cls.tech_b)
        cls.none = cls.create_ticket(
            name="PHA none", unit_id=False, category_id=False, partner_id=False
        )
        cls.none_desk = (
            cls.env["helpdesk.ticket"]
            .with_user(cls.desk_a)
            .create({"name": "PHA none desk", "description": "<p>Printer jammed</p>"})
        )
        cls.all_tickets = cls.a1 | cls.a2 | cls.a3 | cls.b1 | cls.none | cls.none_desk
        cls.mine = [("id", "in", cls.all_tickets.ids)]

    def _visible(self, user, model="helpdesk.ticket", domain=None):
        records = self.env[model].with_user(user).search(domain or self.mine)
        return records if model == "helpdesk.ticket" else records.ticket_id


@tagged("post_install", "-at_install")
class TestTicketEstateIsolation(PropertyHelpdeskAccessCase):
    def test_setup(self):
        self.assertEqual(self.a1.estate_id, self.estate)
        self.assertEqual(self.a2.estate_id, self.estate)
        self.assertEqual(self.b1.estate_id, self.estate_other)
        self.assertFalse(self.none.estate_id)
        self.assertFalse(self.none_desk.estate_id)
        self.assertEqual(
            (self.a1 | self.a3 | self.b1).user_id, self.tech_a | self.tech_a2 | self.tech_b
        )

    def test_each_role_sees_its_tickets(self):
        expected = {
            self.desk_a: self.a1 | self.a2 | self.a3 | self.none_desk,
            self.desk_b: self.b1,
            self.manager_a: self.a1 | self.a2 | self.a3,
            self.manager_b: self.b1,
            self.director: self.all_tickets,
            self.reader_a: self.env["helpdesk.ticket"],
            self.tech_a: self.a1,
            self.tech_a2: self.a3,
            self.tech_b: self.b1,
            # helpdesk_mgmt's own users keep its rules
            self.hd_manager: self.all_tickets,
            self.hd_user: self.all_tickets,
        }
        Ticket = self.env["helpdesk.ticket"]
        for user, tickets in expected.items():
            with self.subTest(user=user.login):
                self.assertEqual(self._visible(user), tickets)
                self.assertEqual(Ticket.with_user(user).search_count(self.mine), len(tickets))

    def test_read_group_totals_follow_the_estates(self):
        Ticket = self.env["helpdesk.ticket"]
        expected = {
            self.desk_a: {self.estate.id: 3, False: 1},
            self.manager_b: {self.estate_other.id: 1},
            self.director: {self.estate.id: 3, self.estate_other.id: 1, False: 2},
            self.tech_a: {self.estate.id: 1},
            self.reader_a: {},
        }
        for user, counts in expected.items():
            with self.subTest(user=user.login):
                groups = Ticket.with_user(user)._read_group(self.mine, ["estate_id"], ["__count"])
                self.assertEqual({estate.id: count for estate, count in groups}, counts)

    def test_other_estate_by_id(self):
        for user, ticket in (
            (self.desk_b, self.a1),
            (self.manager_a, self.b1),
            (self.manager_b, self.a2),
            (self.reader_a, self.a1),
            (self.desk_a, self.none),
        ):
            with self.subTest(user=user.login, ticket=ticket.name):
                with self.assertRaises(AccessError):
                    ticket.with_user(user).read(["name"])
        with self.assertRaises(AccessError):
            self.b1.with_user(self.manager_a).write({"priority": "3"})
        self.assertNotEqual(self.b1.priority, "3")

    def test_manager_works_his_estate(self):
        self.a2.with_user(self.manager_a).write({"priority": "2"})
        self.assertEqual(self.a2.priority, "2")
        self.a2.with_user(self.desk_a).action_dispatch()
        self.a2.with_user(self.desk_a)._dispatch_to(self.tech_a)
        self.assertEqual(self.a2.user_id, self.tech_a)

    def test_desk_cannot_log_a_ticket_of_another_estate(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.desk_a)
        with self.assertRaises(AccessError):
            Ticket.create({"name": "PHA far", "unit_id": self.unit_far.id, "ticket_kind": "repair"})
        self.assertFalse(self.env["helpdesk.ticket"].search([("name", "=", "PHA far")]))

    def test_helpdesk_manager_with_a_desk_role_is_not_narrowed(self):
        self.desk_b.group_ids = [
            Command.link(self.env.ref("helpdesk_mgmt.group_helpdesk_manager").id)
        ]
        self.assertEqual(self._visible(self.desk_b), self.all_tickets)

    def test_estates_follow_the_user(self):
        self.desk_b.property_estate_ids = [Command.link(self.estate.id)]
        self.assertEqual(self._visible(self.desk_b), self.a1 | self.a2 | self.a3 | self.b1)

    def test_report_follows_the_tickets(self):
        Report = self.env["property.helpdesk.ticket.report"]
        domain = [("ticket_id", "in", self.all_tickets.ids)]
        expected = {
            self.desk_a: {self.estate.id: 3, False: 1},
            self.manager_a: {self.estate.id: 3},
            self.manager_b: {self.estate_other.id: 1},
            self.director: {self.estate.id: 3, self.estate_other.id: 1, False: 2},
        }
        for user, counts in expected.items():
            with self.subTest(user=user.login):
                groups = Report.with_user(user)._read_group(
                    domain, ["estate_id"], ["ticket_count:sum"]
                )
                self.assertEqual({estate.id: total for estate, total in groups}, counts)
                # One "reported" row per ticket (the others count its clocks and closing).
                self.assertEqual(
                    Report.with_user(user).search_count(domain + [("event", "=", "received")]),
                    sum(counts.values()),
                )
        with self.assertRaises(AccessError):
            # The "reported" row of b1 (rows are numbered ticket × 10 + event).
            Report.with_user(self.manager_a).browse(self.b1.id * 10).read(["ticket_count"])
        for user in (self.tech_a, self.reader_a):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Report.with_user(user).search_count(domain)

    def test_materials_and_pauses_follow_the_tickets(self):
        Material = self.env["property.helpdesk.material"]
        Material.create(
            [
                {"ticket_id": ticket.id, "name": f"PHA pipe {ticket.name}"}
                for ticket in (self.a1, self.a3, self.b1)
            ]
        )
        self.a1.action_wait_owner()
        self.a1.action_resume()
        self.b1.action_wait_owner()
        self.b1.action_resume()
        domain = [("ticket_id", "in", self.all_tickets.ids)]
        for user, tickets in (
            (self.tech_a, self.a1),
            (self.desk_a, self.a1 | self.a3),
            (self.manager_b, self.b1),
            (self.director, self.a1 | self.a3 | self.b1),
        ):
            with self.subTest(user=user.login):
                self.assertEqual(Material.with_user(user).search(domain).ticket_id, tickets)
        Pause = self.env["property.helpdesk.sla.pause"]
        self.assertEqual(Pause.with_user(self.desk_a).search(domain).ticket_id, self.a1)
        self.assertEqual(Pause.with_user(self.manager_b).search(domain).ticket_id, self.b1)
        # The clock writes the pauses: nobody makes one up.
        with self.assertRaises(AccessError):
            Pause.with_user(self.manager_a).create(
                {"ticket_id": self.a1.id, "date_start": "2026-01-01 00:00:00"}
            )


@tagged("post_install", "-at_install")
class TestTechnicianWork(PropertyHelpdeskAccessCase):
    def test_technician_records_the_work(self):
        ticket = self.a1.with_user(self.tech_a)
        ticket.write(
            {
                "work_description": "PHA replaced the valve",
                "material_ids": [Command.create({"name": "PHA valve", "quantity": 1})],
            }
        )
        ticket.action_wait_owner()
        ticket.action_resume()
        ticket.action_work_done()
        self.assertEqual(self.a1.property_state, "done")
        self.assertEqual(self.a1.work_description, "PHA replaced the valve")
        self.assertEqual(self.a1.material_ids.name, "PHA valve")
        self.assertTrue(self.a1.work_done_date)
        ticket.message_post(body="PHA photo of the new valve")

    def test_technician_does_not_reassign_or_redefine(self):
        ticket = self.a1.with_user(self.tech_a)
        for values in (
            {"user_id": self.tech_a2.id},
            {"team_id": self.team_service.id},
            {"unit_id": self.unit_other.id},
            {"priority": "0"},
            {"work_description": "PHA ok", "partner_id": False},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                ticket.write(values)
        self.assertEqual(self.a1.user_id, self.tech_a)
        self.assertEqual(self.a1.team_id, self.team)
        self.assertEqual(self.a1.unit_id, self.unit)
        self.assertFalse(self.a1.work_description)
        self.team.dispatch_rule = "round_robin"
        with self.assertRaises(AccessError):
            ticket.action_auto_dispatch()
        self.assertEqual(self.a1.user_id, self.tech_a)

    def test_technician_does_not_check_close_or_create(self):
        self.a1.category_id = self.cat_plumbing  # its work is checked
        ticket = self.a1.with_user(self.tech_a)
        closed = self.a1._get_property_stage("closed")
        with self.assertRaises(AccessError):
            ticket.write({"stage_id": closed.id})
        ticket.write({"work_description": "PHA done"})
        ticket.action_work_done()
        self.assertEqual(self.a1.qc_state, "pending")
        with self.assertRaises(AccessError):
            ticket.action_quality_pass()
        self.assertEqual(self.a1.qc_state, "pending")
        self.a1.with_user(self.desk_a).action_quality_pass()
        with self.assertRaises(AccessError):
            ticket.action_desk_confirm()
        self.assertEqual(self.a1.property_state, "done")
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket"].with_user(self.tech_a).create({"name": "PHA own"})
        with self.assertRaises(AccessError):
            ticket.unlink()

    def test_technician_reads_no_other_ticket(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.tech_a)
        for other in (self.a2, self.a3, self.b1, self.none):
            with self.subTest(ticket=other.name), self.assertRaises(AccessError):
                other.with_user(self.tech_a).read(["name"])
        self.assertEqual(Ticket.search_count([]), 1)
        # Following a ticket gives no access to it.
        self.a3.message_subscribe(partner_ids=self.tech_a.partner_id.ids)
        self.assertEqual(Ticket.search(self.mine), self.a1)

    def test_reassigned_ticket_leaves_the_technician(self):
        self.a1.with_user(self.desk_a)._dispatch_to(self.tech_a2)
        self.assertEqual(self._visible(self.tech_a), self.env["helpdesk.ticket"])
        self.assertEqual(self._visible(self.tech_a2), self.a1 | self.a3)

    def test_dispatched_out_of_his_estates(self):
        far = self.create_ticket(name="PHA far", unit_id=self.unit_far.id, partner_id=False)
        far._dispatch_to(self.tech_a)
        self.assertEqual(far.user_id, self.tech_a)
        self.assertEqual(
            self._visible(self.tech_a, domain=[("id", "in", (far | self.a1).ids)]), self.a1
        )


@tagged("post_install", "-at_install")
class TestSlaStart(PropertyHelpdeskAccessCase):
    def _move(self, user, ticket, start, reason="PHA the owner phoned at 8:10"):
        wizard = (
            self.env["property.helpdesk.sla.start.wizard"]
            .with_user(user)
            .create({"ticket_id": ticket.id, "sla_start_date": start, "reason": reason})
        )
        return wizard.action_apply()

    def test_nobody_passes_it_over_rpc(self):
        Ticket = self.env["helpdesk.ticket"]
        values = {
            "name": "PHA backdated",
            "unit_id": self.unit.id,
            "sla_start_date": "2026-01-01 00:00:00",
        }
        # Field staff log no ticket at all.
        with self.assertRaises(AccessError):
            Ticket.with_user(self.tech_a).create(values)
        for user in (self.desk_a, self.manager_a, self.director, self.hd_manager):
            with self.subTest(user=user.login):
                count = Ticket.search_count([])
                with self.assertRaisesText(UserError, "只有项目经理"):
                    Ticket.with_user(user).with_context(lang="zh_CN").create(values)
                self.assertEqual(Ticket.search_count([]), count)
        start = self.a2.sla_start_date
        for user in (self.desk_a, self.manager_a):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.a2.with_user(user).write({"sla_start_date": "2026-01-01 00:00:00"})
        self.assertEqual(self.a2.sla_start_date, start)

    def test_manager_moves_it_with_a_reason(self):
        with freeze_time(utc("2026-09-22 10:00")):  # a Tuesday
            ticket = self.create_ticket(name="PHA late entry")
        self.assertEqual(ticket.resolution_deadline, utc("2026-09-23 10:00"))
        with freeze_time(utc("2026-09-22 11:00")):
            self._move(self.manager_a, ticket, utc("2026-09-21 09:00"))
        self.assertEqual(ticket.sla_start_date, utc("2026-09-21 09:00"))
        # 8 working hours from Monday 9:00.
        self.assertEqual(ticket.resolution_deadline, utc("2026-09-21 18:00"))
        self.assertTrue(ticket.resolution_breached)
        note = ticket.message_ids[:1]
        self.assertIn("PHA the owner phoned at 8:10", note.body)
        self.assertEqual(note.author_id, self.manager_a.partner_id)

    def test_moved_start_recomputes_the_figures(self):
        with freeze_time(utc("2026-09-21 09:00")):
            ticket = self.create_ticket(name="PHA figures")
        with freeze_time(utc("2026-09-21 10:00")):
            ticket._dispatch_to(self.tech_a)
        self.assertAlmostEqual(ticket.response_time_hours, 1.0)
        with freeze_time(utc("2026-09-21 12:00")):
            self._move(self.manager_a, ticket, utc("2026-09-21 08:00"))
        self.assertAlmostEqual(ticket.response_time_hours, 2.0)
        with freeze_time(utc("2026-09-21 12:00")), self.assertRaises(UserError):
            self._move(self.manager_a, ticket, utc("2026-09-21 11:00"))  # after the response
        with self.assertRaises(UserError):
            self._move(self.manager_a, ticket, fields.Datetime.now() + timedelta(hours=1))
        self.assertEqual(ticket.sla_start_date, utc("2026-09-21 08:00"))

    def test_only_a_manager_of_the_estate(self):
        start_a, start_b = self.a1.sla_start_date, self.b1.sla_start_date
        with self.assertRaises(AccessError):
            self._move(self.manager_a, self.b1, start_b - timedelta(hours=1))
        for user in (self.desk_a, self.tech_a):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._move(user, self.a1, start_a - timedelta(hours=1))
        with self.assertRaises(UserError):
            self._move(self.manager_a, self.a1, start_a - timedelta(hours=1), reason="   ")
        self.assertEqual(self.b1.sla_start_date, start_b)
        self.assertEqual(self.a1.sla_start_date, start_a)
        # The manager of B does it on B.
        self._move(self.manager_b, self.b1, start_b - timedelta(hours=1))
        self.assertEqual(self.b1.sla_start_date, start_b - timedelta(hours=1))

    def test_recorded_outcomes_stay_the_systems(self):
        ticket = self.a1.with_user(self.desk_a).with_context(lang="zh_CN")
        for values in (
            {"owner_rating": "5"},
            {"qc_state": "passed"},
            {"follow_up_result": "satisfied"},
            {"closing_mode": "owner"},
            {"sla_pause_ids": [Command.create({"date_start": "2026-01-01 00:00:00"})]},
        ):
            with self.subTest(values=values), self.assertRaisesText(UserError, "不能手工修改"):
                ticket.write(values)
        self.assertFalse(self.a1.owner_rating or self.a1.qc_state or self.a1.sla_pause_ids)


@tagged("post_install", "-at_install")
class TestMenusPerRole(PropertyHelpdeskAccessCase):
    def _menus(self, user):
        """The menus among these that the user reaches (with all their parents)."""
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        return {
            xmlid
            for xmlid in (
                "property_helpdesk.menu_field_work_tickets",
                "property_helpdesk.menu_property_service_requests",
                "property_helpdesk.menu_property_service_kpi",
                "helpdesk_mgmt.helpdesk_all_ticket_menu",
                "helpdesk_mgmt.helpdesk_ticket_config_main_menu",
            )
            if {int(i) for i in self.env.ref(xmlid).parent_path.strip("/").split("/")} <= visible
        }

    def test_menus(self):
        self.assertEqual(self._menus(self.tech_a), {"property_helpdesk.menu_field_work_tickets"})
        self.assertEqual(
            self._menus(self.desk_a),
            {
                "property_helpdesk.menu_property_service_requests",
                "property_helpdesk.menu_property_service_kpi",
                "helpdesk_mgmt.helpdesk_all_ticket_menu",
            },
        )
        self.assertEqual(self._menus(self.reader_a), set())
        self.assertIn(
            "helpdesk_mgmt.helpdesk_ticket_config_main_menu", self._menus(self.hd_manager)
        )


@tagged("post_install", "-at_install")
class TestTechnicianHome(PropertyHelpdeskCase):
    def test_technician_lands_on_his_work(self):
        technician = self._create_user(
            "phd_home_technician", "property_base.group_property_technician"
        )
        action = self.env.ref("property_base.action_property_home").with_user(technician).run()
        self.assertEqual(action["res_model"], "helpdesk.ticket")
        self.assertEqual(
            action["id"], self.env.ref("property_helpdesk.helpdesk_ticket_action_my_work").id
        )
