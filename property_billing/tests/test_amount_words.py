from odoo.tests import BaseCase, tagged

from odoo.addons.property_billing.models.account_payment import chinese_amount_in_words


@tagged("post_install", "-at_install")
class TestChineseAmountInWords(BaseCase):
    """Amounts in financial capitals (人民币大写) as a Chinese receipt writes
    them: 拾 always with its digit, one 零 for a run of zeros, 整 after whole
    yuan, 零 before fen without jiao."""

    def test_amounts(self):
        for amount, words in (
            (0, "零元整"),
            (0.05, "伍分"),
            (0.56, "伍角陆分"),
            (1, "壹元整"),
            (10, "壹拾元整"),
            (15, "壹拾伍元整"),
            (105, "壹佰零伍元整"),
            (1010, "壹仟零壹拾元整"),
            (10005, "壹万零伍元整"),
            (100000, "壹拾万元整"),
            (100100, "壹拾万零壹佰元整"),
            (120000001, "壹亿贰仟万零壹元整"),
            (300.05, "叁佰元零伍分"),
            (215.3, "贰佰壹拾伍元叁角"),
            (1234567.89, "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
            (2.675, "贰元陆角捌分"),  # rounded half up to the fen, not as a float
            (-20, "负贰拾元整"),
        ):
            self.assertEqual(chinese_amount_in_words(amount), words, amount)
