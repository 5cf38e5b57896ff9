import { registry } from "@web/core/registry";
import { assertFitsScreen } from "@property_base/../tests/tours/portal_tour_utils";

// An owner reads, on a phone (390×844), how his building's common electricity
// was shared (公摊公示): the list of published shared costs, then the
// allocation with every unit of his building and his own share marked.
// The records come from property_billing/tests/test_portal_shared_cost.py.

registry.category("web_tour.tours").add("property_billing_portal_shared_costs_tour", {
    url: "/my",
    steps: () => [
        assertFitsScreen("Home"),
        {
            content: "Open the shared costs from the home page",
            trigger: "a[href='/my/shared-costs']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The building's published allocation is listed",
            trigger: ".o_property_portal_allocations li:contains('PSC 公摊电费')",
        },
        assertFitsScreen("Shared costs"),
        {
            content: "Open it",
            trigger: ".o_property_portal_allocations li:contains('PSC 公摊电费') a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The total shared is shown",
            trigger: ".o_property_allocation_total:contains('761.69')",
        },
        {
            content: "Every unit of his building is listed, his own share marked",
            trigger: ".o_property_allocation_lines tbody:has(tr:nth-child(3)) tr.o_property_my_share td:contains('211.58')",
        },
        assertFitsScreen("Shared cost"),
    ],
});
