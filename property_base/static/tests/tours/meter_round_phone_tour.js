import { registry } from "@web/core/registry";

// The meter reader walks his round on his phone: he signs in and lands on
// his open rounds (not last month's finished one), opens this month's, sees
// the route, period and progress in a short header with the meters right
// under it, types the readings of two meters (the second jumps far above its
// average and is flagged), watches the progress, leaves the third for later
// and finishes the round; his rounds are then empty. The records come from
// property_base/tests/test_tour_meter_round.py.
const ROUND = "TOURRND Tower water";
const lineRow = (place) =>
    `.o_field_widget[name=line_ids] .o_data_row:has(td[name=location]:contains("${place}"))`;
const phoneHeader = ".o_meter_round_phone_header";

registry.category("web_tour.tours").add("property_base_meter_round_phone_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The reader lands on his rounds",
            trigger: '.o_last_breadcrumb_item.active:contains("My Rounds")',
        },
        {
            content: "Only his open round, not last month's finished one",
            trigger: `.o_kanban_view .o_kanban_record:contains("${ROUND}")`,
            run({ queryAll }) {
                const cards = queryAll(".o_kanban_view .o_kanban_record:not(.o_kanban_ghost)");
                if (cards.length !== 1) {
                    const texts = cards.map((card) => card.innerText.replace(/\s+/g, " "));
                    throw new Error(`Expected his one open round: ${JSON.stringify(texts)}`);
                }
            },
        },
        {
            content: "Open his round",
            trigger: `.o_kanban_record:contains("${ROUND}")`,
            run: "click",
        },
        {
            content: "The header tells the period, the reading date he may change, the progress",
            trigger: `${phoneHeader}:has(.o_field_widget[name=date_start]) .o_field_widget[name=date]:not(.o_readonly_modifier) .o_input`,
        },
        {
            content: "Nothing read yet",
            trigger: `${phoneHeader}:has(.o_field_widget[name=read_count]:contains(0)) .o_field_widget[name=missing_count]:contains(3)`,
        },
        {
            content: "The first meter to read shows without scrolling",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:first td[name=location]",
            run() {
                const top = this.anchor.getBoundingClientRect().top;
                if (top > window.innerHeight / 2) {
                    throw new Error(`The meters start ${top}px down a ${window.innerHeight}px screen`);
                }
            },
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
            content: "Two read, one missing, two thirds done",
            trigger: `${phoneHeader}:has(.o_field_widget[name=read_count]:contains(2)):has(.o_field_widget[name=progress]:contains(67)) .o_field_widget[name=missing_count]:contains(1)`,
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
        {
            content: "Open the app's menu",
            trigger: ".o_menu_toggle",
            run: "click",
        },
        {
            content: "His rounds come first in meter reading",
            trigger: '.o_app_menu_sidebar [data-menu-xmlid="property_base.menu_property_meter_round_mine"]',
            run: "click",
        },
        {
            content: "No round left to walk",
            trigger: '.o_view_nocontent:contains("No round to walk")',
        },
    ],
});
