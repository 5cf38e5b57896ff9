import { registry } from "@web/core/registry";

// The manager of PHT Estate Camellia and PHT Estate Other reads the open
// defects on the dashboard, in Chinese, narrows it to PHT Estate Camellia and
// opens the defects behind the figure. Records and figures:
// tests/test_tour_dashboard_handover.py.
const DEFECTS = ".o_property_dashboard_card[data-figure=open_defect_count]";

registry.category("web_tour.tours").add("property_handover_dashboard_handover_tour", {
    steps: () => [
        {
            content: "The handover section, in Chinese",
            trigger: ".o_property_dashboard_section_handover h4:text(承接查验与交付)",
        },
        {
            trigger: `${DEFECTS} :text(未关闭问题)`,
        },
        {
            content: "Both estates: 3 open defects of Camellia and 1 of the other estate",
            trigger: `${DEFECTS} .o_property_dashboard_value:text(4)`,
        },
        {
            content: "Choose the estates",
            trigger: ".o_property_dashboard_estates",
            run: "click",
        },
        {
            trigger: ".o_property_dashboard_estate:contains('PHT Estate Camellia')",
            run: "click",
        },
        {
            content: "PHT Estate Camellia alone: 3",
            trigger: `${DEFECTS} .o_property_dashboard_value:text(3)`,
        },
        {
            content: "Open the defects behind the figure",
            trigger: DEFECTS,
            run: "click",
        },
        {
            content: "The defects are opened from the dashboard",
            trigger: ".o_breadcrumb:contains('经营看板')",
        },
        {
            content: "The 3 open defects of PHT Estate Camellia",
            trigger: ".o_list_view .o_pager_value:text(1-3)",
        },
        {
            trigger: ".o_list_view .o_data_row:count(3)",
        },
        {
            trigger: ".o_list_view .o_data_row td:contains('PHT tour hollow wall')",
        },
        {
            content: "Not the closed one, nor the other estate's",
            trigger: ".o_list_view:not(:has(.o_data_row td:contains('PHT tour closed')))",
        },
        {
            trigger: ".o_list_view:not(:has(.o_data_row td:contains('PHT tour other estate')))",
        },
    ],
});
