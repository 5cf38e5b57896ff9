import { registry } from "@web/core/registry";

// A new company's accountant fills in the rate of its property service fee,
// in Chinese: the fee items it found ready show in orange without a rate,
// the form says the fee charges nothing yet, and says so no more once the
// rate is typed. The records come from tests/test_tour_fee_rate.py.
const FEE = "物业服务费";
const feeRow = `.o_list_view .o_data_row:has(td[name=name]:contains("${FEE}"))`;

registry.category("web_tour.tours").add("property_billing_fee_rate_tour", {
    steps: () => [
        {
            content: "The four fee items of a property company are listed",
            trigger: ".o_list_view .o_data_row:nth-child(4)",
        },
        {
            content: "Without a rate, the service fee is shown in orange",
            trigger: `${feeRow}.text-warning`,
        },
        {
            content: "Open it",
            trigger: `${feeRow} td[name=name]`,
            run: "click",
        },
        {
            content: "The form says it charges nothing yet",
            trigger: ".o_form_view .alert-warning:contains('尚未填写单价')",
        },
        {
            content: "Type the approved rate",
            trigger: ".o_field_widget[name=rate] input",
            run: "edit 2.80 && press Tab",
        },
        {
            content: "The warning is gone",
            trigger: ".o_form_view:not(:has(.alert-warning))",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
    ],
});
