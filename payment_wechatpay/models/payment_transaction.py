import re
from datetime import timedelta
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import consteq
from odoo.tools.misc import hmac as hmac_tool
from odoo.tools.urls import urljoin

from odoo.addons.payment import utils as payment_utils
from odoo.addons.payment.logging import get_payment_logger

from .. import const

_logger = get_payment_logger(__name__)

# out_trade_no / out_refund_no: 6 to 32 characters among these.
OUT_TRADE_NO_FORBIDDEN = re.compile(r"[^0-9A-Za-z_\-]")
OUT_TRADE_NO_MAX_PREFIX = 26  # leaves room for the "-n" suffix of a repeated prefix


def amount_to_fen(amount):
    """The integer number of fen of ``amount`` (yuan, float or str), or raise ValueError when
    it has more than two decimals."""
    try:
        value = Decimal(str(amount))
    except InvalidOperation as error:
        raise ValueError(amount) from error
    fen = value * 100
    if fen != fen.to_integral_value(rounding=ROUND_DOWN):
        raise ValueError(amount)
    return int(fen)


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    wechatpay_trade_type = fields.Selection(
        string="WeChat Pay Trade Type",
        selection=[("NATIVE", "Native (QR code)"), ("H5", "H5"), ("JSAPI", "JSAPI")],
        readonly=True,
    )
    wechatpay_code_url = fields.Char(string="WeChat Pay QR Code URL", readonly=True)
    wechatpay_prepay_id = fields.Char(string="WeChat Pay Prepay ID", readonly=True)
    wechatpay_openid = fields.Char(string="WeChat Pay Payer OpenID", readonly=True)
    wechatpay_queried_at = fields.Datetime(string="WeChat Pay Last Order Query", readonly=True)

    # === CRUD METHODS === #

    @api.model_create_multi
    def create(self, vals_list):
        """Refuse, before anything is written, a WeChat Pay transaction in another currency
        than CNY or with an amount in fractions of a fen."""
        providers = self.env["payment.provider"].browse(
            {vals["provider_id"] for vals in vals_list if vals.get("provider_id")}
        )
        wechatpay_ids = set(providers.filtered(lambda p: p.code == "wechatpay").ids)
        for vals in vals_list:
            if vals.get("provider_id") in wechatpay_ids:
                self._wechatpay_check_amount_and_currency(
                    vals.get("amount", 0.0), vals.get("currency_id")
                )
        return super().create(vals_list)

    @api.model
    def _wechatpay_check_amount_and_currency(self, amount, currency_id):
        currency = self.env["res.currency"].browse(currency_id)
        if currency.name not in const.SUPPORTED_CURRENCIES:
            raise ValidationError(
                self.env._(
                    "WeChat Pay accepts payments in CNY only, not in %(currency)s.",
                    currency=currency.name or "?",
                )
            )
        try:
            amount_to_fen(amount)
        except ValueError as error:
            raise ValidationError(
                self.env._(
                    "The amount %(amount)s has more than two decimals: WeChat Pay charges whole "
                    "fen.",
                    amount=amount,
                )
            ) from error

    @api.model
    def _compute_reference(self, provider_code, prefix=None, separator="-", **kwargs):
        """Override of `payment` to make the reference a valid out_trade_no (letters, digits,
        "_" and "-", at most 32 characters): the reference is the WeChat order number, so an
        order maps to one transaction only (the reference is unique)."""
        if provider_code != "wechatpay":
            return super()._compute_reference(
                provider_code, prefix=prefix, separator=separator, **kwargs
            )
        if not prefix:
            prefix = self.sudo()._compute_reference_prefix(separator, **kwargs) or None
        if prefix:
            prefix = OUT_TRADE_NO_FORBIDDEN.sub("_", prefix)[:OUT_TRADE_NO_MAX_PREFIX]
        if not prefix or len(prefix) < 6:
            prefix = payment_utils.singularize_reference_prefix(
                prefix=prefix or "tx", separator="_", max_length=OUT_TRADE_NO_MAX_PREFIX
            )
        return super()._compute_reference(
            provider_code, prefix=prefix, separator=separator, **kwargs
        )

    # === BUSINESS METHODS - PAYMENT FLOW === #

    def _wechatpay_amount_fen(self):
        self.ensure_one()
        return abs(amount_to_fen(self.amount))

    def _wechatpay_get_trade_type(self):
        """JSAPI inside WeChat when the payer's openid is known, H5 on a phone browser when
        the merchant has the H5 product, else Native (a QR code to scan)."""
        self.ensure_one()
        user_agent = ""
        if request:
            user_agent = request.httprequest.environ.get("HTTP_USER_AGENT", "")
        if "MicroMessenger" in user_agent:
            self.wechatpay_openid = self.wechatpay_openid or self._wechatpay_get_known_openid()
            if self.wechatpay_openid:
                return "JSAPI"
        is_mobile = re.search(r"Mobile|Android|iPhone|iPad", user_agent)
        if (
            is_mobile
            and "MicroMessenger" not in user_agent
            and self.provider_id.wechatpay_h5_enabled
        ):
            return "H5"
        return "NATIVE"

    def _wechatpay_get_known_openid(self):
        """The payer's openid for this AppID, known from an earlier payment of the partner
        with the same provider (WeChat Pay tells it in the payment notification)."""
        self.ensure_one()
        previous = self.search(
            Domain("provider_id", "=", self.provider_id.id)
            & Domain("partner_id", "=", self.partner_id.id)
            & Domain("wechatpay_openid", "!=", False)
            & Domain("id", "!=", self.id),
            order="id desc",
            limit=1,
        )
        return previous.wechatpay_openid

    def _wechatpay_prepare_order_payload(self, trade_type):
        """The body of a Native / H5 / JSAPI order (/v3/pay/transactions/{type})."""
        self.ensure_one()
        provider = self.provider_id
        base_url = provider.get_base_url()
        expire = fields.Datetime.now() + timedelta(minutes=const.ORDER_VALIDITY_MINUTES)
        payload = {
            "appid": provider.wechatpay_app_id,
            "mchid": provider.wechatpay_mch_id,
            "description": self._wechatpay_get_description(),
            "out_trade_no": self.reference,
            "time_expire": expire.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
            "notify_url": urljoin(base_url, const.WEBHOOK_ROUTE),
            "amount": {"total": self._wechatpay_amount_fen(), "currency": "CNY"},
        }
        if trade_type == "H5":
            payload["scene_info"] = {
                "payer_client_ip": payment_utils.get_customer_ip_address() or "127.0.0.1",
                "h5_info": {"type": "Wap"},
            }
        elif trade_type == "JSAPI":
            payload["payer"] = {"openid": self.wechatpay_openid}
        return payload

    def _wechatpay_get_description(self):
        """The description shown to the payer (at most 127 bytes)."""
        description = f"{self.company_id.name} {self.reference}"
        return description.encode()[:127].decode(errors="ignore")

    def _wechatpay_access_token(self):
        """The token of the payment page of the transaction (HMAC of its reference)."""
        self.ensure_one()
        return hmac_tool(self.env(su=True), "payment_wechatpay_checkout", self.reference)

    def _wechatpay_check_access_token(self, access_token):
        return bool(access_token) and consteq(access_token, self._wechatpay_access_token())

    def _wechatpay_checkout_url(self):
        self.ensure_one()
        token = self._wechatpay_access_token()
        return f"{const.CHECKOUT_ROUTE}?reference={quote(self.reference)}&access_token={token}"

    def _get_specific_rendering_values(self, processing_values):
        """Override of `payment` to place the WeChat Pay order and redirect the payer: to the
        QR code page (Native), to WeChat's H5 page (H5), or to the page that calls
        WeixinJSBridge (JSAPI)."""
        if self.provider_code != "wechatpay":
            return super()._get_specific_rendering_values(processing_values)
        trade_type = self._wechatpay_get_trade_type()
        payload = self._wechatpay_prepare_order_payload(trade_type)
        try:
            response = self.provider_id._wechatpay_send_request(
                "POST", f"/v3/pay/transactions/{trade_type.lower()}", payload, self.reference
            )
        except ValidationError as error:
            self._set_error(str(error))
            return {}
        values = {"wechatpay_trade_type": trade_type}
        checkout_url = self._wechatpay_checkout_url()
        if trade_type == "NATIVE":
            values["wechatpay_code_url"] = response.get("code_url")
            api_url = checkout_url
        elif trade_type == "H5":
            # WeChat sends the payer back to redirect_url, where the page waits for the result.
            redirect_url = quote(urljoin(self.provider_id.get_base_url(), checkout_url), safe="")
            api_url = f"{response.get('h5_url')}&redirect_url={redirect_url}"
        else:
            values["wechatpay_prepay_id"] = response.get("prepay_id")
            api_url = checkout_url
        # The transaction stays a draft until WeChat Pay says the order is paid.
        self.write(values)
        # A GET form drops the query string of its action: the parameters become inputs.
        url = urlsplit(api_url)
        return {
            "api_url": urlunsplit((url.scheme, url.netloc, url.path, "", "")),
            "url_params": dict(parse_qsl(url.query)),
        }

    def _wechatpay_query_order(self):
        """Ask WeChat Pay the state of the order and process it. Return the order data."""
        self.ensure_one()
        provider = self.provider_id
        endpoint = (
            f"/v3/pay/transactions/out-trade-no/{quote(self.reference)}"
            f"?mchid={quote(provider.wechatpay_mch_id)}"
        )
        self.wechatpay_queried_at = fields.Datetime.now()
        order_data = provider._wechatpay_send_request("GET", endpoint, reference=self.reference)
        self._wechatpay_check_payment_data(order_data)
        self._process("wechatpay", order_data)
        return order_data

    def _wechatpay_close_order(self):
        """Close the unpaid order at WeChat Pay and cancel the transaction."""
        self.ensure_one()
        provider = self.provider_id
        provider._wechatpay_send_request(
            "POST",
            f"/v3/pay/transactions/out-trade-no/{quote(self.reference)}/close",
            {"mchid": provider.wechatpay_mch_id},
            self.reference,
        )
        self._set_canceled(state_message=self.env._("The WeChat Pay order expired unpaid."))

    # === BUSINESS METHODS - REFUNDS === #

    def _send_refund_request(self):
        """Override of `payment` to request a refund (/v3/refund/domestic/refunds)."""
        if self.provider_code != "wechatpay":
            return super()._send_refund_request()
        source_tx = self.source_transaction_id
        payload = {
            "out_trade_no": source_tx.reference,
            "out_refund_no": self.reference,
            "notify_url": urljoin(self.provider_id.get_base_url(), const.REFUND_WEBHOOK_ROUTE),
            "amount": {
                "refund": self._wechatpay_amount_fen(),
                "total": source_tx._wechatpay_amount_fen(),
                "currency": "CNY",
            },
        }
        if source_tx.provider_reference:
            payload["transaction_id"] = source_tx.provider_reference
            del payload["out_trade_no"]
        refund_data = self.provider_id._wechatpay_send_request(
            "POST", "/v3/refund/domestic/refunds", payload, self.reference
        )
        refund_data = dict(refund_data, out_refund_no=self.reference)
        self._wechatpay_check_payment_data(refund_data)
        self._process("wechatpay", refund_data)

    # === BUSINESS METHODS - PROCESSING === #

    def _wechatpay_check_payment_data(self, payment_data):
        """Refuse order or refund data that is not the transaction's: another merchant or
        app, another amount or currency. Nothing is written.

        :raise ValidationError: on a mismatch (the caller logs it and refuses the data).
        """
        self.ensure_one()
        provider = self.provider_id
        if payment_data.get("mchid") and payment_data["mchid"] != provider.wechatpay_mch_id:
            raise ValidationError(self.env._("WeChat Pay: the merchant ID does not match."))
        if payment_data.get("appid") and payment_data["appid"] != provider.wechatpay_app_id:
            raise ValidationError(self.env._("WeChat Pay: the AppID does not match."))
        amount = payment_data.get("amount") or {}
        if self.operation == "refund":
            received, currency = amount.get("refund"), amount.get("currency", "CNY")
        else:
            received, currency = amount.get("total"), amount.get("currency")
        if received is not None or currency is not None:
            if received != self._wechatpay_amount_fen():
                raise ValidationError(
                    self.env._(
                        "WeChat Pay: the amount %(received)s fen does not match the "
                        "transaction's %(expected)s fen.",
                        received=received,
                        expected=self._wechatpay_amount_fen(),
                    )
                )
            if currency != self.currency_id.name:
                raise ValidationError(self.env._("WeChat Pay: the currency does not match."))

    @api.model
    def _extract_reference(self, provider_code, payment_data):
        """Override of `payment` to extract the reference: out_refund_no for a refund,
        out_trade_no for an order."""
        if provider_code != "wechatpay":
            return super()._extract_reference(provider_code, payment_data)
        return payment_data.get("out_refund_no") or payment_data.get("out_trade_no")

    def _extract_amount_data(self, payment_data):
        """Override of `payment`: amounts are checked in fen by
        :meth:`_wechatpay_check_payment_data` before any processing."""
        if self.provider_code != "wechatpay":
            return super()._extract_amount_data(payment_data)
        return None

    def _apply_updates(self, payment_data):
        """Override of `payment` to update the transaction from an order or a refund."""
        if self.provider_code != "wechatpay":
            return super()._apply_updates(payment_data)
        if self.operation == "refund":
            if refund_id := payment_data.get("refund_id"):
                self.provider_reference = refund_id
            status = payment_data.get("refund_status") or payment_data.get("status")
            mapping = const.REFUND_STATUS_MAPPING
        else:
            if transaction_id := payment_data.get("transaction_id"):
                self.provider_reference = transaction_id
            if openid := (payment_data.get("payer") or {}).get("openid"):
                self.wechatpay_openid = openid
            status = payment_data.get("trade_state")
            mapping = const.TRANSACTION_STATUS_MAPPING
        if status in mapping.get("draft", ()):
            return  # not paid yet
        if status in mapping["pending"]:
            self._set_pending()
        elif status in mapping["done"]:
            self._set_done()
        elif status in mapping.get("canceled", ()):
            self._set_canceled(state_message=payment_data.get("trade_state_desc"))
        elif status in mapping["error"]:
            self._set_error(
                payment_data.get("trade_state_desc")
                or self.env._("WeChat Pay reported the status %(status)s.", status=status)
            )
        else:
            _logger.warning(
                "Received data for transaction %s with invalid status: %s", self.reference, status
            )
            self._set_error(self.env._("WeChat Pay: unknown status %(status)s.", status=status))

    # === CRON === #

    @api.model
    def _cron_wechatpay_check_pending_orders(self):
        """Query the orders whose notification never came (unpaid for more than two minutes),
        and close the ones that expired."""
        now = fields.Datetime.now()
        transactions = self.search(
            Domain("provider_code", "=", "wechatpay")
            & Domain("operation", "in", ("online_redirect", "online_direct"))
            & Domain("state", "in", ("draft", "pending"))
            & Domain("create_date", "<", now - timedelta(minutes=2))
            & Domain("create_date", ">", now - timedelta(days=2)),
            limit=200,
        )
        expiry = now - timedelta(minutes=const.ORDER_VALIDITY_MINUTES)
        for tx in transactions:
            try:
                with self.env.cr.savepoint():
                    order_data = tx._wechatpay_query_order()
                    if (
                        order_data.get("trade_state") in ("NOTPAY", "USERPAYING")
                        and tx.create_date < expiry
                    ):
                        tx._wechatpay_close_order()
            except ValidationError as error:
                _logger.warning("WeChat Pay order query of %s failed: %s", tx.reference, error)
                if tx.create_date < expiry - timedelta(days=1):
                    # WeChat Pay does not know the order (never placed) or keeps failing.
                    tx._set_canceled(state_message=str(error))
        # Paid documents are paid at once (else Odoo's post-processing cron does it).
        for tx in transactions.filtered(lambda t: t.state == "done" and not t.is_post_processed):
            try:
                with self.env.cr.savepoint():
                    tx._post_process()
            except Exception:  # noqa: BLE001 - left to the post-processing cron
                _logger.exception("post-processing of %s failed", tx.reference)
