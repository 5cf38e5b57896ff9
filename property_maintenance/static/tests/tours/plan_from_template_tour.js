import { registry } from "@web/core/registry";

// An estate manager makes the lift maintenance plan of his estate from the
// shipped template, in Chinese: he picks the estate and the template, finds
// the tasks and their checklists copied, saves and generates the requests.
// The records come from tests/test_tour_plan_template.py.
const ESTATE = "巡游花园";
const TEMPLATE = "电梯维护保养（TSG T5002）";

registry.category("web_tour.tours").add("property_maintenance_plan_from_template_tour", {
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
            content: "Open the Engineering menu",
            trigger: ".o_menu_sections [data-menu-xmlid='property_maintenance.menu_property_engineering']",
            run: "click",
        },
        {
            content: "Open the preventive plans",
            trigger: ".dropdown-item[data-menu-xmlid='property_maintenance.menu_property_plan']",
            run: "click",
        },
        {
            content: "Create a plan",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the estate",
            trigger: ".o_field_widget[name=estate_id] input",
            run: `edit ${ESTATE}`,
        },
        {
            trigger: `.o_field_widget[name=estate_id] .dropdown-item:contains("${ESTATE}")`,
            run: "click",
        },
        {
            content: "Choose the lift template",
            trigger: ".o_field_widget[name=template_id] input",
            run: "edit 电梯",
        },
        {
            trigger: `.o_field_widget[name=template_id] .dropdown-item:contains("${TEMPLATE}")`,
            run: "click",
        },
        {
            content: "The template names the plan",
            trigger: `.o_field_widget[name=name] input:value("${TEMPLATE}")`,
        },
        {
            content: "The four tasks of the template are copied",
            trigger: ".o_field_widget[name=task_ids] .o_data_row:nth-child(4) td[name=name]:contains('年度维保')",
        },
        {
            trigger: ".o_field_widget[name=task_ids] .o_data_row:first td[name=name]:contains('半月维保')",
        },
        {
            content: "Save the plan",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            content: "Generate the requests due within the horizon",
            trigger: ".o_form_view button[name=action_generate_requests]",
            run: "click",
        },
        {
            content: "The requests of the lift are listed",
            trigger: ".o_list_view .o_data_row td:contains('半月维保')",
        },
    ],
});
