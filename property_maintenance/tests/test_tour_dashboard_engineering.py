from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import HttpCase, freeze_time, tagged

from .common import PropertyMaintenanceCase


@tagged("post_install", "-at_install")
class TestTourDashboardEngineering(PropertyMaintenanceCase, HttpCase):
    """The manager of PMT Lotus Garden and PMT Riverside, in Chinese, reads
    the plan completion rate (计划完成率) of the month on the dashboard,
    narrows it to PMT Lotus Garden and opens the requests behind it (tablet
    width).

    Monthly plans, their requests due on the first day of the month (the
    browser's: Odoo runs it in UTC, as the manager's time zone here; the
    first day is never after today, so they are due):
        PMT Lotus Garden  pump 1 done on the first day (on time); pump 2,
                          the elevator and the transformer not done;
                          pumps 1 and 2 due last month too, not done
        PMT Riverside     its pump done on the first day (on time)

    Both estates: 2 on time of 5 due = 40.0 %; PMT Lotus Garden: 1 of 4 =
    25.0 % (on time 25.0 %, late 0.0 %, not done 75.0 %); its list: the 4
    requests due this month (not last month's)."""

    browser_size = "1024x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        first = fields.Date.start_of(fields.Date.today(), "month")
        last_month = first - relativedelta(months=1)
        monthly = {"interval_number": 1, "interval_unit": "month"}
        pumps = cls._create_plan(
            dict(monthly, date_start=last_month),
            date_start=last_month,
            equipment_ids=[Command.set((cls.pump_1 | cls.pump_2).ids)],
        )
        others = cls._create_plan(
            dict(monthly, date_start=first),
            date_start=first,
            equipment_ids=[Command.set((cls.elevator | cls.transformer).ids)],
            name="PMT Lift and power plan",
        )
        river = cls._create_plan(
            dict(monthly, date_start=first),
            date_start=first,
            equipment_ids=[Command.set(cls.pump_other.ids)],
            estate_id=cls.estate_other.id,
            name="PMT River plan",
        )
        requests = (pumps | others | river).task_ids._generate_requests(last_month, first)
        cls.due = requests.filtered(lambda request: request.plan_due_date == first)
        done = cls.due.filtered(lambda request: request.equipment_id in cls.pump_1 | cls.pump_other)
        with freeze_time(first):
            done.stage_id = cls.stage_done
        cls._create_user(
            "pmt_dashboard_tour",
            "property_base.group_property_manager",
            estates=cls.estate | cls.estate_other,
            lang="zh_CN",
            tz="UTC",
            action_id=cls.env.ref("property_base.action_property_home").id,
        )

    def test_plan_completion_rate(self):
        self.assertEqual(len(self.due), 5)
        self.assertEqual(self.due.mapped("plan_status").count("on_time"), 2)
        self.start_tour(
            "/odoo",
            "property_maintenance_dashboard_engineering_tour",
            login="pmt_dashboard_tour",
        )
