from datetime import date
from io import BytesIO

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from .. import ODOO_MAINTENANCE_RULES, uninstall_hook
from .common import PropertyMaintenanceCase


@tagged("post_install", "-at_install")
class TestEstateSecurity(PropertyMaintenanceCase):
    """The estate is the boundary of the engineering side: each role sees and
    changes the equipment, requests, plans, inspections and patrols of its own
    estates only (in lists, by id, in counts and totals, in exports); a
    technician sees only the work given to him; Odoo's own Maintenance users
    keep Odoo's rules.

    Estate A is "PMT Lotus Garden" (``estate``), estate R "PMT Riverside"
    (``estate_other``), both of company A.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk_a = cls._create_user(
            "pmt_desk_a", "property_base.group_property_user", estates=cls.estate
        )
        cls.tech_a = cls._create_user(
            "pmt_tech_a", "property_base.group_property_technician", estates=cls.estate
        )
        cls.tech_a2 = cls._create_user(
            "pmt_tech_a2", "property_base.group_property_technician", estates=cls.estate
        )
        cls.manager_a = cls._create_user(
            "pmt_manager_a", "property_base.group_property_manager", estates=cls.estate
        )
        cls.manager_r = cls._create_user(
            "pmt_manager_r", "property_base.group_property_manager", estates=cls.estate_other
        )
        cls.director = cls._create_user(
            "pmt_director", "property_base.group_property_company_manager", estates=cls.estate
        )
        cls.reader_a = cls._create_user(
            "pmt_reader_a", "property_base.group_property_meter_reader", estates=cls.estate
        )
        Request = cls.env["maintenance.request"]
        cls.request_a = Request.create(
            {"name": "PMT leak A", "equipment_id": cls.pump_1.id, "user_id": cls.tech_a.id}
        )
        cls.request_a2 = Request.create(
            {"name": "PMT noise A", "equipment_id": cls.pump_2.id, "user_id": cls.tech_a2.id}
        )
        cls.request_r = Request.create(
            {"name": "PMT leak R", "equipment_id": cls.pump_other.id, "user_id": cls.tech_a.id}
        )
        cls.inspection_a = cls.env["property.equipment.inspection"].create(
            {"equipment_id": cls.elevator.id, "due_date": "2026-09-01"}
        )
        cls.inspection_r = cls.env["property.equipment.inspection"].create(
            {"equipment_id": cls.pump_other.id, "due_date": "2026-09-01"}
        )
        cls.plan_a = cls._create_plan(
            {"interval_number": 1, "interval_unit": "month", "date_start": "2026-01-31"},
            equipment_ids=[Command.set(cls.pump_1.ids)],
        )
        cls.plan_r = cls.env["property.maintenance.plan"].create(
            {
                "name": "PMT Plan R",
                "estate_id": cls.estate_other.id,
                "date_start": "2026-01-01",
                "team_id": cls.team.id,
                "equipment_ids": [Command.set(cls.pump_other.ids)],
                "task_ids": [
                    Command.create(
                        {
                            "name": "PMT Task R",
                            "interval_number": 1,
                            "interval_unit": "month",
                            "date_start": "2026-01-31",
                            "checklist_ids": [Command.create({"name": "PMT Step R"})],
                        }
                    )
                ],
            }
        )
        cls.plan_a.task_ids.checklist_ids = [Command.create({"name": "PMT Step A"})]
        cls.round_a, cls.round_a2 = cls._create_patrol(cls.estate, cls.pump_1, cls.tech_a)
        cls.round_r, _round = cls._create_patrol(cls.estate_other, cls.pump_other, cls.tech_a)

    @classmethod
    def _create_patrol(cls, estate, equipment, technician):
        """A route of the estate with one checkpoint and two checks; a round of
        it for the technician and one for his colleague ``tech_a2``."""
        checkpoint = cls.env["property.patrol.checkpoint"].create(
            {
                "name": f"PMT checkpoint {estate.code}",
                "estate_id": estate.id,
                "equipment_id": equipment.id,
                "item_ids": [
                    Command.create({"name": "PMT no leaks"}),
                    Command.create(
                        {
                            "name": "PMT pressure",
                            "item_type": "reading",
                            "min_value": 0.3,
                            "max_value": 0.6,
                        }
                    ),
                ],
            }
        )
        route = cls.env["property.patrol.route"].create(
            {
                "name": f"PMT route {estate.code}",
                "estate_id": estate.id,
                "checkpoint_ids": [Command.set(checkpoint.ids)],
            }
        )
        Round = cls.env["property.patrol.round"]
        return (
            Round.create({"route_id": route.id, "user_id": technician.id}),
            Round.create({"route_id": route.id, "user_id": cls.tech_a2.id}),
        )

    def _records(self):
        """{model: (records of estate A, records of estate R)} of every model."""
        plan_a, plan_r = self.plan_a, self.plan_r
        return {
            "maintenance.equipment": (
                self.pump_1 | self.pump_2 | self.elevator | self.transformer,
                self.pump_other,
            ),
            "maintenance.request": (self.request_a | self.request_a2, self.request_r),
            "property.equipment.inspection": (self.inspection_a, self.inspection_r),
            "property.maintenance.plan": (plan_a, plan_r),
            "property.maintenance.plan.task": (plan_a.task_ids, plan_r.task_ids),
            "property.maintenance.plan.step": (
                plan_a.task_ids.checklist_ids,
                plan_r.task_ids.checklist_ids,
            ),
            "property.patrol.route": (self.round_a.route_id, self.round_r.route_id),
            "property.patrol.checkpoint": (
                self.round_a.route_id.checkpoint_ids,
                self.round_r.route_id.checkpoint_ids,
            ),
            "property.patrol.item": (
                self.round_a.route_id.checkpoint_ids.item_ids,
                self.round_r.route_id.checkpoint_ids.item_ids,
            ),
            "property.patrol.round": (self.round_a | self.round_a2, self.round_r | self.round_r2),
            "property.patrol.result": (
                (self.round_a | self.round_a2).result_ids,
                (self.round_r | self.round_r2).result_ids,
            ),
        }

    @property
    def round_r2(self):
        return self.env["property.patrol.round"].search(
            [("route_id", "=", self.round_r.route_id.id), ("id", "!=", self.round_r.id)]
        )

    def test_desk_and_managers_see_their_estates(self):
        for model, (of_a, of_r) in self._records().items():
            both = of_a | of_r
            self.assertSeesOnly(self.desk_a, model, of_a, both)
            self.assertSeesOnly(self.manager_a, model, of_a, both)
            self.assertSeesOnly(self.manager_r, model, of_r, both)
            self.assertSeesOnly(self.director, model, both, both)

    def test_totals_by_estate(self):
        """Pivots and graphs (read_group) count the user's estates only."""
        domain = [("id", "in", (self.request_a | self.request_a2 | self.request_r).ids)]
        Request = self.env["maintenance.request"]
        for user, expected in (
            (self.manager_a, {self.estate: 2}),
            (self.manager_r, {self.estate_other: 1}),
            (self.director, {self.estate: 2, self.estate_other: 1}),
        ):
            totals = dict(Request.with_user(user)._read_group(domain, ["estate_id"], ["__count"]))
            self.assertEqual(totals, expected, user.login)

    def test_manager_writes_only_his_estate(self):
        self.pump_1.with_user(self.manager_a).location = "PMT B1"
        self.assertEqual(self.pump_1.location, "PMT B1")
        with self.assertRaises(AccessError):
            self.pump_other.with_user(self.manager_a).location = "PMT B2"
        with self.assertRaises(AccessError):
            self.plan_r.with_user(self.manager_a).write({"name": "PMT taken"})
        with self.assertRaises(AccessError):
            self.env["maintenance.equipment"].with_user(self.manager_a).create(
                {"name": "PMT stray", "estate_id": self.estate_other.id}
            )
        with self.assertRaises(AccessError):
            self.env["property.patrol.route"].with_user(self.manager_a).create(
                {"name": "PMT stray route", "estate_id": self.estate_other.id}
            )
        self.assertEqual(self.pump_other.location, False)
        self.assertEqual(self.plan_r.name, "PMT Plan R")

    def test_technician_sees_his_work(self):
        tech = self.tech_a
        self.assertSeesOnly(
            tech,
            "maintenance.equipment",
            self.pump_1 | self.pump_2 | self.elevator | self.transformer,
            self.pump_1 | self.pump_2 | self.elevator | self.transformer | self.pump_other,
        )
        # His request of estate A; not his colleague's, nor one of another estate.
        self.assertSeesOnly(
            tech,
            "maintenance.request",
            self.request_a,
            self.request_a | self.request_a2 | self.request_r,
        )
        self.assertSeesOnly(
            tech, "property.patrol.round", self.round_a, self.round_a | self.round_a2 | self.round_r
        )
        self.assertSeesOnly(
            tech,
            "property.patrol.result",
            self.round_a.result_ids,
            (self.round_a | self.round_a2 | self.round_r).result_ids,
        )
        records = self._records()
        for model in ("property.patrol.route", "property.patrol.checkpoint"):
            of_a, of_r = records[model]
            self.assertSeesOnly(tech, model, of_a, of_a | of_r)
        # No plans, inspections, nor the other side's records at all.
        for model in (
            "property.equipment.inspection",
            "property.maintenance.plan",
            "property.maintenance.plan.task",
        ):
            with self.assertRaises(AccessError):
                self.env[model].with_user(tech).search([])

    def test_technician_records_results_only(self):
        tech = self.tech_a
        leak, pressure = self.round_a.result_ids.with_user(tech)
        leak.write({"result": "not_ok", "note": "PMT puddle"})
        pressure.reading = 0.4
        self.assertEqual((leak.result, pressure.result), ("not_ok", "ok"))
        self.assertTrue(leak.checked_at)
        # The abnormal check raised a request of the estate, which he sees.
        self.assertEqual(leak.request_id.estate_id, self.estate)
        self.assertEqual(
            leak.request_id.with_user(tech).read(["name"])[0]["id"], leak.request_id.id
        )
        with self.assertRaises(AccessError):
            pressure.write({"checked_at": "2020-01-01 00:00:00"})
        with self.assertRaises(AccessError):
            self.round_a.with_user(tech).write({"user_id": self.tech_a2.id})
        with self.assertRaises(AccessError):
            self.round_a2.result_ids[0].with_user(tech).write({"result": "ok"})
        with self.assertRaises(AccessError):
            self.env["property.patrol.round"].with_user(tech).create(
                {"route_id": self.round_a.route_id.id}
            )
        with self.assertRaises(AccessError):
            self.pump_1.with_user(tech).write({"location": "PMT moved"})
        self.round_a.with_user(tech).action_done()
        self.assertEqual(self.round_a.state, "done")
        self.assertEqual(self.round_a.user_id, tech)
        with self.assertRaises(AccessError):
            self.round_a2.with_user(tech).action_done()
        self.assertEqual(self.round_a2.state, "open")

    def test_technician_works_his_request(self):
        self.request_a.with_user(self.tech_a).diagnosis = "PMT worn seal"
        self.assertEqual(self.request_a.diagnosis, "PMT worn seal")
        with self.assertRaises(AccessError):
            self.request_a2.with_user(self.tech_a).diagnosis = "PMT not mine"
        with self.assertRaises(AccessError):
            self.request_r.with_user(self.tech_a).diagnosis = "PMT not my estate"

    def test_technician_reads_the_checklist_of_his_planned_request(self):
        self.plan_a.task_ids.standard = "PMT no vibration"
        self.plan_a.task_ids._generate_requests(date(2026, 1, 1), date(2026, 1, 31))
        request = self.env["maintenance.request"].search([("plan_id", "=", self.plan_a.id)])
        self.assertEqual(len(request), 1)
        request.user_id = self.tech_a
        values = request.with_user(self.tech_a).web_read(
            {"plan_checklist_ids": {"fields": {"name": {}}}, "plan_standard": {}}
        )[0]
        self.assertEqual([step["name"] for step in values["plan_checklist_ids"]], ["PMT Step A"])
        self.assertEqual(values["plan_standard"], "PMT no vibration")
        # The steps of estate R's plans are not his.
        with self.assertRaises(AccessError):
            self.plan_r.task_ids.checklist_ids.with_user(self.tech_a).read(["name"])
        with self.assertRaises(AccessError):
            self.plan_a.task_ids.checklist_ids.with_user(self.tech_a).write({"name": "PMT mine"})

    def test_following_does_not_cross_estates(self):
        """Odoo shows a user the requests and equipment he follows; a property
        user following those of another estate still does not see them."""
        self.request_r.message_subscribe(self.desk_a.partner_id.ids)
        self.pump_other.message_subscribe(self.desk_a.partner_id.ids)
        self.request_r.owner_user_id = self.desk_a
        with self.assertRaises(AccessError):
            self.request_r.with_user(self.desk_a).read(["name"])
        with self.assertRaises(AccessError):
            self.pump_other.with_user(self.desk_a).read(["name"])

    def test_odoo_maintenance_users_keep_odoo_rules(self):
        """A Maintenance user without property group: the equipment manager sees
        everything, a plain employee what he follows or owns, of any estate."""
        equipment_manager = new_test_user(
            self.env, login="pmt_odoo_manager", groups="maintenance.group_equipment_manager"
        )
        employee = new_test_user(self.env, login="pmt_odoo_employee", groups="base.group_user")
        requests = self.request_a | self.request_a2 | self.request_r
        self.assertEqual(
            self.env["maintenance.request"]
            .with_user(equipment_manager)
            .search([("id", "in", requests.ids)]),
            requests,
        )
        self.request_r.message_subscribe(employee.partner_id.ids)
        self.assertEqual(
            self.env["maintenance.request"]
            .with_user(employee)
            .search([("id", "in", requests.ids)]),
            self.request_r,
        )
        # An equipment manager who is also on the desk of estate A still sees all.
        self.desk_a.group_ids = [
            Command.link(self.env.ref("maintenance.group_equipment_manager").id)
        ]
        self.assertEqual(
            self.env["maintenance.request"]
            .with_user(self.desk_a)
            .search_count([("id", "in", requests.ids)]),
            3,
        )

    def test_meter_reader_sees_his_estates_energy(self):
        meters = self.env["property.meter"].create(
            [
                {
                    "name": "PMT meter A",
                    "estate_id": self.estate.id,
                    "system": "power",
                    "meter_type": "electricity",
                },
                {
                    "name": "PMT meter R",
                    "estate_id": self.estate_other.id,
                    "system": "power",
                    "meter_type": "electricity",
                },
            ]
        )
        for meter in meters:
            for day, value in (("2026-01-01", 100), ("2026-02-01", 160)):
                self.env["property.meter.reading"].create(
                    {"meter_id": meter.id, "date": day, "value": value}
                )
        Reading = self.env["property.meter.reading"].with_user(self.reader_a)
        domain = [("meter_id", "in", meters.ids)]
        totals = Reading._read_group(domain, ["estate_id", "system"], ["__count"])
        self.assertEqual(totals, [(self.estate, "power", 2)])
        self.assertEqual(Reading.search_count(domain), 2)
        with self.assertRaises(AccessError):
            meters[1].reading_ids.with_user(self.reader_a).read(["value"])
        # Maintenance is not his work: no request of his estates.
        self.assertFalse(
            self.env["maintenance.request"]
            .with_user(self.reader_a)
            .search([("id", "in", (self.request_a | self.request_r).ids)])
        )

    def test_ledger_export_of_his_estates(self):
        """The equipment ledger exported by the desk of estate A lists its
        equipment only; naming estate R's equipment is refused."""
        Equipment = self.env["maintenance.equipment"].with_user(self.desk_a)
        content = self._render_report_action(Equipment.action_export_ledger_xlsx(), self.desk_a)
        sheet = openpyxl.load_workbook(BytesIO(content)).active
        names = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
        self.assertEqual(
            {name for name in names if name.startswith("PMT")},
            {"PMT Pump 1", "PMT Pump 2", "PMT Elevator 1", "PMT Transformer"},
        )
        with self.assertRaises(AccessError):
            self._render_report_action(
                (self.pump_1 | self.pump_other).action_export_ledger_xlsx(), self.desk_a
            )

    def test_compliance_export_of_his_estates(self):
        """Plan compliance exported by the manager of estate R: his estate's
        figures only; naming estate A's plan is refused."""
        for plan in self.plan_a | self.plan_r:
            plan.task_ids._generate_requests(date(2026, 1, 1), date(2026, 3, 31))
        Plan = self.env["property.maintenance.plan"].with_user(self.manager_r)
        with freeze_time("2026-03-15"):
            content = self._render_report_action(
                Plan.action_export_compliance_xlsx(), self.manager_r
            )
            sheet = openpyxl.load_workbook(BytesIO(content)).active
            estates = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
            self.assertEqual(
                [estate for estate in estates if estate.startswith("PMT")],
                ["PMT Riverside", "PMT Riverside"],
            )
            with self.assertRaises(AccessError):
                self._render_report_action(
                    self.plan_a.action_export_compliance_xlsx(), self.manager_r
                )

    def test_uninstall_gives_odoo_its_rules_back(self):
        for xmlid in ODOO_MAINTENANCE_RULES:
            self.assertIn("property_estate_ids", self.env.ref(xmlid).domain_force)
        uninstall_hook(self.env)
        for xmlid, domain in ODOO_MAINTENANCE_RULES.items():
            self.assertEqual(self.env.ref(xmlid).domain_force, domain)
