import re
import unicodedata

from odoo.tests import tagged

from odoo.addons.property_base.tests.common import pdf_text

from .common import HandoverCase


@tagged("post_install", "-at_install")
class TestAcceptanceReportPdf(HandoverCase):
    """The takeover acceptance report as the PDF a Chinese manager downloads
    (wkhtmltopdf, CJK fonts): its text read back with pdftotext."""

    def test_report_pdf_in_chinese(self):
        self.estate.name = "PHT 山茶花园"
        self.project.action_start()
        self._line(self.item_facade, building=self.building_1).write(
            {"result": "fail", "note": "外墙东侧裂缝"}
        )
        defect = self.project.defect_ids
        self.assertEqual(len(defect), 1)

        pdf, report_format = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            .with_context(lang="zh_CN", force_report_rendering=True)
            ._render_qweb_pdf("property_handover.action_report_handover_project", self.project.ids)
        )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        # pdftotext -layout pads columns with spaces: compare without them; the
        # CJK font maps some characters to their Kangxi radicals (⼭ for 山).
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", pdf_text(pdf)))
        for expected in (
            "接管验收报告",
            "PHTTakeover",
            "PHT山茶花园",
            "按类别统计结果",
            "主体结构与土建",
            "未关闭问题(1)",
            defect.name,
            "外墙东侧裂缝",
            "移交资料",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Takeover Acceptance Report", pdf_text(pdf))
