import { registry } from "@web/core/registry";
import { assertFitsScreen } from "@property_base/../tests/tours/portal_tour_utils";

// An owner on a phone reports a leak with a photo, then follows it to the end.
// The records come from property_helpdesk/tests/test_tour_portal_ticket.py.

// A 1×1 PNG, the photo of the leak.
const PNG_BASE64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

async function choosePhoto(input, name) {
    const bytes = Uint8Array.from(atob(PNG_BASE64), (char) => char.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name, { type: "image/png" }));
    input.files = transfer.files;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

registry.category("web_tour.tours").add("property_helpdesk_portal_report_tour", {
    steps: () => [
        {
            content: "The home page lists the requests",
            trigger: ".o_portal_my_home .o_portal_index_card:not(.d-none) a[href='/my/tickets']",
        },
        assertFitsScreen("Home"),
        {
            content: "Open the requests",
            trigger: ".o_portal_my_home .o_portal_index_card a[href='/my/tickets']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The report button is visible on a phone",
            trigger: "a#property_new_ticket_button:visible",
        },
        assertFitsScreen("Requests"),
        {
            content: "Report a new request",
            trigger: "a#property_new_ticket_button",
            run: "click",
            expectUnloadPage: true,
        },
        assertFitsScreen("New request"),
        {
            content: "A complaint first",
            trigger: "#property_new_ticket_form select#ticket_kind",
            run: "select complaint",
        },
        {
            content: "Repair categories are not offered for a complaint",
            trigger:
                "#property_new_ticket_form select#category:has(option[data-kind=repair]:disabled):has(option[data-kind=complaint]:enabled)",
        },
        {
            content: "It is a repair after all",
            trigger: "#property_new_ticket_form select#ticket_kind",
            run: "select repair",
        },
        {
            content: "In my flat",
            trigger: "#property_new_ticket_form select#location",
            run: "selectByLabel 1-1-101",
        },
        {
            content: "A plumbing problem",
            trigger: "#property_new_ticket_form select#category",
            run: "selectByLabel PHT Plumbing",
        },
        {
            content: "Title",
            trigger: "#property_new_ticket_form input#subject",
            run: "edit Tour: kitchen tap leaks",
        },
        {
            content: "Description",
            trigger: "#property_new_ticket_form textarea#description",
            run: "edit Water drips from the tap all night.",
        },
        {
            content: "Add a photo",
            trigger: "#property_new_ticket_form input#attachment[type=file]",
            async run() {
                await choosePhoto(this.anchor, "tap.png");
            },
        },
        {
            content: "Send",
            trigger: "#property_new_ticket_form button#property_new_ticket_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request page shows the title and the photo",
            trigger:
                "#helpdesk_ticket_content:contains('Tour: kitchen tap leaks') #property_photos_before img",
        },
        {
            content: "The timeline starts with the report",
            trigger: "#property_ticket_timeline .o_property_timeline_step",
        },
        assertFitsScreen("Request"),
    ],
});

registry.category("web_tour.tours").add("property_helpdesk_portal_confirm_tour", {
    steps: () => [
        {
            content: "The request waits for my confirmation",
            trigger: ".o_portal_index_card a[href='/my/tickets']",
            run: "click",
            expectUnloadPage: true,
        },
        assertFitsScreen("Requests"),
        {
            content: "Open the request",
            trigger: ".o_property_portal_tickets a:contains('Tour: kitchen tap leaks')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The timeline shows the technician",
            trigger: "#property_ticket_timeline:contains('PHT Tech 1')",
        },
        {
            content: "The technician's phone",
            trigger: "#property_ticket_technician a[href^='tel:']",
        },
        assertFitsScreen("Request done"),
        {
            content: "Confirm the work",
            trigger: "#property_ticket_confirm button[name=confirm]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Five stars",
            trigger: "#property_ticket_rate label[for=property_rating_5]",
            run: "click",
        },
        {
            content: "A comment",
            trigger: "#property_ticket_rate textarea#property_rating_comment",
            run: "edit Quick and tidy.",
        },
        {
            content: "Send the rating",
            trigger: "#property_ticket_rate button[name=rate]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The rating is shown",
            trigger: "#property_ticket_rating:contains('5/5')",
        },
        assertFitsScreen("Request rated"),
    ],
});
