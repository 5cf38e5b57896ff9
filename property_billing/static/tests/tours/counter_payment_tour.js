import { registry } from "@web/core/registry";

// A cashier takes one payment for the two open bills of a unit and prints the
// receipt. The records come from property_billing/tests/test_tour_roles.py.
registry.category("web_tour.tours").add("property_counter_payment_tour", {
    url: "/odoo/action-property_billing.property_counter_payment_action",
    steps: () => [
        {
            content: "Choose the unit",
            trigger: ".modal .o_field_widget[name=unit_id] input",
            run: "edit 101",
        },
        {
            trigger: '.o-autocomplete--dropdown-item a:contains("1-1-101")',
            run: "click",
        },
        {
            content: "Its two open bills are chosen",
            trigger: ".modal .o_field_widget[name=bill_ids] .o_data_row:nth-child(2)",
        },
        {
            content: "Paid by WeChat outside Odoo",
            trigger: ".modal .o_field_widget[name=method] input[data-value=wechat]",
            run: "click",
        },
        {
            content: "Type the amount received",
            trigger: ".modal .o_field_widget[name=amount] input",
            run: "edit 447.50",
        },
        {
            content: "Take the payment and print the receipt",
            trigger: ".modal .modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The counter closes once the receipt is printed",
            trigger: "body:not(:has(.modal .o_field_widget[name=unit_id]))",
            // The payment, its reconciliation and the receipt's PDF take a while.
            timeout: 30000,
        },
    ],
});
