import { registry } from "@web/core/registry";

// The meter reader walks his round on his phone: he opens it from the menu,
// types the readings of two meters (the second jumps far above its average
// and is flagged), leaves the third for later and finishes the round. The
// records come from property_base/tests/test_tour_meter_round.py.
const ROUND = "TOURRND Tower water";
const lineRow = (place) =>
    `.o_field_widget[name=line_ids] .o_data_row:has(td[name=location]:contains("${place}"))`;

registry.category("web_tour.tours").add("property_base_meter_round_phone_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the app's menu",
            trigger: ".o_menu_toggle",
            run: "click",
        },
        {
            content: "Go to the reading rounds",
            trigger: '.o_app_menu_sidebar [data-menu-xmlid="property_base.menu_property_meter_round"]',
            run: "click",
        },
        {
            content: "Open his round",
            trigger: `.o_kanban_record:contains("${ROUND}")`,
            run: "click",
        },
        {
            content: "The meters come in walking order, the first to read",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:first td[name=location]:contains('TOURRND-1-102')",
        },
        {
            content: "Nothing read yet",
            trigger: ".o_field_widget[name=missing_count]:contains(3)",
        },
        {
            content: "Tap the new reading of the first meter",
            trigger: `${lineRow("TOURRND-1-102")} td[name=value]`,
            run: "click",
        },
        {
            content: "Type it",
            trigger: `${lineRow("TOURRND-1-102")}.o_selected_row td[name=value] input`,
            run: "edit 1030",
        },
        {
            content: "Tap the next meter's new reading",
            trigger: `${lineRow("TOURRND-1-101")} td[name=value]`,
            run: "click",
        },
        {
            content: "Type a reading far above the usual use",
            trigger: `${lineRow("TOURRND-1-101")}.o_selected_row td[name=value] input`,
            run: "edit 1500",
        },
        {
            content: "Leave the line",
            trigger: ".o_form_view .oe_title",
            run: "click",
        },
        {
            content: "The jump is flagged in orange",
            trigger: `${lineRow("TOURRND-1-101")}.text-warning td[name=warning] .badge:contains("Jump")`,
        },
        {
            content: "The first meter is fine",
            trigger: `${lineRow("TOURRND-1-102")}:not(.text-warning):not(.text-danger)`,
        },
        {
            content: "Two read, one missing",
            trigger: ".o_field_widget[name=missing_count]:contains(1)",
        },
        {
            content: "Finish the round",
            trigger: ".o_statusbar_buttons button[name=action_finish]",
            run: "click",
        },
        {
            content: "The round is done",
            trigger: ".o_form_view:not(:has(button[name=action_finish])) .o_field_widget[name=state]",
        },
    ],
});
