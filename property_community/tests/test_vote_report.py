from odoo.tests import TransactionCase, tagged

from odoo.addons.property_base.tests.common import pdf_text

from .common import VoteCommon


@tagged("post_install", "-at_install")
class TestVoteReport(VoteCommon, TransactionCase):
    """The printed result shows both tallies of every motion."""

    def test_result_pdf_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        partners = [self._create_partner(f"PCT Owner {index}") for index in range(4)]
        units = [self._owned_unit([partner], 80.5) for partner in partners]
        vote = self._open_vote(
            [("PCT 续聘物业服务企业", "manager"), ("PCT 加装电梯", "common_use")],
            name="PCT 第一次业主大会",
        )
        choices = [
            ("agree", "agree"),
            ("agree", "agree"),
            ("agree", "oppose"),
            ("abstain", "abstain"),
        ]
        for unit, partner, pair in zip(units, partners, choices, strict=True):
            self._vote(vote, unit, partner, list(pair))
        vote.action_close()
        manager = self._create_user(
            "pct_report_manager", "property_base.group_property_manager", lang="zh_CN"
        )
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_user(manager)
            .with_context(lang="zh_CN", force_report_rendering=True)
            ._render_qweb_pdf("property_community.action_report_property_vote", vote.ids)
        )
        text = pdf_text(pdf)
        self.assertIn("表决结果", text)
        self.assertIn("PCT 第一次业主大会", text)
        self.assertIn("PCT 续聘物业服务企业", text)
        self.assertIn("PCT 加装电梯", text)
        # Participation: all 4 owners, 322.00 m².
        self.assertIn("322.00", text)
        # Motion 1: 241.50 m² and 3 owners agree (3/4 > 1/2): passed.
        # Motion 2: 161.00 m² and 2 owners agree (1/2 < 3/4): rejected.
        self.assertIn("241.50", text)
        self.assertIn("161.00", text)
        self.assertIn("通过", text)
        self.assertIn("未通过", text)
        self.assertIn("已达到参与表决要求", text)
