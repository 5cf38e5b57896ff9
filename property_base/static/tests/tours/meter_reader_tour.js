import { registry } from "@web/core/registry";

// The meter reader walks his round: the meters of his estate still to read
// this month, one reading from the round, one in the readings list. The
// records come from property_base/tests/test_tour_meter_reader.py.
const WATER = "TOURRD-A-W1";
const POWER = "TOURRD-A-E1";
const ELSEWHERE = "TOURRD-B-W1";

const meterRow = (name) => `.o_list_view .o_data_row:has(td[name=name]:contains("${name}"))`;

registry.category("web_tour.tours").add("property_base_meter_reader_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The reader lands on the meters to read",
            trigger: '.o_list_view .o_breadcrumb .active:contains("Meters to Read")',
        },
        {
            trigger: '.o_searchview_facet:contains("To Read This Month")',
        },
        {
            content: "His estate's two meters are to read, none of the other estate",
            trigger: `${meterRow(POWER)}`,
            run({ queryAll }) {
                const names = queryAll(".o_list_view .o_data_row td[name=name]").map((td) =>
                    td.innerText.trim()
                );
                if (!names.includes(WATER) || !names.includes(POWER)) {
                    throw new Error(`Missing meters in the round: ${JSON.stringify(names)}`);
                }
                if (names.some((name) => name.startsWith("TOURRD-B"))) {
                    throw new Error(`A meter of another estate is shown: ${JSON.stringify(names)}`);
                }
            },
        },
        {
            content: "Of the app's own menus, only meter reading",
            trigger: 'button[data-menu-xmlid="property_base.menu_property_meters"]',
            run({ queryAll }) {
                const menus = queryAll(".o_menu_sections [data-menu-xmlid]")
                    .map((el) => el.dataset.menuXmlid)
                    .filter((xmlid) => xmlid.startsWith("property_base."));
                if (JSON.stringify(menus) !== JSON.stringify(["property_base.menu_property_meters"])) {
                    throw new Error(`Unexpected menus: ${JSON.stringify(menus)}`);
                }
            },
        },
        {
            content: "Enter the water meter's reading from the round",
            trigger: `${meterRow(WATER)} button[name=action_enter_reading]`,
            run: "click",
        },
        {
            content: "Type the reading",
            trigger: ".modal .o_form_view div[name=value] input",
            run: "edit 1234.5",
        },
        {
            content: "Save it",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The water meter has left the round",
            trigger: `.o_list_view:not(:has(td[name=name]:contains("${WATER}"))) .o_data_row:has(td[name=name]:contains("${POWER}"))`,
        },
        {
            content: "Open the meter-reading menu",
            trigger: 'button[data-menu-xmlid="property_base.menu_property_meters"]',
            run: "click",
        },
        {
            content: "Go to the readings",
            trigger: 'a[data-menu-xmlid="property_base.menu_property_meter_reading"]',
            run: "click",
        },
        {
            trigger: '.o_list_view .o_breadcrumb .active:contains("Meter Readings")',
        },
        {
            content: "A new reading",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Look up the electricity meter",
            trigger: ".o_data_row.o_selected_row div[name=meter_id] input",
            run: `edit ${POWER}`,
        },
        {
            content: "Choose it",
            trigger: `.o-autocomplete--dropdown-item a:contains("${POWER}")`,
            run: "click",
        },
        {
            content: "Type the reading",
            trigger: ".o_data_row.o_selected_row div[name=value] input",
            run: "edit 5678",
        },
        {
            content: "Save the line",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            content: "The reading is stored",
            trigger: `.o_list_view .o_data_row:not(.o_selected_row):has(td[name=meter_id]:contains("${POWER}"))`,
        },
        {
            content: "The other estate's meter cannot be picked",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_data_row.o_selected_row div[name=meter_id] input",
            run: `edit ${ELSEWHERE}`,
        },
        {
            trigger: ".o-autocomplete--dropdown-menu",
            run({ queryAll }) {
                const found = queryAll(".o-autocomplete--dropdown-item").filter((item) =>
                    item.innerText.includes(ELSEWHERE)
                );
                if (found.length) {
                    throw new Error("The other estate's meter is offered");
                }
            },
        },
        {
            content: "Leave the line",
            trigger: ".o_list_button_discard",
            run: "click",
        },
        {
            trigger: ".o_list_view:not(:has(.o_selected_row))",
        },
    ],
});
