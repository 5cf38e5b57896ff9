from decimal import ROUND_HALF_UP, Decimal

from odoo import api, fields, models

COUNTER_METHODS = [
    ("cash", "Cash"),
    ("card", "Bank Card"),
    ("transfer", "Bank Transfer"),
    ("wechat", "WeChat (offline)"),
    ("alipay", "Alipay (offline)"),
]


CHINESE_DIGITS = "零壹贰叁肆伍陆柒捌玖"
CHINESE_PLACES = ("", "拾", "佰", "仟")
CHINESE_GROUPS = ("", "万", "亿", "万亿")


def _chinese_group(number):
    """1-9999 in financial capitals, without its group's name."""
    text, zero = "", False
    for place in range(3, -1, -1):
        digit = number // 10**place % 10
        if not digit:
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        text += CHINESE_DIGITS[digit] + CHINESE_PLACES[place]
    return text


def chinese_amount_in_words(amount):
    """An amount of yuan in financial capitals (人民币大写), as a Chinese receipt
    writes it: 壹仟零伍元整, 壹拾万元整, 叁佰元零伍分, 伍角陆分. Rounded to the fen."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if value < 0:
        return "负" + chinese_amount_in_words(-value)
    yuan = int(value)
    jiao, fen = divmod(int((value - yuan) * 100), 10)
    groups = []
    while yuan:
        yuan, group = divmod(yuan, 10000)
        groups.append(group)
    text, zero = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            zero = bool(text)
            continue
        if text and (zero or group < 1000):
            text += "零"
        text += _chinese_group(group) + CHINESE_GROUPS[index]
        zero = False
    if text:
        text += "元"
    if not jiao and not fen:
        return (text or "零元") + "整"
    if jiao:
        text += CHINESE_DIGITS[jiao] + "角"
    elif text:
        text += "零"
    if fen:
        text += CHINESE_DIGITS[fen] + "分"
    return text


class AccountPayment(models.Model):
    _inherit = "account.payment"

    # The unit and estate a payment belongs to: set by the counter, or taken
    # from the bills it pays (register wizard, online payments). Property staff
    # see the payments of their estates by this estate.
    property_unit_id = fields.Many2one(
        comodel_name="property.unit",
        string="Unit",
        compute="_compute_property_unit",
        store=True,
        readonly=False,
        index="btree_not_null",
        ondelete="restrict",
    )
    property_estate_id = fields.Many2one(
        comodel_name="property.estate",
        string="Estate",
        compute="_compute_property_unit",
        store=True,
        readonly=False,
        index="btree_not_null",
        ondelete="restrict",
    )
    property_counter_method = fields.Selection(
        selection=COUNTER_METHODS,
        string="Counter Payment Method",
        readonly=True,
        copy=False,
        help="How the payer paid at the counter.",
    )

    @api.depends("invoice_ids.property_unit_id")
    def _compute_property_unit(self):
        for payment in self:
            bills = payment.invoice_ids.filtered("property_unit_id")
            if len(bills.property_unit_id) == 1:
                payment.property_unit_id = bills.property_unit_id
            else:
                payment.property_unit_id = payment.property_unit_id
            if payment.property_unit_id:
                payment.property_estate_id = payment.property_unit_id.estate_id
            elif len(bills.property_estate_id) == 1:
                payment.property_estate_id = bills.property_estate_id
            else:
                payment.property_estate_id = payment.property_estate_id

    def write(self, vals):
        """A payment given to another estate, unit or bills (or made a
        customer's) moves its credit in the fee ledger
        (``property.fee.ledger``)."""
        if (
            not {"property_estate_id", "property_unit_id", "partner_type", "invoice_ids"}
            & vals.keys()
        ):
            return super().write(vals)
        ledger = self.env["property.fee.ledger"].sudo()
        ledger._record_moves(self.move_id, -1)
        result = super().write(vals)
        ledger._record_moves(self.move_id, 1)
        return result

    def _property_amount_in_words(self, lang):
        """The amount in words on the receipt: in financial capitals for a
        Chinese reader (num2words has no Chinese), else Odoo's words."""
        self.ensure_one()
        if (lang or "").startswith("zh") and self.currency_id.name == "CNY":
            return "人民币" + chinese_amount_in_words(self.amount)
        return self.currency_id.with_context(lang=lang).amount_to_text(self.amount)

    def action_property_print_receipt(self):
        self.check_access("read")
        return self.env.ref("property_billing.action_report_property_receipt").report_action(self)

    def _property_receipt_bills(self):
        """The bills a receipt lists. Odoo computes them together with the
        bank statement lines of the payment, which property staff may not
        read: computed as superuser, then read back with the user's rights."""
        self.ensure_one()
        self.check_access("read")
        return self.sudo().reconciled_invoice_ids.with_env(self.env)
