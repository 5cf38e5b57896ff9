from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged

from .common import PropertyCase, to_date


@tagged("post_install", "-at_install")
class TestOccupancy(PropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Zhao rented unit_a1 for two years with Sun (family, no end date set)
        cls.zhao_a1 = cls._create_occupancy(
            cls.unit_a1, cls.partner_zhao, "2023-01-01", date_end="2024-12-31"
        )
        cls.sun_a1 = cls._create_occupancy(
            cls.unit_a1, cls.partner_sun, "2023-01-01", role="family"
        )
        # Li lives in unit_a3 as its owner since 2021
        cls._create_ownership(cls.unit_a3, cls.partner_li, "2021-01-01")
        cls.li_a3 = cls._create_occupancy(
            cls.unit_a3, cls.partner_li, "2021-02-01", role="owner_occupier"
        )
        cls.units = cls.unit_a1 | cls.unit_a2 | cls.unit_a3

    def _occupancy_count(self):
        return self.env["property.occupancy"].search_count([("unit_id", "in", self.units.ids)])

    def test_occupancy_end_before_start_refused(self):
        before = self._occupancy_count()
        with self.assertRaisesMessage(ValidationError, "cannot be before the start date"):
            self._create_occupancy(self.unit_a2, self.partner_chen, "2024-03-01", "2024-02-28")
        self.assertEqual(self._occupancy_count(), before)
        with self.assertRaises(ValidationError):
            self.zhao_a1.date_end = "2022-12-31"
        self.assertEqual(self.zhao_a1.date_end, to_date("2024-12-31"))

    def test_same_resident_overlapping_periods_refused(self):
        before = self._occupancy_count()
        with self.assertRaisesMessage(ValidationError, "PBT Zhao Lei already lives in"):
            self._create_occupancy(self.unit_a1, self.partner_zhao, "2024-12-31")
        self.assertEqual(self._occupancy_count(), before)
        # renewing the lease from the next day is fine
        renewal = self._create_occupancy(self.unit_a1, self.partner_zhao, "2025-01-01")
        self.assertEqual(self._occupancy_count(), before + 1)
        # and so is living in another unit at the same time
        self._create_occupancy(self.unit_a2, self.partner_zhao, "2025-01-01")
        self.assertEqual(self._occupancy_count(), before + 2)
        with self.assertRaises(ValidationError):
            renewal.date_start = "2024-06-01"
        self.assertEqual(renewal.date_start, to_date("2025-01-01"))

    def test_current_residents_at_dates(self):
        for date, residents in (
            ("2022-12-31", self.env["res.partner"]),
            ("2023-01-01", self.partner_zhao | self.partner_sun),
            ("2024-12-31", self.partner_zhao | self.partner_sun),
            ("2025-01-01", self.partner_sun),
        ):
            unit = self.unit_a1.with_context(date=date)
            self.assertEqual(unit.current_resident_ids, residents, date)
            self.assertEqual(unit.resident_count, len(residents), date)
        with freeze_time("2024-06-15"):
            self.env.invalidate_all()
            self.assertEqual(
                self.unit_a1.current_resident_ids, self.partner_zhao | self.partner_sun
            )
        with freeze_time("2025-06-15"):
            self.env.invalidate_all()
            self.assertEqual(self.unit_a1.current_resident_ids, self.partner_sun)
            # residents are not owners
            self.assertFalse(self.unit_a1.current_owner_ids)
            self.assertEqual(self.unit_a3.current_owner_ids, self.partner_li)
            self.assertEqual(self.unit_a3.current_resident_ids, self.partner_li)

    def test_search_units_by_current_resident(self):
        Unit = self.env["property.unit"]
        mine = [("id", "in", self.units.ids)]
        at_2024 = Unit.with_context(date="2024-01-01")
        at_2025 = Unit.with_context(date="2025-01-01")
        zhao = self.partner_zhao
        self.assertEqual(
            at_2024.search(mine + [("current_resident_ids", "=", zhao.id)]), self.unit_a1
        )
        self.assertFalse(at_2025.search(mine + [("current_resident_ids", "=", zhao.id)]))
        self.assertEqual(
            at_2024.search(mine + [("current_resident_ids", "ilike", "zhao lei")]), self.unit_a1
        )
        self.assertEqual(
            at_2024.search(mine + [("current_resident_ids", "ilike", "PBT")]),
            self.unit_a1 | self.unit_a3,
        )
        self.assertEqual(
            at_2024.search(mine + [("current_resident_ids", "=", False)]), self.unit_a2
        )
        self.assertEqual(
            Unit.with_context(date="2022-01-01").search(
                mine + [("current_resident_ids", "=", False)]
            ),
            self.unit_a1 | self.unit_a2,
        )
        self.assertEqual(
            at_2024.search(mine + [("current_resident_ids", "not in", zhao.ids)]),
            self.unit_a2 | self.unit_a3,
        )

    def test_partner_lives_in(self):
        zhao = self.partner_zhao
        self.assertEqual(
            zhao.with_context(date="2024-01-01").property_resident_unit_ids, self.unit_a1
        )
        self.assertFalse(zhao.with_context(date="2024-01-01").property_owned_unit_ids)
        self.assertFalse(zhao.with_context(date="2025-01-01").property_resident_unit_ids)
        self.assertEqual(zhao.with_context(date="2025-01-01").property_unit_count, 0)
        li = self.partner_li.with_context(date="2024-01-01")
        self.assertEqual(li.property_resident_unit_ids, self.unit_a3)
        self.assertEqual(li.property_owned_unit_ids, self.unit_a3)
        # owning and living in the same unit counts once
        self.assertEqual(li.property_unit_count, 1)

    def test_end_occupancy_today(self):
        with freeze_time("2025-03-10"):
            self.sun_a1.action_end_today()
            self.assertEqual(self.sun_a1.date_end, to_date("2025-03-10"))
            # an occupancy that has not started yet ends on its first day
            future = self._create_occupancy(self.unit_a2, self.partner_chen, "2025-04-01")
            future.action_end_today()
            self.assertEqual(future.date_end, to_date("2025-04-01"))
            # the end date is the last day at the unit
            self.env.invalidate_all()
            self.assertEqual(self.unit_a1.current_resident_ids, self.partner_sun)
            self.assertFalse(self.unit_a1.with_context(date="2025-03-11").current_resident_ids)

    def test_is_current_refreshed_by_the_cron(self):
        with freeze_time("2031-05-20"):
            leaving = self._create_occupancy(
                self.unit_a2, self.partner_chen, "2031-01-01", date_end="2031-05-31"
            )
            coming = self._create_occupancy(self.unit_a2, self.partner_wang, "2031-06-01")
            self.assertTrue(leaving.is_current)
            self.assertFalse(coming.is_current)
        with freeze_time("2031-06-01"):
            self.assertTrue(leaving.is_current)
            self._run_cron("property_base.ir_cron_refresh_current_occupancies")
            self.assertFalse(leaving.is_current)
            self.assertTrue(coming.is_current)
            self.assertTrue(self.li_a3.is_current)
