import { registry } from "@web/core/registry";
import { assertFitsScreen } from "@property_base/../tests/tours/portal_tour_utils";

// The owner pays bills on a phone (390×844), through Odoo's payment form.
// The records come from property_billing/tests/test_portal_payment.py.

function openBills() {
    return [
        assertFitsScreen("Home"),
        {
            content: "Open the bills from the home page",
            trigger: "a[href='/my/bills']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The bills page lists the unpaid bill",
            trigger: ".o_property_portal_bills tr[data-bill-id] .o_property_bill_pay:first",
        },
        assertFitsScreen("Bills"),
    ];
}

function openUnpaidBill() {
    return [
        ...openBills(),
        {
            content: "Open the unpaid bill",
            trigger: ".o_property_portal_bills tr:has(.o_property_bill_pay) .o_property_card_title a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The bill page shows the amount due",
            trigger: ".o_property_bill_amount_due",
        },
        assertFitsScreen("Bill page"),
        {
            content: "Pay now",
            trigger: "a[data-bs-target='#pay_with']",
            run: "click",
        },
        {
            content: "The payment form opens",
            trigger: "#pay_with.show #o_payment_form",
        },
        assertFitsScreen("Payment step"),
    ];
}

function payByTransfer(scope, landing) {
    return [
        {
            content: "Choose the bank transfer",
            trigger: `${scope} input[name='o_payment_radio'][data-payment-method-code='wire_transfer']`,
            run: "click",
        },
        {
            content: "Pay",
            trigger: `${scope} button[name='o_payment_submit_button']:enabled`,
            run: "click",
            expectUnloadPage: true,
        },
        {
            // Through Odoo's payment status page, back where the payment started.
            content: "The bank details to transfer to are shown",
            trigger: `${landing}:contains('1001 2345 0900 8888 666')`,
            timeout: 30000,
        },
        assertFitsScreen("After paying"),
    ];
}

registry.category("web_tour.tours").add("property_billing_pay_transfer_tour", {
    url: "/my",
    steps: () => [...openUnpaidBill(), ...payByTransfer("#pay_with", "#invoice_content")],
});

registry.category("web_tour.tours").add("property_billing_pay_demo_tour", {
    url: "/my",
    steps: () => [
        ...openUnpaidBill(),
        {
            content: "Choose the online (demo) provider",
            trigger: "#pay_with input[name='o_payment_radio'][data-provider-code='demo']",
            run: "click",
        },
        {
            content: "Type the card number",
            trigger: "#pay_with input[name='customer_input']",
            run: "edit 4242424242424242",
        },
        {
            // Odoo's zh_CN translation of payment_demo translates the option
            // values of the simulated state too ("done" becomes "完成"), which
            // the demo provider then takes for an error: put the value back.
            content: "Simulate a successful payment",
            trigger: "#pay_with select#simulated_payment_state",
            run() {
                const select = document.querySelector("#simulated_payment_state");
                select.options[0].value = "done";
                select.selectedIndex = 0;
            },
        },
        {
            content: "Pay",
            trigger: "#pay_with button[name='o_payment_submit_button']:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Back on the bill",
            trigger: ".o_property_bill_summary",
            timeout: 30000,
        },
        assertFitsScreen("Paid bill"),
    ],
});

registry.category("web_tour.tours").add("property_billing_pay_several_tour", {
    url: "/my",
    steps: () => [
        ...openBills(),
        {
            content: "Tick the first unpaid bill",
            trigger: ".o_property_portal_bills tr:nth-child(1) input.o_property_bill_select",
            run: "check",
        },
        {
            content: "Tick the second unpaid bill",
            trigger: ".o_property_portal_bills tr:nth-child(2) input.o_property_bill_select",
            run: "check",
        },
        {
            content: "Pay the chosen bills",
            trigger: ".o_property_bills_pay_selected",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The payment page lists both bills",
            trigger: ".o_property_bills_payment tbody tr:nth-child(2)",
        },
        assertFitsScreen("Payment of two bills"),
        ...payByTransfer(".o_property_bills_payment", ".o_property_pending_transfers"),
    ],
});

registry.category("web_tour.tours").add("property_billing_paid_tour", {
    url: "/my/bills",
    steps: () => [
        {
            content: "The bill is paid, with its receipt",
            trigger: ".o_property_portal_bills tr:has(.text-bg-success) .o_property_receipt_link",
        },
        {
            content: "The payment history lists the payment with its receipt",
            trigger: ".o_property_portal_payments .o_property_receipt_link",
        },
        assertFitsScreen("Paid bills"),
    ],
});
