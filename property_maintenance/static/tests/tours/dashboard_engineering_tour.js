import { registry } from "@web/core/registry";

// The manager of PMT Lotus Garden and PMT Riverside reads the plan completion
// rate of the month on the dashboard, in Chinese, narrows it to PMT Lotus
// Garden and opens the requests behind the figure. Records and figures:
// tests/test_tour_dashboard_engineering.py.
const RATE = ".o_property_dashboard_card[data-figure=plan_completion_rate]";

registry.category("web_tour.tours").add("property_maintenance_dashboard_engineering_tour", {
    steps: () => [
        {
            content: "The engineering section, in Chinese",
            trigger: ".o_property_dashboard_section_engineering h4:text(工程管理)",
        },
        {
            trigger: `${RATE} :text(计划完成率)`,
        },
        {
            content: "Both estates: 2 of the 5 requests due done on time",
            trigger: `${RATE} .o_property_dashboard_value:text(40.0%)`,
        },
        {
            content: "Choose the estates",
            trigger: ".o_property_dashboard_estates",
            run: "click",
        },
        {
            trigger: ".o_property_dashboard_estate:contains('PMT Lotus Garden')",
            run: "click",
        },
        {
            content: "PMT Lotus Garden alone: 1 of 4",
            trigger: `${RATE} .o_property_dashboard_value:text(25.0%)`,
        },
        {
            content: "1 on time, none late, 3 not done",
            trigger: `${RATE} [data-part=on_time]:contains(按时完成):contains(25.0%)`,
        },
        {
            trigger: `${RATE} [data-part=late]:contains(逾期完成):contains(0.0%)`,
        },
        {
            trigger: `${RATE} [data-part=not_done]:contains(未完成):contains(75.0%)`,
        },
        {
            content: "Open the requests behind the figure",
            trigger: RATE,
            run: "click",
        },
        {
            content: "The requests are opened from the dashboard",
            trigger: ".o_breadcrumb:contains('经营看板')",
        },
        {
            content: "Under the figure's name",
            trigger: ".o_breadcrumb .active:contains('计划完成率')",
        },
        {
            content: "The 4 requests of PMT Lotus Garden due this month",
            trigger: ".o_list_view .o_pager_value:text(1-4)",
        },
        {
            trigger: ".o_list_view .o_data_row:count(4)",
        },
        {
            trigger: ".o_list_view .o_data_row td:contains('PMT Transformer')",
        },
        {
            content: "Not the request of PMT Riverside",
            trigger: ".o_list_view:not(:has(.o_data_row td:contains('PMT Riverside')))",
        },
    ],
});
