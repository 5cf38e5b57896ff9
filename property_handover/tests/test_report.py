from odoo.tests import tagged

from .common import HandoverCase


@tagged("post_install", "-at_install")
class TestAcceptanceReport(HandoverCase):
    def test_report_content(self):
        self.project.write({"phase": "PHT Phase II", "conclusion": "<p>PHT conclusion text</p>"})
        self.env["property.handover.document"].create(
            [
                {"project_id": self.project.id, "name": "PHT Drawings", "is_received": True},
                {"project_id": self.project.id, "name": "PHT Pump manual"},
            ]
        )
        self.project.action_start()
        # building 1: facade fails (critical), lobby passes; units of building 2 pass the walls
        self._line(self.item_facade, building=self.building_1).write(
            {"result": "fail", "note": "PHT long crack"}
        )
        self._line(self.item_lobby, building=self.building_1).result = "pass"
        for unit in (self.unit_21, self.unit_22):
            self._line(self.item_wall, unit=unit).result = "pass"
        self._line(self.item_pump, building=self.building_2).result = "na"
        defect = self.project.defect_ids

        stats = self.project._get_report_statistics()
        by_building = {row[0]: row[1:] for row in stats["by_building"]}
        # building 1: 3 building items + 3 units × 3 items = 12 lines
        self.assertEqual(by_building["PHT Tower One"], (12, 1, 1, 0, 10))
        self.assertEqual(by_building["PHT Tower Two"], (9, 2, 0, 1, 6))
        by_category = {row[0]: row[1:] for row in stats["by_category"]}
        self.assertEqual(by_category["Structure and Civil Works"], (2, 0, 1, 0, 1))
        self.assertEqual(by_category["Finishing and Decoration"], (2 + 10 + 0, 3, 0, 0, 9))

        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "property_handover.action_report_handover_project", self.project.ids
            )[0]
            .decode()
        )
        for text in (
            "Takeover Acceptance Report",
            "PHT Takeover",
            "PHT Estate Camellia",
            "PHT Phase II",
            "PHT Developer",
            "PHT Tower One",
            "PHT Tower Two",
            "Structure and Civil Works",
            "Water Supply and Drainage",
            defect.name,
            "PHT Facade without cracks: PHT long crack",
            "PHT Drawings",
            "PHT Pump manual",
            "PHT conclusion text",
            "PHT Checklist",
        ):
            self.assertIn(text, html)
        self.assertIn("Open Defects (1)", html)
        self.assertRegex(html, r"Inspected:</strong>\s*<span>5</span> / <span>21</span>")

    def test_report_without_defects(self):
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "property_handover.action_report_handover_project", self.project.ids
            )[0]
            .decode()
        )
        self.assertIn("No open defect.", html)
        self.assertIn("Open Defects (0)", html)
