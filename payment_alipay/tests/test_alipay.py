import json
from datetime import timedelta
from types import SimpleNamespace
from unittest.mock import patch

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.http_routing.tests.common import MockRequest
from odoo.addons.payment.tests.http_common import PaymentHttpCommon
from odoo.addons.payment_alipay.models.payment_provider import signing_string
from odoo.addons.payment_alipay.tests.common import (
    APP_ID,
    AlipayCommon,
    generate_rsa_key,
    notification_params,
    private_pem,
)

SEND = "odoo.addons.payment.models.payment_provider.PaymentProvider._send_api_request"
NOTIFY = "/payment/alipay/notify"
QUIET = mute_logger(
    "odoo.addons.payment_alipay.controllers.main",
    "odoo.addons.payment_alipay.controllers.main.security",
    "odoo.addons.payment.models.payment_transaction",
)


@tagged("post_install", "-at_install")
class TestAlipay(AlipayCommon, PaymentHttpCommon):
    def _verify_app_signature(self, params):
        import base64  # noqa: PLC0415

        self.app_key.public_key().verify(
            base64.b64decode(params["sign"]),
            signing_string(params).encode(),
            padding.PKCS1v15(),
            hashes.SHA256(),
        )

    # ------------------------------------------------------------
    # Orders
    # ------------------------------------------------------------

    def test_page_pay_form_is_signed(self):
        tx = self._create_transaction("redirect")
        processing_values = tx._get_processing_values()
        form = self._extract_values_from_html_form(processing_values["redirect_form_html"])
        self.assertEqual(form["method"], "post")
        self.assertEqual(
            form["action"], "https://openapi-sandbox.dl.alipaydev.com/gateway.do?charset=utf-8"
        )
        params = form["inputs"]
        self.assertEqual(params["method"], "alipay.trade.page.pay")
        self.assertEqual((params["app_id"], params["sign_type"]), (APP_ID, "RSA2"))
        biz = json.loads(params["biz_content"])
        self.assertEqual(biz["out_trade_no"], tx.reference)
        self.assertEqual(biz["total_amount"], "300.05")
        self.assertEqual(biz["product_code"], "FAST_INSTANT_TRADE_PAY")
        self.assertTrue(params["notify_url"].endswith(NOTIFY))
        self.assertTrue(params["return_url"].endswith("/payment/alipay/return"))
        self._verify_app_signature(params)
        self.assertEqual(tx.state, "draft")
        # Production endpoint once enabled.
        self.provider.state = "enabled"
        self.assertEqual(
            self.provider._alipay_get_gateway_url(), "https://openapi.alipay.com/gateway.do"
        )

    def test_wap_pay_on_phone(self):
        tx = self._create_transaction("redirect")
        iphone = {"HTTP_USER_AGENT": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Mobile/15E148"}
        with MockRequest(self.env, environ_base=iphone):
            processing_values = tx._get_processing_values()
        params = self._extract_values_from_html_form(processing_values["redirect_form_html"])[
            "inputs"
        ]
        self.assertEqual(params["method"], "alipay.trade.wap.pay")
        biz = json.loads(params["biz_content"])
        self.assertEqual(biz["product_code"], "QUICK_WAP_WAY")
        self.assertTrue(biz["quit_url"])
        self._verify_app_signature(params)

    def test_cny_and_two_decimals_only(self):
        count = self.env["payment.transaction"].search_count([])
        with self.assertRaisesRegex(ValidationError, "CNY only, not in EUR"):
            self._create_transaction("redirect", currency_id=self.currency_euro.id)
        with self.assertRaisesRegex(ValidationError, "more than two decimals"):
            self._create_transaction("redirect", amount=0.001)
        self.assertEqual(self.env["payment.transaction"].search_count([]), count)
        self.assertEqual(self.provider.available_currency_ids.mapped("name"), ["CNY"])

    def test_reference_is_a_valid_out_trade_no(self):
        Tx = self.env["payment.transaction"]
        self.assertEqual(Tx._compute_reference("alipay", prefix="INV/2026/00001"), "INV_2026_00001")
        self._create_transaction("redirect", reference="INV_2026_00001")
        self.assertEqual(
            Tx._compute_reference("alipay", prefix="INV/2026/00001"), "INV_2026_00001_1"
        )

    def test_bad_keys_refused_at_save(self):
        cases = (
            ({"alipay_private_key": "MIIEabc"}, "not a valid RSA private key"),
            ({"alipay_private_key": private_pem(generate_rsa_key(1024))}, "2048 bits"),
            (
                {"alipay_public_key": "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"},
                "not a valid RSA public key",
            ),
            ({"alipay_app_id": False}, "cannot be enabled without: Alipay App ID"),
        )
        for values, message in cases:
            with (
                self.subTest(values=list(values)),
                self.assertRaisesRegex(ValidationError, message),
            ):
                with self.env.cr.savepoint():
                    self.provider.write(values)
        # PKCS#1 keys (the Alipay key tool's "非Java" format) are accepted.
        self.provider.alipay_private_key = private_pem(self.app_key, pkcs1=True)
        self.provider._alipay_load_private_key()

    def test_bad_keys_refused_in_chinese(self):
        with self.assertRaisesRegex(ValidationError, "支付宝公钥"), self.env.cr.savepoint():
            self.provider.with_context(lang="zh_CN").write({"alipay_public_key": "abc"})

    def test_response_signature_is_verified(self):
        node = {
            "code": "10000",
            "msg": "Success",
            "out_trade_no": "X",
            "trade_status": "TRADE_SUCCESS",
        }
        text = self.signer.response("alipay.trade.query", node)
        self.assertEqual(self.provider._alipay_parse_response(text, "alipay.trade.query"), node)
        with self.assertRaisesRegex(ValidationError, "signature is invalid"):
            self.provider._alipay_parse_response(
                text.replace("TRADE_SUCCESS", "TRADE_FINISHED"), "alipay.trade.query"
            )
        response = SimpleNamespace(
            text=self.signer.response("alipay.trade.query", node, key=generate_rsa_key())
        )
        with self.assertRaisesRegex(ValidationError, "signature is invalid"):
            self.provider._parse_response_content(response, alipay_method="alipay.trade.query")

    def test_query_and_close_cron(self):
        paid = self._create_transaction("redirect", state="pending")
        unpaid = self._create_transaction("redirect", reference="INV_2026_00043", state="pending")
        # Only this test's orders are waiting (a database may hold others).
        self.env["payment.transaction"].search(
            [
                ("provider_code", "=", "alipay"),
                ("state", "in", ("draft", "pending")),
                ("reference", "not like", "INV_2026_0004"),
            ]
        ).state = "cancel"
        self.env.cr.execute(
            SQL(
                "UPDATE payment_transaction SET create_date = %s WHERE id IN %s",
                fields.Datetime.now() - timedelta(minutes=40),
                (paid.id, unpaid.id),
            )
        )
        self.env.invalidate_all()
        calls = []

        def answer(method, endpoint, data=None, **kwargs):
            biz = json.loads(data["biz_content"])
            calls.append((data["method"], biz["out_trade_no"]))
            self._verify_app_signature(data)
            if data["method"] == "alipay.trade.close":
                return {"code": "10000", "msg": "Success"}
            if biz["out_trade_no"] == paid.reference:
                return {
                    "code": "10000",
                    "msg": "Success",
                    "out_trade_no": paid.reference,
                    "trade_no": "2026030522001",
                    "trade_status": "TRADE_SUCCESS",
                    "total_amount": "300.05",
                }
            return {
                "code": "40004",
                "msg": "Business Failed",
                "sub_code": "ACQ.TRADE_NOT_EXIST",
                "sub_msg": "交易不存在",
            }

        with patch(SEND, side_effect=answer):
            self.env["payment.transaction"]._cron_alipay_check_pending_orders()
        self.assertEqual(paid.state, "done")
        self.assertEqual(paid.provider_reference, "2026030522001")
        self.assertEqual(unpaid.state, "cancel")
        self.assertIn(("alipay.trade.close", unpaid.reference), calls)
        calls.clear()
        with patch(SEND, side_effect=answer):
            self.env["payment.transaction"]._cron_alipay_check_pending_orders()
        self.assertEqual(calls, [])

    def test_refund(self):
        tx = self._create_transaction("redirect", state="done", provider_reference="2026030522001")
        with patch(
            SEND,
            return_value={
                "code": "10000",
                "msg": "Success",
                "trade_no": "2026030522001",
                "out_trade_no": tx.reference,
                "fund_change": "Y",
                "refund_fee": "100.00",
            },
        ) as send:
            tx.action_refund(amount_to_refund=100.0)
        data = send.call_args.kwargs["data"]
        self.assertEqual(data["method"], "alipay.trade.refund")
        biz = json.loads(data["biz_content"])
        refund = tx.child_transaction_ids
        self.assertEqual(
            biz,
            {
                "out_trade_no": tx.reference,
                "refund_amount": "100.00",
                "out_request_no": refund.reference,
            },
        )
        self.assertEqual(refund.state, "done")
        tx2 = self._create_transaction("redirect", reference="INV_2026_00050", state="done")
        with patch(
            SEND,
            return_value={
                "code": "40004",
                "sub_code": "ACQ.TRADE_HAS_FINISHED",
                "sub_msg": "交易已完结",
            },
        ):
            tx2.action_refund(amount_to_refund=10.0)
        self.assertEqual(tx2.child_transaction_ids.state, "error")
        self.assertIn("交易已完结", tx2.child_transaction_ids.state_message)

    # ------------------------------------------------------------
    # Notifications
    # ------------------------------------------------------------

    def _notify(self, params):
        return self.url_open(self._build_url(NOTIFY), data=params)

    def assertRefused(self, response, tx):
        self.assertEqual(response.text, "failure")
        tx.invalidate_recordset()
        self.assertEqual(tx.state, "pending")
        self.assertFalse(tx.provider_reference)

    @QUIET
    def test_valid_notification_pays_once(self):
        tx = self._create_transaction("redirect", state="pending")
        params = self.signer.sign_notification(notification_params(tx.reference, "300.05"))
        response = self._notify(params)
        self.assertEqual(response.text, "success")
        self.assertEqual(response.headers["Content-Type"].split(";")[0], "text/plain")
        self.assertEqual(
            (tx.state, tx.provider_reference), ("done", "2026030522001478361234567890")
        )
        with patch(
            "odoo.addons.payment.models.payment_transaction.PaymentTransaction._process"
        ) as process:
            self.assertEqual(self._notify(params).text, "success")
        self.assertEqual(process.call_count, 0)

    @QUIET
    def test_tampered_or_forged_notification_refused(self):
        tx = self._create_transaction("redirect", state="pending")
        params = self.signer.sign_notification(notification_params(tx.reference, "300.05"))
        self.assertRefused(self._notify(dict(params, total_amount="0.01")), tx)
        forged = self.signer.sign_notification(
            notification_params(tx.reference, "300.05"), key=generate_rsa_key()
        )
        self.assertRefused(self._notify(forged), tx)
        self.assertRefused(self._notify(dict(params, sign="")), tx)
        self.assertRefused(self._notify(dict(params, sign_type="RSA")), tx)

    @QUIET
    def test_wrong_amount_seller_app_refused(self):
        tx = self._create_transaction("redirect", state="pending")
        for changes in (
            {"total_amount": "300.04"},
            {"total_amount": "300.050001"},
            {"seller_id": "2088000000000000"},
            {"app_id": "2021000000000000"},
        ):
            with self.subTest(changes=changes):
                params = self.signer.sign_notification(
                    dict(notification_params(tx.reference, "300.05"), **changes)
                )
                self.assertRefused(self._notify(params), tx)

    @QUIET
    def test_unknown_order_refused(self):
        tx = self._create_transaction("redirect", state="pending")
        params = self.signer.sign_notification(notification_params("INV_9999_1", "300.05"))
        self.assertRefused(self._notify(params), tx)

    @QUIET
    def test_return_page_verifies_then_queries(self):
        tx = self._create_transaction("redirect", state="pending")
        params = self.signer.sign_notification(
            {
                "charset": "utf-8",
                "out_trade_no": tx.reference,
                "method": "alipay.trade.page.pay.return",
                "total_amount": "300.05",
                "trade_no": "2026030522001",
                "auth_app_id": APP_ID,
                "version": "1.0",
                "app_id": APP_ID,
                "seller_id": "2088621994123456",
                "timestamp": "2026-03-05 13:29:40",
            }
        )
        query = {
            "code": "10000",
            "msg": "Success",
            "out_trade_no": tx.reference,
            "trade_no": "2026030522001",
            "trade_status": "TRADE_SUCCESS",
            "total_amount": "300.05",
        }
        with patch(SEND, return_value=query) as send:
            forged = dict(params, total_amount="1.00")
            response = self.url_open(
                self._build_url("/payment/alipay/return"), params=forged, allow_redirects=False
            )
            self.assertIn("/payment/status", response.headers["Location"])
            self.assertEqual(send.call_count, 0)
            self.assertEqual(tx.state, "pending")
            response = self.url_open(
                self._build_url("/payment/alipay/return"), params=params, allow_redirects=False
            )
        self.assertEqual(send.call_count, 1)
        self.assertIn("/payment/status", response.headers["Location"])
        self.assertEqual(tx.state, "done")
        biz = json.loads(send.call_args.kwargs["data"]["biz_content"])
        self.assertEqual(biz, {"out_trade_no": tx.reference})
