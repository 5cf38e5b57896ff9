from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.property_base.tests.common import PropertyTestCommon

#: Queries of the charges of a shared-cost fee, whatever the number of units.
SHARED_CHARGES_QUERIES = 16


@tagged("post_install", "-at_install")
class TestAllocation(PropertyTestCommon, TransactionCase):
    """Shared costs (公摊): a source (common meters, the loss of a master
    meter, a supplier bill) shared among the units of an estate or building
    by a key, to the cent, then billed and published to the building.

    Estate PAL: tower 1 with flats 101 (100 m², net 80), 102 (100 m², net
    90), 103 (100 m², net 85) and a shop S1 (60 m²); tower 2 with flat 201
    (120 m²). Period March 2026."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate = cls._create_estate("PAL Garden", "PAL")
        cls.tower_1 = cls._create_building(cls.estate, "PAL T1", "1")
        cls.tower_2 = cls._create_building(cls.estate, "PAL T2", "2")
        cls.f101 = cls._create_unit(cls.tower_1, "101", 100.0, net_area=80.0)
        cls.f102 = cls._create_unit(cls.tower_1, "102", 100.0, net_area=90.0)
        cls.f103 = cls._create_unit(cls.tower_1, "103", 100.0, net_area=85.0)
        cls.shop = cls._create_unit(cls.tower_1, "S1", 60.0, unit_type="shop")
        cls.f201 = cls._create_unit(cls.tower_2, "201", 120.0)
        cls.owners = {}
        for unit in (cls.f101, cls.f102, cls.f103, cls.shop, cls.f201):
            owner = cls._create_partner(f"PAL owner {unit.code}", f"pal.{unit.code}@example.com")
            cls._create_ownership(unit, owner, "2025-01-01")
            cls.owners[unit] = owner
        cls.period = cls.env["property.billing.period"].create(
            {"name": "PAL 2026-03", "date_start": "2026-03-01", "date_end": "2026-03-31"}
        )
        Meter = cls.env["property.meter"]
        cls.lift_meter = Meter.create(
            {
                "name": "PAL T1 lifts",
                "meter_type": "electricity",
                "estate_id": cls.estate.id,
                "building_id": cls.tower_1.id,
            }
        )
        cls.corridor_meter = Meter.create(
            {
                "name": "PAL T1 corridors",
                "meter_type": "electricity",
                "estate_id": cls.estate.id,
                "building_id": cls.tower_1.id,
            }
        )
        cls._read(cls.lift_meter, 1000.0, 1800.25)
        cls._read(cls.corridor_meter, 500.0, 934.25)
        cls.Rule = cls.env["property.allocation.rule"].with_context(lang="zh_CN")

    @classmethod
    def _read(cls, meter, before, after, date="2026-03-31"):
        """A reading at the end of February and one in March."""
        cls.env["property.meter.reading"].create(
            [
                {"meter_id": meter.id, "date": "2026-02-28", "value": before},
                {"meter_id": meter.id, "date": date, "value": after},
            ]
        )

    def _rule(self, **values):
        vals = {
            "name": "公摊电费",
            "estate_id": self.estate.id,
            "building_ids": [Command.set(self.tower_1.ids)],
            "source": "meters",
            "meter_type": "electricity",
            "meter_ids": [Command.set((self.lift_meter | self.corridor_meter).ids)],
            "price_unit": 0.617,
            "key": "gross_area",
        }
        vals.update(values)
        return self.Rule.create(vals)

    def _allocate(self, rule, **values):
        allocation = (
            self.env["property.allocation"]
            .with_context(lang="zh_CN")
            .create({"rule_id": rule.id, "period_id": self.period.id, **values})
        )
        allocation.action_compute()
        return allocation

    def _shared_fee(self, rule):
        """The fee item that bills the shares of ``rule``, without VAT."""
        return self.env["property.fee.item"].create(
            {
                "name": "公摊电费",
                "method": "shared",
                "allocation_rule_id": rule.id,
                "product_id": self.env.ref("property_billing.product_shared_utilities").id,
                "tax_ids": [Command.clear()],
            }
        )

    def _count_queries(self, function, *args):
        """(SQL queries, result) of ``function(*args)`` on an empty cache."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        result = function(*args)
        self.env.flush_all()
        return self.env.cr.sql_log_count - before, result

    def _shares(self, allocation):
        return {line.unit_id: line.amount for line in allocation.line_ids}

    def test_meters_by_gross_area(self):
        """800.25 + 434.25 = 1,234.50 kWh × 0.617 = 761.69 shared by gross
        area over 360 m²: 211.58 for each flat, 126.95 for the shop."""
        allocation = self._allocate(self._rule())
        self.assertEqual(allocation.source_quantity, 1234.5)
        self.assertEqual(allocation.uom, "kWh")
        self.assertEqual(allocation.amount_total, 761.69)
        self.assertEqual(allocation.key_total, 360.0)
        self.assertEqual(allocation.unit_count, 4)
        shares = self._shares(allocation)
        self.assertEqual(set(shares), {self.f101, self.f102, self.f103, self.shop})
        # 761.69 × 100/360 = 211.5805…, × 60/360 = 126.9483…: 211.58 × 3 + 126.95 = 761.69.
        self.assertEqual([shares[u] for u in (self.f101, self.f102, self.f103)], [211.58] * 3)
        self.assertEqual(shares[self.shop], 126.95)
        self.assertAlmostEqual(sum(shares.values()), allocation.amount_total, places=2)
        line = allocation.line_ids.filtered(lambda line: line.unit_id == self.f101)
        self.assertEqual(line.quantity, 342.92)
        self.assertAlmostEqual(line.share_pct, 100 / 3.6, places=4)

    def test_remainder_to_the_cent(self):
        """100.00 among three equal flats: 33.34, 33.33, 33.33, the cent left
        over to one flat; or, by rule, to the largest key."""
        rule = self._rule(
            source="bill",
            meter_ids=[Command.clear()],
            key="equal",
            unit_type_ids=[Command.set(self.env.ref("property_billing.unit_type_apartment").ids)],
        )
        allocation = self.env["property.allocation"].create(
            {"rule_id": rule.id, "period_id": self.period.id}
        )
        split = allocation._split_amount
        units = self.f101 | self.f102 | self.f103
        keys = {unit.id: 1.0 for unit in units}
        self.assertEqual(sorted(split(100.0, units, keys).values()), [33.33, 33.33, 33.34])
        # 0.75, 0.75 and 1.5 cents: one cent each to the largest remainders.
        keys = {self.f101.id: 1.0, self.f102.id: 1.0, self.f103.id: 2.0}
        self.assertEqual(
            split(0.03, units, keys), {self.f101.id: 0.01, self.f102.id: 0.01, self.f103.id: 0.01}
        )
        rule.remainder = "largest_key"
        self.assertEqual(
            split(100.0, units, keys), {self.f101.id: 25.0, self.f102.id: 25.0, self.f103.id: 50.0}
        )
        self.assertEqual(
            split(100.01, units, keys),
            {self.f101.id: 25.0, self.f102.id: 25.0, self.f103.id: 50.01},
        )
        # Many odd shares still add up exactly.
        many = {unit_id: 1.0 + (unit_id % 7) / 3 for unit_id in range(1, 1001)}
        shares = split(12345.67, self.env["property.unit"], many)
        self.assertEqual(round(sum(shares.values()) * 100), 1234567)

    def test_keys(self):
        # Net area: 80 + 90 + 85 (the shop has none, it takes no share).
        allocation = self._allocate(self._rule(key="net_area"))
        self.assertEqual(allocation.key_total, 255.0)
        self.assertNotIn(self.shop, allocation.line_ids.unit_id)
        # Share (分摊系数): the shop weighs 2.
        self.shop.allocation_weight = 2.0
        allocation.rule_id.key = "weight"
        allocation.action_compute()
        self.assertEqual(allocation.key_total, 5.0)
        self.assertEqual(self._shares(allocation)[self.shop], 304.67)
        # Equally per unit.
        allocation.rule_id.key = "equal"
        allocation.action_compute()
        self.assertEqual(
            sorted(self._shares(allocation).values()), [190.42, 190.42, 190.42, 190.43]
        )
        # Residents at the end of the period: 2 in 101, 1 in 102 (one moved out in March).
        self._create_occupancy(self.f101, self.owners[self.f101], "2025-01-01")
        self._create_occupancy(
            self.f101, self._create_partner("PAL spouse"), "2025-01-01", role="family"
        )
        self._create_occupancy(self.f102, self._create_partner("PAL tenant"), "2025-06-01")
        self._create_occupancy(
            self.f103, self._create_partner("PAL left"), "2025-06-01", "2026-03-15"
        )
        allocation.rule_id.key = "residents"
        allocation.action_compute()
        self.assertEqual(allocation.key_total, 3.0)
        self.assertEqual(self._shares(allocation), {self.f101: 507.79, self.f102: 253.9})
        # The units' own consumption.
        for unit, before, after in ((self.f101, 0.0, 150.0), (self.f102, 10.0, 60.0)):
            meter = self.env["property.meter"].create(
                {"name": f"PAL {unit.code} e", "meter_type": "electricity", "unit_id": unit.id}
            )
            self._read(meter, before, after)
        allocation.rule_id.write({"key": "consumption", "key_meter_type": "electricity"})
        allocation.action_compute()
        self.assertEqual(allocation.key_total, 200.0)
        self.assertEqual(self._shares(allocation), {self.f101: 571.27, self.f102: 190.42})

    def test_participants(self):
        """Unit types, occupied units only, exempt units."""
        rule = self._rule(
            building_ids=[Command.clear()],
            unit_type_ids=[Command.set(self.env.ref("property_billing.unit_type_apartment").ids)],
            exempt_unit_ids=[Command.set(self.f103.ids)],
        )
        allocation = self._allocate(rule)
        self.assertEqual(allocation.line_ids.unit_id, self.f101 | self.f102 | self.f201)
        self._create_occupancy(self.f201, self.owners[self.f201], "2025-01-01")
        rule.occupied_only = True
        allocation.action_compute()
        self.assertEqual(allocation.line_ids.unit_id, self.f201)
        self.assertEqual(self._shares(allocation), {self.f201: 761.69})

    def test_loss(self):
        """The master meter measured 5,000 m³, its sub-meters 4,600: 400 m³
        of loss × 3.45 = 1,380.00. Sub-meters above the master: nothing is
        allocated and the allocation says why."""
        Meter = self.env["property.meter"]
        master = Meter.create(
            {"name": "PAL master water", "meter_type": "water", "estate_id": self.estate.id}
        )
        subs = Meter.create(
            [
                {"name": f"PAL water {unit.code}", "meter_type": "water", "unit_id": unit.id}
                for unit in (self.f101, self.f102)
            ]
        )
        self._read(master, 10000.0, 15000.0)
        self._read(subs[0], 0.0, 2600.0)
        self._read(subs[1], 0.0, 2000.0)
        rule = self._rule(
            name="公摊水损",
            source="loss",
            meter_type="water",
            master_meter_id=master.id,
            meter_ids=[Command.set(subs.ids)],
            price_unit=3.45,
        )
        allocation = self._allocate(rule)
        self.assertEqual(allocation.source_quantity, 400.0)
        self.assertEqual(allocation.amount_total, 1380.0)
        self.assertFalse(allocation.warning)
        self.assertAlmostEqual(sum(self._shares(allocation).values()), 1380.0, places=2)
        # A reading error: the sub-meters now sum to 5,100 m³.
        subs[1].reading_ids.filtered(lambda r: str(r.date) == "2026-03-31").value = 2500.0
        allocation.action_compute()
        self.assertEqual(allocation.amount_total, 0.0)
        self.assertFalse(allocation.line_ids)
        self.assertIn("没有损耗可分摊", allocation.warning)
        self.assertIn("5,100.00", allocation.warning)

    def test_supplier_bill(self):
        """The power company's bill of 1,000.00 shared by gross area over
        tower 1; the same bill cannot be shared twice."""
        vendor = self._create_partner("PAL 国网上海电力")
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": vendor.id,
                "invoice_date": "2026-03-31",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "3月电费",
                            "quantity": 1,
                            "price_unit": 1000.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        bill.action_post()
        rule = self._rule(source="bill", meter_ids=[Command.clear()])
        allocation = self._allocate(rule, bill_id=bill.id)
        self.assertEqual(allocation.amount_total, 1000.0)
        self.assertEqual(allocation.source_quantity, 1000.0)
        self.assertEqual(
            self._shares(allocation),
            {self.f101: 277.78, self.f102: 277.78, self.f103: 277.78, self.shop: 166.66},
        )
        other_period = self.env["property.billing.period"].create(
            {"name": "PAL 2026-04", "date_start": "2026-04-01", "date_end": "2026-04-30"}
        )
        Allocation = self.env["property.allocation"].with_context(lang="zh_CN")
        with self.assertRaises(ValidationError) as error:
            Allocation.create(
                {"rule_id": rule.id, "period_id": other_period.id, "bill_id": bill.id}
            )
        self.assertIn("已由", str(error.exception))
        # A draft bill is refused.
        draft = bill.copy()
        with self.assertRaises(ValidationError):
            Allocation.create(
                {"rule_id": rule.id, "period_id": other_period.id, "bill_id": draft.id}
            )

    def test_key_totals_zero(self):
        """Nobody lives in tower 1: a rule of occupied units has nothing to
        share by; nothing is written."""
        allocation = (
            self.env["property.allocation"]
            .with_context(lang="zh_CN")
            .create({"rule_id": self._rule(occupied_only=True).id, "period_id": self.period.id})
        )
        with self.assertRaises(UserError) as error:
            allocation.action_compute()
        self.assertIn("公摊电费", str(error.exception))
        self.assertIn("合计为零", str(error.exception))
        self.assertFalse(allocation.line_ids)
        self.assertFalse(allocation.date_computed)

    def test_bad_rules(self):
        with self.assertRaises(ValidationError):
            self._rule(meter_ids=[Command.clear()])
        with self.assertRaises(ValidationError):
            self._rule(source="loss", meter_ids=[Command.clear()])
        with self.assertRaises(ValidationError):
            self._rule(key="consumption")
        with self.assertRaises(ValidationError):
            self._rule(price_unit=-1.0)
        other = self._create_estate("PAL Other", "PALO")
        with self.assertRaises(ValidationError):
            self._rule(building_ids=[Command.set(self._create_building(other, "PALO 1", "1").ids)])
        rule = self._rule()
        self._allocate(rule)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env["property.allocation"].create(
                    {"rule_id": rule.id, "period_id": self.period.id}
                )

    def test_billed_with_its_text(self):
        """The monthly bill charges each unit its share, with a line telling
        the source, its total, the key and the unit's key."""
        rule = self._rule()
        allocation = self._allocate(rule)
        fee = self._shared_fee(rule)
        period = self.period.with_context(lang="zh_CN")
        charges, _skips = period._compute_unit_charges(self.f101 | self.shop, fee)
        self.assertFalse(charges, "a draft allocation is not billed")
        allocation.action_confirm()
        self.assertEqual(allocation.state, "done")
        charges, _skips = period._compute_unit_charges(self.f101 | self.shop | self.f201, fee)
        by_unit = {charge["unit"]: charge for charge in charges}
        self.assertEqual(set(by_unit), {self.f101, self.shop})
        self.assertEqual(by_unit[self.f101]["amount"], 211.58)
        self.assertEqual(by_unit[self.f101]["partner"], self.owners[self.f101])
        self.assertEqual(
            by_unit[self.f101]["detail"],
            "公摊电费 PAL 2026-03：总 1,234.50 kWh × 按建筑面积 100.00/360.00 m²",
        )
        self.assertEqual(
            by_unit[self.shop]["detail"],
            "公摊电费 PAL 2026-03：总 1,234.50 kWh × 按建筑面积 60.00/360.00 m²",
        )
        # Billed, the allocation can no longer change.
        run = self.env["property.billing.run"].create(
            {"period_id": self.period.id, "fee_ids": [Command.set(fee.ids)]}
        )
        run._execute()
        bill = self.env["account.move"].search(
            [("property_unit_id", "=", self.f101.id), ("property_period_id", "=", self.period.id)]
        )
        self.assertEqual(bill.amount_total, 211.58)
        with self.assertRaises(UserError):
            allocation.action_draft()

    def test_shares_read_once_per_chunk(self):
        """The shares of the units a run bills and the text of their lines are
        read in the same queries for one unit or for many."""
        rule = self._rule()
        self._allocate(rule).action_confirm()
        fee = self._shared_fee(rule)
        units = self.f101 | self.f102 | self.f103 | self.shop
        # Counted exactly: assertQueryCount only fails above its figure.
        queries, (charges, _skips) = self._count_queries(
            self.period._compute_unit_charges, self.f101, fee
        )
        self.assertEqual(queries, SHARED_CHARGES_QUERIES)
        self.assertEqual(len(charges), 1)
        queries, (charges, _skips) = self._count_queries(
            self.period._compute_unit_charges, units, fee
        )
        self.assertEqual(queries, SHARED_CHARGES_QUERIES)
        self.assertEqual(
            {charge["unit"]: charge["amount"] for charge in charges},
            {self.f101: 211.58, self.f102: 211.58, self.f103: 211.58, self.shop: 126.95},
        )

    def test_published_to_the_building(self):
        """The owner of 101 sees tower 1's allocation with every share of his
        building; the owner of 201 (tower 2) does not."""
        allocation = self._allocate(self._rule())
        user_101 = self._create_portal_user(self.owners[self.f101])
        user_201 = self._create_portal_user(self.owners[self.f201])
        Allocation = self.env["property.allocation"]
        self.assertFalse(Allocation.with_user(user_101).search([("id", "=", allocation.id)]))
        allocation.action_confirm()
        self.assertEqual(Allocation.with_user(user_101).search([]), allocation)
        lines = self.env["property.allocation.line"].with_user(user_101).search([])
        self.assertEqual(len(lines), 4)
        self.assertEqual(
            sorted(lines.mapped("unit_code")), sorted(allocation.line_ids.mapped("unit_code"))
        )
        self.assertFalse(Allocation.with_user(user_201).search([]))
        self.assertFalse(self.env["property.allocation.line"].with_user(user_201).search([]))
        with self.assertRaises(AccessError):
            allocation.with_user(user_201).read(["amount_total"])
        with self.assertRaises(AccessError):
            allocation.with_user(user_101).write({"warning": "x"})

    def _create_portal_user(self, partner):
        return self._create_user(
            f"pal_portal_{partner.id}",
            "base.group_portal",
            estates=self.env["property.estate"],
            partner_id=partner.id,
        )
