from unittest.mock import patch

from odoo import models
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import PropertyCase, to_date


@tagged("post_install", "-at_install")
class TestMoveIn(PropertyCase):
    """Move-in from the desk's point of view: documents to sign, checks that
    refuse to complete, and what completing records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Li owns unit_a2 (estate_a asks for two signed documents)
        cls._create_ownership(cls.unit_a2, cls.partner_li, "2024-01-01")
        cls.MoveIn = cls.env["property.move.in"].with_user(cls.user_property)

    def _new_move_in(self, unit=None, partner=None, role="owner_occupier", **values):
        return self.MoveIn.create(
            {
                "unit_id": (unit or self.unit_a2).id,
                "partner_id": (partner or self.partner_li).id,
                "role": role,
                "date": "2025-03-01",
                **values,
            }
        )

    def _ready(self, move_in):
        """Identity checked and every document signed."""
        move_in.identity_checked = True
        move_in.document_line_ids.is_signed = True
        return move_in

    def _occupancy_count(self):
        return self.env["property.occupancy"].search_count(
            [("unit_id", "in", (self.unit_a1 | self.unit_a2 | self.unit_b1).ids)]
        )

    def _assert_refused(self, move_in, regex):
        """action_done raises a UserError saying ``regex``; the move-in stays a
        draft, no occupancy is recorded and the unit keeps its status."""
        occupancies = self._occupancy_count()
        unit_state = move_in.unit_id.state
        with self.assertRaisesMessage(UserError, regex) as caught:
            move_in.action_done()
        self.assertEqual(move_in.state, "draft")
        self.assertFalse(move_in.occupancy_id)
        self.assertEqual(self._occupancy_count(), occupancies)
        self.assertEqual(move_in.unit_id.state, unit_state)
        return caught.exception

    def test_documents_of_the_estate_are_listed(self):
        move_in = self._new_move_in()
        self.assertTrue(move_in.name.startswith("MI/"), move_in.name)
        self.assertEqual(
            move_in.document_line_ids.document_id,
            self.document_agreement | self.document_fire_safety,
        )
        self.assertFalse(any(move_in.document_line_ids.mapped("is_signed")))
        self.assertFalse(move_in.documents_complete)
        self.assertEqual(move_in.owner_ids, self.partner_li)
        # an estate without move-in documents has nothing to sign
        elsewhere = self._new_move_in(unit=self.unit_b1, partner=self.partner_zhao, role="tenant")
        self.assertFalse(elsewhere.document_line_ids)
        self.assertTrue(elsewhere.documents_complete)

    def test_form_fills_documents_and_owner(self):
        form = Form(self.MoveIn)
        form.unit_id = self.unit_a2
        self.assertEqual(form.partner_id, self.partner_li)
        self.assertEqual(len(form.document_line_ids), 2)
        form.identity_checked = True
        move_in = form.save()
        self.assertEqual(
            move_in.document_line_ids.document_id,
            self.document_agreement | self.document_fire_safety,
        )
        self.assertEqual(move_in.user_id, self.user_property)

    def test_refused_while_identity_not_checked(self):
        move_in = self._new_move_in()
        move_in.document_line_ids.is_signed = True
        self._assert_refused(move_in, "Check the identity document of PBT Li Wei first")

    def test_refused_while_a_document_is_unsigned(self):
        move_in = self._new_move_in(identity_checked=True)
        agreement = move_in.document_line_ids.filtered(
            lambda line: line.document_id == self.document_agreement
        )
        agreement.is_signed = True
        error = self._assert_refused(move_in, "not signed yet: PBT Fire safety letter")
        self.assertNotIn("PBT Service agreement", str(error))
        self.assertFalse(move_in.documents_complete)

    def test_refused_for_an_owner_occupier_who_is_not_an_owner(self):
        move_in = self._ready(self._new_move_in(partner=self.partner_zhao))
        self._assert_refused(move_in, "PBT Zhao Lei is not an owner of .* move in as a tenant")
        # an owner whose ownership ended before the move-in date is not an owner either
        self._create_ownership(self.unit_a1, self.partner_chen, "2020-01-01", date_end="2025-02-28")
        late = self._ready(self._new_move_in(unit=self.unit_a1, partner=self.partner_chen))
        self._assert_refused(late, "move in as a tenant")

    def test_refused_when_a_resident_of_the_same_role_lives_there(self):
        self._create_occupancy(self.unit_a1, self.partner_chen, "2025-01-01", role="tenant")
        move_in = self._ready(
            self._new_move_in(unit=self.unit_a1, partner=self.partner_zhao, role="tenant")
        )
        self._assert_refused(move_in, "already has a resident as Tenant from 2025-01-01: PBT Chen")
        # once the lease has ended, the new tenant moves in
        self.unit_a1.occupancy_ids.date_end = "2025-02-28"
        move_in.action_done()
        self.assertEqual(move_in.state, "done")
        self.assertEqual(
            self.unit_a1.with_context(date="2025-03-01").current_resident_ids, self.partner_zhao
        )

    def test_move_in_completed(self):
        move_in = self._ready(self._new_move_in(key_count=3, key_note="2 keys, 1 card"))
        expected_values = move_in._prepare_occupancy_values()
        self.assertEqual(expected_values["move_in_id"], move_in.id)
        seen_by_hook = []
        MoveIn = self.registry["property.move.in"]

        def on_move_in_done(record):
            # called once the occupancy exists
            seen_by_hook.append((record, record.occupancy_id, record.state))

        occupancies = self._occupancy_count()
        with patch.object(MoveIn, "_on_move_in_done", on_move_in_done):
            self.assertTrue(move_in.action_done())

        occupancy = move_in.occupancy_id
        self.assertEqual(self._occupancy_count(), occupancies + 1)
        self.assertEqual(seen_by_hook, [(move_in, occupancy, "done")])
        self.assertEqual(occupancy.unit_id, self.unit_a2)
        self.assertEqual(occupancy.partner_id, self.partner_li)
        self.assertEqual(occupancy.role, "owner_occupier")
        self.assertEqual(occupancy.date_start, to_date("2025-03-01"))
        self.assertFalse(occupancy.date_end)
        self.assertEqual(occupancy.move_in_id, move_in)
        for field_name, value in expected_values.items():
            written = occupancy[field_name]
            if isinstance(written, models.BaseModel):
                written = written.id
            self.assertEqual(written, value, field_name)
        self.assertEqual(move_in.state, "done")
        self.assertEqual(self.unit_a2.state, "occupied")
        self.assertEqual(
            self.unit_a2.with_context(date="2025-03-01").current_resident_ids, self.partner_li
        )
        message = self.unit_a2.message_ids[:1]
        self.assertIn("PBT Li Wei moved in", message.body)
        self.assertIn(move_in.name, message.body)
        self.assertIn("3 key(s)", message.body)

        # a completed move-in is final
        with self.assertRaisesMessage(UserError, "is not a draft"):
            move_in.action_done()
        with self.assertRaisesMessage(UserError, "cannot be cancelled"):
            move_in.action_cancel()
        with self.assertRaisesMessage(UserError, "cannot be deleted"):
            move_in.with_user(self.user_manager).unlink()
        self.assertEqual(move_in.state, "done")
        self.assertEqual(self._occupancy_count(), occupancies + 1)

    def test_tenant_move_in(self):
        move_in = self._ready(
            self._new_move_in(partner=self.partner_zhao, role="tenant", identity_type="passport")
        )
        move_in.action_done()
        self.assertEqual(move_in.state, "done")
        self.assertEqual(move_in.occupancy_id.role, "tenant")
        self.assertEqual(move_in.occupancy_id.partner_id, self.partner_zhao)
        unit = self.unit_a2.with_context(date="2025-03-01")
        self.assertEqual(unit.current_resident_ids, self.partner_zhao)
        # the tenant lives there; the owner still owns and pays
        self.assertEqual(unit.current_owner_ids, self.partner_li)
        self.assertEqual(unit.current_payer_id, self.partner_li)
        self.assertEqual(unit.state, "occupied")

    def test_cancel_and_reset(self):
        move_in = self._new_move_in()
        move_in.action_cancel()
        self.assertEqual(move_in.state, "cancel")
        self._ready(move_in)
        with self.assertRaisesMessage(UserError, "is not a draft"):
            move_in.action_done()
        self.assertEqual(move_in.state, "cancel")
        self.assertFalse(move_in.occupancy_id)
        move_in.action_reset_to_draft()
        self.assertEqual(move_in.state, "draft")
        # a draft can be deleted, with its document lines
        lines = move_in.document_line_ids
        move_in.with_user(self.user_manager).unlink()
        self.assertFalse(lines.exists())

    def test_negative_key_count_refused(self):
        before = self.env["property.move.in"].search_count([("unit_id", "=", self.unit_a2.id)])
        with self.assertRaisesMessage(ValidationError, "keys handed over cannot be negative"):
            self._new_move_in(key_count=-1)
        after = self.env["property.move.in"].search_count([("unit_id", "=", self.unit_a2.id)])
        self.assertEqual(after, before)


class TestMoveInNewReference(PropertyCase):
    site_lang = "zh_CN"

    def test_new_move_in_reads_new_until_saved(self):
        """A move-in being entered shows 新建 (never "/"), then gets its
        number when saved, whatever the language that said "New"."""
        self._create_ownership(self.unit_a2, self.partner_li, "2024-01-01")
        MoveIn = self.env["property.move.in"].with_user(self.user_property)
        self.assertEqual(MoveIn.with_context(lang="zh_CN").new({}).name, "新建")
        self.assertEqual(MoveIn.with_context(lang="en_US").new({}).name, "New")
        values = {
            "unit_id": self.unit_a2.id,
            "partner_id": self.partner_li.id,
            "date": "2025-03-01",
        }
        for lang in ("zh_CN", "en_US"):
            move_in = MoveIn.with_context(lang=lang).create(
                values | {"name": MoveIn.with_context(lang=lang).new({}).name}
            )
            self.assertNotIn(move_in.name, ("新建", "New", "/"))
            self.assertTrue(move_in.name.startswith("MI/"), move_in.name)
