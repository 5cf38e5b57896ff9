import base64
import json
import secrets
import time

from cryptography import x509
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.payment.logging import get_payment_logger

from .. import const

_logger = get_payment_logger(__name__)


class PaymentProvider(models.Model):
    _inherit = "payment.provider"

    code = fields.Selection(
        selection_add=[("wechatpay", "WeChat Pay")], ondelete={"wechatpay": "set default"}
    )
    wechatpay_mch_id = fields.Char(
        string="Merchant ID (mchid)",
        help="The merchant number of the WeChat Pay merchant account (商户号).",
        required_if_provider="wechatpay",
        copy=False,
    )
    wechatpay_app_id = fields.Char(
        string="AppID",
        help="The AppID bound to the merchant account (公众号, 小程序 or 移动应用 AppID).",
        required_if_provider="wechatpay",
        copy=False,
    )
    wechatpay_cert_serial_no = fields.Char(
        string="Merchant Certificate Serial Number",
        help="The serial number of the merchant API certificate (商户API证书序列号).",
        required_if_provider="wechatpay",
        copy=False,
        groups="base.group_system",
    )
    wechatpay_private_key = fields.Text(
        string="Merchant API Private Key",
        help="The content of apiclient_key.pem (PEM, RSA 2048 bits).",
        required_if_provider="wechatpay",
        copy=False,
        groups="base.group_system",
    )
    wechatpay_platform_public_key = fields.Text(
        string="WeChat Pay Public Key or Platform Certificate",
        help="The WeChat Pay public key (pub_key.pem) or the platform certificate (PEM) that "
        "signs the responses and notifications of WeChat Pay.",
        required_if_provider="wechatpay",
        copy=False,
        groups="base.group_system",
    )
    wechatpay_platform_serial_no = fields.Char(
        string="WeChat Pay Public Key ID or Platform Certificate Serial",
        help="PUB_KEY_ID_… of the WeChat Pay public key, or the serial number of the platform "
        "certificate; read from the certificate when one is given.",
        copy=False,
        groups="base.group_system",
    )
    wechatpay_api_v3_key = fields.Char(
        string="APIv3 Key",
        help="The 32-character APIv3 key set in the merchant platform (APIv3密钥).",
        required_if_provider="wechatpay",
        copy=False,
        groups="base.group_system",
    )
    wechatpay_h5_enabled = fields.Boolean(
        string="H5 Payment Enabled",
        help="The merchant has the H5 payment product: owners on a phone browser (outside "
        "WeChat) are sent to WeChat Pay's H5 page instead of being shown a QR code.",
    )

    # === COMPUTE METHODS === #

    def _compute_feature_support_fields(self):
        """Override of `payment` to enable refunds."""
        res = super()._compute_feature_support_fields()
        self.filtered(lambda p: p.code == "wechatpay").update({"support_refund": "partial"})
        return res

    def _get_supported_currencies(self):
        """Override of `payment` to return CNY, the only currency of WeChat Pay here."""
        supported_currencies = super()._get_supported_currencies()
        if self.code == "wechatpay":
            supported_currencies = supported_currencies.filtered(
                lambda c: c.name in const.SUPPORTED_CURRENCIES
            )
        return supported_currencies

    # === CONSTRAINT METHODS === #

    @api.constrains(
        "state",
        "wechatpay_mch_id",
        "wechatpay_app_id",
        "wechatpay_cert_serial_no",
        "wechatpay_private_key",
        "wechatpay_platform_public_key",
        "wechatpay_platform_serial_no",
        "wechatpay_api_v3_key",
    )
    def _check_wechatpay_credentials(self):
        """Keys given are checked whatever the state; an enabled or test provider must have
        them all: a missing or broken key is told at save, not when an owner pays."""
        for provider in self.sudo().filtered(lambda p: p.code == "wechatpay"):
            provider._wechatpay_check_credentials()

    def _wechatpay_check_credentials(self):
        self.ensure_one()
        if self.wechatpay_private_key:
            try:
                self._wechatpay_load_private_key()
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "The merchant API private key of WeChat Pay is not a valid RSA private "
                        "key (PEM, 2048 bits or more): %(error)s",
                        error=error,
                    )
                ) from error
        if self.wechatpay_platform_public_key:
            try:
                self._wechatpay_load_platform_public_key()
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "The WeChat Pay public key or platform certificate is not valid (a PEM "
                        "public key or certificate is expected): %(error)s",
                        error=error,
                    )
                ) from error
        if self.wechatpay_api_v3_key and len(self.wechatpay_api_v3_key.encode()) != 32:
            raise ValidationError(
                self.env._("The APIv3 key of WeChat Pay must be 32 characters long.")
            )
        if self.state == "disabled":
            return
        labels = {
            "wechatpay_mch_id": self.env._("Merchant ID (mchid)"),
            "wechatpay_app_id": self.env._("AppID"),
            "wechatpay_cert_serial_no": self.env._("Merchant Certificate Serial Number"),
            "wechatpay_private_key": self.env._("Merchant API Private Key"),
            "wechatpay_platform_public_key": self.env._(
                "WeChat Pay Public Key or Platform Certificate"
            ),
            "wechatpay_platform_serial_no": self.env._(
                "WeChat Pay Public Key ID or Platform Certificate Serial"
            ),
            "wechatpay_api_v3_key": self.env._("APIv3 Key"),
        }
        missing = [label for field, label in labels.items() if not self[field]]
        if missing:
            raise ValidationError(
                self.env._(
                    "WeChat Pay cannot be enabled without: %(fields)s.",
                    fields=", ".join(missing),
                )
            )

    # === CRUD METHODS === #

    @api.onchange("wechatpay_platform_public_key")
    def _onchange_wechatpay_platform_public_key(self):
        """A platform certificate carries its serial number: fill it in."""
        serial = self._wechatpay_get_certificate_serial()
        if serial:
            self.wechatpay_platform_serial_no = serial

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._wechatpay_fill_certificate_serial(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._wechatpay_fill_certificate_serial(vals)
        return super().write(vals)

    def _wechatpay_fill_certificate_serial(self, vals):
        pem = vals.get("wechatpay_platform_public_key")
        if pem and "BEGIN CERTIFICATE" in pem and not vals.get("wechatpay_platform_serial_no"):
            try:
                certificate = x509.load_pem_x509_certificate(pem.strip().encode())
            except ValueError:
                return  # the constraint tells the user
            vals["wechatpay_platform_serial_no"] = format(certificate.serial_number, "X")

    def _get_default_payment_method_codes(self):
        """Override of `payment` to return the default payment method codes."""
        self.ensure_one()
        if self.code != "wechatpay":
            return super()._get_default_payment_method_codes()
        return const.DEFAULT_PAYMENT_METHOD_CODES

    # === CRYPTOGRAPHY === #

    def _wechatpay_get_certificate_serial(self):
        pem = self.wechatpay_platform_public_key
        if not pem or "BEGIN CERTIFICATE" not in pem:
            return False
        try:
            certificate = x509.load_pem_x509_certificate(pem.strip().encode())
        except ValueError:
            return False
        return format(certificate.serial_number, "X")

    def _wechatpay_load_private_key(self):
        """The merchant's RSA private key. Raise ValueError when it is not one."""
        self.ensure_one()
        key = serialization.load_pem_private_key(
            (self.wechatpay_private_key or "").strip().encode(), password=None
        )
        if not isinstance(key, rsa.RSAPrivateKey) or key.key_size < 2048:
            raise ValueError(self.env._("an RSA key of 2048 bits or more is expected"))
        return key

    def _wechatpay_load_platform_public_key(self):
        """WeChat Pay's RSA public key, given as a key or in a certificate. Raise ValueError
        when it is neither."""
        self.ensure_one()
        pem = (self.wechatpay_platform_public_key or "").strip().encode()
        if b"BEGIN CERTIFICATE" in pem:
            key = x509.load_pem_x509_certificate(pem).public_key()
        else:
            key = serialization.load_pem_public_key(pem)
        if not isinstance(key, rsa.RSAPublicKey):
            raise ValueError(self.env._("an RSA public key is expected"))
        return key

    def _wechatpay_sign(self, message):
        """Base64 SHA256-RSA (PKCS#1 v1.5) signature of ``message`` with the merchant key."""
        signature = self._wechatpay_load_private_key().sign(
            message.encode(), padding.PKCS1v15(), hashes.SHA256()
        )
        return base64.b64encode(signature).decode()

    def _wechatpay_build_authorization(self, method, url_path, body, timestamp=None, nonce=None):
        """The Authorization header of a request: the signature of
        ``method\\nurl\\ntimestamp\\nnonce\\nbody\\n``."""
        self.ensure_one()
        timestamp = str(timestamp or int(time.time()))
        nonce = nonce or secrets.token_hex(16)
        message = f"{method}\n{url_path}\n{timestamp}\n{nonce}\n{body}\n"
        signature = self._wechatpay_sign(message)
        return (
            f'{const.AUTH_SCHEMA} mchid="{self.wechatpay_mch_id}",nonce_str="{nonce}",'
            f'signature="{signature}",timestamp="{timestamp}",'
            f'serial_no="{self.wechatpay_cert_serial_no}"'
        )

    def _wechatpay_verify_signature(self, headers, body):
        """Check the WeChat Pay signature of a response or a notification.

        :param headers: the HTTP headers (a mapping, case-insensitive or not).
        :param str body: the body exactly as received.
        :raise ValidationError: if the signature, the key serial or the timestamp is wrong.
        """
        self.ensure_one()

        def header(name):
            return headers.get(name) or headers.get(name.lower())

        timestamp = header("Wechatpay-Timestamp")
        nonce = header("Wechatpay-Nonce")
        signature = header("Wechatpay-Signature")
        serial = header("Wechatpay-Serial")
        if not (timestamp and nonce and signature and serial):
            raise ValidationError(self.env._("WeChat Pay: the signature headers are missing."))
        if serial != self.wechatpay_platform_serial_no:
            raise ValidationError(
                self.env._("WeChat Pay: unknown key serial %(serial)s.", serial=serial)
            )
        try:
            age = abs(time.time() - int(timestamp))
        except ValueError:
            age = None
        if age is None or age > const.SIGNATURE_MAX_AGE:
            raise ValidationError(self.env._("WeChat Pay: the signature timestamp is too old."))
        message = f"{timestamp}\n{nonce}\n{body}\n".encode()
        try:
            self._wechatpay_load_platform_public_key().verify(
                base64.b64decode(signature), message, padding.PKCS1v15(), hashes.SHA256()
            )
        except (InvalidSignature, ValueError) as error:
            raise ValidationError(self.env._("WeChat Pay: the signature is invalid.")) from error

    def _wechatpay_decrypt_resource(self, resource):
        """Decrypt the ``resource`` of a notification (AEAD_AES_256_GCM with the APIv3 key).

        :return: the decrypted resource, as a dict.
        :raise ValidationError: if it cannot be decrypted.
        """
        self.ensure_one()
        try:
            if resource.get("algorithm") != "AEAD_AES_256_GCM":
                raise ValueError(resource.get("algorithm"))
            aesgcm = AESGCM(self.wechatpay_api_v3_key.encode())
            plaintext = aesgcm.decrypt(
                resource["nonce"].encode(),
                base64.b64decode(resource["ciphertext"]),
                (resource.get("associated_data") or "").encode(),
            )
            return json.loads(plaintext)
        except (InvalidTag, ValueError, KeyError, TypeError, AttributeError) as error:
            raise ValidationError(
                self.env._("WeChat Pay: the notification resource cannot be decrypted.")
            ) from error

    def _wechatpay_get_jsapi_parameters(self, prepay_id):
        """The signed parameters of WeixinJSBridge's getBrandWCPayRequest (JSAPI payment)."""
        self.ensure_one()
        timestamp = str(int(time.time()))
        nonce = secrets.token_hex(16)
        package = f"prepay_id={prepay_id}"
        message = f"{self.wechatpay_app_id}\n{timestamp}\n{nonce}\n{package}\n"
        return {
            "appId": self.wechatpay_app_id,
            "timeStamp": timestamp,
            "nonceStr": nonce,
            "package": package,
            "signType": "RSA",
            "paySign": self._wechatpay_sign(message),
        }

    # === REQUEST HELPERS === #

    def _build_request_url(self, endpoint, **kwargs):
        """Override of `payment` to build the request URL."""
        if self.code != "wechatpay":
            return super()._build_request_url(endpoint, **kwargs)
        # The endpoint carries its query string: it is signed as it is sent.
        return f"{const.API_URL}{endpoint}"

    def _build_request_headers(self, method, endpoint, payload, **kwargs):
        """Override of `payment` to sign the request (the body is passed as the serialized
        string that is sent, so that the signature covers exactly it)."""
        if self.code != "wechatpay":
            return super()._build_request_headers(method, endpoint, payload, **kwargs)
        body = kwargs.get("wechatpay_body", "")
        return {
            "Authorization": self._wechatpay_build_authorization(method, endpoint, body),
            "Accept": "application/json",
            "Content-Type": "application/json",
            "User-Agent": "Odoo payment_wechatpay",
        }

    def _parse_response_content(self, response, **kwargs):
        """Override of `payment` to verify the signature of the response before reading it."""
        if self.code != "wechatpay":
            return super()._parse_response_content(response, **kwargs)
        self._wechatpay_verify_signature(response.headers, response.text)
        return response.json() if response.text else {}

    def _parse_response_error(self, response):
        """Override of `payment` to read the error message."""
        if self.code != "wechatpay":
            return super()._parse_response_error(response)
        try:
            content = response.json()
        except ValueError:
            return response.text
        return f"{content.get('code', '')}: {content.get('message', '')}"

    def _wechatpay_send_request(self, method, endpoint, payload=None, reference=None):
        """Send a signed request; the JSON body is serialized here, once, and signed as is."""
        self.ensure_one()
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")) if payload else None
        return self._send_api_request(
            method,
            endpoint,
            data=data.encode() if data else None,
            reference=reference,
            wechatpay_body=data or "",
        )
