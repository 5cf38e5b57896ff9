from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestFeeComputation(BillingCase):
    def test_area_fee_full_month(self):
        amounts = self._amounts(self.unit_1 | self.unit_2, self.fee_service)
        # 89.5 m² × 2.50 and 120 m² × 2.50
        self.assertEqual(
            amounts,
            {
                (self.unit_1, self.fee_service, self.li): 223.75,
                (self.unit_2, self.fee_service, self.wang): 300.0,
            },
        )

    def test_net_area_fee(self):
        self.fee_service.method = "net_area"
        amounts = self._amounts(self.unit_1 | self.unit_2, self.fee_service)
        # unit_1 has a net area of 72.3 m²; unit_2 has none and falls back to gross.
        self.assertEqual(amounts[self.unit_1, self.fee_service, self.li], 180.75)
        self.assertEqual(amounts[self.unit_2, self.fee_service, self.wang], 300.0)

    def test_parking_fee_only_for_parking_spaces(self):
        amounts = self._amounts(self.unit_1 | self.parking, self.fee_parking)
        self.assertEqual(amounts, {(self.parking, self.fee_parking, self.zhao): 150.0})

    def test_fixed_fee_prorated_by_occupied_days(self):
        """Garbage is charged for the days a resident lives there: a move-in
        on 17 March is 15 of 31 days; a move-out on 10 March 10 days."""
        self._occupy(self.unit_1, self.li, "2026-03-17")
        self._occupy(self.unit_2, self.wang, "2025-06-01", "2026-03-10")
        amounts = self._amounts(self.unit_1 | self.unit_2, self.fee_garbage)
        self.assertEqual(amounts[self.unit_1, self.fee_garbage, self.li], 7.26)  # 15 × 15/31
        self.assertEqual(amounts[self.unit_2, self.fee_garbage, self.wang], 4.84)  # 15 × 10/31
        charges, _skips = self._charges(self.unit_1, self.fee_garbage)
        self.assertEqual(charges[0]["quantity"], 1.0)
        self.assertEqual(charges[0]["detail"], "03-17 to 03-31, 15 of 31 days")

    def test_ownership_change_prorated_between_payers(self):
        """Li sells to Chen on 10 March: Li pays 10 days, Chen 21."""
        self.ownership_1.date_end = "2026-03-10"
        self._own(self.unit_1, self.chen, "2026-03-11")
        amounts = self._amounts(self.unit_1, self.fee_service)
        self.assertEqual(
            amounts,
            {
                (self.unit_1, self.fee_service, self.li): 72.18,  # 223.75 × 10/31
                (self.unit_1, self.fee_service, self.chen): 151.57,  # 223.75 × 21/31
            },
        )

    def test_primary_payer_pays_for_co_owners(self):
        self.ownership_1.write({"share": 60.0})
        self._own(self.unit_1, self.chen, "2025-01-01", share=40.0, is_primary_payer=True)
        amounts = self._amounts(self.unit_1, self.fee_service)
        self.assertEqual(amounts, {(self.unit_1, self.fee_service, self.chen): 223.75})

    def test_exemption_half_month_half_discount(self):
        """50% off from 1 to 15 March: 223.75 × (15 × 0.5 + 16) / 31."""
        self.env["property.fee.exemption"].create(
            {
                "unit_id": self.unit_1.id,
                "fee_id": self.fee_service.id,
                "date_start": "2026-03-01",
                "date_end": "2026-03-15",
                "discount": 50.0,
                "reason": "Hardship",
            }
        )
        amounts = self._amounts(self.unit_1, self.fee_service)
        self.assertEqual(amounts[self.unit_1, self.fee_service, self.li], 169.62)

    def test_full_exemption_skips_the_unit(self):
        self.env["property.fee.exemption"].create(
            {
                "unit_id": self.unit_2.id,
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "reason": "Model apartment",
            }
        )
        charges, skips = self._charges(self.unit_2, self.fee_service | self.fee_garbage)
        self.assertFalse(charges)
        self.assertEqual(skips, [(self.unit_2, "nothing to charge (exempt or no consumption)")])

    def test_no_owner_is_skipped(self):
        unit = self.env["property.unit"].create(
            {"estate_id": self.estate.id, "code": "PBB-EMPTY", "gross_area": 50.0}
        )
        charges, skips = self._charges(unit, self.fee_service)
        self.assertFalse(charges)
        self.assertEqual(skips, [(unit, "no owner during the period")])

    def test_tiered_water(self):
        """35 m³: 20 × 3.45 + 10 × 4.83 + 5 × 6.90 = 151.80."""
        meter = self.env["property.meter"].create({"name": "PBB-W1", "unit_id": self.unit_1.id})
        self.env["property.meter.reading"].create(
            [
                {"meter_id": meter.id, "date": "2026-02-28", "value": 100.0},
                {"meter_id": meter.id, "date": "2026-03-15", "value": 118.0},
                {"meter_id": meter.id, "date": "2026-03-31", "value": 135.0},
            ]
        )
        self.assertAlmostEqual(self.fee_water._compute_meter_amount(35.0), 151.8)
        self.assertAlmostEqual(self.fee_water._compute_meter_amount(12.0), 41.4)
        amounts = self._amounts(self.unit_1, self.fee_water)
        self.assertEqual(amounts, {(self.unit_1, self.fee_water, self.li): 151.8})

    def test_flat_meter_fee(self):
        self.fee_water.write({"meter_pricing": "flat", "rate": 3.2})
        meter = self.env["property.meter"].create({"name": "PBB-W2", "unit_id": self.unit_2.id})
        self.env["property.meter.reading"].create(
            [
                {"meter_id": meter.id, "date": "2026-02-28", "value": 10.0},
                {"meter_id": meter.id, "date": "2026-03-31", "value": 22.5},
            ]
        )
        charges, _skips = self._charges(self.unit_2, self.fee_water)
        self.assertEqual(len(charges), 1)
        self.assertEqual(charges[0]["amount"], 40.0)  # 12.5 m³ × 3.20
        self.assertEqual((charges[0]["quantity"], charges[0]["price_unit"]), (12.5, 3.2))

    def test_quarterly_fee_billed_in_quarter_start_months(self):
        self.fee_parking.write({"cycle": "quarterly", "rate": 450.0})
        april = self.env["property.billing.period"].create(
            {"name": "PBB 2026-04", "date_start": "2026-04-01", "date_end": "2026-04-30"}
        )
        self.assertFalse(self._amounts(self.parking, self.fee_parking))
        self.assertEqual(
            self._amounts(self.parking, self.fee_parking, april),
            {(self.parking, self.fee_parking, self.zhao): 450.0},
        )

    def test_fee_computation_query_count_is_constant(self):
        """The charges of one unit or of many take the same few queries."""
        units = self.unit_1 | self.unit_2 | self.parking | self.unit_3
        self.fees.mapped("tier_ids.rate")
        self.env.invalidate_all()
        with self.assertQueryCount(15):
            self.period._compute_unit_charges(self.unit_1, self.fees)
        self.env.invalidate_all()
        with self.assertQueryCount(15):
            self.period._compute_unit_charges(units, self.fees)

    def test_bad_fee_configuration(self):
        with self.assertRaisesMessage(ValidationError, "cannot be negative"):
            self.fee_service.rate = -1.0
        with self.assertRaisesMessage(ValidationError, "needs an income account"):
            self.env["property.fee.item"].create(
                {
                    "name": "PBB No account",
                    "product_id": self.product.id,
                    "account_id": False,
                    "rate": 1.0,
                }
            ).account_id = False
        with self.assertRaisesMessage(ValidationError, "must start at a consumption of 0"):
            first_tier = self.fee_water.tier_ids.filtered(lambda t: t.quantity_from == 0)
            self.fee_water.write({"tier_ids": [Command.delete(first_tier.id)]})
        with self.assertRaisesMessage(ValidationError, "choose the meter type"):
            self.fee_service.write({"method": "meter", "meter_type": False})
        with self.assertRaisesMessage(ValidationError, "end .* cannot be before its start"):
            self.env["property.billing.period"].create(
                {"name": "PBB bad", "date_start": "2026-05-31", "date_end": "2026-05-01"}
            )

    def test_fee_applicability(self):
        self.fee_service.write(
            {
                "estate_ids": [Command.set(self.estate.ids)],
                "building_ids": [Command.set(self.building.ids)],
            }
        )
        self.assertTrue(self.fee_service._applies_to(self.unit_1))
        self.assertFalse(self.fee_service._applies_to(self.unit_3))
        self.assertFalse(self.fee_service._applies_to(self.parking))
        with self.assertRaisesMessage(ValidationError, "must belong to its estates"):
            self.fee_service.building_ids = self.building_2
