import logging
import pprint

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request

from odoo.addons.payment.logging import get_payment_logger

from .. import const

_logger = get_payment_logger(__name__)
_security_logger = logging.getLogger(__name__ + ".security")


class AlipayNotificationError(Exception):
    """A notification refused; nothing was written."""


class AlipayController(http.Controller):
    @http.route(
        const.NOTIFY_ROUTE,
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def alipay_notify(self, **data):
        """Asynchronous notification: answered ``success`` once processed (or already
        processed), ``failure`` when refused, so that Alipay sends it again."""
        try:
            self._process_notification(data)
        except AlipayNotificationError as error:
            _security_logger.warning("Alipay notification refused: %s", error)
            return request.make_response(
                const.NOTIFY_FAILURE, headers=[("Content-Type", "text/plain")]
            )
        return request.make_response(const.NOTIFY_SUCCESS, headers=[("Content-Type", "text/plain")])

    @staticmethod
    def _find_provider(data):
        providers = (
            request.env["payment.provider"]
            .sudo()
            .search(
                [
                    ("code", "=", "alipay"),
                    ("state", "!=", "disabled"),
                    ("alipay_app_id", "=", data.get("app_id") or ""),
                ]
            )
        )
        if not providers:
            raise AlipayNotificationError(f"unknown app_id {data.get('app_id')}")
        return providers

    @classmethod
    def _verify(cls, data):
        """The provider whose key verifies the signed parameters."""
        for provider in cls._find_provider(data):
            try:
                provider._alipay_verify_notification(data)
            except ValidationError:
                continue
            return provider
        raise AlipayNotificationError("invalid signature")

    @classmethod
    def _process_notification(cls, data):
        provider = cls._verify(data)
        _logger.info("Alipay notification:\n%s", pprint.pformat(data))
        tx_sudo = (
            request.env["payment.transaction"]
            .sudo()
            .search(
                [
                    ("reference", "=", data.get("out_trade_no") or ""),
                    ("provider_id", "=", provider.id),
                ]
            )
        )
        if not tx_sudo:
            raise AlipayNotificationError(f"unknown order {data.get('out_trade_no')}")
        if tx_sudo.state == "done":
            return  # a repeated notification: nothing is done twice
        try:
            tx_sudo._alipay_check_payment_data(data)
        except ValidationError as error:
            raise AlipayNotificationError(str(error)) from error
        tx_sudo._process("alipay", data)
        if tx_sudo.state == "done":
            try:
                with request.env.cr.savepoint():
                    tx_sudo._post_process()
            except Exception:  # noqa: BLE001 - retried by the post-processing cron
                _logger.exception("post-processing of %s failed", tx_sudo.reference)

    @http.route(const.RETURN_ROUTE, type="http", auth="public", methods=["GET"], save_session=False)
    def alipay_return(self, **data):
        """The synchronous return page: the signed parameters are checked, then the order is
        asked to Alipay (the return itself does not prove the payment), then the payer sees
        the payment status page."""
        try:
            provider = self._verify(data)
        except AlipayNotificationError as error:
            _security_logger.warning("Alipay return refused: %s", error)
            return request.redirect("/payment/status")
        tx_sudo = (
            request.env["payment.transaction"]
            .sudo()
            .search(
                [
                    ("reference", "=", data.get("out_trade_no") or ""),
                    ("provider_id", "=", provider.id),
                ]
            )
        )
        if tx_sudo and tx_sudo.state in ("draft", "pending"):
            try:
                tx_sudo._alipay_query_order()
            except ValidationError as error:
                _logger.warning("Alipay order query of %s failed: %s", tx_sudo.reference, error)
        return request.redirect("/payment/status")
