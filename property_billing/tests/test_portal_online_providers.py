import json
import threading
import unittest
from unittest.mock import patch

import requests

from odoo.tests import HttpCase, tagged
from odoo.tests.common import TEST_CURSOR_COOKIE_NAME
from odoo.tools import mute_logger

from odoo.addons.property_base.tests.common import OwnerPhoneMixin

from .common import PortalBillsCommon

SEND = "odoo.addons.payment.models.payment_provider.PaymentProvider._send_api_request"


@tagged("post_install", "-at_install")
class TestBillsPortalWeChatPay(OwnerPhoneMixin, PortalBillsCommon, HttpCase):
    """The owner pays a bill with WeChat Pay on a phone: the order is placed (WeChat Pay's
    API answered with recorded responses), the QR code page waits, WeChat Pay's notification
    (signed and encrypted with test keys) pays the bill at once, with its receipt; the same
    notification sent again pays nothing twice. ``make test`` installs payment_wechatpay
    (every module of the project); property_billing does not depend on it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        module = cls.env["ir.module.module"]._get("payment_wechatpay")
        if module.state != "installed":
            raise unittest.SkipTest("payment_wechatpay is not installed")
        from odoo.addons.payment_wechatpay.tests.common import (  # noqa: PLC0415
            WeChatPayKeys,
        )

        keys = type("Keys", (WeChatPayKeys,), {})
        keys._generate_wechatpay_keys()
        cls.signer = keys.signer
        cls.provider = cls.env["payment.provider"].search(
            [("code", "=", "wechatpay"), ("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.provider.write(dict(keys.wechatpay_values, state="test", is_published=True))
        cls._setup_portal_bills("PWX", ("PWX 业主甲", "PWX 业主乙"), "PWX 物业服务费", "zh_CN")
        cls.bill_a = cls._bill_month(2026, 3).filtered(lambda b: b.property_unit_id == cls.unit_a)

    def _notification(self, out_trade_no, total):
        from odoo.addons.payment_wechatpay.tests.common import paid_order_data  # noqa: PLC0415

        return self.signer.notification(paid_order_data(out_trade_no, total))

    @mute_logger("odoo.addons.payment_wechatpay.controllers.main")
    def test_tour_pay_bill_with_wechatpay(self):
        self.assertEqual(self.bill_a.payment_state, "not_paid")
        order = {}
        answers = []
        webhook_url = self.base_url() + "/payment/wechatpay/webhook"

        def notify():
            body, headers = self._notification(order["out_trade_no"], order["total"])
            order["notification"] = body
            # WeChat Pay's request, with the cookie the test server requires.
            response = requests.post(
                webhook_url,
                data=body.encode(),
                headers=headers,
                cookies={TEST_CURSOR_COOKIE_NAME: self.http_request_key},
                timeout=60,
            )
            answers.append(response.status_code)

        notifier = threading.Thread(target=notify)

        def wechatpay_api(method, endpoint, data=None, **kwargs):
            if endpoint == "/v3/pay/transactions/native":
                payload = json.loads(data)
                order.update(out_trade_no=payload["out_trade_no"], total=payload["amount"]["total"])
                return {"code_url": "weixin://wxpay/bizpayurl?pr=PWXTEST"}
            if endpoint.startswith("/v3/pay/transactions/out-trade-no/"):
                # The QR code page polls: the owner scans it and pays now, WeChat Pay
                # notifies (from another thread: this request holds the database).
                if not notifier.is_alive() and not answers:
                    notifier.start()
                return {
                    "mchid": self.provider.wechatpay_mch_id,
                    "out_trade_no": order["out_trade_no"],
                    "trade_state": "NOTPAY",
                    "amount": {"total": order["total"], "currency": "CNY"},
                }
            raise AssertionError(f"unexpected request {method} {endpoint}")

        with patch(SEND, side_effect=wechatpay_api):
            self.start_tour(
                "/my/bills", "property_billing_pay_wechatpay_tour", login="pwx_owner_a", timeout=180
            )
        notifier.join(timeout=60)
        self.assertEqual(answers, [204])
        self.assertEqual(order["total"], 30000)  # 300.00 in fen
        self.env.invalidate_all()
        tx = self.bill_a.transaction_ids
        self.assertEqual((tx.provider_id, tx.state), (self.provider, "done"))
        self.assertEqual(tx.reference, order["out_trade_no"])
        self.assertEqual(tx.wechatpay_trade_type, "NATIVE")
        self.assertIn(self.bill_a.payment_state, ("paid", "in_payment"))
        self.assertTrue(tx.payment_id)
        self.assertEqual(tx.payment_id.amount, 300.0)
        self.authenticate("pwx_owner_a", "pwx_owner_a")
        self.assertIn(f"/my/bills/receipts/{tx.payment_id.id}", self.url_open("/my/bills").text)

        # WeChat Pay sends the notification again: acknowledged, nothing paid twice.
        body = order["notification"]
        response = self.url_open(webhook_url, data=body.encode(), headers=self.signer.headers(body))
        self.assertEqual(response.status_code, 204)
        self.env.invalidate_all()
        payments = self.env["account.payment"].search([("payment_transaction_id", "=", tx.id)])
        self.assertEqual(len(payments), 1)
        self.assertEqual(len(self.bill_a.transaction_ids), 1)

    def test_abandoned_qr_code_does_not_block_paying(self):
        """The owner opens the QR code page and leaves it: the order is not paid, the
        transaction stays a draft, and the bill can still be paid (another way, or again)."""
        self.authenticate("pwx_owner_a", "pwx_owner_a")
        with patch(SEND, return_value={"code_url": "weixin://wxpay/bizpayurl?pr=PWX2"}):
            values = self.make_jsonrpc_request(
                f"/invoice/transaction/{self.bill_a.id}",
                {
                    "provider_id": self.provider.id,
                    "payment_method_id": self.env.ref("payment.payment_method_wechat_pay").id,
                    "token_id": None,
                    "amount": 300.0,
                    "flow": "redirect",
                    "tokenization_requested": False,
                    "landing_route": f"/my/invoices/{self.bill_a.id}",
                    "is_validation": False,
                    "access_token": self.bill_a._portal_ensure_token(),
                },
            )
        self.assertIn("/payment/wechatpay/checkout", values["redirect_form_html"])
        tx = self.bill_a.transaction_ids
        self.assertEqual(
            (tx.state, tx.wechatpay_code_url), ("draft", "weixin://wxpay/bizpayurl?pr=PWX2")
        )
        page = self.url_open(f"/my/bills/{self.bill_a.id}").text
        self.assertIn('data-amount="300.0"', page)
        self.assertIn('data-provider-code="wechatpay"', page)
