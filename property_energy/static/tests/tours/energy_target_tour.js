import { registry } from "@web/core/registry";

// An estate manager, in Chinese, sets the year's electricity target of his
// estate (0.45 kWh/m² a month, a budget of 350 元), sees the monthly target
// computed from the estate's area, then opens the energy saving report and
// finds March over the target and the budget. Records from
// tests/test_tour_energy.py (estate PEN Garden, 1,000 m²).
const MARCH = `.o_list_view .o_data_row:has(td[name=period]:contains("2026-03"))`;

registry.category("web_tour.tours").add("property_energy_target_tour", {
    steps: () => [
        {
            content: "New target",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The estate",
            trigger: ".o_field_widget[name=estate_id] input",
            run: "edit PEN Garden",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('PEN Garden')",
            run: "click",
        },
        {
            content: "The year is this one",
            trigger: ".o_field_widget[name=year] input:value(2026)",
        },
        {
            content: "Electricity by default; the area of the estate is shown",
            trigger: ".o_field_widget[name=area]:contains('1,000.00')",
        },
        {
            content: "Target per m² a month",
            trigger: ".o_field_widget[name=target_intensity] input",
            run: "edit 0.45 && press Tab",
        },
        {
            content: "The monthly target follows from the area",
            trigger: ".o_field_widget[name=target_quantity] input:value(450.00)",
        },
        {
            content: "Monthly budget",
            trigger: ".o_field_widget[name=budget_amount] input",
            run: "edit 350 && press Tab",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            content: "Saved, named in Chinese",
            trigger: ".o_field_widget[name=name]:contains('2026 PEN Garden 用电')",
        },
        {
            content: "Open the energy saving report",
            trigger: ".o_main_navbar .o_menu_sections button:contains('报表')",
            run: "click",
        },
        {
            trigger: ".dropdown-item:contains('节能降耗')",
            run: "click",
        },
        {
            content: "March is over the target, in red, and over the budget",
            trigger: `${MARCH} td[name=status]:contains('超出目标')`,
        },
        {
            trigger: `${MARCH} td[name=consumption]:contains('520.00')`,
        },
        {
            trigger: `${MARCH} td[name=variance].text-danger:contains('70.00')`,
        },
        {
            trigger: `${MARCH} td[name=cost_variance].text-danger:contains('40.00')`,
        },
        {
            content: "April is not read yet",
            trigger: `.o_list_view .o_data_row:has(td[name=period]:contains("2026-04")) td[name=status]:contains('未抄表')`,
        },
    ],
});
