import json
import time
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.payment.tests.http_common import PaymentHttpCommon
from odoo.addons.payment_wechatpay.tests.common import (
    WeChatPayCommon,
    generate_rsa_key,
    paid_order_data,
)

SEND = "odoo.addons.payment.models.payment_provider.PaymentProvider._send_api_request"
WEBHOOK = "/payment/wechatpay/webhook"
QUIET = mute_logger(
    "odoo.addons.payment_wechatpay.controllers.main",
    "odoo.addons.payment_wechatpay.controllers.main.security",
    "odoo.addons.payment.models.payment_transaction",
)


@tagged("post_install", "-at_install")
class TestWeChatPayNotifications(WeChatPayCommon, PaymentHttpCommon):
    """Notifications signed with the test platform key and encrypted with the APIv3 key,
    verified and decrypted by the module for real."""

    def _post(self, body, headers, route=WEBHOOK):
        return self.url_open(self._build_url(route), data=body.encode(), headers=headers)

    def _notify(self, tx, **changes):
        body, headers = self.signer.notification(
            dict(paid_order_data(tx.reference, self.amount_fen), **changes)
        )
        return self._post(body, headers)

    def assertRefused(self, response, status, tx, state="pending"):
        self.assertEqual(response.status_code, status, response.text)
        self.assertEqual(response.json()["code"], "FAIL")
        self.assertTrue(response.json()["message"])
        tx.invalidate_recordset()
        self.assertEqual(tx.state, state)
        self.assertFalse(tx.provider_reference)

    @QUIET
    def test_valid_notification_pays_once(self):
        tx = self._create_transaction("redirect", state="pending")
        body, headers = self.signer.notification(paid_order_data(tx.reference, self.amount_fen))
        response = self._post(body, headers)
        self.assertEqual(response.status_code, 204, response.text)
        self.assertEqual(tx.state, "done")
        self.assertEqual(tx.provider_reference, "4200000985202603051234567890")
        self.assertEqual(tx.wechatpay_openid, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
        last_change = tx.last_state_change
        # WeChat Pay sends it again (it does until it reads a success): acknowledged,
        # nothing processed twice.
        with patch(
            "odoo.addons.payment.models.payment_transaction.PaymentTransaction._process"
        ) as process:
            again = self._post(body, self.signer.headers(body))
        self.assertEqual(again.status_code, 204)
        self.assertEqual(process.call_count, 0)
        self.assertEqual(tx.last_state_change, last_change)

    @QUIET
    def test_tampered_body_refused(self):
        tx = self._create_transaction("redirect", state="pending")
        body, headers = self.signer.notification(paid_order_data(tx.reference, self.amount_fen))
        tampered = body.replace('"summary": "', '"summary": "x')
        self.assertRefused(self._post(tampered, headers), 401, tx)

    @QUIET
    def test_wrong_signature_refused(self):
        tx = self._create_transaction("redirect", state="pending")
        body, _headers = self.signer.notification(paid_order_data(tx.reference, self.amount_fen))
        forged = self.signer.headers(body, key=generate_rsa_key())
        self.assertRefused(self._post(body, forged), 401, tx)
        unsigned = {"Content-Type": "application/json", "Wechatpay-Serial": self.signer.serial}
        self.assertRefused(self._post(body, unsigned), 401, tx)

    @QUIET
    def test_old_timestamp_refused(self):
        tx = self._create_transaction("redirect", state="pending")
        body, _headers = self.signer.notification(paid_order_data(tx.reference, self.amount_fen))
        old = self.signer.headers(body, timestamp=time.time() - 6 * 60)
        self.assertRefused(self._post(body, old), 401, tx)
        recent = self.signer.headers(body, timestamp=time.time() - 4 * 60)
        self.assertEqual(self._post(body, recent).status_code, 204)
        self.assertEqual(tx.state, "done")

    @QUIET
    def test_wrong_amount_currency_merchant_refused(self):
        tx = self._create_transaction("redirect", state="pending")
        cases = (
            {"amount": {"total": self.amount_fen - 1, "currency": "CNY"}},
            {"amount": {"total": self.amount_fen, "currency": "USD"}},
            {"mchid": "1900000999"},
            {"appid": "wx0000000000000000"},
        )
        for changes in cases:
            with self.subTest(changes=changes):
                self.assertRefused(self._notify(tx, **changes), 400, tx)

    @QUIET
    def test_unknown_order_refused(self):
        tx = self._create_transaction("redirect", state="pending")
        body, headers = self.signer.notification(paid_order_data("INV_9999_00001", self.amount_fen))
        self.assertRefused(self._post(body, headers), 404, tx)

    @QUIET
    def test_resource_encrypted_with_another_key_refused(self):
        tx = self._create_transaction("redirect", state="pending")
        body = json.dumps(
            {
                "id": "EV-1",
                "resource_type": "encrypt-resource",
                "event_type": "TRANSACTION.SUCCESS",
                "resource": self.signer.encrypt(
                    paid_order_data(tx.reference, self.amount_fen), key="1" * 32
                ),
            }
        )
        self.assertRefused(self._post(body, self.signer.headers(body)), 400, tx)

    @QUIET
    def test_disabled_provider_refuses_notifications(self):
        tx = self._create_transaction("redirect", state="pending")
        self.provider.state = "disabled"
        self.assertRefused(self._notify(tx), 401, tx)

    @QUIET
    def test_refund_notification_confirms_refund(self):
        tx = self._create_transaction("redirect", state="done", provider_reference="4200000985")
        refund = tx._create_child_transaction(100.0, is_refund=True)
        refund._set_pending()
        resource = {
            "mchid": self.provider.wechatpay_mch_id,
            "out_trade_no": tx.reference,
            "transaction_id": "4200000985",
            "out_refund_no": refund.reference,
            "refund_id": "50000000382019052709732678859",
            "refund_status": "SUCCESS",
            "success_time": "2026-03-06T10:00:00+08:00",
            "user_received_account": "招商银行信用卡0403",
            "amount": {
                "total": self.amount_fen,
                "refund": 10000,
                "payer_total": self.amount_fen,
                "payer_refund": 10000,
            },
        }
        wrong = dict(resource, amount=dict(resource["amount"], refund=10001))
        body, headers = self.signer.notification(wrong, event_type="REFUND.SUCCESS")
        self.assertEqual(self._post(body, headers, WEBHOOK + "/refund").status_code, 400)
        self.assertEqual(refund.state, "pending")
        body, headers = self.signer.notification(resource, event_type="REFUND.SUCCESS")
        self.assertEqual(self._post(body, headers, WEBHOOK + "/refund").status_code, 204)
        self.assertEqual(refund.state, "done")
        self.assertEqual(refund.provider_reference, "50000000382019052709732678859")

    # ------------------------------------------------------------
    # The payment page
    # ------------------------------------------------------------

    def test_checkout_page_shows_qr_and_polls(self):
        tx = self._create_transaction(
            "redirect",
            state="pending",
            wechatpay_trade_type="NATIVE",
            wechatpay_code_url="weixin://wxpay/bizpayurl?pr=p4lpSuKzz",
        )
        token = tx._wechatpay_access_token()
        url = f"/payment/wechatpay/checkout?reference={tx.reference}&access_token={token}"
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_wechatpay_qr", page.text)
        self.assertIn("weixin://wxpay/bizpayurl?pr=p4lpSuKzz", page.text)
        self.assertIn("300.05", page.text)
        wrong = self.url_open(
            f"/payment/wechatpay/checkout?reference={tx.reference}&access_token=x"
        )
        self.assertEqual(wrong.status_code, 404)

        # The poll asks WeChat Pay (not paid yet), then reads the transaction only.
        unpaid = dict(paid_order_data(tx.reference, self.amount_fen), trade_state="NOTPAY")
        with patch(SEND, return_value=unpaid) as send:
            poll = self.make_jsonrpc_request(
                "/payment/wechatpay/poll", {"reference": tx.reference, "access_token": token}
            )
            self.assertEqual(poll["state"], "pending")
            self.make_jsonrpc_request(
                "/payment/wechatpay/poll", {"reference": tx.reference, "access_token": token}
            )
        self.assertEqual(send.call_count, 1)
        self._notify(tx)
        poll = self.make_jsonrpc_request(
            "/payment/wechatpay/poll", {"reference": tx.reference, "access_token": token}
        )
        self.assertEqual(poll, {"state": "done", "redirect_url": "/payment/status"})
