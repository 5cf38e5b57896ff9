import { registry } from "@web/core/registry";

// The estate manager, in Chinese on a tablet, closes the vote and reads the
// result of each motion by area and by owners on its form.
// The records come from property_community/tests/test_tour_staff.py.
const VOTE = "桂园业主大会书面表决（结束测试）";
const motion = (index) => `.o_field_widget[name=motion_ids] .o_data_row:eq(${index})`;

registry.category("web_tour.tours").add("property_community_manager_close_tour", {
    steps: () => [
        {
            content: "Open the vote from the list",
            trigger: `.o_list_view .o_data_row td[name=name]:contains("${VOTE}")`,
            run: "click",
        },
        {
            content: "Four ballots; close and count",
            trigger: ".o_form_view button[name=action_view_ballots] .o_stat_value:text(4)",
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_close]",
            run: "click",
        },
        {
            content: "Confirm: the ballots are locked",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The vote is closed",
            trigger: ".o_form_view .o_statusbar_status button[data-value=closed][aria-checked=true]",
        },
        {
            content: "Participation reached (4 owners of 4, 322.00 m²)",
            trigger: ".o_form_view .o_field_widget[name=voted_area]:contains('322.00')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=voted_owner_count]:text(4)",
        },
        {
            content: "First motion: 241.50 m² and 3 owners agree, passed (通过)",
            trigger: `${motion(0)}:has(td[name=agree_area]:contains('241.50')):has(td[name=agree_owner_count]:text(3)) td[name=result]:text(通过)`,
        },
        {
            content: "Second motion (major): 161.00 m² and 2 owners agree, rejected (未通过)",
            trigger: `${motion(1)}:has(td[name=agree_area]:contains('161.00')):has(td[name=agree_owner_count]:text(2)) td[name=result]:text(未通过)`,
        },
        {
            content: "Print the result: the actions menu",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Print → 表决结果",
            trigger: ".o-dropdown--menu .o_menu_item:has(.fa-print):contains('表决结果')",
            run: "click",
        },
        {
            content: "The PDF is downloaded, no error",
            trigger: "body:not(:has(.o_error_dialog)):not(:has(.o_blockUI)) .o_form_view .o_statusbar_status button[data-value=closed][aria-checked=true]",
        },
    ],
});
