import { registry } from "@web/core/registry";

// The manager of PBB Garden and PBB Plaza reads the collection rate of the
// month on the dashboard, in Chinese, narrows it to PBB Garden and opens the
// bills behind it. Records and figures: tests/test_tour_dashboard_fees.py.
const RATE = ".o_property_dashboard_card[data-figure=collection_rate]";

registry.category("web_tour.tours").add("property_billing_dashboard_fees_tour", {
    steps: () => [
        {
            content: "The fee section, in Chinese",
            trigger: ".o_property_dashboard_section_fees h4:text(收费)",
        },
        {
            trigger: `${RATE} :text(收缴率)`,
        },
        {
            content: "Both estates: (150 + 64) ÷ (600 + 64)",
            trigger: `${RATE} .o_property_dashboard_value:text(32.2%)`,
        },
        {
            content: "Choose the estates",
            trigger: ".o_property_dashboard_estates",
            run: "click",
        },
        {
            trigger: ".o_property_dashboard_estate:contains('PBB Garden')",
            run: "click",
        },
        {
            content: "PBB Garden alone: 150 ÷ 600",
            trigger: `${RATE} .o_property_dashboard_value:text(25.0%)`,
        },
        {
            content: "Open the bills behind the figure",
            trigger: RATE,
            run: "click",
        },
        {
            content: "The list is opened from the dashboard",
            trigger: ".o_breadcrumb:contains('经营看板')",
        },
        {
            content: "Under the figure's name",
            trigger: ".o_breadcrumb .active:contains('本期账单')",
        },
        {
            content: "The 3 bills of PBB Garden of the month",
            trigger: ".o_list_view .o_pager_value:text(1-3)",
        },
        {
            trigger: ".o_list_view .o_data_row:count(3)",
        },
        {
            trigger: ".o_list_view .o_data_row td:contains('PBB Garden · P-001')",
        },
        {
            content: "Not the Plaza's bill, nor last month's",
            trigger: ".o_list_view:not(:has(.o_data_row td:contains('PBB Plaza')))",
        },
        {
            trigger: ".o_list_view:not(:has(.o_data_row td:contains('PBB tour last month')))",
        },
    ],
});
