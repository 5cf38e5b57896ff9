from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged

from .common import PropertyCase, to_date


@tagged("post_install", "-at_install")
class TestOwnershipRules(PropertyCase):
    """The rules ownerships keep: shares, overlapping periods, primary payers."""

    def _ownership_count(self):
        return self.env["property.ownership"].search_count(
            [("unit_id", "in", (self.unit_a1 | self.unit_a2).ids)]
        )

    def test_shares_above_100_percent_on_some_date_refused(self):
        self._create_ownership(self.unit_a2, self.partner_li, "2024-01-01", share=60.0)
        before = self._ownership_count()
        with self.assertRaisesMessage(ValidationError, r"add up to 110.0% on 2024-03-01"):
            self._create_ownership(self.unit_a2, self.partner_wang, "2024-03-01", share=50.0)
        self.assertEqual(self._ownership_count(), before)
        # a share that starts earlier but overlaps later is caught too
        with self.assertRaisesMessage(ValidationError, r"add up to 110.0% on 2024-01-01"):
            self._create_ownership(self.unit_a2, self.partner_wang, "2023-06-01", share=50.0)
        self.assertEqual(self._ownership_count(), before)
        self.assertEqual(
            self.unit_a2.with_context(date="2024-03-01").current_owner_ids, self.partner_li
        )

        wang = self._create_ownership(self.unit_a2, self.partner_wang, "2024-03-01", share=40.0)
        self.assertEqual(self._ownership_count(), before + 1)
        self.assertEqual(
            self.unit_a2.with_context(date="2024-03-01").current_owner_ids,
            self.partner_li | self.partner_wang,
        )
        # raising a share afterwards is held to the same rule
        with self.assertRaises(ValidationError):
            wang.share = 41.0
        self.assertEqual(wang.share, 40.0)

    def test_shares_after_previous_owner_ended_allowed(self):
        self._create_ownership(
            self.unit_a2, self.partner_li, "2024-01-01", date_end="2024-02-29", share=60.0
        )
        self._create_ownership(self.unit_a2, self.partner_wang, "2024-03-01", share=50.0)
        self._create_ownership(self.unit_a2, self.partner_zhao, "2024-03-01", share=50.0)
        unit = self.unit_a2.with_context(date="2024-03-01")
        self.assertEqual(unit.current_owner_ids, self.partner_wang | self.partner_zhao)
        # full: nobody else fits in from that day on
        before = self._ownership_count()
        with self.assertRaises(ValidationError):
            self._create_ownership(self.unit_a2, self.partner_chen, "2025-01-01", share=1.0)
        self.assertEqual(self._ownership_count(), before)
        # and reopening the first ownership would overfill the unit
        first = self.unit_a2.ownership_ids.filtered(lambda o: o.partner_id == self.partner_li)
        with self.assertRaises(ValidationError):
            first.date_end = "2024-03-01"
        self.assertEqual(first.date_end, to_date("2024-02-29"))

    def test_owner_overlapping_periods_refused(self):
        self._create_ownership(
            self.unit_a2, self.partner_li, "2024-01-01", date_end="2024-06-30", share=50.0
        )
        before = self._ownership_count()
        with self.assertRaisesMessage(ValidationError, "PBT Li Wei already owns"):
            self._create_ownership(self.unit_a2, self.partner_li, "2024-06-30", share=50.0)
        self.assertEqual(self._ownership_count(), before)
        # the next period of the same owner starts the day after
        self._create_ownership(self.unit_a2, self.partner_li, "2024-07-01", share=50.0)
        self.assertEqual(self._ownership_count(), before + 1)
        # the same owner may hold another unit over the same period
        self._create_ownership(self.unit_a1, self.partner_li, "2024-01-01", share=50.0)
        self.assertEqual(self._ownership_count(), before + 2)

    def test_ownership_end_before_start_refused(self):
        before = self._ownership_count()
        with self.assertRaisesMessage(ValidationError, "cannot be before the start date"):
            self._create_ownership(
                self.unit_a2, self.partner_li, "2024-05-01", date_end="2024-04-30"
            )
        self.assertEqual(self._ownership_count(), before)
        ownership = self._create_ownership(
            self.unit_a2, self.partner_li, "2024-05-01", date_end="2024-05-01"
        )
        with self.assertRaises(ValidationError):
            ownership.date_start = "2024-05-02"
        self.assertEqual(ownership.date_start, to_date("2024-05-01"))

    def test_two_primary_payers_on_one_date_refused(self):
        li = self._create_ownership(
            self.unit_a2,
            self.partner_li,
            "2024-01-01",
            date_end="2024-12-31",
            share=50.0,
            is_primary_payer=True,
        )
        before = self._ownership_count()
        with self.assertRaisesMessage(ValidationError, "several primary payers on 2024-06-01"):
            self._create_ownership(
                self.unit_a2, self.partner_wang, "2024-06-01", share=50.0, is_primary_payer=True
            )
        self.assertEqual(self._ownership_count(), before)
        wang = self._create_ownership(self.unit_a2, self.partner_wang, "2024-06-01", share=50.0)
        with self.assertRaises(ValidationError):
            wang.is_primary_payer = True
        self.assertFalse(wang.is_primary_payer)
        # once the first payer's period is over, another owner may be the payer
        li.date_end = "2024-05-31"
        wang.is_primary_payer = True
        self.assertEqual(
            self.unit_a2.with_context(date="2024-06-01").current_payer_id, self.partner_wang
        )
        self.assertEqual(
            self.unit_a2.with_context(date="2024-05-31").current_payer_id, self.partner_li
        )


@tagged("post_install", "-at_install")
class TestCurrentOwners(PropertyCase):
    """Who owns and who pays for a unit on a given day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # unit_a1 was sold: Li owned it until 2024-06-30, Wang from the next day
        cls.li_a1 = cls._create_ownership(
            cls.unit_a1, cls.partner_li, "2020-01-01", date_end="2024-06-30"
        )
        cls.wang_a1 = cls._create_ownership(cls.unit_a1, cls.partner_wang, "2024-07-01")
        # unit_a2 is co-owned by Zhao (70%) and Chen (30%, the flagged payer)
        cls.zhao_a2 = cls._create_ownership(cls.unit_a2, cls.partner_zhao, "2022-01-01", share=70)
        cls.chen_a2 = cls._create_ownership(
            cls.unit_a2, cls.partner_chen, "2022-01-01", share=30, is_primary_payer=True
        )
        # unit_a3 is owned by Li alone, since 2021
        cls.li_a3 = cls._create_ownership(cls.unit_a3, cls.partner_li, "2021-03-15")
        cls.units = cls.unit_a1 | cls.unit_a2 | cls.unit_a3 | cls.unit_a4

    def test_owner_changes_with_a_sale(self):
        for date, owner in (
            ("2019-12-31", self.env["res.partner"]),
            ("2020-01-01", self.partner_li),
            ("2024-06-30", self.partner_li),
            ("2024-07-01", self.partner_wang),
            ("2030-01-01", self.partner_wang),
        ):
            unit = self.unit_a1.with_context(date=date)
            self.assertEqual(unit.current_owner_ids, owner, date)
            self.assertEqual(unit.current_payer_id, owner, date)
            self.assertEqual(unit.owner_names, owner.name or "", date)

    def test_today_follows_the_clock(self):
        with freeze_time("2024-06-30"):
            self.env.invalidate_all()
            self.assertEqual(self.unit_a1.current_owner_ids, self.partner_li)
            self.assertEqual(self.unit_a1.owner_names, "PBT Li Wei")
        with freeze_time("2024-07-01"):
            self.env.invalidate_all()
            self.assertEqual(self.unit_a1.current_owner_ids, self.partner_wang)
            self.assertEqual(self.unit_a1.current_payer_id, self.partner_wang)
            self.assertEqual(self.unit_a1.owner_names, "PBT Wang Fang")

    def test_payer_is_flagged_owner_else_largest_share(self):
        unit = self.unit_a2.with_context(date="2024-01-01")
        self.assertEqual(unit.current_owner_ids, self.partner_zhao | self.partner_chen)
        # Chen holds 30% but is the flagged primary payer
        self.assertEqual(unit.current_payer_id, self.partner_chen)
        self.chen_a2.is_primary_payer = False
        # without a flag, the largest share pays
        self.assertEqual(unit.current_payer_id, self.partner_zhao)
        self.zhao_a2.share = 20.0
        self.assertEqual(unit.current_payer_id, self.partner_chen)
        # equal shares: the earlier owner pays
        self.zhao_a2.share = 30.0
        self.zhao_a2.date_start = "2021-12-31"
        self.assertEqual(unit.current_payer_id, self.partner_zhao)
        # a unit without owners has no payer
        self.assertFalse(self.unit_a4.current_payer_id)
        self.assertFalse(self.unit_a4.owner_names)

    def test_search_units_by_current_owner(self):
        Unit = self.env["property.unit"]
        mine = [("id", "in", self.units.ids)]
        li, wang = self.partner_li, self.partner_wang
        at_2023 = Unit.with_context(date="2023-01-01")
        at_2025 = Unit.with_context(date="2025-01-01")
        self.assertEqual(
            at_2023.search(mine + [("current_owner_ids", "=", li.id)]), self.unit_a1 | self.unit_a3
        )
        self.assertEqual(at_2025.search(mine + [("current_owner_ids", "=", li.id)]), self.unit_a3)
        self.assertEqual(
            at_2025.search(mine + [("current_owner_ids", "in", wang.ids)]), self.unit_a1
        )
        # the search view looks owners up by name
        self.assertEqual(
            at_2023.search(mine + [("current_owner_ids", "ilike", "Li Wei")]),
            self.unit_a1 | self.unit_a3,
        )
        self.assertEqual(
            at_2025.search(mine + [("current_owner_ids", "ilike", "wang fang")]), self.unit_a1
        )
        # the "Without Owner" filter of the unit list
        self.assertEqual(at_2025.search(mine + [("current_owner_ids", "=", False)]), self.unit_a4)
        self.assertEqual(
            Unit.with_context(date="2021-06-01").search(mine + [("current_owner_ids", "=", False)]),
            self.unit_a2 | self.unit_a4,
        )
        # and its negation: units that have an owner, and units someone does not own
        self.assertEqual(
            at_2025.search(mine + [("current_owner_ids", "!=", False)]),
            self.unit_a1 | self.unit_a2 | self.unit_a3,
        )
        self.assertEqual(
            at_2025.search(mine + [("current_owner_ids", "not in", li.ids)]),
            self.unit_a1 | self.unit_a2 | self.unit_a4,
        )

    def test_search_units_by_current_payer(self):
        Unit = self.env["property.unit"].with_context(date="2025-01-01")
        mine = [("id", "in", self.units.ids)]
        self.assertEqual(
            Unit.search(mine + [("current_payer_id", "=", self.partner_chen.id)]), self.unit_a2
        )
        # Zhao owns 70% of unit_a2 but does not pay for it
        self.assertFalse(Unit.search(mine + [("current_payer_id", "=", self.partner_zhao.id)]))
        self.assertEqual(
            Unit.search(mine + [("current_payer_id", "ilike", "PBT Wang")]), self.unit_a1
        )
        self.assertEqual(
            Unit.with_context(date="2023-01-01").search(
                mine + [("current_payer_id", "ilike", "PBT Li")]
            ),
            self.unit_a1 | self.unit_a3,
        )
        self.assertEqual(Unit.search(mine + [("current_payer_id", "=", False)]), self.unit_a4)

    def test_partner_owned_units(self):
        li = self.partner_li
        self.assertEqual(
            li.with_context(date="2023-01-01").property_owned_unit_ids,
            self.unit_a1 | self.unit_a3,
        )
        self.assertEqual(li.with_context(date="2023-01-01").property_unit_count, 2)
        self.assertEqual(li.with_context(date="2025-01-01").property_owned_unit_ids, self.unit_a3)
        self.assertEqual(
            self.partner_wang.with_context(date="2025-01-01").property_owned_unit_ids,
            self.unit_a1,
        )
        self.assertFalse(self.partner_wang.with_context(date="2024-06-30").property_owned_unit_ids)
        self.assertFalse(self.partner_li.with_context(date="2025-01-01").property_resident_unit_ids)

    def test_is_current_refreshed_by_the_cron(self):
        with freeze_time("2031-01-10"):
            sold = self._create_ownership(
                self.unit_a4, self.partner_zhao, "2031-01-01", date_end="2031-01-31"
            )
            bought = self._create_ownership(self.unit_a4, self.partner_sun, "2031-02-01")
            self.assertTrue(sold.is_current)
            self.assertFalse(bought.is_current)
        with freeze_time("2031-02-01"):
            # the flag is stored: it only moves when the cron runs
            self.assertTrue(sold.is_current)
            self._run_cron("property_base.ir_cron_refresh_current_ownerships")
            self.assertFalse(sold.is_current)
            self.assertTrue(bought.is_current)
            self.assertTrue(self.wang_a1.is_current)
            self.assertEqual(
                self.env["property.ownership"].search(
                    [("unit_id", "=", self.unit_a4.id), ("is_current", "=", True)]
                ),
                bought,
            )
