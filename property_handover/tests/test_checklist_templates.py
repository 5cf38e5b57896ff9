from odoo import Command
from odoo.tests import tagged

from .common import HandoverCase


@tagged("post_install", "-at_install")
class TestChecklistTemplates(HandoverCase):
    """The checklists a company starts with: the takeover of the common parts
    and facilities of a project, and the inspection of each unit at takeover
    and at delivery to its owner, readable in Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.takeover = cls.env.ref("property_handover.checklist_takeover")
        cls.unit_check = cls.env.ref("property_handover.checklist_delivery")

    def test_templates_in_chinese(self):
        zh = self.takeover.with_context(lang="zh_CN")
        self.assertEqual(zh.name, "承接查验表：共用部位及共用设施设备")
        self.assertEqual(set(zh.item_ids.mapped("scope")), {"common", "facility"})
        self.assertIn("电梯运行平稳，检验合格证在有效期内", zh.item_ids.mapped("name"))
        self.assertGreaterEqual(len(zh.item_ids), 15)
        zh = self.unit_check.with_context(lang="zh_CN")
        self.assertEqual(zh.name, "房屋交付查验表（套内）")
        self.assertEqual(set(zh.item_ids.mapped("scope")), {"unit"})
        self.assertIn("卫生间、厨房地面24小时闭水试验无渗漏，坡向地漏", zh.item_ids.mapped("name"))
        # Every item is judged against a standard, critical ones block the closing.
        items = self.takeover.item_ids | self.unit_check.item_ids
        self.assertTrue(all(items.mapped("standard")))
        self.assertTrue(items.filtered("is_critical"))
        english = self.unit_check.with_context(lang="en_US")
        self.assertEqual(english.name, "Unit Delivery Inspection")

    def test_takeover_with_the_templates(self):
        self.project.checklist_ids = [Command.set((self.takeover | self.unit_check).ids)]
        self.project.action_generate_lines()
        building_items = self.takeover.item_ids
        unit_items = self.unit_check.item_ids
        lines = self.project.line_ids
        self.assertEqual(len(lines), len(building_items) * 2 + len(unit_items) * 5)
        earth = self._line(
            self.env.ref("property_handover.checklist_item_earth"), building=self.building_1
        )
        self.assertEqual(earth.judgement_type, "measure")
        self.assertEqual(earth.item_id._judge_value(4.0), "pass")
        self.assertEqual(earth.item_id._judge_value(12.0), "fail")

    def test_delivery_with_the_unit_template(self):
        owner = self._create_partner("PHT 陈静")
        delivery = self.env["property.handover.delivery"].create(
            {"unit_id": self.unit_11.id, "partner_id": owner.id, "checklist_id": self.unit_check.id}
        )
        delivery.action_start_inspection()
        self.assertEqual(delivery.line_ids.item_id, self.unit_check.item_ids)
