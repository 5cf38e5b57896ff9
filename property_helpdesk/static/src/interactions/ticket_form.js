import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";

/**
 * The new-request form offers only the categories of the chosen kind (and
 * those meant for every kind).
 */
export class PropertyTicketForm extends Interaction {
    static selector = "#property_new_ticket_form";
    dynamicContent = {
        "#ticket_kind": { "t-on-change": this.filterCategories },
    };

    start() {
        this.filterCategories();
    }

    filterCategories() {
        const kind = this.el.querySelector("#ticket_kind")?.value;
        const select = this.el.querySelector("#category");
        if (!select) {
            return;
        }
        for (const option of select.options) {
            const optionKind = option.dataset.kind;
            const shown = !option.value || !optionKind || optionKind === kind;
            option.hidden = !shown;
            option.disabled = !shown;
            if (!shown && option.selected) {
                select.value = "";
            }
        }
    }
}

registry
    .category("public.interactions")
    .add("property_helpdesk.ticket_form", PropertyTicketForm);
