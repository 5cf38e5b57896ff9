import { registry } from "@web/core/registry";

// The manager of PEN Garden and PEO Garden reads the electricity per m² of
// the month on the dashboard, in Chinese, narrows it to PEN Garden and opens
// the energy saving rows behind the figure. Records and figures:
// tests/test_tour_dashboard_energy.py.
const ELECTRICITY = ".o_property_dashboard_card[data-figure=energy_intensity_electricity]";

registry.category("web_tour.tours").add("property_energy_dashboard_energy_tour", {
    steps: () => [
        {
            content: "The energy section, in Chinese",
            trigger: ".o_property_dashboard_section_energy h4:text(能耗)",
        },
        {
            trigger: `${ELECTRICITY} :text(单位面积用电（kWh/m²）)`,
        },
        {
            content: "Both estates: (525 + 300) kWh ÷ (1,000 + 500) m²",
            trigger: `${ELECTRICITY} .o_property_dashboard_value:text(0.550)`,
        },
        {
            content: "Choose the estates",
            trigger: ".o_property_dashboard_estates",
            run: "click",
        },
        {
            trigger: ".o_property_dashboard_estate:contains('PEN Garden')",
            run: "click",
        },
        {
            content: "PEN Garden alone: 525 kWh ÷ 1,000 m²",
            trigger: `${ELECTRICITY} .o_property_dashboard_value:text(0.525)`,
        },
        {
            trigger: `${ELECTRICITY} [data-part=consumption]:contains(用量（kWh）):contains(525.000)`,
        },
        {
            content: "Open the rows behind the figure",
            trigger: ELECTRICITY,
            run: "click",
        },
        {
            content: "The rows are opened from the dashboard",
            trigger: ".o_breadcrumb:contains('经营看板')",
        },
        {
            content: "One row: PEN Garden's electricity of the month",
            trigger: ".o_list_view .o_pager_value:text(1-1)",
        },
        {
            trigger: ".o_list_view .o_data_row:count(1)",
        },
        {
            trigger: ".o_list_view .o_data_row:has(td:contains('PEN Garden')) td:contains('525.00')",
        },
        {
            content: "Not PEO Garden's",
            trigger: ".o_list_view:not(:has(.o_data_row td:contains('PEO Garden')))",
        },
    ],
});
