import { registry } from "@web/core/registry";

// A technician opens his round from the Property app's menu and records it:
// one check is not OK (with a note), one reading is normal; the abnormal
// check raises a maintenance request at once, then the round is finished.
// The records come from tests/test_tour_patrol.py.
const ROUTE = "Tour plant-room round";
const row = (item) => `.o_field_widget[name=result_ids] .o_data_row:has(td[name=item_id]:contains("${item}"))`;

registry.category("web_tour.tours").add("property_maintenance_patrol_round_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button:enabled",
            run: "click",
        },
        {
            content: "Open the Property app",
            trigger: ".o_app[data-menu-xmlid='property_base.menu_property_root']",
            run: "click",
        },
        {
            content: "Open the Patrols menu",
            trigger: ".o_menu_sections [data-menu-xmlid='property_maintenance.menu_property_patrol']",
            run: "click",
        },
        {
            content: "Open the patrol rounds",
            trigger: ".dropdown-item[data-menu-xmlid='property_maintenance.menu_property_patrol_round']",
            run: "click",
        },
        {
            content: "Only his own open round is listed",
            trigger: ".o_list_view .o_data_row:only-child td[name=route_id]:contains('" + ROUTE + "')",
        },
        {
            content: "Open today's round of the route",
            trigger: `.o_list_view .o_data_row td[name=route_id]:contains("${ROUTE}")`,
            run: "click",
        },
        {
            content: "The round lists its two checks, none recorded",
            trigger: ".o_form_view .o_field_widget[name=pending_count]:contains(2)",
        },
        {
            content: "Select the leak check",
            trigger: `${row("Tour no leaks")} td[name=result]`,
            run: "click",
        },
        {
            content: "It is not OK",
            trigger: `${row("Tour no leaks")} .o_field_widget[name=result] .o_selection_badge:contains("Not OK")`,
            run: "click",
        },
        {
            trigger: `${row("Tour no leaks")} .o_field_widget[name=result] .o_selection_badge.active:contains("Not OK")`,
        },
        {
            content: "Note what is wrong",
            trigger: `${row("Tour no leaks")} .o_field_widget[name=note] input`,
            run: "edit Water under the pump",
        },
        {
            content: "No pressure read yet: the cell is blank, not 0.000",
            trigger: `${row("Tour outlet pressure")} td[name=reading]:not(:contains("0.000"))`,
        },
        {
            content: "Select the pressure reading",
            trigger: `${row("Tour outlet pressure")} td[name=reading]`,
            run: "click",
        },
        {
            content: "Type a normal pressure",
            trigger: `${row("Tour outlet pressure")} .o_field_widget[name=reading] input`,
            run: "edit 0.45",
        },
        {
            content: "Save the round",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The abnormal check raised a request",
            trigger: `.o_form_saved ${row("Tour no leaks")} td[name=request_id]:contains("Tour no leaks")`,
        },
        {
            content: "The reading is normal",
            trigger: `${row("Tour outlet pressure")} td[name=result]:contains("OK"):not(:contains("Not OK"))`,
        },
        {
            content: "Finish the round",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_done]",
            run: "click",
        },
        {
            content: "The round is done",
            trigger: ".o_form_view .o_statusbar_status button[data-value=done][aria-checked=true]",
        },
    ],
});
