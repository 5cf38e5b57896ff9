from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import PropertyCase, to_date

ID_ZHANG = "110101199003071233"
ID_LI = "11010519491231002X"
CREDIT_CODE = "91350100M000100Y43"


@tagged("post_install", "-at_install")
class TestPartnerRegister(PropertyCase):
    """Registration at the desk: the contact with his ID document and, in the
    same step, his ownership or occupancy of a unit; all or nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk = cls._create_user(
            "pbt_register_desk",
            "property_base.group_property_user",
            estates=cls.estate_a,
        )
        cls.Partner = cls.env["res.partner"].with_user(cls.desk)
        cls.register_view = cls.env.ref("property_base.res_partner_view_form_property_register")

    def _register(self, name, unit=None, role="owner", id_number=ID_ZHANG, **values):
        vals = {
            "name": name,
            "phone": "139 1234 5678",
            "property_id_type": "id_card",
            "property_id_number": id_number,
            **values,
        }
        if unit:
            vals.update(property_register_unit_id=unit.id, property_register_role=role)
        return self.Partner.create(vals)

    def _counts(self, name):
        return (
            self.env["res.partner"].search_count([("name", "=", name)]),
            self.env["property.ownership"].search_count([("partner_id.name", "=", name)]),
            self.env["property.occupancy"].search_count([("partner_id.name", "=", name)]),
        )

    def test_register_owner_in_the_form(self):
        form = Form(self.Partner, view=self.register_view)
        self.assertEqual(form.company_type, "person")
        self.assertEqual(form.property_id_type, "id_card")
        self.assertEqual(form.property_register_role, "owner")
        self.assertEqual(form.property_register_share, 100.0)
        form.name = "PBT Zhang Wei"
        form.phone = "139 1234 5678"
        form.property_id_number = ID_ZHANG
        form.property_register_unit_id = self.unit_a1
        form.property_register_share = 60.0
        form.property_register_primary_payer = True
        form.property_register_date = to_date("2025-05-01")
        partner = form.save()

        self.assertEqual(partner.property_id_number, ID_ZHANG)
        self.assertEqual(partner.phone, "139 1234 5678")
        ownership = partner.property_ownership_ids
        self.assertEqual(len(ownership), 1)
        self.assertEqual(ownership.unit_id, self.unit_a1)
        self.assertEqual(ownership.share, 60.0)
        self.assertTrue(ownership.is_primary_payer)
        self.assertEqual(ownership.date_start, to_date("2025-05-01"))
        self.assertEqual(ownership.create_uid, self.desk)
        self.assertFalse(partner.property_occupancy_ids)
        # the fields of the registration are read on saving only
        self.assertFalse(partner.property_register_unit_id)

    def test_register_company_owner(self):
        form = Form(self.Partner, view=self.register_view)
        form.company_type = "company"
        self.assertEqual(form.property_id_type, "credit_code")
        form.name = "PBT Ruifeng Assets"
        form.property_id_number = CREDIT_CODE
        form.property_register_unit_id = self.unit_a2
        company = form.save()
        self.assertTrue(company.is_company)
        self.assertEqual(company.property_ownership_ids.unit_id, self.unit_a2)
        self.assertEqual(company.property_ownership_ids.share, 100.0)

    def test_register_resident_and_tenant(self):
        self._create_ownership(self.unit_a3, self.partner_li, "2020-01-01")
        resident = self._register("PBT Resident Liu", self.unit_a3, role="resident")
        self.assertEqual(resident.property_occupancy_ids.role, "family")
        self.assertEqual(resident.property_occupancy_ids.unit_id, self.unit_a3)
        self.assertFalse(resident.property_ownership_ids)
        tenant = self._register("PBT Tenant Du", self.unit_a4, role="tenant", id_number=ID_LI)
        self.assertEqual(tenant.property_occupancy_ids.role, "tenant")
        self.assertIn(tenant, self.unit_a4.current_resident_ids)
        # a contact without a unit is only a contact
        alone = self._register("PBT Not Yet", id_number=False, property_id_type=False)
        self.assertEqual(self._counts("PBT Not Yet"), (1, 0, 0))
        self.assertFalse(alone.property_unit_count)

    def test_nothing_half_written(self):
        # the unit is already fully owned: the share would exceed 100%
        self._create_ownership(self.unit_a1, self.partner_li, "2020-01-01")
        with self.assertRaisesMessage(ValidationError, "would add up to 200"):
            self._register("PBT Too Much", self.unit_a1)
        self.assertEqual(self._counts("PBT Too Much"), (0, 0, 0))
        # a wrong ID number: neither the contact nor the ownership
        with self.assertRaisesMessage(ValidationError, "PBT Bad Card .* is wrong"):
            self._register("PBT Bad Card", self.unit_a2, id_number="110101199003071234")
        self.assertEqual(self._counts("PBT Bad Card"), (0, 0, 0))
        # no role for the unit
        with self.assertRaisesMessage(UserError, "Choose how PBT No Role is related"):
            self._register("PBT No Role", self.unit_a2, role=False)
        self.assertEqual(self._counts("PBT No Role"), (0, 0, 0))

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_unit_of_another_estate_refused(self):
        with self.assertRaises(AccessError):
            self._register("PBT Elsewhere", self.unit_b1)
        self.assertEqual(self._counts("PBT Elsewhere"), (0, 0, 0))

    def test_start_move_in_of_a_registered_owner(self):
        self.unit_a1.state = "delivered"
        owner = self._register("PBT Owner Moving In", self.unit_a1)
        action = owner.action_property_start_move_in()
        self.assertEqual(action["res_model"], "property.move.in")
        self.assertEqual(action["context"]["default_unit_id"], self.unit_a1.id)
        self.assertEqual(action["context"]["default_partner_id"], owner.id)
        self.assertEqual(action["context"]["default_role"], "owner_occupier")
        form = Form(
            self.env["property.move.in"].with_user(self.desk).with_context(**action["context"])
        )
        # the move-in shows the owner's ID document
        self.assertEqual(form.identity_type, "id_card")
        self.assertEqual(form.identity_number, ID_ZHANG)
        form.identity_checked = True
        move_in = form.save()
        move_in.document_line_ids.is_signed = True
        move_in.action_done()
        self.assertEqual(move_in.occupancy_id.partner_id, owner)
        self.assertEqual(self.unit_a1.state, "occupied")
        # nothing left to move into
        with self.assertRaisesMessage(UserError, "waiting for a move-in"):
            owner.action_property_start_move_in()

    def test_registered_tenant_moves_in_once(self):
        """The lease recorded at registration is the one the move-in completes."""
        self._create_ownership(self.unit_a4, self.partner_li, "2020-01-01")
        tenant = self._register(
            "PBT Tenant Moving In", self.unit_a4, role="tenant", property_register_date="2025-03-01"
        )
        lease = tenant.property_occupancy_ids
        action = tenant.action_property_start_move_in()
        self.assertEqual(action["context"]["default_role"], "tenant")
        move_in = (
            self.env["property.move.in"]
            .with_user(self.desk)
            .create(
                {
                    "unit_id": self.unit_a4.id,
                    "partner_id": tenant.id,
                    "role": "tenant",
                    "date": "2025-03-01",
                    "identity_checked": True,
                }
            )
        )
        move_in.document_line_ids.is_signed = True
        move_in.action_done()
        self.assertEqual(move_in.occupancy_id, lease)
        self.assertEqual(lease.move_in_id, move_in)
        self.assertEqual(tenant.property_occupancy_ids, lease)

    def test_move_in_writes_the_id_on_the_resident(self):
        """One ID per person: typed at the move-in, it is the contact's."""
        self._create_ownership(self.unit_a2, self.partner_wang, "2020-01-01")
        MoveIn = self.env["property.move.in"].with_user(self.desk)
        form = Form(MoveIn)
        form.unit_id = self.unit_a2
        self.assertEqual(form.partner_id, self.partner_wang)
        self.assertEqual(form.identity_type, "id_card")
        form.identity_number = ID_LI
        move_in = form.save()
        self.assertEqual(self.partner_wang.property_id_type, "id_card")
        self.assertEqual(self.partner_wang.property_id_number, ID_LI)
        self.assertEqual(move_in.identity_number, ID_LI)
        # and a wrong one is refused on the move-in as on the contact
        with self.assertRaisesMessage(ValidationError, "PBT Wang Fang .* is wrong"):
            move_in.identity_number = "110101199003071234"
        self.partner_wang.invalidate_recordset()
        self.assertEqual(self.partner_wang.property_id_number, ID_LI)
