import { registry } from "@web/core/registry";

// An estate manager waives a late fee with a reason.
// The records come from property_billing/tests/test_tour_roles.py.
const REASON = "PBB water leak from the flat above";

registry.category("web_tour.tours").add("property_late_fee_waiver_tour", {
    url: "/odoo/action-property_billing.property_late_fee_action",
    steps: () => [
        {
            content: "Open the first accrued late fee",
            trigger: ".o_list_view .o_data_row:first .o_data_cell[name=bill_id]",
            run: "click",
        },
        {
            content: "Waive it",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_open_waive_wizard]",
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name=reason] input",
            run: `edit ${REASON}`,
        },
        {
            trigger: ".modal .modal-footer button[name=action_waive]",
            run: "click",
        },
        {
            content: "The late fee is waived",
            trigger: ".o_form_view .o_statusbar_status button[data-value=waived][aria-checked=true]",
        },
        {
            content: "The reason is shown",
            trigger: `.o_form_view .o_field_widget[name=waive_reason]:contains("${REASON}")`,
        },
    ],
});
