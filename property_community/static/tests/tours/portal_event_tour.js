import { registry } from "@web/core/registry";
import { assertFitsScreen } from "@property_base/../tests/tours/portal_tour_utils";

// An owner on a phone opens the activities of her estate from /my, signs
// up three people of her family for the fair, which has two seats left, and
// finds her household on the waiting list.
// The records come from property_community/tests/test_tour_portal_event.py.
const EVENT = "桂园中秋游园会（测试）";

registry.category("web_tour.tours").add("property_community_portal_event_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the community activities from the home page",
            trigger: '#portal_client_category a[href="/my/events"]:contains("社区活动")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the fair",
            trigger: `.o_property_event_line:contains("${EVENT}")`,
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Two seats are left",
            trigger: ".o_property_event_seats:contains('剩余名额') strong:contains(/^2$/)",
        },
        assertFitsScreen("/my/events/<id>"),
        {
            content: "Three people of the family",
            trigger: "#property_event_party",
            run: "edit 3",
        },
        {
            content: "Sign up",
            trigger: ".o_property_event_submit:contains('报名')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The household is on the waiting list",
            trigger: ".o_property_event_signup[data-state='waiting']:contains('候补中'):contains('3')",
        },
        assertFitsScreen("/my/events/<id> after signing up"),
    ],
});
