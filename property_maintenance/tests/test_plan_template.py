import re
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import PropertyMaintenanceCase

DATA_TEMPLATES = {
    "property_maintenance.plan_template_elevator": ("elevator", "电梯维护保养（TSG T5002）"),
    "property_maintenance.plan_template_fire": ("fire", "建筑消防设施维护管理（GB 25201）"),
    "property_maintenance.plan_template_water": ("water", "水泵房及二次供水"),
    "property_maintenance.plan_template_generator": ("power", "柴油发电机组"),
}


@tagged("post_install", "-at_install")
class TestPlanTemplate(PropertyMaintenanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_field_technician = cls._create_user(
            "pmt_field_technician", "property_base.group_property_technician"
        )
        cls.template = cls.env["property.maintenance.plan.template"].create(
            {
                "name": "PMT Pump Template",
                "system": "water",
                "task_ids": [
                    Command.create(
                        {
                            "name": "PMT Weekly round",
                            "sequence": 1,
                            "interval_number": 1,
                            "interval_unit": "week",
                            "duration": 1.0,
                            "standard": "No leak",
                            "step_ids": [
                                Command.create({"name": "PMT Noise", "sequence": 1}),
                                Command.create(
                                    {
                                        "name": "PMT Pressure",
                                        "sequence": 2,
                                        "standard": "0.4 MPa",
                                    }
                                ),
                            ],
                        }
                    ),
                    Command.create(
                        {
                            "name": "PMT Tank cleaning",
                            "sequence": 2,
                            "interval_number": 6,
                            "interval_unit": "month",
                            "duration": 8.0,
                            "step_ids": [Command.create({"name": "PMT Drain"})],
                        }
                    ),
                ],
            }
        )

    def _new_plan_form(self, template, **values):
        form = Form(self.env["property.maintenance.plan"])
        form.estate_id = self.estate
        form.date_start = date(2026, 1, 1)
        for name, value in values.items():
            setattr(form, name, value)
        form.template_id = template
        return form

    def test_data_templates_read_in_chinese(self):
        if not self.env["res.lang"]._get_code("zh_CN"):
            self.skipTest("Chinese is not installed")
        for xmlid, (system, name_zh) in DATA_TEMPLATES.items():
            template = self.env.ref(xmlid).with_context(lang="zh_CN")
            self.assertEqual(template.system, system, xmlid)
            self.assertEqual(template.name, name_zh, xmlid)
            self.assertTrue(template.task_ids, xmlid)
            for task in template.task_ids:
                self.assertGreaterEqual(task.interval_number, 1)
                self.assertTrue(2 <= len(task.step_ids) <= 5, task.name)
                # Every text of the template reads in Chinese, none stays English
                # (a bare figure such as "≥ 0.5 MΩ" reads the same in both).
                texts = [task.name, task.standard or ""]
                texts += task.step_ids.mapped("name") + [s.standard or "" for s in task.step_ids]
                for text in texts:
                    self.assertTrue(
                        not re.search("[A-Za-z]{3,}", text) or re.search("[\u4e00-\u9fff]", text),
                        f"{xmlid}: {text!r} is not translated",
                    )
        elevator = self.env.ref("property_maintenance.plan_template_elevator")
        semi_monthly = elevator.task_ids[0]
        self.assertEqual((semi_monthly.interval_number, semi_monthly.interval_unit), (15, "day"))
        self.assertEqual(semi_monthly.with_context(lang="zh_CN").name, "半月维保")
        self.assertEqual(semi_monthly.with_context(lang="en_US").name, "Semi-monthly maintenance")
        annual = elevator.task_ids.filtered(lambda t: t.interval_unit == "year")
        self.assertIn("≥ 0.5 MΩ", annual.step_ids.mapped("standard"))
        water = self.env.ref("property_maintenance.plan_template_water")
        cleaning = water.task_ids.filtered(lambda t: t.interval_number == 6)
        self.assertEqual(cleaning.with_context(lang="zh_CN").name, "水箱清洗消毒")

    def test_template_fills_new_plan(self):
        form = self._new_plan_form(self.template)
        self.assertEqual(form.name, "PMT Pump Template")
        self.assertEqual(form.apply_on, "system")
        self.assertEqual(form.system, "water")
        self.assertEqual(len(form.task_ids), 2)
        plan = form.save()
        self.assertEqual(plan.template_id, self.template)
        weekly, cleaning = plan.task_ids.sorted("sequence")
        self.assertEqual(weekly.name, "PMT Weekly round")
        self.assertEqual((weekly.interval_number, weekly.interval_unit), (1, "week"))
        self.assertEqual(weekly.duration, 1.0)
        self.assertEqual(weekly.standard, "No leak")
        self.assertEqual(weekly.checklist_ids.mapped("name"), ["PMT Noise", "PMT Pressure"])
        self.assertEqual(weekly.checklist_ids.mapped("standard"), [False, "0.4 MPa"])
        self.assertEqual((cleaning.interval_number, cleaning.interval_unit), (6, "month"))
        self.assertEqual(cleaning.checklist_ids.mapped("name"), ["PMT Drain"])
        # The template is left as it was: the plan has copies.
        self.assertEqual(len(self.template.task_ids), 2)
        self.assertEqual(len(self.template.task_ids.step_ids), 3)
        weekly.checklist_ids[0].name = "PMT Noise and vibration"
        self.assertEqual(self.template.task_ids[0].step_ids[0].name, "PMT Noise")

    def test_template_keeps_name_and_replaces_tasks(self):
        form = self._new_plan_form(self.template, name="PMT 2026 Pumps")
        self.assertEqual(form.name, "PMT 2026 Pumps")
        elevator = self.env.ref("property_maintenance.plan_template_elevator")
        form.template_id = elevator
        self.assertEqual(form.name, "PMT 2026 Pumps")
        self.assertEqual(form.system, "elevator")
        self.assertEqual(len(form.task_ids), len(elevator.task_ids))
        plan = form.save()
        self.assertNotIn("PMT Weekly round", plan.task_ids.mapped("name"))
        self.assertEqual(
            len(plan.task_ids.checklist_ids), len(elevator.task_ids.step_ids), plan.task_ids
        )

    def test_plan_copies_in_the_company_language(self):
        if not self.env["res.lang"]._get_code("zh_CN"):
            self.skipTest("Chinese is not installed")
        self.company_a.property_lang = "zh_CN"
        fire = self.env.ref("property_maintenance.plan_template_fire")
        plan = self._new_plan_form(fire).save()
        self.assertEqual(plan.name, "建筑消防设施维护管理（GB 25201）")
        self.assertEqual(
            plan.task_ids.mapped("name"), fire.with_context(lang="zh_CN").task_ids.mapped("name")
        )
        self.assertIn("末端试水装置放水试验", plan.task_ids.checklist_ids.mapped("name"))

    def test_requests_from_template_plan(self):
        plan = self._new_plan_form(self.template).save()
        self.assertEqual(plan.equipment_count, 2)
        requests = plan.task_ids._generate_requests(date(2026, 1, 1), date(2026, 1, 31))
        weekly = plan.task_ids.filtered(lambda t: t.interval_unit == "week")
        # Weekly from 1 January (1, 8, 15, 22, 29) and the tank cleaning once, on both pumps.
        self.assertEqual(len(requests), (5 + 1) * 2)
        self.assertEqual(requests.equipment_id, self.pump_1 | self.pump_2)
        self.assertEqual(set(requests.mapped("maintenance_type")), {"preventive"})
        first = requests.filtered(
            lambda r: r.plan_task_id == weekly and r.equipment_id == self.pump_1
        ).sorted("plan_due_date")[0]
        self.assertEqual(first.plan_due_date, date(2026, 1, 1))
        self.assertEqual(first.name, "PMT Weekly round - PMT Pump 1")
        self.assertEqual(first.plan_checklist_ids.mapped("name"), ["PMT Noise", "PMT Pressure"])
        # Run again: nothing twice.
        self.assertFalse(plan.task_ids._generate_requests(date(2026, 1, 1), date(2026, 1, 31)))

    def test_bad_interval_refused(self):
        task = self.template.task_ids[0]
        with self.assertRaisesRegex(ValidationError, "at least 1"):
            task.interval_number = 0
        with self.assertRaises(ValidationError):
            self.env["property.maintenance.plan.template.task"].create(
                {"template_id": self.template.id, "name": "PMT Never", "interval_number": -2}
            )
        if self.env["res.lang"]._get_code("zh_CN"):
            with self.assertRaisesRegex(ValidationError, "间隔至少为 1"):
                task.with_context(lang="zh_CN").interval_number = 0

    def test_access(self):
        elevator = self.env.ref("property_maintenance.plan_template_elevator")
        for user in (self.user_technician, self.user_field_technician, self.user_manager_b):
            self.assertTrue(elevator.with_user(user).task_ids.step_ids.mapped("name"))
        for user in (self.user_technician, self.user_field_technician):
            with self.assertRaises(AccessError):
                elevator.with_user(user).name = "PMT changed"
        own = (
            self.env["property.maintenance.plan.template"]
            .with_user(self.user_manager)
            .create({"name": "PMT Company A lifts", "system": "elevator"})
        )
        own.company_id = self.company_a
        Template = self.env["property.maintenance.plan.template"]
        self.assertIn(own, Template.with_user(self.user_manager).search([]))
        self.assertNotIn(own, Template.with_user(self.user_manager_b).search([]))
