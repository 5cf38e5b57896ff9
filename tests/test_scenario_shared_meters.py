"""One meter, one reading history: the billing clerk and the engineer read
the same meters (property_base), billing charges the unit meters'
consumption (property_billing) and the energy analysis compares the common
meters' periods (property_maintenance).

Demo data is installed too: every name here starts with "SHM" and the test
only looks at records it created."""

from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.property_base.tests.common import PropertyTestCommon


@tagged("post_install", "-at_install")
class TestSharedMeters(PropertyTestCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = cls._create_user(
            "shm_clerk",
            "property_base.group_property_user,account.group_account_invoice",
            name="SHM Billing Clerk",
        )
        cls.engineer = cls._create_user(
            "shm_engineer", "property_base.group_property_user", name="SHM Engineer"
        )
        cls.estate = cls._create_estate("SHM Camellia Court", "SHM")
        cls.building = cls._create_building(cls.estate, "SHM Tower 1", "1")
        cls.unit = cls._create_unit(cls.building, "101", 90.0)
        Meter = cls.env["property.meter"]
        cls.common_meter = Meter.create(
            {
                "name": "SHM pump room water main",
                "meter_type": "water",
                "estate_id": cls.estate.id,
                "system": "water",
            }
        )
        cls.unit_meter = Meter.create(
            {"name": "SHM-W-101", "meter_type": "water", "unit_id": cls.unit.id}
        )

    def _energy_domain(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_maintenance.property_energy_reading_action"
        )
        return Domain(safe_eval(action["domain"])) & Domain("estate_id", "=", self.estate.id)

    def test_common_meter_read_once_seen_by_billing_and_energy(self):
        Reading = self.env["property.meter.reading"]
        readings = Reading.with_user(self.clerk).create(
            [
                {"meter_id": self.common_meter.id, "date": "2026-01-31", "value": 1000.0},
                {"meter_id": self.common_meter.id, "date": "2026-02-28", "value": 1300.0},
                {"meter_id": self.common_meter.id, "date": "2026-03-31", "value": 1900.0},
            ]
        )
        jan, feb, mar = readings
        self.assertEqual(self.common_meter.reading_ids, readings)
        self.assertEqual(self.common_meter.last_reading_value, 1900.0)

        # The engineer's energy analysis shows the clerk's readings, with their figures.
        seen = Reading.with_user(self.engineer).search(self._energy_domain())
        self.assertEqual(seen, readings)
        self.assertEqual((feb.consumption, mar.consumption), (300.0, 600.0))
        self.assertEqual(mar.previous_consumption, 300.0)
        self.assertAlmostEqual(mar.change_pct, 100.0)
        self.assertTrue(mar.is_abnormal)
        self.assertEqual(mar.system, "water")

        # The engineer corrects February: the clerk's figures are the same ones.
        feb.with_user(self.engineer).value = 1400.0
        totals = Reading.with_user(self.clerk)._read_group(
            [("meter_id", "=", self.common_meter.id)], [], ["consumption:sum"]
        )
        self.assertEqual(totals, [(900.0,)])
        self.assertEqual((feb.consumption, mar.consumption), (400.0, 500.0))
        self.assertAlmostEqual(mar.change_pct, 25.0)
        self.assertFalse(mar.is_abnormal)

        # One set of rules for both: a reading never goes down.
        with self.assertRaises(ValidationError):
            Reading.with_user(self.engineer).create(
                {"meter_id": self.common_meter.id, "date": "2026-04-30", "value": 1850.0}
            )
        with self.assertRaises(ValidationError):
            jan.with_user(self.clerk).value = 1500.0
        self.assertEqual(len(self.common_meter.reading_ids), 3)

    def test_unit_meter_billed_and_left_out_of_energy(self):
        owner = self.env["res.partner"].create({"name": "SHM Owner Qian"})
        self.env["property.ownership"].create(
            {"unit_id": self.unit.id, "partner_id": owner.id, "date_start": date(2025, 1, 1)}
        )
        income = self.env["account.account"].search(
            [("account_type", "=", "income"), ("company_ids", "in", self.env.company.ids)],
            limit=1,
        )
        product = self.env["product.product"].create(
            {"name": "SHM Water", "type": "service", "taxes_id": [Command.clear()]}
        )
        fee = self.env["property.fee.item"].create(
            {
                "name": "SHM Water fee",
                "code": "SHM-W",
                "method": "meter",
                "meter_type": "water",
                "meter_pricing": "flat",
                "rate": 3.5,
                "product_id": product.id,
                "account_id": income.id,
                "tax_ids": [Command.clear()],
                "estate_ids": [Command.set(self.estate.ids)],
            }
        )
        self.env["property.meter.reading"].with_user(self.clerk).create(
            [
                {"meter_id": self.unit_meter.id, "date": "2026-02-28", "value": 20.0},
                {"meter_id": self.unit_meter.id, "date": "2026-03-31", "value": 32.0},
            ]
        )
        period = self.env["property.billing.period"]._get_month_period(
            self.env.company, date(2026, 3, 1)
        )
        charges, _skips = period._compute_unit_charges(self.unit, fee)
        self.assertEqual([(c["quantity"], c["amount"]) for c in charges], [(12.0, 42.0)])
        energy = self.env["property.meter.reading"].search(self._energy_domain())
        self.assertFalse(energy & self.unit_meter.reading_ids)
