/* The WeChat Pay page: polls the payment until it is done (the QR code is scanned, the
 * H5 payment comes back, or WeixinJSBridge's payment is confirmed), then shows the
 * payment status page. */
import { rpc } from "@web/core/network/rpc";

const POLL_INTERVAL = 3000;

function startWeChatPayPage(card) {
    const params = {
        reference: card.dataset.reference,
        access_token: card.dataset.accessToken,
    };
    const poll = async () => {
        let result;
        try {
            result = await rpc("/payment/wechatpay/poll", params);
        } catch {
            setTimeout(poll, POLL_INTERVAL * 2);
            return;
        }
        if (result.state === "done") {
            card.querySelector(".o_wechatpay_paid")?.classList.remove("d-none");
            card.querySelector(".o_wechatpay_waiting")?.classList.add("d-none");
            card.querySelector(".o_wechatpay_qr")?.classList.add("d-none");
            window.location = result.redirect_url;
        } else if (result.state === "cancel" || result.state === "error") {
            window.location = result.redirect_url;
        } else {
            setTimeout(poll, POLL_INTERVAL);
        }
    };
    const button = card.querySelector(".o_wechatpay_jsapi_pay");
    if (button && card.dataset.jsapiParameters) {
        button.addEventListener("click", () => {
            const bridge = window.WeixinJSBridge;
            if (!bridge) {
                return;
            }
            bridge.invoke(
                "getBrandWCPayRequest",
                JSON.parse(card.dataset.jsapiParameters),
                () => poll()
            );
        });
    }
    if (card.dataset.state === "draft" || card.dataset.state === "pending") {
        setTimeout(poll, POLL_INTERVAL);
    }
}

function start() {
    const card = document.querySelector(".o_wechatpay_card");
    if (card) {
        startWeChatPayPage(card);
    }
}

if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
} else {
    start();
}
