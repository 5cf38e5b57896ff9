"""A production start: the property modules installed without demo data on a
database created for a company in China, as README's "Production start"
describes. What the company finds ready, and its first move-in, first bill
and first ticket made with it once it has entered an estate, a unit, an
owner and the rate of its property service fee.

Run by ``make test`` against a database of its own, installed without demo
(see ``tools/test.sh``); it refuses to run on a database with demo data."""

from datetime import date, datetime

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestProductionStart(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        demo = cls.env["ir.module.module"].search(
            [("name", "=like", "property_%"), ("state", "=", "installed"), ("demo", "=", True)]
        )
        if demo:
            cls.skipTest(cls, "a database without demo data is needed")
        cls.company = cls.env.company
        cls.zh = cls.env(context={"lang": "zh_CN"})

    def test_ledger_is_chinese(self):
        """Created for a company in China, the database keeps its books on
        l10n_cn's chart in CNY."""
        self.assertEqual(self.company.country_id.code, "CN")
        self.assertEqual(self.company.chart_template, "cn")
        self.assertEqual(self.company.currency_id.name, "CNY")
        self.assertTrue(
            self.env["account.journal"].search_count(
                [("company_id", "=", self.company.id), ("type", "=", "cash")]
            ),
            "the counter takes cash",
        )

    def test_service_defaults(self):
        """Teams by trade, categories routed to them, SLA rules, the service
        centre's hours with China's public holidays: in Chinese."""
        teams = self.zh["helpdesk.ticket.team"].search([])
        self.assertEqual(
            set(teams.mapped("name")), {"工程部", "保洁部", "绿化部", "秩序部", "客服中心"}
        )
        self.assertEqual(
            set(teams.mapped("service_type")),
            {"engineering", "cleaning", "greening", "security", "customer_service"},
        )
        categories = self.zh["helpdesk.ticket.category"].search([])
        self.assertGreaterEqual(len(categories), 13)
        self.assertIn("水电维修", categories.mapped("name"))
        self.assertTrue(all(category.property_team_id for category in categories))
        self.assertEqual(
            set(categories.mapped("ticket_kind")), {"repair", "complaint", "inquiry", "suggestion"}
        )
        rules = self.zh["property.helpdesk.sla.rule"].search([])
        self.assertIn("紧急报修", rules.mapped("name"))
        self.assertEqual(
            set(rules.mapped("ticket_kind")), {"repair", "complaint", "inquiry", "suggestion"}
        )
        calendar = self.env.ref("property_helpdesk.calendar_service")
        self.assertEqual(calendar.tz, "Asia/Shanghai")
        holidays = calendar.leave_ids.filtered(lambda leave: not leave.resource_id)
        self.assertIn("春节", holidays.mapped("name"))
        self.assertGreaterEqual(len(holidays), 7)
        # National Day: no working hour on 2026-10-02 (Beijing time).
        hours = calendar.get_work_hours_count(datetime(2026, 10, 1, 16), datetime(2026, 10, 2, 16))
        self.assertEqual(hours, 0)
        hours = calendar.get_work_hours_count(
            datetime(2026, 10, 11, 16), datetime(2026, 10, 12, 16)
        )
        self.assertEqual(hours, 8)

    def test_fee_items_checklists_and_plans(self):
        """Fee items with their rates to fill in, the takeover and unit
        checklists, the preventive-plan templates, in Chinese; the adjusted
        working days of the year."""
        fees = self.zh["property.fee.item"].search([("company_id", "=", self.company.id)])
        self.assertEqual(
            {fee.code: fee.name for fee in fees},
            {"WYF": "物业服务费", "GTSD": "公摊水电费", "LJF": "垃圾处理费", "TCF": "停车管理费"},
        )
        self.assertEqual(set(fees.mapped("rate")), {0.0})
        service = fees.filtered(lambda fee: fee.code == "WYF")
        self.assertEqual(service.tax_ids.name, "6% 含税")
        self.assertTrue(service.tax_ids.price_include)
        checklists = self.zh["property.handover.checklist"].search([])
        self.assertEqual(
            set(checklists.mapped("name")),
            {"承接查验表：共用部位及共用设施设备", "房屋交付查验表（套内）"},
        )
        self.assertTrue(all(checklist.item_ids for checklist in checklists))
        templates = self.zh["property.maintenance.plan.template"].search([])
        self.assertIn("柴油发电机组", templates.mapped("name"))
        self.assertEqual(set(templates.mapped("system")), {"elevator", "fire", "water", "power"})
        self.assertTrue(all(template.task_ids for template in templates))
        calendar = self.env.ref("property_helpdesk.calendar_service")
        # Sunday 4 January 2026 is worked (元旦调休).
        hours = calendar.get_work_hours_count(datetime(2026, 1, 3, 16), datetime(2026, 1, 4, 16))
        self.assertEqual(hours, 8)

    def test_first_move_in_bill_and_ticket(self):
        """The company enters its estate, a unit, an owner and its fee rate,
        and works: the owner moves in and gets his first bill, then reports a
        leak that the defaults route to the engineers with an SLA."""
        self.company.property_bill_at_move_in = True
        estate = self.env["property.estate"].create({"name": "锦华苑", "code": "JHY"})
        self.assertEqual(
            estate.resource_calendar_id, self.env.ref("property_helpdesk.calendar_service")
        )
        building = self.env["property.building"].create(
            {"name": "1栋", "code": "1", "estate_id": estate.id}
        )
        unit = self.env["property.unit"].create(
            {
                "estate_id": estate.id,
                "building_id": building.id,
                "entrance": "1",
                "code": "101",
                "gross_area": 100.0,
            }
        )
        owner = self.env["res.partner"].create({"name": "王芳", "phone": "13900001111"})
        self.env["property.ownership"].create(
            {"unit_id": unit.id, "partner_id": owner.id, "date_start": date(2020, 1, 1)}
        )
        # The company fills in the rate of its property service fee.
        fee = self.env["property.fee.item"].search(
            [("company_id", "=", self.company.id), ("code", "=", "WYF")]
        )
        fee.rate = 2.5
        today = fields.Date.context_today(unit)
        move_in = self.env["property.move.in"].create(
            {
                "unit_id": unit.id,
                "partner_id": owner.id,
                "role": "owner_occupier",
                "date": today,
                "key_count": 2,
            }
        )
        move_in.identity_checked = True
        move_in.document_line_ids.is_signed = True
        move_in.action_done()
        self.assertEqual(move_in.state, "done")
        self.assertEqual(unit.state, "occupied")
        bill = move_in.first_bill_id
        self.assertTrue(bill, "the move-in raises the first bill")
        self.assertEqual(bill.state, "posted")
        self.assertEqual(bill.currency_id.name, "CNY")
        self.assertAlmostEqual(bill.amount_total, 250.0)
        # VAT included in the 250.00: 250 / 1.06 = 235.85 + 14.15.
        self.assertAlmostEqual(bill.amount_untaxed, 235.85)
        self.assertAlmostEqual(bill.amount_tax, 14.15)
        self.assertEqual(bill.invoice_line_ids.product_id, fee.product_id)

        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "厨房水管漏水",
                "description": "<p>厨房水管漏水</p>",
                "ticket_kind": "repair",
                "unit_id": unit.id,
                "partner_id": owner.id,
                "category_id": self.env.ref("property_helpdesk.category_plumbing").id,
            }
        )
        self.assertEqual(ticket.estate_id, estate)
        self.assertEqual(ticket.team_id, self.env.ref("property_helpdesk.team_engineering"))
        self.assertTrue(ticket.sla_rule_id, "a default SLA rule applies")
        self.assertTrue(ticket.response_deadline)
        self.assertTrue(ticket.resolution_deadline)

    def test_satisfaction_questionnaire(self):
        """The standard annual property-service questionnaire is ready for a
        first satisfaction survey: one mark from 1 to 5 per service, the
        overall satisfaction first, answered once per invitation."""
        survey = self.env.ref("property_community.survey_property_satisfaction")
        self.assertEqual(survey.title, "物业服务年度满意度调查问卷")
        self.assertEqual(survey.access_mode, "token")
        self.assertTrue(survey.is_attempts_limited)
        self.assertEqual(survey.attempts_limit, 1)
        scales = survey.question_ids.filtered(lambda q: q.question_type == "scale")
        self.assertEqual(len(scales), 9)
        self.assertEqual(set(scales.mapped("scale_min")), {1})
        self.assertEqual(set(scales.mapped("scale_max")), {5})
        self.assertEqual(
            scales.sorted("sequence")[0],
            self.env.ref("property_community.survey_property_satisfaction_q_overall"),
        )
