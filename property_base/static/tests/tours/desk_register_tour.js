import { registry } from "@web/core/registry";

// The desk registers a new owner (name, mobile, ID number, his unit) and runs
// his move-in. The records come from property_base/tests/test_tour_desk_register.py.
const UNIT_CODE = "TOURREG-0802";
const UNIT_NAME = `Tour Estate Magnolia Court · ${UNIT_CODE}`;
const OWNER_NAME = "Tour Owner Zhou Yun";
const OWNER_ID = "11010519491231002X";

registry.category("web_tour.tours").add("property_base_desk_register_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The desk lands on the move-ins to finish",
            trigger: '.o_list_view .o_breadcrumb .active:contains("Move-ins")',
        },
        {
            trigger: '.o_searchview_facet:contains("To Do")',
        },
        {
            content: "Open the Front Desk menu",
            trigger: 'button[data-menu-xmlid="property_base.menu_property_front_desk"]',
            run: "click",
        },
        {
            content: "Register an owner",
            trigger: 'a[data-menu-xmlid="property_base.menu_property_register"]',
            run: "click",
        },
        {
            content: "Type the owner's name",
            trigger: ".o_form_view .o_field_widget[name=name] textarea, .o_form_view .o_field_widget[name=name] input",
            run: `edit ${OWNER_NAME}`,
        },
        {
            content: "Type his mobile",
            trigger: ".o_form_view .o_field_widget[name=phone] input",
            run: "edit 139 2468 1357",
        },
        {
            content: "The ID type is the resident ID card",
            trigger: '.o_form_view .o_field_widget[name=property_id_type] input:value("Resident Identity Card")',
        },
        {
            content: "Type his ID number",
            trigger: ".o_form_view .o_field_widget[name=property_id_number] input",
            run: `edit ${OWNER_ID}`,
        },
        {
            content: "Look up his unit",
            trigger: ".o_form_view .o_field_widget[name=property_register_unit_id] input",
            run: `edit ${UNIT_CODE}`,
        },
        {
            content: "Choose the unit",
            trigger: `.o-autocomplete--dropdown-item a:contains("${UNIT_CODE}")`,
            run: "click",
        },
        {
            content: "He is an owner",
            trigger: ".o_form_view .o_field_widget[name=property_register_role] input[data-value=owner]:checked",
        },
        {
            content: "He pays the unit's bills",
            trigger: ".o_form_view .o_field_widget[name=property_register_primary_payer] input",
            run: "check",
        },
        {
            content: "Save the registration",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Registered: the move-in can start",
            trigger: ".o_form_view .o_form_saved .o_statusbar_buttons button[name=action_property_start_move_in]",
            run: "click",
        },
        {
            content: "The move-in is a draft for his unit",
            trigger: `.o_form_view .o_field_widget[name=unit_id] input:value("${UNIT_NAME}")`,
        },
        {
            content: "He is the resident",
            trigger: `.o_form_view .o_field_widget[name=partner_id] input:value("${OWNER_NAME}")`,
        },
        {
            content: "His ID number is the one registered",
            trigger: `.o_form_view div[name=identity_number] input:value("${OWNER_ID}")`,
        },
        {
            content: "Tick Identity Checked",
            trigger: ".o_form_view div[name=identity_checked] input",
            run: "check",
        },
        {
            content: "Sign the service agreement",
            trigger: '.o_form_view .o_field_widget[name=document_line_ids] .o_data_row:contains("Tour: service agreement") div[name=is_signed] input:not(:checked)',
            run: "click",
        },
        {
            trigger: '.o_form_view .o_field_widget[name=document_line_ids] .o_data_row:contains("Tour: service agreement") div[name=is_signed] input:checked',
        },
        {
            content: "Two keys handed over",
            trigger: ".o_form_view div[name=key_count] input",
            run: "edit 2",
        },
        {
            content: "Complete the move-in",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_done]",
            run: "click",
        },
        {
            content: "The move-in is done",
            trigger: ".o_form_view .o_statusbar_status button[data-value=done][aria-checked=true]",
        },
        {
            content: "The move-in links to the occupancy it created",
            trigger: ".o_form_view button[name=action_view_occupancy]",
        },
    ],
});
