from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HandoverCase


@tagged("post_install", "-at_install")
class TestLineGeneration(HandoverCase):
    def _pairs(self, project=None):
        lines = (project or self.project).line_ids
        return sorted((line.item_id.id, line.unit_id.id, line.building_id.id) for line in lines)

    def test_generate_whole_estate(self):
        self.project.with_user(self.inspector).action_generate_lines()
        lines = self.project.line_ids
        # 3 building items × 2 buildings + 3 unit items × 5 units
        self.assertEqual(len(lines), 3 * 2 + 3 * 5)
        self.assertEqual(self.project.line_count, 21)
        self.assertEqual(self.project.progress, 0.0)
        building_lines = lines.filtered(lambda line: not line.unit_id)
        self.assertEqual(building_lines.item_id, self.building_items)
        self.assertEqual(building_lines.building_id, self.building_1 | self.building_2)
        unit_lines = lines.filtered("unit_id")
        self.assertEqual(unit_lines.item_id, self.unit_items)
        self.assertEqual(
            unit_lines.unit_id,
            self.unit_11 | self.unit_12 | self.unit_13 | self.unit_21 | self.unit_22,
        )
        drain = self._line(self.item_drain, unit=self.unit_21)
        self.assertEqual(drain.building_id, self.building_2)
        self.assertEqual(drain.category, "plumbing")
        self.assertTrue(drain.is_critical)
        self.assertEqual(drain.scope, "unit")
        self.assertEqual(drain.result, "todo")
        self.assertEqual(drain.company_id, self.estate.company_id)
        self.assertEqual(drain.create_uid, self.inspector)
        self.assertEqual(drain.name, "PHT Floor drain flows")

    def test_regenerate_without_duplicates(self):
        self.project.action_generate_lines()
        self._line(self.item_wall, unit=self.unit_11).result = "pass"
        before = self._pairs()
        ids_before = set(self.project.line_ids.ids)
        self.project.action_generate_lines()
        self.assertEqual(self._pairs(), before)
        self.assertEqual(set(self.project.line_ids.ids), ids_before, "existing lines are kept")
        self.assertEqual(self._line(self.item_wall, unit=self.unit_11).result, "pass")
        self.assertEqual(len(set(before)), len(before))

        # A new unit and a new item: only the missing lines are added.
        unit_23 = self._create_unit(self.building_2, "2103")
        item_sockets = self._create_item("PHT Sockets work", "unit", "electrical")
        self.project.action_generate_lines()
        self.assertEqual(len(self.project.line_ids), 21 + 4 + 5)
        self.assertTrue(self._line(item_sockets, unit=unit_23))
        self.assertEqual(len(set(self._pairs())), len(self._pairs()))

    def test_regenerate_narrower_scope_keeps_recorded_lines(self):
        self.project.action_generate_lines()
        recorded = self._line(self.item_wall, unit=self.unit_21)
        recorded.write({"result": "na", "note": "PHT no plaster yet"})
        self.project.building_ids = [Command.set(self.building_1.ids)]
        self.project.action_generate_lines()
        lines = self.project.line_ids
        # building 1 only: 3 building items + 3 unit items × 3 units, plus the recorded line
        self.assertEqual(len(lines), 3 + 9 + 1)
        self.assertIn(recorded, lines)
        self.assertEqual(lines.building_id, self.building_1 | self.building_2)

        self.project.unit_ids = [Command.set(self.unit_12.ids)]
        self.project.action_generate_lines()
        self.assertEqual(
            self.project.line_ids.filtered("unit_id").unit_id, self.unit_12 | self.unit_21
        )

    def test_database_refuses_duplicate_lines(self):
        self.project.action_generate_lines()
        line = self._line(self.item_wall, unit=self.unit_11)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.env["property.handover.line"].create(
                    {
                        "project_id": self.project.id,
                        "company_id": line.company_id.id,
                        "item_id": self.item_wall.id,
                        "unit_id": self.unit_11.id,
                        "building_id": self.building_1.id,
                        "scope": "unit",
                        "category": "finishing",
                    }
                )
                self.env.flush_all()

    def test_generate_requires_checklist(self):
        self.project.checklist_ids = [Command.clear()]
        with self.assertRaisesText(UserError, "Add checklist templates"):
            self.project.action_generate_lines()
        self.assertFalse(self.project.line_ids)

    def test_generate_query_count_does_not_grow_with_units(self):
        """Lines are inserted set-based: as many queries for 5 units as for 25."""
        self.env.flush_all()
        self.env.invalidate_all()
        queries = self.cr.sql_log_count
        self.project.action_generate_lines()
        small_queries = self.cr.sql_log_count - queries
        big = self.env["property.handover.project"].create(
            {
                "name": "PHT Big",
                "estate_id": self.estate.id,
                "checklist_ids": [Command.set(self.checklist.ids)],
            }
        )
        for index in range(20):
            self._create_unit(self.building_2, f"29{index:02d}")
        self.env.flush_all()
        self.env.invalidate_all()
        queries = self.cr.sql_log_count
        big.action_generate_lines()
        big_queries = self.cr.sql_log_count - queries
        self.assertEqual(len(big.line_ids), 3 * 2 + 3 * 25)
        self.assertEqual(big_queries, small_queries)
        self.assertLess(big_queries, 30)

    def test_start_generates_lines(self):
        self.project.action_start()
        self.assertEqual(self.project.state, "in_progress")
        self.assertEqual(len(self.project.line_ids), 21)
        self.assertTrue(self.project.date_start)

    def test_portal_user_cannot_generate(self):
        portal = self.env["res.users"].create(
            {
                "name": "PHT Portal",
                "login": "pht_portal_gen",
                "group_ids": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        with self.assertRaises(AccessError):
            self.project.with_user(portal).action_generate_lines()


@tagged("post_install", "-at_install")
class TestRecording(HandoverCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project.action_start()

    def test_record_results(self):
        line = self._line(self.item_wall, unit=self.unit_11).with_user(self.inspector)
        line.write({"result": "pass", "note": "PHT fine"})
        self.assertEqual(line.result, "pass")
        self.assertEqual(line.inspector_id, self.inspector)
        self.assertTrue(line.date_inspected)
        self.assertFalse(line.defect_ids)
        self.assertEqual(self.project.line_done_count, 1)

    def test_measured_value_is_judged(self):
        ok = self._line(self.item_level, unit=self.unit_11)
        ok.value = 3.5
        self.assertEqual(ok.result, "pass")
        off = self._line(self.item_level, unit=self.unit_12)
        off.value = -4.5
        self.assertEqual(off.result, "fail")
        self.assertEqual(len(off.defect_ids), 1)

    def test_failed_line_creates_one_defect(self):
        line = self._line(self.item_drain, unit=self.unit_13)
        line.write({"result": "fail", "note": "PHT slow drain"})
        defect = line.defect_ids
        self.assertEqual(len(defect), 1)
        self.assertEqual(defect.project_id, self.project)
        self.assertEqual(defect.unit_id, self.unit_13)
        self.assertEqual(defect.building_id, self.building_1)
        self.assertEqual(defect.responsible_partner_id, self.developer)
        self.assertTrue(defect.is_critical)
        self.assertEqual(defect.state, "open")
        self.assertIn("PHT slow drain", defect.description)
        self.assertEqual((defect.deadline - defect.date_reported).days, 10)
        # Failing it again does not duplicate the defect.
        line.write({"result": "fail", "note": "PHT still slow"})
        self.assertEqual(len(line.defect_ids), 1)

    def test_recording_on_closed_project_refused(self):
        line = self._line(self.item_wall, unit=self.unit_11)
        self.project.with_user(self.manager).action_sign_off()
        self.assertEqual(self.project.state, "closed")
        with self.assertRaisesText(UserError, "is closed"):
            line.with_user(self.inspector).write({"result": "fail", "note": "PHT late"})
        self.assertEqual(line.result, "todo")
        self.assertFalse(line.note)
        self.assertFalse(line.defect_ids)
        with self.assertRaisesText(UserError, "is closed"):
            self.project.action_generate_lines()
        with self.assertRaisesText(UserError, "is closed"):
            line.unlink()
        self.assertEqual(len(self.project.line_ids), 21)
