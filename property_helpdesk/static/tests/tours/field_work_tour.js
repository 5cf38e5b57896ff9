import { registry } from "@web/core/registry";

// A plumber opens the ticket dispatched to him from his "My Work" app, writes
// what he did and the material he used, and reports the work done.
// The records come from property_helpdesk/tests/test_tour_field_work.py.
registry.category("web_tour.tours").add("property_helpdesk_field_work_tour", {
    steps: () => [
        {
            content: "Open the apps",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open My Work",
            trigger: '.o-dropdown-item[data-menu-xmlid="property_helpdesk.menu_field_work_root"]',
            run: "click",
        },
        {
            content: "Another technician's ticket is not listed",
            trigger:
                '.o_list_view:has(.o_data_row:contains("PHT Tour: radiator leaks")):not(:has(.o_data_row:contains("PHT Tour: door squeaks")))',
        },
        {
            content: "Open the ticket dispatched to him",
            trigger: '.o_list_view .o_data_row td[name=name]:contains("PHT Tour: radiator leaks")',
            run: "click",
        },
        {
            content: "Describe the work",
            trigger: ".o_form_view .o_field_widget[name=work_description] textarea",
            run: "edit Replaced the radiator valve and bled the circuit; no leak after 30 minutes.",
        },
        {
            content: "Add a material",
            trigger: ".o_form_view .o_field_widget[name=material_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Material",
            trigger: ".o_form_view .o_field_widget[name=material_ids] .o_data_row .o_field_widget[name=name] input",
            run: "edit Radiator valve DN15",
        },
        {
            content: "Quantity",
            trigger: ".o_form_view .o_field_widget[name=material_ids] .o_data_row .o_field_widget[name=quantity] input",
            run: "edit 2",
        },
        {
            content: "Unit of measure",
            trigger: ".o_form_view .o_field_widget[name=material_ids] .o_data_row .o_field_widget[name=uom_name] input",
            run: "edit pcs",
        },
        {
            content: "Report the work done",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_work_done]",
            run: "click",
        },
        {
            content: "The work is reported: nothing left to finish",
            trigger:
                ".o_form_view:not(:has(button[name=action_work_done])) .o_field_widget[name=work_description]:not(:has(textarea))",
        },
    ],
});
