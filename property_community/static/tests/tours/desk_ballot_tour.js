import { registry } from "@web/core/registry";

// The desk (前台), in Chinese on a tablet, records the paper ballot of 王秀英
// for unit 0802: from the vote to its ballots, a new ballot typed in, the
// scanned ballot uploaded, a choice on each motion; back on the vote, two
// ballots and the participation counted.
// The records come from property_community/tests/test_tour_staff.py.
const VOTE = "桂园业主大会书面表决（前台测试）";
const SCAN = "0802号表决票.pdf";

function chooseScan(input) {
    const transfer = new DataTransfer();
    transfer.items.add(new File(["%PDF-1.4 scanned ballot 0802"], SCAN, { type: "application/pdf" }));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

const motionRow = (index) => `.o_field_widget[name=line_ids] .o_data_row:eq(${index})`;

registry.category("web_tour.tours").add("property_community_desk_ballot_tour", {
    steps: () => [
        {
            content: "Open the vote from the list",
            trigger: `.o_list_view .o_data_row td[name=name]:contains("${VOTE}")`,
            run: "click",
        },
        {
            content: "One ballot so far: open the ballots",
            trigger: ".o_form_view button[name=action_view_ballots]:has(.o_stat_value:text(1))",
            run: "click",
        },
        {
            content: "A new paper ballot",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            content: "The ballot is for this vote",
            trigger: `.o_form_view .o_field_widget[name=vote_id] input:value("${VOTE}")`,
        },
        {
            content: "Type the unit",
            trigger: ".o_form_view .o_field_widget[name=unit_id] input",
            run: "edit 0802",
        },
        {
            trigger: '.o-autocomplete--dropdown-item a:contains("0802")',
            run: "click",
        },
        {
            content: "Type the owner who signed",
            trigger: ".o_form_view .o_field_widget[name=partner_id] input",
            run: "edit 王秀英",
        },
        {
            trigger: '.o-autocomplete--dropdown-item a:contains("王秀英")',
            run: "click",
        },
        {
            content: "A paper ballot (纸质表决票)",
            trigger: ".o_form_view .o_field_widget[name=channel] select, .o_form_view .o_field_widget[name=channel] input",
            run() {
                const text = this.anchor.tagName === "SELECT"
                    ? this.anchor.selectedOptions[0].textContent
                    : this.anchor.value;
                if (!text.includes("纸质")) {
                    throw new Error(`expected a paper ballot, got ${text}`);
                }
            },
        },
        {
            content: "Upload the scanned ballot",
            trigger: ".o_form_view .o_field_widget[name=scan_ids]",
            run() {
                chooseScan(this.anchor.querySelector("input[type=file]"));
            },
        },
        {
            content: "The scan is attached",
            trigger: `.o_form_view .o_field_widget[name=scan_ids]:contains("0802号表决票")`,
        },
        {
            content: "First motion: agree (同意)",
            trigger: `${motionRow(0)} td[name=choice]`,
            run: "click",
        },
        {
            trigger: `${motionRow(0)} td[name=choice] input[data-value=agree]`,
            run: "click",
        },
        {
            content: "Second motion: oppose (反对)",
            trigger: `${motionRow(1)} td[name=choice]`,
            run: "click",
        },
        {
            trigger: `${motionRow(1)} td[name=choice] input[data-value=oppose]`,
            run: "click",
        },
        {
            trigger: `${motionRow(1)} td[name=choice] input[data-value=oppose]:checked`,
        },
        {
            content: "Save the ballot",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "Back to the vote",
            trigger: `.o_breadcrumb a:contains("${VOTE}")`,
            run: "click",
        },
        {
            content: "Two ballots now",
            trigger: ".o_form_view button[name=action_view_ballots] .o_stat_value:text(2)",
        },
        {
            content: "Count the participation so far (统计参与情况)",
            trigger: ".o_form_view button[name=action_count]",
            run: "click",
        },
        {
            content: "186.50 m² took part",
            trigger: ".o_form_view .o_field_widget[name=voted_area]:contains('186.50')",
        },
        {
            content: "Two owners took part",
            trigger: ".o_form_view .o_field_widget[name=voted_owner_count]:text(2)",
        },
    ],
});
