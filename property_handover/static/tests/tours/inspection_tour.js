import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// An inspector records takeover results on the lines of one unit.
// The records come from property_handover/tests/test_tour_inspection.py.
const UNIT_CODE = "TOURHO-0901";

const dataRow = (name) => `.o_data_row:has(td[name=name]:contains("${name}"))`;
const row = (name) => `.o_list_view ${dataRow(name)}`;

const recordStep = (name, result, note) => [
    {
        content: `Edit the line "${name}"`,
        trigger: `${row(name)} td[name=note]`,
        async run(helpers) {
            // The list may render again after the search (or the previous
            // save) and swallow a click: click until the line is in edition.
            const isEditing = () =>
                [...document.querySelectorAll(".o_selected_row td[name=name]")].some((td) =>
                    td.textContent.includes(name)
                );
            for (let attempt = 0; attempt < 10 && !isEditing(); attempt++) {
                await helpers.click(`${row(name)} td[name=note]`);
                await new Promise((resolve) => setTimeout(resolve, 300));
            }
        },
    },
    {
        content: `The line "${name}" is in edition`,
        trigger: `.o_selected_row:has(td[name=name]:contains("${name}")) div[name=result]`,
    },
    {
        content: `Mark "${name}" as ${result}`,
        trigger: `.o_selected_row div[name=result] .o_selection_badge:contains("${result}")`,
        run: "click",
    },
    ...(note
        ? [
              {
                  content: "Describe the problem",
                  trigger: ".o_selected_row div[name=note] input",
                  run: `edit ${note}`,
              },
          ]
        : []),
    {
        content: "Save the line",
        trigger: ".o_list_button_save",
        run: "click",
    },
    {
        content: `"${name}" is saved as ${result}`,
        trigger: `${row(name)}:not(.o_selected_row) td[name=result]:contains("${result}")`,
    },
];

registry.category("web_tour.tours").add("property_handover_inspection_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Property app",
            trigger: '.o_app[data-menu-xmlid="property_base.menu_property_root"]',
            run: "click",
        },
        {
            content: "Open the Handover menu",
            trigger: 'button[data-menu-xmlid="property_handover.menu_property_handover"]',
            run: "click",
        },
        {
            content: "Go to the inspection lines",
            trigger: 'a[data-menu-xmlid="property_handover.menu_property_handover_line"]',
            run: "click",
        },
        {
            trigger: '.o_list_view .o_breadcrumb .active:contains("Inspection Lines")',
        },
        {
            content: "Look the unit up",
            trigger: ".o_searchview_input",
            run: `edit ${UNIT_CODE}`,
        },
        {
            content: "Filter the lines of the unit",
            trigger: `.o_searchview_autocomplete .o-dropdown-item:first:contains("${UNIT_CODE}")`,
            run: "click",
        },
        {
            trigger: `.o_searchview_facet:contains("${UNIT_CODE}")`,
        },
        {
            content: "Only the three checks of the unit are listed",
            trigger: `.o_list_view:not(:has(.o_data_row:eq(3))):has(${dataRow("TOUR Walls")}):has(${dataRow("TOUR Sockets")}) .o_data_row:eq(2)`,
        },
        ...recordStep("TOUR Window seals", "Fail", "TOUR seal missing in bedroom"),
        ...recordStep("TOUR Walls", "Pass"),
        ...recordStep("TOUR Sockets", "Not Applicable"),
    ],
});
