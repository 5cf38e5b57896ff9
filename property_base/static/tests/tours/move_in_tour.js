import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A desk clerk registers the move-in of the owner of a delivered unit.
// The records come from property_base/tests/test_tour_move_in.py.
const UNIT_CODE = "TOURMI-1208";
const UNIT_NAME = `Tour Estate Osmanthus Court · ${UNIT_CODE}`;
const OWNER_NAME = "Tour Owner Lin Xiaoyu";
const DOCUMENTS = ["Tour: property service agreement", "Tour: fire safety letter"];

const documentRow = (name) =>
    `.o_form_view .o_field_widget[name=document_line_ids] .o_data_row:contains("${name}")`;

registry.category("web_tour.tours").add("property_base_move_in_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Property app",
            trigger: '.o_app[data-menu-xmlid="property_base.menu_property_root"]',
            run: "click",
        },
        {
            content: "Open the Estates menu",
            trigger: 'button[data-menu-xmlid="property_base.menu_property_estates"]',
            run: "click",
        },
        {
            content: "Go to the units",
            trigger: 'a[data-menu-xmlid="property_base.menu_property_unit"]',
            run: "click",
        },
        {
            content: "The list of units is shown",
            trigger: '.o_list_view .o_breadcrumb .active:contains("Units")',
        },
        {
            content: "Look the unit up by its number",
            trigger: '.o_list_view:has(.o_breadcrumb .active:contains("Units")) .o_searchview_input',
            run: `edit ${UNIT_CODE}`,
        },
        {
            content: "Search the units by number",
            trigger: `.o_searchview_autocomplete .o-dropdown-item:first:contains("${UNIT_CODE}")`,
            run: "click",
        },
        {
            trigger: `.o_searchview_facet:contains("${UNIT_CODE}")`,
        },
        {
            content: "Open the delivered unit",
            trigger: `.o_list_view .o_data_row:only td[name=code]:contains("${UNIT_CODE}")`,
            run: "click",
        },
        {
            content: "The unit is delivered and has its owner",
            trigger: `.o_form_view .o_field_widget[name=current_owner_ids]:contains("${OWNER_NAME}")`,
        },
        {
            trigger: '.o_form_view .o_statusbar_status button[data-value=delivered][aria-checked=true]',
        },
        {
            content: "Start the move-in",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_start_move_in]",
            run: "click",
        },
        {
            content: "The move-in is a draft for the unit",
            trigger: `.o_form_view .o_field_widget[name=unit_id] input:value("${UNIT_NAME}")`,
        },
        {
            content: "The owner is the resident",
            trigger: `.o_form_view .o_field_widget[name=partner_id] input:value("${OWNER_NAME}")`,
        },
        {
            trigger: '.o_form_view .o_field_widget[name=role] input:value("Owner-occupier")',
        },
        {
            content: "The estate's two documents are listed, unsigned",
            trigger: ".o_form_view .o_field_widget[name=document_line_ids]",
            run({ queryAll }) {
                const rows = queryAll(".o_data_row", { root: this.anchor });
                const names = rows.map((row) => row.querySelector("td[name=document_id]").innerText.trim());
                if (JSON.stringify(names) !== JSON.stringify(DOCUMENTS)) {
                    throw new Error(`Unexpected document lines: ${JSON.stringify(names)}`);
                }
                if (queryAll("div[name=is_signed] input:checked", { root: this.anchor }).length) {
                    throw new Error("A document line is already signed");
                }
            },
        },
        {
            content: "Type the identity document number",
            trigger: ".o_form_view div[name=identity_number] input",
            run: "edit 110101199003071233",
        },
        {
            content: "Tick Identity Checked",
            trigger: ".o_form_view div[name=identity_checked] input",
            run: "check",
        },
        ...DOCUMENTS.flatMap((name) => [
            {
                content: `Toggle "${name}" signed`,
                trigger: `${documentRow(name)} div[name=is_signed] input:not(:checked)`,
                run: "click",
            },
            {
                trigger: `${documentRow(name)} div[name=is_signed] input:checked`,
            },
        ]),
        {
            content: "Three keys handed over",
            trigger: ".o_form_view div[name=key_count] input",
            run: "edit 3",
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
            content: "The Complete button is gone",
            trigger: ".o_form_view .o_form_saved:not(:has(.o_statusbar_buttons button[name=action_done]))",
        },
        {
            content: "The keys are recorded, read-only now",
            trigger: '.o_form_view .o_form_saved .o_field_widget[name=key_count] span:contains("3")',
        },
        {
            content: "The move-in links to the occupancy it created",
            trigger: ".o_form_view button[name=action_view_occupancy]",
        },
    ],
});
