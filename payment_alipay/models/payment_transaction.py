import re
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.http import request
from odoo.tools.urls import urljoin

from odoo.addons.payment import utils as payment_utils
from odoo.addons.payment.logging import get_payment_logger

from .. import const

_logger = get_payment_logger(__name__)

# out_trade_no / out_request_no: letters, digits and underscores, at most 64 characters.
OUT_TRADE_NO_FORBIDDEN = re.compile(r"[^0-9A-Za-z_]")
OUT_TRADE_NO_MAX_PREFIX = 56


def amount_to_yuan(amount):
    """``amount`` as an exact Decimal of yuan with two decimals; ValueError if it has more."""
    try:
        value = Decimal(str(amount))
    except InvalidOperation as error:
        raise ValueError(amount) from error
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(amount)
    return value.quantize(Decimal("0.01"))


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    alipay_product = fields.Selection(
        string="Alipay Product",
        selection=[("page", "Page pay (电脑网站支付)"), ("wap", "Wap pay (手机网站支付)")],
        readonly=True,
    )
    alipay_queried_at = fields.Datetime(string="Alipay Last Order Query", readonly=True)

    # === CRUD METHODS === #

    @api.model_create_multi
    def create(self, vals_list):
        """Refuse, before anything is written, an Alipay transaction in another currency than
        CNY or with an amount in fractions of a fen."""
        providers = self.env["payment.provider"].browse(
            {vals["provider_id"] for vals in vals_list if vals.get("provider_id")}
        )
        alipay_ids = set(providers.filtered(lambda p: p.code == "alipay").ids)
        for vals in vals_list:
            if vals.get("provider_id") not in alipay_ids:
                continue
            currency = self.env["res.currency"].browse(vals.get("currency_id"))
            if currency.name not in const.SUPPORTED_CURRENCIES:
                raise ValidationError(
                    self.env._(
                        "Alipay accepts payments in CNY only, not in %(currency)s.",
                        currency=currency.name or "?",
                    )
                )
            try:
                amount_to_yuan(vals.get("amount", 0.0))
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "The amount %(amount)s has more than two decimals: Alipay charges "
                        "whole fen.",
                        amount=vals.get("amount"),
                    )
                ) from error
        return super().create(vals_list)

    @api.model
    def _compute_reference(self, provider_code, prefix=None, separator="-", **kwargs):
        """Override of `payment` to make the reference a valid out_trade_no (letters, digits
        and "_", at most 64 characters): the reference is the Alipay order number, so an
        order maps to one transaction only."""
        if provider_code != "alipay":
            return super()._compute_reference(
                provider_code, prefix=prefix, separator=separator, **kwargs
            )
        if not prefix:
            prefix = self.sudo()._compute_reference_prefix("_", **kwargs) or None
        if prefix:
            prefix = OUT_TRADE_NO_FORBIDDEN.sub("_", prefix)[:OUT_TRADE_NO_MAX_PREFIX]
        if not prefix:
            prefix = payment_utils.singularize_reference_prefix(prefix="tx", separator="_")
        return super()._compute_reference(provider_code, prefix=prefix, separator="_", **kwargs)

    def _alipay_amount(self):
        """The amount as Alipay writes it: "300.00"."""
        self.ensure_one()
        return f"{abs(amount_to_yuan(self.amount)):.2f}"

    # === BUSINESS METHODS - PAYMENT FLOW === #

    def _alipay_get_product(self):
        user_agent = request.httprequest.environ.get("HTTP_USER_AGENT", "") if request else ""
        return "wap" if re.search(r"Mobile|Android|iPhone", user_agent) else "page"

    def _get_specific_rendering_values(self, processing_values):
        """Override of `payment`: the signed form that posts the order to Alipay's page pay
        (desktop) or wap pay (phone)."""
        if self.provider_code != "alipay":
            return super()._get_specific_rendering_values(processing_values)
        provider = self.provider_id
        base_url = provider.get_base_url()
        product = self._alipay_get_product()
        expire = fields.Datetime.now() + timedelta(minutes=const.ORDER_VALIDITY_MINUTES)
        biz_content = {
            "out_trade_no": self.reference,
            "total_amount": self._alipay_amount(),
            "subject": f"{self.company_id.name} {self.reference}"[:128],
            "time_expire": fields.Datetime.context_timestamp(
                self.with_context(tz="Asia/Shanghai"), expire
            ).strftime("%Y-%m-%d %H:%M:%S"),
        }
        if product == "wap":
            method = "alipay.trade.wap.pay"
            biz_content["product_code"] = "QUICK_WAP_WAY"
            biz_content["quit_url"] = urljoin(base_url, "/payment/status")
        else:
            method = "alipay.trade.page.pay"
            biz_content["product_code"] = "FAST_INSTANT_TRADE_PAY"
        params = provider._alipay_build_params(
            method,
            biz_content,
            return_url=urljoin(base_url, const.RETURN_ROUTE),
            notify_url=urljoin(base_url, const.NOTIFY_ROUTE),
        )
        # The transaction stays a draft until Alipay says the order is paid.
        self.alipay_product = product
        return {
            "api_url": f"{provider._alipay_get_gateway_url()}?charset=utf-8",
            "url_params": params,
        }

    def _alipay_query_order(self):
        """alipay.trade.query, then process the answer. Return the response node."""
        self.ensure_one()
        self.alipay_queried_at = fields.Datetime.now()
        node = self.provider_id._alipay_call(
            "alipay.trade.query", {"out_trade_no": self.reference}, self.reference
        )
        if node.get("code") == "40004" and node.get("sub_code") == "ACQ.TRADE_NOT_EXIST":
            return node  # the payer has not opened the Alipay page yet
        if node.get("code") != "10000":
            raise ValidationError(
                self.env._(
                    "Alipay: %(code)s %(message)s",
                    code=node.get("sub_code") or node.get("code"),
                    message=node.get("sub_msg") or node.get("msg"),
                )
            )
        self._alipay_check_payment_data(node)
        self._process("alipay", node)
        return node

    def _alipay_close_order(self):
        self.ensure_one()
        node = self.provider_id._alipay_call(
            "alipay.trade.close", {"out_trade_no": self.reference}, self.reference
        )
        if node.get("code") not in ("10000", "40004"):
            raise ValidationError(self.env._("Alipay: %(msg)s", msg=node.get("sub_msg")))
        self._set_canceled(state_message=self.env._("The Alipay order expired unpaid."))

    # === BUSINESS METHODS - REFUNDS === #

    def _send_refund_request(self):
        """Override of `payment` to refund with alipay.trade.refund (synchronous)."""
        if self.provider_code != "alipay":
            return super()._send_refund_request()
        source_tx = self.source_transaction_id
        node = self.provider_id._alipay_call(
            "alipay.trade.refund",
            {
                "out_trade_no": source_tx.reference,
                "refund_amount": self._alipay_amount(),
                "out_request_no": self.reference,
            },
            self.reference,
        )
        if node.get("code") != "10000":
            self._set_error(
                self.env._(
                    "Alipay refused the refund: %(message)s",
                    message=node.get("sub_msg") or node.get("msg"),
                )
            )
            return None
        if node.get("trade_no"):
            self.provider_reference = node["trade_no"]
        if node.get("fund_change") == "Y" or node.get("refund_fee"):
            self._set_done()
        else:
            self._set_pending()
        return None

    # === BUSINESS METHODS - PROCESSING === #

    def _alipay_check_payment_data(self, payment_data):
        """Refuse data that is not the transaction's: another app, seller or amount.

        :raise ValidationError: on a mismatch.
        """
        self.ensure_one()
        provider = self.provider_id
        if payment_data.get("app_id") and payment_data["app_id"] != provider.alipay_app_id:
            raise ValidationError(self.env._("Alipay: the app ID does not match."))
        if (
            provider.alipay_seller_id
            and payment_data.get("seller_id")
            and payment_data["seller_id"] != provider.alipay_seller_id
        ):
            raise ValidationError(self.env._("Alipay: the seller ID does not match."))
        if self.currency_id.name not in const.SUPPORTED_CURRENCIES:
            raise ValidationError(self.env._("Alipay: the currency does not match."))
        total = payment_data.get("total_amount")
        if total is not None:
            try:
                received = amount_to_yuan(total)
            except ValueError:
                received = None
            if received != amount_to_yuan(abs(self.amount)):
                raise ValidationError(
                    self.env._(
                        "Alipay: the amount %(received)s does not match the transaction's "
                        "%(expected)s.",
                        received=total,
                        expected=self._alipay_amount(),
                    )
                )

    @api.model
    def _extract_reference(self, provider_code, payment_data):
        """Override of `payment`: the reference is the out_trade_no."""
        if provider_code != "alipay":
            return super()._extract_reference(provider_code, payment_data)
        return payment_data.get("out_trade_no")

    def _extract_amount_data(self, payment_data):
        """Override of `payment`: amounts are checked exactly (Decimal) by
        :meth:`_alipay_check_payment_data` before any processing."""
        if self.provider_code != "alipay":
            return super()._extract_amount_data(payment_data)
        return None

    def _apply_updates(self, payment_data):
        """Override of `payment` to update the transaction from a notification or a query."""
        if self.provider_code != "alipay":
            return super()._apply_updates(payment_data)
        if trade_no := payment_data.get("trade_no"):
            self.provider_reference = trade_no
        status = payment_data.get("trade_status")
        mapping = const.TRANSACTION_STATUS_MAPPING
        if status in mapping["draft"]:
            return  # not paid yet
        if status in mapping["done"]:
            self._set_done()
        elif status in mapping["canceled"]:
            self._set_canceled()
        else:
            _logger.warning(
                "Received data for transaction %s with invalid status: %s", self.reference, status
            )
            self._set_error(self.env._("Alipay: unknown status %(status)s.", status=status))

    # === CRON === #

    @api.model
    def _cron_alipay_check_pending_orders(self):
        """Query the orders whose notification never came, close the expired ones."""
        now = fields.Datetime.now()
        transactions = self.search(
            Domain("provider_code", "=", "alipay")
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
                    node = tx._alipay_query_order()
                    if (
                        node.get("trade_status") in (None, "WAIT_BUYER_PAY")
                        and tx.create_date < expiry
                    ):
                        tx._alipay_close_order()
            except ValidationError as error:
                _logger.warning("Alipay order query of %s failed: %s", tx.reference, error)
                if tx.create_date < expiry - timedelta(days=1):
                    tx._set_canceled(state_message=str(error))
        # Paid documents are paid at once (else Odoo's post-processing cron does it).
        for tx in transactions.filtered(lambda t: t.state == "done" and not t.is_post_processed):
            try:
                with self.env.cr.savepoint():
                    tx._post_process()
            except Exception:  # noqa: BLE001 - left to the post-processing cron
                _logger.exception("post-processing of %s failed", tx.reference)
