import { registry } from "@web/core/registry";

// A desk clerk logs an owner's complaint taken by phone and dispatches it.
// The records come from property_helpdesk/tests/test_tour_complaint.py.
const pick = (field, text) => [
    {
        content: `Type ${text} in ${field}`,
        trigger: `.o_form_view .o_field_widget[name=${field}] input`,
        run: `edit ${text}`,
    },
    {
        content: `Choose ${text}`,
        trigger: `.o-autocomplete--dropdown-item:contains("${text}")`,
        run: "click",
    },
];

registry.category("web_tour.tours").add("property_helpdesk_complaint_tour", {
    steps: () => [
        {
            content: "Log a new request",
            trigger: ".o_control_panel_main_buttons button.o-kanban-button-new",
            run: "click",
        },
        {
            content: "It is a complaint",
            trigger: ".o_form_view .o_field_widget[name=ticket_kind] input[data-value=complaint]",
            run: "click",
        },
        {
            content: "Title",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: "edit Tour: dog barking every night",
        },
        ...pick("estate_id", "Tour Estate Pine"),
        ...pick("unit_id", "TOURHD-0801"),
        {
            content: "The owner of the unit reports it",
            trigger: '.o_form_view .o_field_widget[name=partner_id] input:value("Tour Owner Gao Min")',
        },
        ...pick("category_id", "Tour Noise"),
        {
            content: "The category routes it to the security team",
            trigger: '.o_form_view .o_field_widget[name=team_id] input:value("Tour Security")',
        },
        {
            content: "Describe the complaint",
            trigger: ".o_form_view .o_field_widget[name=description] .odoo-editor-editable",
            run: "editor The neighbour's dog barks from 23:00 to 2:00.",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved, with its SLA rule",
            trigger: '.o_form_view .o_field_widget[name=sla_rule_id]:contains("Tour Complaint")',
        },
        {
            content: "Dispatch",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_dispatch]",
            run: "click",
        },
        {
            content: "Choose the guard",
            trigger: ".modal .o_field_widget[name=user_id] input",
            run: "edit Tour Guard Qian",
        },
        {
            trigger: '.o-autocomplete--dropdown-item:contains("Tour Guard Qian")',
            run: "click",
        },
        {
            content: "Confirm the dispatch",
            trigger: ".modal button[name=action_dispatch]",
            run: "click",
        },
        {
            content: "The ticket is in progress with the guard",
            trigger: '.o_form_view .o_field_widget[name=user_id] input:value("Tour Guard Qian")',
        },
        {
            content: "Back to the requests",
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "The new complaint is on the board",
            trigger: '.o_kanban_view .o_kanban_record:contains("Tour: dog barking every night")',
        },
    ],
});
