from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import bill_in_background


@tagged("post_install", "-at_install")
class TestTourBillingRun(HttpCase):
    """A billing clerk runs the billing of a period in the browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(
            cls.env,
            login="billing_tour",
            groups="account.group_account_invoice,property_base.group_property_user",
        )
        cls.estate = cls.env["property.estate"].create({"name": "Tour Estate Magnolia"})
        # Property staff work on their estates only.
        cls.clerk.property_estate_ids = [Command.link(cls.estate.id)]
        Unit = cls.env["property.unit"]
        units = Unit.create(
            [
                {"estate_id": cls.estate.id, "code": "TB-1", "gross_area": 100.0},
                {"estate_id": cls.estate.id, "code": "TB-2", "gross_area": 80.0},
                {"estate_id": cls.estate.id, "code": "TB-3", "gross_area": 60.0},
            ]
        )
        owner = cls.env["res.partner"].create({"name": "Tour Owner Gu"})
        cls.env["property.ownership"].create(
            [
                {"unit_id": unit.id, "partner_id": owner.id, "date_start": "2024-01-01"}
                for unit in units[:2]
            ]
        )
        product = cls.env["product.product"].create(
            {"name": "Tour service", "type": "service", "taxes_id": [Command.clear()]}
        )
        cls.env["property.fee.item"].create(
            {
                "name": "Tour service fee",
                "method": "gross_area",
                "rate": 2.5,
                "product_id": product.id,
                "tax_ids": [Command.clear()],
                "estate_ids": [Command.set(cls.estate.ids)],
            }
        )
        cls.period = cls.env["property.billing.period"].create(
            {"name": "Tour 2026-03", "date_start": "2026-03-01", "date_end": "2026-03-31"}
        )

    def test_billing_run_tour(self):
        """The clerk presses Run: the form comes back at once, the run queued
        in the background; the background (queue_job's jobs, or the cron)
        bills it; the clerk reads the summary on the form and is told."""
        self.start_tour(
            "/odoo/action-property_billing.property_billing_run_action",
            "property_billing_run_tour",
            login="billing_tour",
        )
        self.env.invalidate_all()
        run = self.env["property.billing.run"].search([("period_id", "=", self.period.id)])
        self.assertEqual(run.create_uid, self.clerk)
        self.assertIn(run.state, ("queued", "running"))
        # Nothing billed inside the clerk's request.
        self.assertEqual(run.invoice_count, 0)
        bill_in_background(self.env)
        self.env.invalidate_all()
        self.assertEqual(run.state, "done")
        self.assertEqual(run.invoice_count, 2)
        self.assertEqual(set(run.invoice_ids.mapped("state")), {"posted"})
        told = run.message_ids.filtered(
            lambda message: self.clerk.partner_id in message.notification_ids.res_partner_id
        )
        self.assertEqual(len(told), 1)
        self.assertIn("is done: 2 bills for 2 units, 1 units skipped", told.body)
        self.start_tour(
            f"/odoo/action-property_billing.property_billing_run_action/{run.id}",
            "property_billing_run_done_tour",
            login="billing_tour",
        )
