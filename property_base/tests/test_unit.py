from psycopg2 import errors as pg_errors

from odoo.exceptions import ValidationError
from odoo.tests import tagged, warmup
from odoo.tools import mute_logger

from .common import PropertyCase


@tagged("post_install", "-at_install")
class TestUnit(PropertyCase):
    def _unit_count(self):
        return (
            self.env["property.unit"]
            .with_context(active_test=False)
            .search_count([("estate_id", "in", (self.estate_a | self.estate_b).ids)])
        )

    def _assert_sql_refusal(self, exception, constraint, message, func, *args):
        """``func(*args)`` fails on the database constraint ``constraint``; the
        user reads ``message`` (the RPC layer turns the database error into a
        ValidationError carrying it) and no unit is written."""
        Unit = self.env["property.unit"]
        before = self._unit_count()
        with mute_logger("odoo.sql_db"), self.assertRaises(exception) as caught:
            func(*args)
            self.env.flush_all()
        self.assertEqual(caught.exception.diag.constraint_name, constraint)
        self.assertEqual(Unit._sql_error_to_message(caught.exception), message)
        self.assertEqual(self._unit_count(), before)

    def test_reference_and_display_name(self):
        self.assertEqual(self.unit_a1.full_code, "1-1-101")
        self.assertEqual(self.unit_a3.full_code, "1-2-101")
        self.assertEqual(self.unit_a1.display_name, "PBT Lotus Garden · 1-1-101")
        # the reference follows the building code
        self.building_a2.code = "2B"
        self.assertEqual(self.unit_a4.full_code, "2B-1-201")
        # units are found by their reference or by their estate's name
        Unit = self.env["property.unit"]
        self.assertIn(self.unit_a4, Unit.search([("display_name", "ilike", "2B-1-201")]))
        found = Unit.search([("display_name", "ilike", "PBT Lotus")])
        self.assertEqual(found, self.unit_a1 | self.unit_a2 | self.unit_a3 | self.unit_a4)

    def test_gross_area_zero_refused(self):
        values = {
            "estate_id": self.estate_a.id,
            "building_id": self.building_a1.id,
            "entrance": "1",
            "code": "901",
            "gross_area": 0.0,
        }
        self._assert_sql_refusal(
            pg_errors.CheckViolation,
            "property_unit_gross_area_positive",
            "The gross area of a unit must be positive.",
            self.env["property.unit"].create,
            values,
        )
        # editing an existing unit is stopped by the Python check first
        with self.assertRaisesMessage(ValidationError, "gross area of unit .*1-1-101.* positive"):
            self.unit_a1.gross_area = 0.0
        self.assertEqual(self.unit_a1.gross_area, 89.5)

    def test_gross_area_negative_refused(self):
        values = {
            "estate_id": self.estate_a.id,
            "building_id": self.building_a1.id,
            "entrance": "1",
            "code": "902",
            "gross_area": -12.5,
        }
        self._assert_sql_refusal(
            pg_errors.CheckViolation,
            "property_unit_gross_area_positive",
            "The gross area of a unit must be positive.",
            self.env["property.unit"].create,
            values,
        )
        with self.assertRaises(ValidationError):
            self.unit_a2.write({"gross_area": -1.0, "net_area": 0.0})
        self.assertEqual(self.unit_a2.gross_area, 120.0)
        self.assertEqual(self.unit_a2.net_area, 98.0)

    def test_net_area_above_gross_refused(self):
        before = self._unit_count()
        with self.assertRaisesMessage(
            ValidationError, "cannot be negative or larger than its gross area"
        ):
            self.env["property.unit"].create(
                {
                    "estate_id": self.estate_a.id,
                    "building_id": self.building_a1.id,
                    "entrance": "1",
                    "code": "903",
                    "gross_area": 80.0,
                    "net_area": 80.01,
                }
            )
        self.assertEqual(self._unit_count(), before)
        with self.assertRaises(ValidationError):
            self.unit_a1.net_area = 90.0
        self.assertEqual(self.unit_a1.net_area, 72.3)
        with self.assertRaises(ValidationError):
            self.unit_a1.net_area = -1.0
        self.assertEqual(self.unit_a1.net_area, 72.3)
        # a net area equal to the gross area is fine
        self.unit_a1.net_area = 89.5
        self.assertEqual(self.unit_a1.net_area, 89.5)

    def test_unit_number_unique_in_building_and_entrance(self):
        values = {
            "estate_id": self.estate_a.id,
            "building_id": self.building_a1.id,
            "entrance": "1",
            "code": "101",
            "gross_area": 70.0,
        }
        self._assert_sql_refusal(
            pg_errors.UniqueViolation,
            "property_unit_code_uniq",
            "A unit number must be unique within its building and entrance.",
            self.env["property.unit"].create,
            values,
        )
        # renumbering a unit onto an existing number is refused too
        self._assert_sql_refusal(
            pg_errors.UniqueViolation,
            "property_unit_code_uniq",
            "A unit number must be unique within its building and entrance.",
            self.unit_a2.write,
            {"code": "101"},
        )
        self.assertEqual(self.unit_a2.full_code, "1-1-102")
        # the same number in another entrance, another building or another
        # estate is a different unit
        Unit = self.env["property.unit"]
        in_entrance_3 = Unit.create(dict(values, entrance="3"))
        in_tower_2 = Unit.create(dict(values, building_id=self.building_a2.id))
        self.assertEqual(in_entrance_3.full_code, "1-3-101")
        self.assertEqual(in_tower_2.full_code, "2-1-101")
        self.assertEqual(self.unit_b1.full_code, "1-1-101")

    def test_unit_number_unique_without_building(self):
        values = {"estate_id": self.estate_b.id, "code": "P-001", "gross_area": 12.5}
        parking = self.env["property.unit"].create(dict(values, unit_type="parking"))
        self.assertEqual(parking.full_code, "P-001")
        self._assert_sql_refusal(
            pg_errors.UniqueViolation,
            "property_unit_code_uniq",
            "A unit number must be unique within its building and entrance.",
            self.env["property.unit"].create,
            values,
        )

    def test_building_of_another_estate_refused(self):
        before = self._unit_count()
        with self.assertRaisesMessage(ValidationError, "does not belong to estate PBT Riverside"):
            self.env["property.unit"].create(
                {
                    "estate_id": self.estate_b.id,
                    "building_id": self.building_a1.id,
                    "entrance": "1",
                    "code": "904",
                    "gross_area": 70.0,
                }
            )
        self.assertEqual(self._unit_count(), before)
        with self.assertRaises(ValidationError):
            self.unit_b1.building_id = self.building_a2
        self.assertEqual(self.unit_b1.building_id, self.building_b1)

    def test_estate_and_building_figures(self):
        self.assertEqual(self.estate_a.building_count, 2)
        self.assertEqual(self.estate_a.unit_count, 4)
        self.assertEqual(self.building_a1.unit_count, 3)
        self.assertAlmostEqual(self.estate_a.total_gross_area, 89.5 + 120.0 + 89.5 + 64.0)
        self.assertEqual(self.estate_a.occupied_unit_count, 0)
        self.assertEqual(self.estate_a.occupancy_rate, 0.0)
        self.unit_a1.state = "occupied"
        self.assertEqual(self.estate_a.occupied_unit_count, 1)
        self.assertAlmostEqual(self.estate_a.occupancy_rate, 25.0)
        # an empty estate divides by nothing
        self.assertEqual(self.estate_c.building_ids.unit_count, 1)
        empty = self.env["property.estate"].create({"name": "PBT Empty Estate"})
        self.assertEqual((empty.unit_count, empty.occupancy_rate), (0, 0.0))


@tagged("post_install", "-at_install")
class TestUnitListPerformance(PropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        building = cls.env["property.building"].create(
            {"name": "PBT Tower 9", "code": "9", "estate_id": cls.estate_a.id}
        )
        owners = cls.env["res.partner"].create(
            [{"name": f"PBT Owner {n:02d}", "email": f"owner{n}@example.com"} for n in range(20)]
        )
        cls.units = cls.env["property.unit"].create(
            [
                {
                    "estate_id": cls.estate_a.id,
                    "building_id": building.id,
                    "entrance": str(1 + n % 2),
                    "code": f"{900 + n}",
                    "gross_area": 80.0 + n,
                }
                for n in range(20)
            ]
        )
        vals_list = []
        for n, unit in enumerate(cls.units):
            if n % 4 == 0:  # co-owned, the smaller owner pays
                vals_list += [
                    {"unit_id": unit.id, "partner_id": owners[n].id, "share": 60.0},
                    {
                        "unit_id": unit.id,
                        "partner_id": owners[(n + 1) % 20].id,
                        "share": 40.0,
                        "is_primary_payer": True,
                    },
                ]
            elif n % 4 == 1:  # sold last year
                vals_list += [
                    {
                        "unit_id": unit.id,
                        "partner_id": owners[n].id,
                        "date_start": "2015-01-01",
                        "date_end": "2020-12-31",
                    },
                    {"unit_id": unit.id, "partner_id": owners[(n + 3) % 20].id},
                ]
            elif n % 4 == 2:
                vals_list.append({"unit_id": unit.id, "partner_id": owners[n].id})
            # n % 4 == 3: no owner
        for vals in vals_list:
            vals.setdefault("date_start", "2021-01-01")
        cls.env["property.ownership"].create(vals_list)
        cls.owners = owners

    @warmup
    def test_unit_list_query_count(self):
        """Reading the unit list (reference, owners, payer) costs a fixed number
        of queries, whatever the number of units and owners."""
        Unit = self.env(user=self.user_property)["property.unit"]
        specification = {
            "display_name": {},
            "owner_names": {},
            "current_payer_id": {"fields": {"display_name": {}}},
            "gross_area": {},
            "state": {},
        }
        domain = [("id", "in", self.units.ids)]
        self.env.invalidate_all()
        # 8 measured: units (2), estates, ownerships (2), occupancies, companies and
        # one for all the owners; it was 17, one more per unit with owners. The
        # estate rules add a fixed 3: the user's groups, rules and estates.
        with self.assertQueryCount(13):
            result = Unit.web_search_read(domain, specification)
        self.assertEqual(result["length"], 20)
        rows = {row["id"]: row for row in result["records"]}
        co_owned, sold, single, empty = (self.units[n] for n in range(4))
        self.assertEqual(rows[co_owned.id]["owner_names"], "PBT Owner 00, PBT Owner 01")
        self.assertEqual(rows[co_owned.id]["current_payer_id"]["display_name"], "PBT Owner 01")
        self.assertEqual(rows[sold.id]["owner_names"], "PBT Owner 04")
        self.assertEqual(rows[single.id]["current_payer_id"]["id"], self.owners[2].id)
        self.assertFalse(rows[empty.id]["owner_names"])
        self.assertFalse(rows[empty.id]["current_payer_id"])
        self.assertEqual(rows[co_owned.id]["display_name"], "PBT Lotus Garden · 9-1-900")
