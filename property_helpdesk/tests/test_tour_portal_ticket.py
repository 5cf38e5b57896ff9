from odoo.tests import HttpCase, tagged

from odoo.addons.property_base.tests.common import OwnerPhoneMixin

from .common import PropertyHelpdeskCommon


@tagged("post_install", "-at_install")
class TestTourPortalTicket(OwnerPhoneMixin, PropertyHelpdeskCommon, HttpCase):
    """An owner on a phone reports a leak with a photo through the real form,
    the team does the work, and the owner confirms and rates it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_property_helpdesk()
        cls.owner.lang = "zh_CN"
        cls.tech_1.partner_id.phone = "13911112222"

    def test_report_follow_confirm_rate(self):
        self.start_tour("/my", "property_helpdesk_portal_report_tour", login="pht_owner")
        ticket = self.env["helpdesk.ticket"].search(
            [
                ("partner_id", "=", self.owner.partner_id.id),
                ("name", "=", "Tour: kitchen tap leaks"),
            ]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.ticket_kind, "repair")
        self.assertEqual(ticket.unit_id, self.unit)
        self.assertEqual(ticket.category_id, self.cat_plumbing)
        self.assertIn("Water drips from the tap all night.", ticket.description)
        self.assertEqual(ticket.photo_ids.mapped("name"), ["tap.png"])
        self.assertEqual(ticket.photo_ids.mimetype, "image/png")
        self.assertEqual(ticket.photo_ids.res_id, ticket.id)
        self.assertEqual(ticket.property_state, "new")

        # The team dispatches, works, finishes; the supervisor checks.
        ticket._dispatch_to(self.tech_1)
        ticket.work_description = "Tour: replaced the tap washer"
        ticket.action_work_done()
        ticket.action_quality_pass()
        self.assertEqual(ticket.property_state, "done")

        self.start_tour("/my", "property_helpdesk_portal_confirm_tour", login="pht_owner")
        self.assertEqual(ticket.property_state, "closed")
        self.assertEqual(ticket.closing_mode, "owner")
        self.assertEqual(ticket.owner_rating, "5")
        self.assertEqual(ticket.owner_rating_comment, "Quick and tidy.")
