import datetime
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

PERSON_ID_TYPES = [
    ("id_card", "Resident Identity Card"),
    ("passport", "Passport"),
    ("hk_macao_permit", "Mainland Travel Permit for Hong Kong and Macao Residents"),
    ("taiwan_permit", "Mainland Travel Permit for Taiwan Residents"),
    ("foreign_permanent", "Foreign Permanent Resident ID Card"),
]
COMPANY_ID_TYPES = [("credit_code", "Unified Social Credit Code")]
ID_TYPES = PERSON_ID_TYPES + COMPANY_ID_TYPES

# GB 11643-1999: weights of the 17 digits of a resident ID number, and the
# check character for each remainder of their weighted sum modulo 11
# (ISO 7064 MOD 11-2).
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK = "10X98765432"

# GB 32100-2015: the 31 characters of a unified social credit code, in the
# order of their values, and the weights of its first 17 characters.
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

PASSPORT_RE = re.compile(r"^[A-Z0-9]{5,20}$")
HK_MACAO_PERMIT_RE = re.compile(r"^[HM]\d{8}(\d{2})?$")
TAIWAN_PERMIT_RE = re.compile(r"^\d{8}(\d{2})?$")
FOREIGN_PERMANENT_OLD_RE = re.compile(r"^[A-Z]{3}\d{12}$")


def normalize_id_number(number):
    """The number as it is kept: no spaces, upper case (a final x is an X)."""
    return re.sub(r"\s+", "", number or "").upper() or False


def resident_id_check_char(number):
    """The GB 11643 check character of the first 17 digits of ``number``."""
    total = sum(
        int(digit) * weight for digit, weight in zip(number[:17], RESIDENT_ID_WEIGHTS, strict=True)
    )
    return RESIDENT_ID_CHECK[total % 11]


def credit_code_check_char(code):
    """The GB 32100 check character of the first 17 characters of ``code``."""
    total = sum(
        CREDIT_CODE_CHARS.index(char) * weight
        for char, weight in zip(code[:17], CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def mask_id_number(number):
    """What a list shows of an ID number: its first and last four characters
    (3101**********123X); short numbers keep only their last two."""
    if not number:
        return False
    if len(number) > 8:
        return number[:4] + "*" * (len(number) - 8) + number[-4:]
    if len(number) > 2:
        return "*" * (len(number) - 2) + number[-2:]
    return "*" * len(number)


class ResPartner(models.Model):
    """The identity document of an owner, resident or tenant: a person's ID
    card, passport or permit, a company's unified social credit code. Only
    property staff read it; lists show it masked."""

    _inherit = "res.partner"

    property_id_type = fields.Selection(
        selection=ID_TYPES,
        string="ID Type",
        groups="property_base.group_property_user",
        copy=False,
        tracking=True,
        help="Identity document of the person, or the unified social credit code of a company.",
    )
    property_id_number = fields.Char(
        string="ID Number",
        groups="property_base.group_property_user",
        copy=False,
        tracking=True,
        help="Checked when saved: an 18-digit resident ID number with its check digit, a "
        "unified social credit code with its check character. Only property staff read it.",
    )
    property_id_number_masked = fields.Char(
        string="ID Number (masked)",
        compute="_compute_property_id_number_masked",
        groups="property_base.group_property_user",
    )

    @api.depends("property_id_number")
    def _compute_property_id_number_masked(self):
        for partner in self:
            partner.property_id_number_masked = mask_id_number(partner.property_id_number)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._property_normalize_id_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._property_normalize_id_vals(vals)
        return super().write(vals)

    @api.model
    def _property_normalize_id_vals(self, vals):
        if vals.get("property_id_number"):
            vals["property_id_number"] = normalize_id_number(vals["property_id_number"])

    @api.constrains("property_id_type", "property_id_number", "is_company")
    def _check_property_id_number(self):
        # sudo: the number is the property staff's to read, but a contact manager
        # who turns a registered person into a company must be stopped too; the
        # messages he may meet then name the contact, not the number.
        for partner in self.sudo():
            error = partner._property_id_number_error()
            if error:
                raise ValidationError(error)

    def _property_id_number_error(self):
        """What is wrong with the partner's ID document, in the reader's
        language, or False."""
        self.ensure_one()
        id_type, number = self.property_id_type, self.property_id_number
        if not number:
            return False
        name = self.name or self.env._("this contact")
        if not id_type:
            return self.env._("Choose the type of the ID document of %(name)s.", name=name)
        if self.is_company and id_type != "credit_code":
            return self.env._(
                "%(name)s is a company: its ID is the unified social credit code.", name=name
            )
        if not self.is_company and id_type == "credit_code":
            return self.env._(
                "%(name)s is a person: a unified social credit code identifies a company; "
                "record the person's ID card, passport or permit.",
                name=name,
            )
        checker = getattr(self, f"_property_check_{id_type}", None)
        return checker(name, number) if checker else False

    def _property_check_id_card(self, name, number):
        if not re.fullmatch(r"\d{17}[\dX]", number):
            return self.env._(
                "The resident ID number of %(name)s (%(number)s) must have 18 characters: "
                "17 digits and a last digit or X; it has %(count)s.",
                name=name,
                number=number,
                count=len(number),
            )
        birth = self._property_birth_date(number[6:14])
        if not birth:
            return self.env._(
                "The resident ID number of %(name)s (%(number)s) holds no plausible birth "
                "date (%(date)s, characters 7 to 14).",
                name=name,
                number=number,
                date=number[6:14],
            )
        if resident_id_check_char(number) != number[-1]:
            return self.env._(
                "The resident ID number of %(name)s (%(number)s) is wrong: its last "
                "character does not match the check digit of the 17 before it. Check the "
                "number on the ID card.",
                name=name,
                number=number,
            )
        return False

    def _property_check_foreign_permanent(self, name, number):
        if FOREIGN_PERMANENT_OLD_RE.fullmatch(number):
            return False
        if re.fullmatch(r"9\d{16}[\dX]", number) and resident_id_check_char(number) == number[-1]:
            return False
        return self.env._(
            "The foreign permanent resident ID number of %(name)s (%(number)s) is wrong: it "
            "has 18 characters starting with 9 and ending with its check digit (or, on the "
            "old card, 3 letters and 12 digits).",
            name=name,
            number=number,
        )

    def _property_check_passport(self, name, number):
        if PASSPORT_RE.fullmatch(number):
            return False
        return self.env._(
            "The passport number of %(name)s (%(number)s) must have 5 to 20 letters or digits.",
            name=name,
            number=number,
        )

    def _property_check_hk_macao_permit(self, name, number):
        if HK_MACAO_PERMIT_RE.fullmatch(number):
            return False
        return self.env._(
            "The travel permit number of %(name)s (%(number)s) must be H or M followed by 8 "
            "or 10 digits.",
            name=name,
            number=number,
        )

    def _property_check_taiwan_permit(self, name, number):
        if TAIWAN_PERMIT_RE.fullmatch(number):
            return False
        return self.env._(
            "The travel permit number of %(name)s (%(number)s) must have 8 or 10 digits.",
            name=name,
            number=number,
        )

    def _property_check_credit_code(self, name, number):
        if len(number) != 18 or any(char not in CREDIT_CODE_CHARS for char in number):
            return self.env._(
                "The unified social credit code of %(name)s (%(number)s) must have 18 "
                "characters, digits and capital letters other than I, O, S, V and Z.",
                name=name,
                number=number,
            )
        if credit_code_check_char(number) != number[-1]:
            return self.env._(
                "The unified social credit code of %(name)s (%(number)s) is wrong: its last "
                "character does not match the check character of the 17 before it. Check "
                "the code on the business licence.",
                name=name,
                number=number,
            )
        return False

    def _property_birth_date(self, text):
        """The birth date of a resident ID number (YYYYMMDD), if plausible:
        a real date, not before 1900 nor in the future."""
        try:
            birth = datetime.datetime.strptime(text, "%Y%m%d").date()
        except ValueError:
            return False
        if birth.year < 1900 or birth > fields.Date.context_today(self):
            return False
        return birth
