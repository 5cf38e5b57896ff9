import { registry } from "@web/core/registry";

// An estate manager of 丹桂苑 (3 units) and 银杏湾 (2 units) lands on the
// dashboard in Chinese, narrows it to 丹桂苑, switches to the quarter and
// opens the units behind the figure. Records from tests/test_tour_dashboard.py.
const UNITS = ".o_property_dashboard_card[data-figure=unit_count]";

registry.category("web_tour.tours").add("property_base_dashboard_tour", {
    steps: () => [
        {
            content: "The manager lands on the dashboard: the units of both estates",
            trigger: `${UNITS} .o_property_dashboard_value:text(5)`,
        },
        {
            content: "The month is named in Chinese",
            trigger: ".o_property_dashboard_period:contains('月')",
        },
        {
            content: "Choose the estates",
            trigger: ".o_property_dashboard_estates",
            run: "click",
        },
        {
            trigger: ".o_property_dashboard_estate:contains('PBD 丹桂苑')",
            run: "click",
        },
        {
            content: "Only 丹桂苑's units",
            trigger: `${UNITS} .o_property_dashboard_value:text(3)`,
        },
        {
            content: "The quarter",
            trigger: ".o_property_dashboard_period_types button[data-period=quarter]",
            run: "click",
        },
        {
            trigger: ".o_property_dashboard_period:contains('季度')",
        },
        {
            content: "Open the units behind the figure",
            trigger: UNITS,
            run: "click",
        },
        {
            content: "The list has the 3 units of 丹桂苑",
            trigger: ".o_list_view .o_pager_value:text(1-3)",
        },
        {
            trigger: ".o_list_view:not(:has(.o_data_row td:contains('PBD B1')))",
        },
    ],
});
