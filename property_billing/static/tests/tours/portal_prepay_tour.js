import { registry } from "@web/core/registry";
import { assertFitsScreen } from "@property_base/../tests/tours/portal_tour_utils";

// The owner tops up the prepaid balance of a unit on a phone (390×844) and pays online
// with the demo provider. The records come from property_billing/tests/test_portal_prepay.py.

registry.category("web_tour.tours").add("property_billing_prepay_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the prepayment page from the home page",
            trigger: "a[href='/my/prepay']",
            run: "click",
            expectUnloadPage: true,
        },
        assertFitsScreen("Prepay"),
        {
            content: "Choose the unit",
            trigger: "select[name='unit_id']",
            run: "selectByLabel PPP-A",
        },
        {
            content: "Type the amount",
            trigger: "input[name='amount']",
            run: "edit 500",
        },
        {
            content: "Next",
            trigger: ".o_property_prepay_next",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The payment form, for 500.00",
            trigger: ".o_property_prepay_payment:contains('500.00') #o_payment_form",
        },
        assertFitsScreen("Prepay: payment"),
        {
            content: "Choose the online (demo) provider",
            trigger: "input[name='o_payment_radio'][data-provider-code='demo']",
            run: "click",
        },
        {
            content: "Type the card number",
            trigger: "input[name='customer_input']",
            run: "edit 4242424242424242",
        },
        {
            // As in property_billing_pay_demo_tour: Odoo's zh_CN translation of
            // payment_demo translates the option value of the simulated state.
            content: "Simulate a successful payment",
            trigger: "select#simulated_payment_state",
            run() {
                const select = document.querySelector("#simulated_payment_state");
                select.options[0].value = "done";
                select.selectedIndex = 0;
            },
        },
        {
            content: "Pay",
            trigger: "button[name='o_payment_submit_button']:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Back on the prepayment page",
            trigger: ".o_property_prepay_form",
            timeout: 30000,
        },
    ],
});
