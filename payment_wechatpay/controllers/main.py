import json
import logging
import pprint

from odoo import fields, http
from odoo.exceptions import ValidationError
from odoo.http import request

from odoo.addons.payment.logging import get_payment_logger

from .. import const

_logger = get_payment_logger(__name__)
_security_logger = logging.getLogger(__name__ + ".security")

# The payment page asks WeChat Pay the state of the order at most this often (seconds);
# in between it reads the transaction, which the notification updates.
QUERY_INTERVAL = 15


class WeChatPayNotificationError(Exception):
    """A notification refused: its HTTP status and the message answered to WeChat Pay."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


class WeChatPayController(http.Controller):
    # === NOTIFICATIONS === #

    @http.route(
        const.WEBHOOK_ROUTE,
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def wechatpay_webhook(self):
        """Payment notification (TRANSACTION.SUCCESS): answered 204 when processed (or
        already processed), 4xx/5xx with {"code": "FAIL"} when refused, so that WeChat
        Pay sends it again if it was our fault."""
        return self._handle_notification("transaction", const.HANDLED_EVENT_TYPES)

    @http.route(
        const.REFUND_WEBHOOK_ROUTE,
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def wechatpay_refund_webhook(self):
        """Refund notification (REFUND.SUCCESS / ABNORMAL / CLOSED)."""
        return self._handle_notification("refund", const.HANDLED_REFUND_EVENT_TYPES)

    def _handle_notification(self, original_type, event_types):
        body = request.httprequest.get_data(as_text=True)
        headers = request.httprequest.headers
        try:
            self._process_notification(body, headers, original_type, event_types)
        except WeChatPayNotificationError as error:
            _security_logger.warning(
                "WeChat Pay notification refused (%s): %s", error.status, error.message
            )
            return request.make_json_response(
                {"code": "FAIL", "message": error.message}, status=error.status
            )
        return request.make_response("", status=204)

    @staticmethod
    def _process_notification(body, headers, original_type, event_types):
        """Verify, decrypt and process a notification.

        :raise WeChatPayNotificationError: when refused; nothing is written then.
        """
        try:
            notification = json.loads(body)
        except ValueError as error:
            raise WeChatPayNotificationError(400, "invalid JSON body") from error
        providers = (
            request.env["payment.provider"]
            .sudo()
            .search([("code", "=", "wechatpay"), ("state", "!=", "disabled")])
        )
        serial = headers.get("Wechatpay-Serial")
        provider = providers.filtered(lambda p: p.wechatpay_platform_serial_no == serial)[:1]
        if not provider:
            raise WeChatPayNotificationError(401, f"unknown key serial {serial}")
        try:
            provider._wechatpay_verify_signature(headers, body)
        except ValidationError as error:
            raise WeChatPayNotificationError(401, str(error)) from error
        resource = notification.get("resource") or {}
        if notification.get("resource_type") != "encrypt-resource" or (
            resource.get("original_type") not in (original_type, None)
        ):
            raise WeChatPayNotificationError(400, "unexpected resource type")
        try:
            data = provider._wechatpay_decrypt_resource(resource)
        except ValidationError as error:
            raise WeChatPayNotificationError(400, str(error)) from error
        _logger.info(
            "WeChat Pay notification %s (%s):\n%s",
            notification.get("id"),
            notification.get("event_type"),
            pprint.pformat(data),
        )
        if notification.get("event_type") not in event_types:
            return  # acknowledged, nothing to do
        if data.get("mchid") != provider.wechatpay_mch_id:
            raise WeChatPayNotificationError(400, "the merchant ID does not match")
        reference_key = "out_refund_no" if original_type == "refund" else "out_trade_no"
        tx_sudo = (
            request.env["payment.transaction"]
            .sudo()
            .search(
                [
                    ("reference", "=", data.get(reference_key) or ""),
                    ("provider_id", "=", provider.id),
                ]
            )
        )
        if not tx_sudo:
            raise WeChatPayNotificationError(404, f"unknown order {data.get(reference_key)}")
        if tx_sudo.state == "done":
            return  # a repeated notification: already processed, nothing is done twice
        try:
            tx_sudo._wechatpay_check_payment_data(data)
        except ValidationError as error:
            raise WeChatPayNotificationError(400, str(error)) from error
        tx_sudo._process("wechatpay", data)
        if tx_sudo.state == "done" and tx_sudo.operation != "refund":
            # The owner's bill is paid at once, not at the next run of the post-processing
            # cron; an error there leaves it to the cron.
            try:
                with request.env.cr.savepoint():
                    tx_sudo._post_process()
            except Exception:  # noqa: BLE001 - retried by the post-processing cron
                _logger.exception("post-processing of %s failed", tx_sudo.reference)

    # === PAYMENT PAGE === #

    @staticmethod
    def _get_checked_transaction(reference, access_token):
        tx_sudo = (
            request.env["payment.transaction"]
            .sudo()
            .search([("reference", "=", reference or ""), ("provider_code", "=", "wechatpay")])
        )
        if not tx_sudo or not tx_sudo._wechatpay_check_access_token(access_token):
            raise request.not_found()
        return tx_sudo

    @http.route(const.CHECKOUT_ROUTE, type="http", auth="public", website=True, sitemap=False)
    def wechatpay_checkout(self, reference=None, access_token=None, **kwargs):
        """The page where the payer scans the QR code (Native), comes back from WeChat's H5
        page, or pays with WeixinJSBridge (JSAPI); it polls until the payment is done."""
        tx_sudo = self._get_checked_transaction(reference, access_token)
        values = {
            "tx": tx_sudo,
            "access_token": access_token,
            "amount_fen": tx_sudo._wechatpay_amount_fen(),
            "jsapi_parameters": False,
        }
        if tx_sudo.wechatpay_trade_type == "JSAPI" and tx_sudo.wechatpay_prepay_id:
            values["jsapi_parameters"] = json.dumps(
                tx_sudo.provider_id._wechatpay_get_jsapi_parameters(tx_sudo.wechatpay_prepay_id)
            )
        return request.render("payment_wechatpay.checkout_page", values)

    @http.route(const.POLL_ROUTE, type="jsonrpc", auth="public")
    def wechatpay_poll(self, reference=None, access_token=None):
        """The state of the payment; WeChat Pay is asked when no notification came yet."""
        tx_sudo = self._get_checked_transaction(reference, access_token)
        queried_at = tx_sudo.wechatpay_queried_at
        if tx_sudo.state in ("draft", "pending") and (
            not queried_at or (fields.Datetime.now() - queried_at).total_seconds() > QUERY_INTERVAL
        ):
            try:
                tx_sudo._wechatpay_query_order()
            except ValidationError as error:
                _logger.warning("WeChat Pay order query of %s failed: %s", reference, error)
        return {"state": tx_sudo.state, "redirect_url": "/payment/status"}
