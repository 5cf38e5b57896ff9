import { registry } from "@web/core/registry";
import { assertFitsScreen } from "@property_base/../tests/tours/portal_tour_utils";

// The owner pays a bill with WeChat Pay on a phone (390×844): the bill, the payment
// form, WeChat Pay's QR code page, which waits until WeChat Pay notifies the payment
// (the test sends the signed notification), then the bill, paid, with its receipt.
// The records come from property_billing/tests/test_portal_online_providers.py.

registry.category("web_tour.tours").add("property_billing_pay_wechatpay_tour", {
    url: "/my/bills",
    steps: () => [
        {
            content: "Open the unpaid bill",
            trigger: ".o_property_portal_bills tr:has(.o_property_bill_pay) .o_property_card_title a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Pay now",
            trigger: "a[data-bs-target='#pay_with']",
            run: "click",
        },
        {
            content: "Choose WeChat Pay",
            trigger: "#pay_with input[name='o_payment_radio'][data-provider-code='wechatpay']",
            run: "click",
        },
        {
            content: "Pay",
            trigger: "#pay_with button[name='o_payment_submit_button']:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "WeChat Pay's page shows the QR code and the amount",
            trigger: ".o_wechatpay_card:has(.o_wechatpay_amount:contains('300.00')) img.o_wechatpay_qr",
            timeout: 30000,
        },
        assertFitsScreen("WeChat Pay QR code"),
        {
            // The test sends WeChat Pay's notification once the page polls: the page
            // then goes through the payment status page back to the bill.
            content: "The page waits for the payment, then leaves",
            trigger: ".o_wechatpay_card .o_wechatpay_waiting",
            timeout: 60000,
            expectUnloadPage: true,
        },
        {
            content: "Back on the bill: nothing left to pay",
            trigger: ".o_property_bill_summary .o_property_bill_amount_due",
            timeout: 60000,
            run() {
                const due = this.anchor.textContent.replace(/\s/g, "");
                if (due !== "¥0.00") {
                    throw new Error(`The bill still shows ${due} to pay`);
                }
            },
        },
        {
            content: "The bill is marked paid",
            trigger: ".badge.text-bg-success:has(.fa-check-circle)",
        },
        assertFitsScreen("Paid bill"),
        {
            content: "Back to the bills",
            trigger: ".breadcrumb a[href='/my/bills']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The bill is paid, with its receipt",
            trigger: ".o_property_portal_bills tr:has(.text-bg-success) .o_property_receipt_link",
        },
    ],
});
