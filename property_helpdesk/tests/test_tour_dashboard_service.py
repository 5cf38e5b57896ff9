from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, freeze_time, tagged

from .common import PropertyHelpdeskCommon


@tagged("post_install", "-at_install")
class TestTourDashboardService(PropertyHelpdeskCommon, HttpCase):
    """The manager of PHT Garden and PHT Other Estate, in Chinese, reads the
    tickets received (工单量) this month on the dashboard, narrows it to PHT
    Garden and opens the tickets behind the figure (tablet width).

    Reported now (today, the browser's day: Odoo runs it in UTC, as the
    manager's time zone here):
        PHT Garden        tour leak (repair), tour lights (repair),
                          tour noise (complaint), tour inquiry (inquiry),
                          tour cancelled (repair, cancelled: in no figure)
        PHT Other Estate  tour far (repair)
    and "tour last month" (repair, PHT Garden) on the last day of last month
    at 4:00.

    Both estates: 4 + 1 = 5 tickets; PHT Garden: 4 (2 repairs, 1 complaint,
    1 inquiry), its list: those 4."""

    browser_size = "1024x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_property_helpdesk()
        cls.env["res.lang"]._activate_lang("zh_CN")
        today = fields.Date.today()
        create = cls.create_ticket
        cls.tickets = create(name="PHT tour leak")
        cls.tickets |= create(name="PHT tour lights", unit_id=cls.unit_other.id)
        cls.tickets |= create(
            name="PHT tour noise", ticket_kind="complaint", category_id=cls.cat_service.id
        )
        cls.tickets |= create(name="PHT tour inquiry", ticket_kind="inquiry", category_id=False)
        cls.cancelled = create(name="PHT tour cancelled")
        cls.cancelled._move_to_state("cancelled")
        cls.far = create(name="PHT tour far", unit_id=cls.unit_far.id)
        last_month = fields.Date.start_of(today, "month") - relativedelta(days=1)
        with freeze_time(datetime.combine(last_month, time(4))):
            cls.last_month = create(name="PHT tour last month")
        cls._create_user(
            "pht_dashboard_tour",
            "property_base.group_property_manager",
            estates=cls.estate | cls.estate_other,
            lang="zh_CN",
            tz="UTC",
            action_id=cls.env.ref("property_base.action_property_home").id,
        )

    def test_tickets_received(self):
        self.assertEqual(self.far.estate_id, self.estate_other)
        self.assertEqual(self.cancelled.property_state, "cancelled")
        self.start_tour(
            "/odoo",
            "property_helpdesk_dashboard_service_tour",
            login="pht_dashboard_tour",
        )
