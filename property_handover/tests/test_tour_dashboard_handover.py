from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import HandoverCase


@tagged("post_install", "-at_install")
class TestTourDashboardHandover(HandoverCase, HttpCase):
    """The manager of PHT Estate Camellia and PHT Estate Other, in Chinese,
    reads the open defects (未关闭问题) on the dashboard, narrows it to PHT
    Estate Camellia and opens the defects behind the figure (tablet width).

    Defects (today: the browser's day, Odoo runs it in UTC, as the
    manager's time zone here):
        Camellia  tour hollow wall  reported 40 days before the month began,
                                    developer, open
                  tour cracked tile reported today, contractor, open
                  tour closed       reported 10 days before the month began,
                                    developer, closed today
                  tour leaking pipe reported today, no party, open
        Other     tour other estate reported today, developer, open

    Open at the end of the month: both estates 3 + 1 = 4; Camellia 3, its
    list: those 3."""

    browser_size = "1024x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.estate_other = cls._create_estate("PHT Estate Other", "PHTO")
        today = fields.Date.today()
        first = fields.Date.start_of(today, "month")
        cls._defect("PHT tour hollow wall", first - relativedelta(days=40), cls.developer)
        cls._defect("PHT tour cracked tile", today, cls.contractor)
        closed = cls._defect("PHT tour closed", first - relativedelta(days=10), cls.developer)
        cls._defect("PHT tour leaking pipe", today)
        cls._defect("PHT tour other estate", today, cls.developer, cls.estate_other)
        closed.action_start_rectification()
        closed.action_request_reinspection()
        closed.action_accept()
        cls.closed = closed
        cls._create_user(
            "pht_handover_dashboard_tour",
            "property_base.group_property_manager",
            estates=cls.estate | cls.estate_other,
            lang="zh_CN",
            tz="UTC",
            action_id=cls.env.ref("property_base.action_property_home").id,
        )

    @classmethod
    def _defect(cls, description, reported, partner=None, estate=None):
        return cls.env["property.handover.defect"].create(
            {
                "estate_id": (estate or cls.estate).id,
                "description": description,
                "date_reported": reported,
                "deadline": reported,
                "responsible_partner_id": partner.id if partner else False,
            }
        )

    def test_open_defects(self):
        self.assertEqual(self.closed.state, "closed")
        self.start_tour(
            "/odoo",
            "property_handover_dashboard_handover_tour",
            login="pht_handover_dashboard_tour",
        )
