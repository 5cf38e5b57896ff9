import json
import re
import time
from datetime import timedelta
from types import SimpleNamespace
from unittest.mock import patch

from cryptography.exceptions import InvalidSignature

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.http_routing.tests.common import MockRequest
from odoo.addons.payment_wechatpay.tests.common import (
    MCH_ID,
    MERCHANT_SERIAL,
    WeChatPayCommon,
    generate_rsa_key,
    paid_order_data,
    private_pem,
    rsa_verify,
)

SEND = "odoo.addons.payment.models.payment_provider.PaymentProvider._send_api_request"


@tagged("post_install", "-at_install")
class TestWeChatPayProvider(WeChatPayCommon):
    # ------------------------------------------------------------
    # Signatures
    # ------------------------------------------------------------

    def test_request_authorization_is_signed_with_merchant_key(self):
        body = '{"mchid":"1900000109"}'
        header = self.provider._wechatpay_build_authorization(
            "POST", "/v3/pay/transactions/native", body, timestamp=1554208460, nonce="593BEC0C93"
        )
        self.assertTrue(header.startswith("WECHATPAY2-SHA256-RSA2048 "))
        fields = dict(re.findall(r'(\w+)="([^"]*)"', header))
        self.assertEqual(fields["mchid"], MCH_ID)
        self.assertEqual(fields["serial_no"], MERCHANT_SERIAL)
        self.assertEqual((fields["timestamp"], fields["nonce_str"]), ("1554208460", "593BEC0C93"))
        message = f"POST\n/v3/pay/transactions/native\n1554208460\n593BEC0C93\n{body}\n"
        rsa_verify(self.merchant_key.public_key(), message, fields["signature"])
        with self.assertRaises(InvalidSignature):
            rsa_verify(
                self.merchant_key.public_key(), message.replace("POST", "GET"), fields["signature"]
            )

    def test_response_signature_is_verified(self):
        body = json.dumps({"code_url": "weixin://wxpay/bizpayurl?pr=p4lpSuKzz"})
        response = SimpleNamespace(
            text=body, headers=self.signer.headers(body), json=lambda: json.loads(body)
        )
        self.assertEqual(
            self.provider._parse_response_content(response)["code_url"],
            "weixin://wxpay/bizpayurl?pr=p4lpSuKzz",
        )
        tampered = SimpleNamespace(
            text=body.replace("p4l", "xxx"), headers=response.headers, json=response.json
        )
        with self.assertRaisesRegex(ValidationError, "signature is invalid"):
            self.provider._parse_response_content(tampered)
        unsigned = SimpleNamespace(text=body, headers={}, json=response.json)
        with self.assertRaisesRegex(ValidationError, "headers are missing"):
            self.provider._parse_response_content(unsigned)

    def test_signature_refused_when_old_or_from_another_key(self):
        body = "{}"
        old = self.signer.headers(body, timestamp=time.time() - 301)
        with self.assertRaisesRegex(ValidationError, "too old"):
            self.provider._wechatpay_verify_signature(old, body)
        forged = self.signer.headers(body, key=generate_rsa_key())
        with self.assertRaisesRegex(ValidationError, "signature is invalid"):
            self.provider._wechatpay_verify_signature(forged, body)
        other_serial = dict(self.signer.headers(body), **{"Wechatpay-Serial": "PUB_KEY_ID_X"})
        with self.assertRaisesRegex(ValidationError, "unknown key serial"):
            self.provider._wechatpay_verify_signature(other_serial, body)
        self.provider._wechatpay_verify_signature(self.signer.headers(body), body)

    def test_resource_decryption(self):
        resource = self.signer.encrypt({"out_trade_no": "X1"})
        self.assertEqual(
            self.provider._wechatpay_decrypt_resource(resource), {"out_trade_no": "X1"}
        )
        wrong_key = self.signer.encrypt({"out_trade_no": "X1"}, key="0" * 32)
        with self.assertRaisesRegex(ValidationError, "cannot be decrypted"):
            self.provider._wechatpay_decrypt_resource(wrong_key)
        other_aad = dict(resource, associated_data="refund")
        with self.assertRaisesRegex(ValidationError, "cannot be decrypted"):
            self.provider._wechatpay_decrypt_resource(other_aad)

    def test_jsapi_parameters_are_signed(self):
        params = self.provider._wechatpay_get_jsapi_parameters(
            "wx201410272009395522657a690389285100"
        )
        self.assertEqual(params["package"], "prepay_id=wx201410272009395522657a690389285100")
        self.assertEqual(params["signType"], "RSA")
        message = (
            f"{params['appId']}\n{params['timeStamp']}\n{params['nonceStr']}\n{params['package']}\n"
        )
        rsa_verify(self.merchant_key.public_key(), message, params["paySign"])

    # ------------------------------------------------------------
    # Configuration
    # ------------------------------------------------------------

    def test_bad_keys_refused_at_save(self):
        provider = self.provider.with_context(lang="en_US")
        cases = (
            ({"wechatpay_private_key": "not a key"}, "not a valid RSA private key"),
            ({"wechatpay_private_key": private_pem(generate_rsa_key(1024))}, "2048 bits"),
            (
                {
                    "wechatpay_platform_public_key": (
                        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"
                    )
                },
                "public key or platform certificate is not valid",
            ),
            ({"wechatpay_api_v3_key": "short"}, "32 characters"),
            ({"wechatpay_app_id": False}, "cannot be enabled without: AppID"),
        )
        for values, message in cases:
            with (
                self.subTest(values=list(values)),
                self.assertRaisesRegex(ValidationError, message),
            ):
                with self.env.cr.savepoint():
                    provider.write(values)
        # The keys stayed as they were.
        self.assertEqual(self.provider.wechatpay_api_v3_key, self.api_v3_key)
        # A disabled provider may be saved without credentials, not with a broken key.
        self.provider.write({"state": "disabled", "wechatpay_app_id": False})
        with self.assertRaisesRegex(ValidationError, "32 characters"), self.env.cr.savepoint():
            self.provider.write({"wechatpay_api_v3_key": "short"})

    def test_bad_keys_refused_in_chinese(self):
        if not self.env["res.lang"]._lang_get("zh_CN"):
            self.skipTest("zh_CN is not installed")
        with self.assertRaisesRegex(ValidationError, "APIv3密钥"), self.env.cr.savepoint():
            self.provider.with_context(lang="zh_CN").write({"wechatpay_api_v3_key": "short"})

    def test_platform_certificate_serial_read_from_certificate(self):
        import datetime  # noqa: PLC0415

        from cryptography import x509  # noqa: PLC0415
        from cryptography.hazmat.primitives import hashes, serialization  # noqa: PLC0415
        from cryptography.x509.oid import NameOID  # noqa: PLC0415

        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Tenpay.com Root CA")])
        now = datetime.datetime.now(datetime.UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(self.platform_key.public_key())
            .serial_number(0x5157F09EFDC096DE15EBE81A47057A72)
            .not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=30))
            .sign(self.platform_key, hashes.SHA256())
        )
        pem = certificate.public_bytes(serialization.Encoding.PEM).decode()
        self.provider.write(
            {"wechatpay_platform_public_key": pem, "wechatpay_platform_serial_no": False}
        )
        self.assertEqual(
            self.provider.wechatpay_platform_serial_no, "5157F09EFDC096DE15EBE81A47057A72"
        )
        body = "{}"
        headers = dict(
            self.signer.headers(body), **{"Wechatpay-Serial": "5157F09EFDC096DE15EBE81A47057A72"}
        )
        self.provider._wechatpay_verify_signature(headers, body)

    def test_cny_only(self):
        self.assertEqual(self.provider.available_currency_ids.mapped("name"), ["CNY"])
        euro_providers = self.env["payment.provider"]._get_compatible_providers(
            self.company.id, self.partner.id, 100.0, currency_id=self.currency_euro.id
        )
        self.assertNotIn(self.provider, euro_providers)
        cny_providers = self.env["payment.provider"]._get_compatible_providers(
            self.company.id, self.partner.id, 100.0, currency_id=self.currency.id
        )
        self.assertIn(self.provider, cny_providers)
        count = self.env["payment.transaction"].search_count([])
        with self.assertRaisesRegex(ValidationError, "CNY only, not in EUR"):
            self._create_transaction("redirect", currency_id=self.currency_euro.id)
        with self.assertRaisesRegex(ValidationError, "more than two decimals"):
            self._create_transaction("redirect", amount=300.055)
        self.assertEqual(self.env["payment.transaction"].search_count([]), count)

    def test_reference_is_a_valid_out_trade_no(self):
        Tx = self.env["payment.transaction"]
        reference = Tx._compute_reference("wechatpay", prefix="INV/2026/00001")
        self.assertEqual(reference, "INV_2026_00001")
        self._create_transaction("redirect", reference=reference)
        self.assertEqual(
            Tx._compute_reference("wechatpay", prefix="INV/2026/00001"), "INV_2026_00001-1"
        )
        long_reference = Tx._compute_reference("wechatpay", prefix="B" * 60 + "/é")
        self.assertLessEqual(len(long_reference), 32)
        self.assertRegex(long_reference, r"^[0-9A-Za-z_\-]+$")

    # ------------------------------------------------------------
    # Orders
    # ------------------------------------------------------------

    def test_native_order_placed_in_fen_and_qr_page(self):
        tx = self._create_transaction("redirect")
        with patch(
            SEND, return_value={"code_url": "weixin://wxpay/bizpayurl?pr=p4lpSuKzz"}
        ) as send:
            processing_values = tx._get_processing_values()
        (call,) = send.call_args_list
        self.assertEqual(call.args[:2], ("POST", "/v3/pay/transactions/native"))
        payload = json.loads(call.kwargs["data"])
        self.assertEqual(payload["amount"], {"total": 30005, "currency": "CNY"})
        self.assertIsInstance(payload["amount"]["total"], int)
        self.assertEqual(payload["out_trade_no"], tx.reference)
        self.assertEqual(
            (payload["mchid"], payload["appid"]), (MCH_ID, self.provider.wechatpay_app_id)
        )
        self.assertTrue(payload["notify_url"].endswith("/payment/wechatpay/webhook"))
        # The signed body is the body sent.
        self.assertEqual(call.kwargs["wechatpay_body"], call.kwargs["data"].decode())
        self.assertEqual(tx.state, "draft")
        self.assertEqual(tx.wechatpay_code_url, "weixin://wxpay/bizpayurl?pr=p4lpSuKzz")
        form = self._extract_values_from_html_form(processing_values["redirect_form_html"])
        self.assertEqual(form["action"], "/payment/wechatpay/checkout")
        self.assertEqual(form["inputs"]["reference"], tx.reference)

    def test_h5_order_on_phone_browser(self):
        self.provider.wechatpay_h5_enabled = True
        tx = self._create_transaction("redirect")
        h5_url = "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx2016&package=1037687096"
        with (
            patch.object(type(tx), "_wechatpay_get_trade_type", return_value="H5"),
            patch(SEND, return_value={"h5_url": h5_url}) as send,
        ):
            processing_values = tx._get_processing_values()
        payload = json.loads(send.call_args.kwargs["data"])
        self.assertEqual(send.call_args.args[1], "/v3/pay/transactions/h5")
        self.assertEqual(payload["scene_info"]["h5_info"], {"type": "Wap"})
        form = self._extract_values_from_html_form(processing_values["redirect_form_html"])
        self.assertEqual(form["action"], "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb")
        self.assertEqual(form["inputs"]["prepay_id"], "wx2016")
        self.assertIn("/payment/wechatpay/checkout", form["inputs"]["redirect_url"])

    def test_order_refused_by_wechatpay_sets_error(self):
        tx = self._create_transaction("redirect")
        with patch(SEND, side_effect=ValidationError("PARAM_ERROR: 参数错误")):
            tx._get_processing_values()
        self.assertEqual(tx.state, "error")
        self.assertIn("PARAM_ERROR", tx.state_message)

    def test_query_cron_confirms_and_closes(self):
        paid = self._create_transaction("redirect", state="pending")
        unpaid = self._create_transaction("redirect", reference="INV_2026_00043", state="pending")
        fresh = self._create_transaction("redirect", reference="INV_2026_00044", state="pending")
        # Only this test's orders are waiting (a database may hold others).
        self.env["payment.transaction"].search(
            [
                ("provider_code", "=", "wechatpay"),
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

        def answer(method, endpoint, **kwargs):
            if endpoint.endswith("/close"):
                return {}
            if paid.reference in endpoint:
                return paid_order_data(paid.reference, self.amount_fen)
            return dict(
                paid_order_data(unpaid.reference, self.amount_fen),
                trade_state="NOTPAY",
                transaction_id=None,
            )

        with patch(SEND, side_effect=answer) as send:
            self.env["payment.transaction"]._cron_wechatpay_check_pending_orders()
        endpoints = [c.args[1] for c in send.call_args_list]
        self.assertEqual(paid.state, "done")
        self.assertEqual(paid.provider_reference, "4200000985202603051234567890")
        self.assertEqual(unpaid.state, "cancel")
        self.assertIn(f"/v3/pay/transactions/out-trade-no/{unpaid.reference}/close", endpoints)
        self.assertEqual(fresh.state, "pending")  # not asked yet: its notification may come
        self.assertFalse([e for e in endpoints if fresh.reference in e])
        # A second run asks nothing more: nothing is left waiting.
        with patch(SEND, side_effect=answer) as send:
            self.env["payment.transaction"]._cron_wechatpay_check_pending_orders()
        self.assertFalse(send.call_args_list)

    def test_query_with_wrong_amount_writes_nothing(self):
        tx = self._create_transaction("redirect", state="pending")
        with (
            patch(SEND, return_value=paid_order_data(tx.reference, 1)),
            self.assertRaisesRegex(ValidationError, "amount 1 fen"),
        ):
            tx._wechatpay_query_order()
        self.assertEqual(tx.state, "pending")

    # ------------------------------------------------------------
    # Refunds
    # ------------------------------------------------------------

    def test_refund_through_odoo_refund_flow(self):
        tx = self._create_transaction(
            "redirect", state="done", provider_reference="4200000985202603051234567890"
        )
        refund_answer = {
            "refund_id": "50000000382019052709732678859",
            "out_refund_no": "ignored",
            "transaction_id": "4200000985202603051234567890",
            "out_trade_no": tx.reference,
            "channel": "ORIGINAL",
            "status": "PROCESSING",
            "amount": {
                "total": 30005,
                "refund": 10000,
                "currency": "CNY",
                "payer_total": 30005,
                "payer_refund": 10000,
            },
        }
        with patch(SEND, return_value=refund_answer) as send:
            tx.action_refund(amount_to_refund=100.0)
        payload = json.loads(send.call_args.kwargs["data"])
        self.assertEqual(send.call_args.args[1], "/v3/refund/domestic/refunds")
        self.assertEqual(payload["amount"], {"refund": 10000, "total": 30005, "currency": "CNY"})
        self.assertEqual(payload["transaction_id"], "4200000985202603051234567890")
        refund = tx.child_transaction_ids
        self.assertEqual(payload["out_refund_no"], refund.reference)
        self.assertEqual(
            (refund.operation, refund.amount, refund.state), ("refund", -100.0, "pending")
        )
        self.assertEqual(refund.provider_reference, "50000000382019052709732678859")

    def test_refund_of_wrong_amount_answer_is_an_error(self):
        tx = self._create_transaction("redirect", state="done")
        answer = {
            "refund_id": "5000",
            "status": "SUCCESS",
            "amount": {"total": 30005, "refund": 99, "currency": "CNY"},
        }
        with patch(SEND, return_value=answer):
            tx.action_refund(amount_to_refund=100.0)
        self.assertEqual(tx.child_transaction_ids.state, "error")

    def test_jsapi_inside_wechat_with_known_openid(self):
        """Inside WeChat, the openid WeChat Pay told with an earlier payment of the partner
        makes a JSAPI order; without one the payer gets the QR code."""
        wechat_ua = {"HTTP_USER_AGENT": "Mozilla/5.0 (iPhone) Mobile MicroMessenger/8.0.50"}
        first = self._create_transaction("redirect")
        with MockRequest(self.env, environ_base=wechat_ua):
            self.assertEqual(first._wechatpay_get_trade_type(), "NATIVE")
        first.write({"state": "done", "wechatpay_openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"})
        tx = self._create_transaction("redirect", reference="INV_2026_00045")
        with (
            MockRequest(self.env, environ_base=wechat_ua),
            patch(SEND, return_value={"prepay_id": "wx201410272009395522657a690389285100"}) as send,
        ):
            processing_values = tx._get_processing_values()
        self.assertEqual(send.call_args.args[1], "/v3/pay/transactions/jsapi")
        payload = json.loads(send.call_args.kwargs["data"])
        self.assertEqual(payload["payer"], {"openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"})
        self.assertEqual(tx.wechatpay_prepay_id, "wx201410272009395522657a690389285100")
        form = self._extract_values_from_html_form(processing_values["redirect_form_html"])
        self.assertEqual(form["action"], "/payment/wechatpay/checkout")
