import base64
import json
from datetime import datetime
from zoneinfo import ZoneInfo

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.payment.logging import get_payment_logger

from .. import const

_logger = get_payment_logger(__name__)

BEIJING = ZoneInfo("Asia/Shanghai")


def signing_string(params):
    """``k=v&k=v`` of the parameters sorted by name, without ``sign`` and empty values (and
    without ``sign_type`` for a notification: the caller removes it)."""
    return "&".join(
        f"{key}={params[key]}"
        for key in sorted(params)
        if key != "sign" and params[key] not in (None, "")
    )


class PaymentProvider(models.Model):
    _inherit = "payment.provider"

    code = fields.Selection(
        selection_add=[("alipay", "Alipay")], ondelete={"alipay": "set default"}
    )
    alipay_app_id = fields.Char(
        string="Alipay App ID",
        help="The APPID of the application on the Alipay open platform.",
        required_if_provider="alipay",
        copy=False,
    )
    alipay_seller_id = fields.Char(
        string="Alipay Seller ID (PID)",
        help="The 2088… partner ID of the merchant; notifications for another seller are refused.",
        copy=False,
    )
    alipay_private_key = fields.Text(
        string="Application Private Key",
        help="The application's RSA2 private key (PEM; PKCS#1 or PKCS#8, with or without the "
        "BEGIN/END lines as the Alipay key tool gives it).",
        required_if_provider="alipay",
        copy=False,
        groups="base.group_system",
    )
    alipay_public_key = fields.Text(
        string="Alipay Public Key",
        help="Alipay's public key (支付宝公钥), which signs the notifications and responses.",
        required_if_provider="alipay",
        copy=False,
        groups="base.group_system",
    )

    # === COMPUTE METHODS === #

    def _compute_feature_support_fields(self):
        """Override of `payment` to enable refunds."""
        res = super()._compute_feature_support_fields()
        self.filtered(lambda p: p.code == "alipay").update({"support_refund": "partial"})
        return res

    def _get_supported_currencies(self):
        """Override of `payment` to return CNY only."""
        supported_currencies = super()._get_supported_currencies()
        if self.code == "alipay":
            supported_currencies = supported_currencies.filtered(
                lambda c: c.name in const.SUPPORTED_CURRENCIES
            )
        return supported_currencies

    def _get_default_payment_method_codes(self):
        """Override of `payment` to return the default payment method codes."""
        self.ensure_one()
        if self.code != "alipay":
            return super()._get_default_payment_method_codes()
        return const.DEFAULT_PAYMENT_METHOD_CODES

    # === CONSTRAINT METHODS === #

    @api.constrains("state", "alipay_app_id", "alipay_private_key", "alipay_public_key")
    def _check_alipay_credentials(self):
        """Keys given are checked whatever the state; an enabled or test provider must have
        them all: a missing or broken key is told at save, not when an owner pays."""
        for provider in self.sudo().filtered(lambda p: p.code == "alipay"):
            if provider.alipay_private_key:
                try:
                    provider._alipay_load_private_key()
                except ValueError as error:
                    raise ValidationError(
                        self.env._(
                            "The application private key of Alipay is not a valid RSA private "
                            "key (2048 bits or more): %(error)s",
                            error=error,
                        )
                    ) from error
            if provider.alipay_public_key:
                try:
                    provider._alipay_load_public_key()
                except ValueError as error:
                    raise ValidationError(
                        self.env._(
                            "The Alipay public key is not a valid RSA public key: %(error)s",
                            error=error,
                        )
                    ) from error
            if provider.state == "disabled":
                continue
            labels = {
                "alipay_app_id": self.env._("Alipay App ID"),
                "alipay_private_key": self.env._("Application Private Key"),
                "alipay_public_key": self.env._("Alipay Public Key"),
            }
            missing = [label for field, label in labels.items() if not provider[field]]
            if missing:
                raise ValidationError(
                    self.env._(
                        "Alipay cannot be enabled without: %(fields)s.", fields=", ".join(missing)
                    )
                )

    # === CRYPTOGRAPHY === #

    @staticmethod
    def _alipay_pem(text, kind):
        """Alipay's key tool gives bare base64: wrap it as PEM."""
        text = (text or "").strip()
        if "-----BEGIN" in text:
            return text.encode()
        body = "".join(text.split())
        lines = "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
        return f"-----BEGIN {kind}-----\n{lines}\n-----END {kind}-----\n".encode()

    def _alipay_load_private_key(self):
        self.ensure_one()
        pem = self._alipay_pem(self.alipay_private_key, "PRIVATE KEY")
        try:
            key = serialization.load_pem_private_key(pem, password=None)
        except ValueError:
            key = serialization.load_pem_private_key(
                self._alipay_pem(self.alipay_private_key, "RSA PRIVATE KEY"), password=None
            )
        if not isinstance(key, rsa.RSAPrivateKey) or key.key_size < 2048:
            raise ValueError(self.env._("an RSA key of 2048 bits or more is expected"))
        return key

    def _alipay_load_public_key(self):
        self.ensure_one()
        key = serialization.load_pem_public_key(
            self._alipay_pem(self.alipay_public_key, "PUBLIC KEY")
        )
        if not isinstance(key, rsa.RSAPublicKey):
            raise ValueError(self.env._("an RSA public key is expected"))
        return key

    def _alipay_sign(self, params):
        """RSA2 (SHA256withRSA) signature of the sorted parameters, base64."""
        signature = self._alipay_load_private_key().sign(
            signing_string(params).encode(), padding.PKCS1v15(), hashes.SHA256()
        )
        return base64.b64encode(signature).decode()

    def _alipay_verify(self, message, signature):
        """Check Alipay's RSA2 signature of ``message`` (str).

        :raise ValidationError: if it does not verify.
        """
        self.ensure_one()
        try:
            self._alipay_load_public_key().verify(
                base64.b64decode(signature or ""),
                message.encode(),
                padding.PKCS1v15(),
                hashes.SHA256(),
            )
        except (InvalidSignature, ValueError) as error:
            raise ValidationError(self.env._("Alipay: the signature is invalid.")) from error

    def _alipay_verify_notification(self, params):
        """Verify the signature of notification or return parameters (sign and sign_type
        excluded from the signed string)."""
        self.ensure_one()
        if params.get("sign_type", "RSA2") != "RSA2":
            raise ValidationError(self.env._("Alipay: only RSA2 signatures are accepted."))
        signed = {k: v for k, v in params.items() if k not in ("sign", "sign_type")}
        self._alipay_verify(signing_string(signed), params.get("sign"))

    # === REQUESTS === #

    def _alipay_get_gateway_url(self):
        self.ensure_one()
        return const.GATEWAY_URL if self.state == "enabled" else const.SANDBOX_GATEWAY_URL

    def _alipay_build_params(self, method, biz_content, **extra):
        """The signed common parameters of a call of ``method``."""
        self.ensure_one()
        params = {
            "app_id": self.alipay_app_id,
            "method": method,
            "format": "JSON",
            "charset": "utf-8",
            "sign_type": "RSA2",
            "timestamp": datetime.now(BEIJING).strftime("%Y-%m-%d %H:%M:%S"),
            "version": "1.0",
            "biz_content": json.dumps(biz_content, ensure_ascii=False, separators=(",", ":")),
            **extra,
        }
        params["sign"] = self._alipay_sign(params)
        return params

    def _build_request_url(self, endpoint, **kwargs):
        """Override of `payment`: every call goes to the gateway."""
        if self.code != "alipay":
            return super()._build_request_url(endpoint, **kwargs)
        return self._alipay_get_gateway_url()

    def _parse_response_content(self, response, **kwargs):
        """Override of `payment` to verify the response's signature and return its node."""
        if self.code != "alipay":
            return super()._parse_response_content(response, **kwargs)
        return self._alipay_parse_response(response.text, kwargs.get("alipay_method"))

    def _alipay_parse_response(self, text, method):
        """The ``<method>_response`` node of a gateway response, its signature verified on
        the node's exact text."""
        node_name = method.replace(".", "_") + "_response"
        key = f'"{node_name}"'
        start = text.find(key)
        if start < 0:
            raise ValidationError(self.env._("Alipay: unexpected response."))
        start = text.index(":", start + len(key)) + 1
        while text[start] in " \t\r\n":
            start += 1
        node, end = json.JSONDecoder().raw_decode(text, start)
        signature = json.loads(text).get("sign")
        if node.get("code") == "10000" or signature:
            # Alipay signs the successful responses (and most errors).
            self._alipay_verify(text[start:end], signature)
        return node

    def _alipay_call(self, method, biz_content, reference=None):
        """Call an API method of the gateway; return its verified response node."""
        self.ensure_one()
        params = self._alipay_build_params(method, biz_content)
        return self._send_api_request(
            "POST", "", data=params, reference=reference, alipay_method=method
        )
