import { registry } from "@web/core/registry";

// Staff, in Chinese on a tablet, open the activity, go to its sign-ups and
// check in 周晓梅's family of three; her sign-up shows three attended.
// The records come from property_community/tests/test_tour_staff.py.
const EVENT = "桂园中秋游园会（签到测试）";
const ZHOU = '.o_field_widget[name=property_signup_ids] .o_data_row:contains("周晓梅")';

registry.category("web_tour.tours").add("property_community_staff_check_in_tour", {
    steps: () => [
        {
            content: "Open the activity",
            trigger: `.o_list_view .o_data_row td[name=name]:contains("${EVENT}")`,
            run: "click",
        },
        {
            content: "The sign-ups tab",
            trigger: ".o_form_view .o_notebook a.nav-link[name=property_signups]",
            run: "click",
        },
        {
            content: "周晓梅's household: 3 people, none checked in yet",
            trigger: `${ZHOU}:has(td[name=party_size]:text(3)) td[name=attended_count]:text(0)`,
        },
        {
            content: "Check them in (签到)",
            trigger: `${ZHOU} button[name=action_check_in]`,
            run: "click",
        },
        {
            content: "Her sign-up shows the three attended",
            trigger: `${ZHOU} td[name=attended_count]:text(3)`,
        },
        {
            content: "吴国强's household is not checked in",
            trigger: '.o_field_widget[name=property_signup_ids] .o_data_row:contains("吴国强") td[name=attended_count]:text(0)',
        },
    ],
});
