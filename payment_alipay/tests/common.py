import base64
import json

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from odoo.fields import Command

from odoo.addons.payment.tests.common import PaymentCommon
from odoo.addons.payment_alipay.models.payment_provider import signing_string

APP_ID = "2021000122671234"
SELLER_ID = "2088621994123456"


def generate_rsa_key(bits=2048):
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def rsa_sign(key, message):
    return base64.b64encode(
        key.sign(message.encode(), padding.PKCS1v15(), hashes.SHA256())
    ).decode()


def bare_public_key(key):
    """The public key as Alipay's key tool shows it: base64 without PEM lines."""
    der = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(der).decode()


def private_pem(key, pkcs1=False):
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL
        if pkcs1
        else serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


class AlipaySigner:
    """Alipay's side: its key signs notifications and responses."""

    def __init__(self, alipay_key):
        self.alipay_key = alipay_key

    def sign_notification(self, params, key=None):
        signed = {k: v for k, v in params.items() if k not in ("sign", "sign_type")}
        return dict(
            params, sign_type="RSA2", sign=rsa_sign(key or self.alipay_key, signing_string(signed))
        )

    def response(self, method, node, key=None):
        node_text = json.dumps(node, ensure_ascii=False)
        name = method.replace(".", "_") + "_response"
        signature = rsa_sign(key or self.alipay_key, node_text)
        return f'{{"{name}":{node_text},"sign":"{signature}"}}'


def notification_params(reference, total_amount, **changes):
    params = {
        "notify_time": "2026-03-05 13:29:35",
        "notify_type": "trade_status_sync",
        "notify_id": "ac05099524730693a8b330c5ecf72da9786",
        "charset": "utf-8",
        "version": "1.0",
        "app_id": APP_ID,
        "seller_id": SELLER_ID,
        "trade_no": "2026030522001478361234567890",
        "out_trade_no": reference,
        "trade_status": "TRADE_SUCCESS",
        "total_amount": total_amount,
        "receipt_amount": total_amount,
        "buyer_pay_amount": total_amount,
        "subject": "物业费",
        "gmt_create": "2026-03-05 13:29:30",
        "gmt_payment": "2026-03-05 13:29:35",
    }
    params.update(changes)
    return params


class AlipayCommon(PaymentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.app_key = generate_rsa_key()
        cls.alipay_key = generate_rsa_key()
        cls.signer = AlipaySigner(cls.alipay_key)
        cls.currency = cls._enable_currency("CNY")
        cls.alipay_values = {
            "alipay_app_id": APP_ID,
            "alipay_seller_id": SELLER_ID,
            "alipay_private_key": private_pem(cls.app_key),
            "alipay_public_key": bare_public_key(cls.alipay_key),
        }
        cls.provider = cls._prepare_provider(
            "alipay",
            update_values=dict(
                cls.alipay_values,
                payment_method_ids=[Command.set([cls.env.ref("payment.payment_method_alipay").id])],
            ),
        )
        cls.payment_method = cls.env.ref("payment.payment_method_alipay")
        cls.payment_method_id = cls.payment_method.id
        cls.amount = 300.05
        cls.reference = "INV_2026_00042"
