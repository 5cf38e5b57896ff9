import { registry } from "@web/core/registry";

// A billing clerk bills a period for one estate and reads the summary.
// The records come from property_billing/tests/test_tour_billing_run.py.
const PERIOD = "Tour 2026-03";
const ESTATE = "Tour Estate Magnolia";

registry.category("web_tour.tours").add("property_billing_run_tour", {
    url: "/odoo/action-property_billing.property_billing_run_action",
    steps: () => [
        {
            content: "Create a billing run",
            trigger: ".o_list_button_add, .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Choose the period",
            trigger: ".o_form_view .o_field_widget[name=period_id] input",
            run: `edit ${PERIOD}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-item a:contains("${PERIOD}")`,
            run: "click",
        },
        {
            content: "Choose the estate",
            trigger: ".o_form_view .o_field_widget[name=estate_ids] input",
            run: `edit ${ESTATE}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-item a:contains("${ESTATE}")`,
            run: "click",
        },
        {
            trigger: `.o_form_view .o_field_widget[name=estate_ids] .o_tag:contains("${ESTATE}")`,
        },
        {
            content: "Run the billing",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_run]",
            run: "click",
        },
        {
            content: "The run goes on in the background: the form is back at once",
            trigger:
                ".o_form_view .o_statusbar_status button[data-value=queued][aria-checked=true], " +
                ".o_form_view .o_statusbar_status button[data-value=running][aria-checked=true]",
        },
        {
            content: "The progress counts the estate's three units",
            trigger: ".o_form_view .o_field_widget[name=unit_done]:contains(0 / 3)",
        },
    ],
});

// The clerk comes back to the run once the background has billed it
// (property_billing/tests/test_tour_billing_run.py runs the jobs or the cron
// between the two tours) and reads the summary.
registry.category("web_tour.tours").add("property_billing_run_done_tour", {
    steps: () => [
        {
            content: "The run is done",
            trigger: ".o_form_view .o_statusbar_status button[data-value=done][aria-checked=true]",
        },
        {
            content: "Every unit of the estate was handled",
            trigger: ".o_form_view .o_field_widget[name=unit_done]:contains(3 / 3)",
        },
        {
            content: "Two units were billed",
            trigger: ".o_form_view .o_field_widget[name=unit_billed_count]:contains(2)",
        },
        {
            content: "The unit without owner is listed as skipped",
            // In English or in Chinese, as the clerk reads it.
            trigger:
                '.o_form_view .o_field_widget[name=skip_ids] .o_data_row:contains("no owner during the period"), ' +
                '.o_form_view .o_field_widget[name=skip_ids] .o_data_row:contains("账期内无业主")',
        },
        {
            content: "The total is 100 m² × 2.50 + 80 m² × 2.50",
            trigger: ".o_form_view .o_field_widget[name=amount_total]:contains(450.00)",
        },
    ],
});
