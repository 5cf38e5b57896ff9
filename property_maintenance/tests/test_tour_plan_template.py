from datetime import timedelta

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTourPlanTemplate(HttpCase):
    """An estate manager, working in Chinese, makes his estate's lift plan
    from the shipped template in the browser and generates its requests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate = cls.env["property.estate"].create({"name": "巡游花园", "code": "XYHY"})
        cls.manager = new_test_user(
            cls.env,
            login="plan_template_tour",
            groups="property_base.group_property_manager",
            lang="zh_CN",
            property_estate_ids=[Command.set(cls.estate.ids)],
        )
        cls.lifts = cls.env["maintenance.equipment"].create(
            [
                {"name": f"巡游花园 {n} 号电梯", "estate_id": cls.estate.id, "system": "elevator"}
                for n in (1, 2)
            ]
        )
        cls.template = cls.env.ref("property_maintenance.plan_template_elevator")

    def test_plan_from_template(self):
        self.start_tour(
            "/odoo", "property_maintenance_plan_from_template_tour", login="plan_template_tour"
        )
        plan = self.env["property.maintenance.plan"].search([("estate_id", "=", self.estate.id)])
        self.assertEqual(len(plan), 1)
        self.assertEqual(plan.template_id, self.template)
        self.assertEqual((plan.apply_on, plan.system), ("system", "elevator"))
        self.assertEqual(plan.create_uid, self.manager)
        self.assertEqual(
            plan.task_ids.mapped("name"),
            self.template.with_context(lang="zh_CN").task_ids.mapped("name"),
        )
        self.assertEqual(
            [len(task.checklist_ids) for task in plan.task_ids],
            [len(task.step_ids) for task in self.template.task_ids],
        )
        self.assertTrue(all(plan.task_ids.mapped("checklist_ids")))
        # Every task is due on the plan's first day (today), the semi-monthly
        # one every 15 days within the 30 days' horizon: requests for both lifts.
        requests = plan.request_ids
        self.assertEqual(requests.equipment_id, self.lifts)
        today = plan.date_start
        self.assertEqual(
            set(
                requests.filtered(lambda r: r.plan_task_id != plan.task_ids[0]).mapped(
                    "plan_due_date"
                )
            ),
            {today},
        )
        semi_monthly = requests.filtered(lambda r: r.plan_task_id == plan.task_ids[0])
        self.assertEqual(
            sorted(set(semi_monthly.mapped("plan_due_date"))),
            [today + timedelta(days=days) for days in (0, 15, 30)],
        )
        self.assertEqual(len(requests), 2 * (len(plan.task_ids) - 1 + 3))
