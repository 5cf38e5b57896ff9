import base64
import json
import secrets
import time

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from odoo.fields import Command

from odoo.addons.payment.tests.common import PaymentCommon

MCH_ID = "1900000109"
APP_ID = "wxd678efh567hg6787"
MERCHANT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1"
PLATFORM_SERIAL = "PUB_KEY_ID_0114232134912410000000000000"


def generate_rsa_key(bits=2048):
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def private_pem(key):
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def public_pem(key):
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def rsa_sign(key, message):
    signature = key.sign(message.encode(), padding.PKCS1v15(), hashes.SHA256())
    return base64.b64encode(signature).decode()


def rsa_verify(public_key, message, signature):
    """Raise InvalidSignature when ``signature`` is not ``message``'s."""
    public_key.verify(
        base64.b64decode(signature), message.encode(), padding.PKCS1v15(), hashes.SHA256()
    )


class WeChatPaySigner:
    """WeChat Pay's side in the tests: the platform key signs responses and notifications,
    the APIv3 key encrypts the notification resources."""

    def __init__(self, platform_key, api_v3_key, serial=PLATFORM_SERIAL):
        self.platform_key = platform_key
        self.api_v3_key = api_v3_key
        self.serial = serial

    def headers(self, body, timestamp=None, nonce=None, key=None):
        timestamp = str(int(timestamp if timestamp is not None else time.time()))
        nonce = nonce or secrets.token_hex(16)
        message = f"{timestamp}\n{nonce}\n{body}\n"
        return {
            "Wechatpay-Timestamp": timestamp,
            "Wechatpay-Nonce": nonce,
            "Wechatpay-Signature": rsa_sign(key or self.platform_key, message),
            "Wechatpay-Serial": self.serial,
            "Content-Type": "application/json",
        }

    def encrypt(self, resource, original_type="transaction", key=None):
        nonce = secrets.token_hex(6)
        associated_data = original_type
        ciphertext = AESGCM((key or self.api_v3_key).encode()).encrypt(
            nonce.encode(), json.dumps(resource).encode(), associated_data.encode()
        )
        return {
            "original_type": original_type,
            "algorithm": "AEAD_AES_256_GCM",
            "ciphertext": base64.b64encode(ciphertext).decode(),
            "associated_data": associated_data,
            "nonce": nonce,
        }

    def notification(self, resource, event_type="TRANSACTION.SUCCESS", original_type=None):
        """(body, headers) of a signed notification whose resource is ``resource``."""
        original_type = original_type or ("refund" if "REFUND" in event_type else "transaction")
        body = json.dumps(
            {
                "id": secrets.token_hex(8),
                "create_time": "2026-03-05T13:29:35+08:00",
                "resource_type": "encrypt-resource",
                "event_type": event_type,
                "summary": "支付成功",
                "resource": self.encrypt(resource, original_type),
            }
        )
        return body, self.headers(body)


def paid_order_data(reference, total, mch_id=MCH_ID, app_id=APP_ID, currency="CNY"):
    """An order as WeChat Pay describes it (notification resource and order query)."""
    return {
        "mchid": mch_id,
        "appid": app_id,
        "out_trade_no": reference,
        "transaction_id": "4200000985202603051234567890",
        "trade_type": "NATIVE",
        "trade_state": "SUCCESS",
        "trade_state_desc": "支付成功",
        "bank_type": "OTHERS",
        "attach": "",
        "success_time": "2026-03-05T13:29:35+08:00",
        "payer": {"openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},
        "amount": {
            "total": total,
            "payer_total": total,
            "currency": currency,
            "payer_currency": currency,
        },
    }


class WeChatPayKeys:
    """Keys generated once per test class: the merchant's and WeChat Pay's."""

    @classmethod
    def _generate_wechatpay_keys(cls):
        cls.merchant_key = generate_rsa_key()
        cls.platform_key = generate_rsa_key()
        cls.api_v3_key = secrets.token_hex(16)  # 32 characters
        cls.signer = WeChatPaySigner(cls.platform_key, cls.api_v3_key)
        cls.wechatpay_values = {
            "wechatpay_mch_id": MCH_ID,
            "wechatpay_app_id": APP_ID,
            "wechatpay_cert_serial_no": MERCHANT_SERIAL,
            "wechatpay_private_key": private_pem(cls.merchant_key),
            "wechatpay_platform_public_key": public_pem(cls.platform_key),
            "wechatpay_platform_serial_no": PLATFORM_SERIAL,
            "wechatpay_api_v3_key": cls.api_v3_key,
        }


class WeChatPayCommon(WeChatPayKeys, PaymentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._generate_wechatpay_keys()
        cls.currency = cls._enable_currency("CNY")
        cls.provider = cls._prepare_provider(
            "wechatpay",
            update_values=dict(
                cls.wechatpay_values,
                payment_method_ids=[
                    Command.set([cls.env.ref("payment.payment_method_wechat_pay").id])
                ],
            ),
        )
        cls.payment_method = cls.env.ref("payment.payment_method_wechat_pay")
        cls.payment_method_id = cls.payment_method.id
        cls.amount = 300.05
        cls.amount_fen = 30005
        cls.reference = "INV_2026_00042"
