import xmlrpc.client

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..models.res_partner_identity import (
    credit_code_check_char,
    mask_id_number,
    resident_id_check_char,
)
from .common import PropertyCase, PropertyTestCommon

# Valid numbers: a resident ID published as the GB 11643 example (check X),
# one ending with a digit, and a unified social credit code (check 3).
ID_X = "11010519491231002X"
ID_DIGIT = "110101199003071233"
CREDIT_CODE = "91350100M000100Y43"


@tagged("post_install", "-at_install")
class TestPartnerIdentity(PropertyCase):
    """The ID document of an owner or resident: checked when saved, read by
    property staff only, masked in lists."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"].with_user(cls.user_property)

    def _register(self, name, id_number, id_type="id_card", **values):
        return self.Partner.create(
            {
                "name": name,
                "property_id_type": id_type,
                "property_id_number": id_number,
                **values,
            }
        )

    def _assert_refused(self, regex, name, id_number, id_type="id_card", **values):
        """Creating the contact fails with a ValidationError saying ``regex``,
        and no contact of that name is left."""
        with self.assertRaisesMessage(ValidationError, regex):
            self._register(name, id_number, id_type, **values)
        self.assertFalse(self.env["res.partner"].search_count([("name", "=", name)]))

    def test_check_characters(self):
        self.assertEqual(resident_id_check_char(ID_X), "X")
        self.assertEqual(resident_id_check_char(ID_DIGIT), "3")
        self.assertEqual(credit_code_check_char(CREDIT_CODE), "3")

    def test_valid_resident_ids(self):
        partner = self._register("PBT Valid X", ID_X)
        self.assertEqual(partner.property_id_number, ID_X)
        # typed with spaces and a small x, kept as printed on the card
        spaced = self._register("PBT Valid Spaced", "110105 19491231 002x")
        self.assertEqual(spaced.property_id_number, ID_X)
        self.assertEqual(self._register("PBT Valid Digit", ID_DIGIT).property_id_number, ID_DIGIT)

    def test_bad_check_digit(self):
        self._assert_refused(
            r"The resident ID number of PBT Wrong Digit \(110101199003071234\) is wrong: its "
            r"last character does not match the check digit",
            "PBT Wrong Digit",
            "110101199003071234",
        )
        # an X where a digit is due
        self._assert_refused("does not match the check digit", "PBT Wrong X", ID_DIGIT[:-1] + "X")

    def test_bad_length_and_characters(self):
        self._assert_refused(
            r"PBT Short \(11010119900307123\) must have 18 characters: 17 digits and a last "
            r"digit or X; it has 17",
            "PBT Short",
            "11010119900307123",
        )
        self._assert_refused("it has 19", "PBT Long", ID_DIGIT + "1")
        self._assert_refused("must have 18 characters", "PBT Letter", "1101011990O3071233")

    def test_implausible_birth_date(self):
        self._assert_refused(
            r"PBT Feb 30 .* holds no plausible birth date \(19900230",
            "PBT Feb 30",
            "110101199002301230",
        )
        self._assert_refused("no plausible birth date", "PBT 1850", "110101185001011234")
        self._assert_refused("no plausible birth date", "PBT Future", "110101209901011234")

    def test_company_credit_code(self):
        company = self._register(
            "PBT Asset Company", CREDIT_CODE, id_type="credit_code", is_company=True
        )
        self.assertEqual(company.property_id_number, CREDIT_CODE)
        self._assert_refused(
            r"The unified social credit code of PBT Bad Code \(91350100M000100Y44\) is wrong",
            "PBT Bad Code",
            CREDIT_CODE[:-1] + "4",
            id_type="credit_code",
            is_company=True,
        )
        # I, O, S, V and Z are no characters of a credit code
        self._assert_refused(
            "must have 18 characters, digits and capital letters other than I, O, S, V and Z",
            "PBT Code With O",
            "91350100O000100Y43",
            id_type="credit_code",
            is_company=True,
        )
        self._assert_refused(
            "PBT Person With Code is a person: a unified social credit code identifies a company",
            "PBT Person With Code",
            CREDIT_CODE,
            id_type="credit_code",
        )
        self._assert_refused(
            "PBT Company With Card is a company: its ID is the unified social credit code",
            "PBT Company With Card",
            ID_X,
            is_company=True,
        )

    def test_other_documents(self):
        self._register("PBT Passport", "E12345678", id_type="passport")
        self._register("PBT HK Permit", "H12345678", id_type="hk_macao_permit")
        self._register("PBT TW Permit", "12345678", id_type="taiwan_permit")
        self._register("PBT Foreigner", "USA310085051201", id_type="foreign_permanent")
        self._assert_refused("travel permit number", "PBT Bad HK", "X12345678", "hk_macao_permit")
        self._assert_refused("passport number", "PBT Bad Passport", "E1", "passport")
        self._assert_refused(
            "Choose the type of the ID document of PBT No Type", "PBT No Type", ID_X, False
        )

    def test_existing_contact_corrected(self):
        """A wrong number typed on an existing contact is refused; his
        previous number stays."""
        partner = self._register("PBT Correction", ID_X)
        with self.assertRaisesMessage(ValidationError, "PBT Correction .* is wrong"):
            partner.property_id_number = "110105194912310021"
        partner.invalidate_recordset()
        self.assertEqual(partner.property_id_number, ID_X)

    def test_masked_in_lists(self):
        self.assertEqual(mask_id_number(ID_X), "1101**********002X")
        self.assertEqual(mask_id_number("E12345678"), "E123*5678")
        self.assertEqual(mask_id_number("12345678"), "******78")
        partner = self._register("PBT Masked", ID_X)
        self.assertEqual(partner.property_id_number_masked, "1101**********002X")
        # the owners' list shows the masked column, not the number
        view = self.env.ref("property_base.res_partner_view_list_property")
        self.assertIn('name="property_id_number_masked"', view.arch)
        self.assertNotIn('name="property_id_number"', view.arch)

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_number_read_by_property_staff_only(self):
        partner = self._register("PBT Private", ID_X)
        portal = self._create_user("pbt_identity_portal", "base.group_portal")
        # the owner on the portal does not read his own number either
        portal.partner_id.with_user(self.user_property).write(
            {"property_id_type": "passport", "property_id_number": "E12345678"}
        )
        internal = self._create_user("pbt_identity_internal", "base.group_user")
        contacts = self._create_user("pbt_identity_contacts", "base.group_partner_manager")
        for user, readable in (
            (portal, portal.partner_id),
            (internal, partner),
            (contacts, partner),
        ):
            record = readable.with_user(user)
            self.assertEqual(record.read(["name"])[0]["name"], readable.name)
            for field_name in ("property_id_number", "property_id_number_masked"):
                with self.assertRaises(AccessError, msg=f"{user.login} {field_name}"):
                    record.read([field_name])
            with self.assertRaises(AccessError):
                record.search([("property_id_number", "=", ID_X)])
            self.assertNotIn(
                "property_id_number", record.fields_get(attributes=["type"]), user.login
            )
        self.assertEqual(
            partner.with_user(self.user_property).read(["property_id_number"])[0][
                "property_id_number"
            ],
            ID_X,
        )
        # a contact manager who is no property staff still duplicates a
        # contact (the copy leaves the ID document behind)
        clerk = self._create_user(
            "pbt_identity_clerk", "base.group_user,base.group_partner_manager"
        )
        duplicate = partner.with_user(clerk).copy()
        self.assertFalse(duplicate.sudo().property_id_number)
        self.assertFalse(duplicate.sudo().property_id_type)
        # a contact manager who is no property staff cannot turn the person into
        # a company carrying an ID card either
        with self.assertRaisesMessage(ValidationError, "PBT Private is a company"):
            partner.with_user(contacts).is_company = True
        self.assertFalse(partner.is_company)


@tagged("post_install", "-at_install")
class TestPartnerIdentityRpc(PropertyTestCommon, HttpCase):
    """Over RPC as over the ORM: the ID number is the property staff's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk = cls._create_user("pbt_rpc_desk", "property_base.group_property_user")
        cls.portal = cls._create_user("pbt_rpc_portal", "base.group_portal")
        cls.internal = cls._create_user("pbt_rpc_internal", "base.group_user")
        cls.owner = cls.env["res.partner"].create(
            {"name": "PBT RPC Owner", "property_id_type": "id_card", "property_id_number": ID_X}
        )
        # the owner on the portal reads his own contact, not his number
        cls.portal.partner_id.write(
            {"property_id_type": "id_card", "property_id_number": "110101199003071233"}
        )

    def _rpc(self, user, method, *args, **kwargs):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, user.login, user.login, {})
        self.assertEqual(uid, user.id)
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, user.login, "res.partner", method, list(args), kwargs
        )

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.http", "odoo.models")
    def test_rpc_read(self):
        read = self._rpc(self.desk, "read", [self.owner.id], ["property_id_number"])
        self.assertEqual(read[0]["property_id_number"], ID_X)
        masked = self._rpc(self.desk, "read", [self.owner.id], ["property_id_number_masked"])
        self.assertEqual(masked[0]["property_id_number_masked"], "1101**********002X")
        for user, partner in ((self.portal, self.portal.partner_id), (self.internal, self.owner)):
            self.assertEqual(
                self._rpc(user, "read", [partner.id], ["name"])[0]["name"], partner.name
            )
            for field_name in ("property_id_number", "property_id_number_masked"):
                with self.assertRaises(xmlrpc.client.Fault, msg=user.login) as caught:
                    self._rpc(user, "read", [partner.id], [field_name])
                self.assertIn("property_id_number", caught.exception.faultString)
            # the field is not even described to them
            described = self._rpc(user, "fields_get", [], attributes=["type"])
            self.assertIn("name", described)
            self.assertNotIn("property_id_number", described)
            self.assertNotIn("property_id_number_masked", described)
            with self.assertRaises(xmlrpc.client.Fault):
                self._rpc(user, "search_read", [("property_id_number", "!=", False)], ["name"])
