from odoo.tests import tagged

from .common import HandoverCase


@tagged("post_install", "-at_install")
class TestHandoverBadInput(HandoverCase):
    """Measured values, targets and the meter readings of a delivery refuse
    NaN and infinities, naming the field; nothing is written."""

    def test_checklist_target_not_finite(self):
        self.assertInputRefused(
            "property.handover.checklist.item",
            [("checklist_id", "=", self.checklist.id)],
            lambda: self._create_item(
                "PHT Ceiling height",
                "unit",
                "finishing",
                judgement_type="measure",
                target_value=2800.0,
                tolerance=float("nan"),
            ),
            "“Tolerance” must be a finite number",
        )

    def test_delivery_meter_reading_not_finite(self):
        owner = self.env["res.partner"].create({"name": "PHT Owner Bad"})
        self.env["property.ownership"].create(
            {"unit_id": self.unit_22.id, "partner_id": owner.id, "date_start": "2025-01-01"}
        )
        delivery = self.env["property.handover.delivery"].create(
            {"unit_id": self.unit_22.id, "partner_id": owner.id, "checklist_id": self.checklist.id}
        )
        self.assertInputRefused(
            "property.handover.delivery",
            [("id", "=", delivery.id), ("water_reading", "=", 0.0)],
            lambda: delivery.write({"water_reading": float("inf")}),
            "“Water Meter (m³)” must be a finite number",
        )
