import { registry } from "@web/core/registry";

// The manager of PHT Garden and PHT Other Estate reads the tickets received
// this month on the dashboard, in Chinese, narrows it to PHT Garden and opens
// the tickets behind the figure. Records and figures:
// tests/test_tour_dashboard_service.py.
const TICKETS = ".o_property_dashboard_card[data-figure=ticket_count]";

registry.category("web_tour.tours").add("property_helpdesk_dashboard_service_tour", {
    steps: () => [
        {
            content: "The service section, in Chinese",
            trigger: ".o_property_dashboard_section_service h4:text(客户服务)",
        },
        {
            trigger: `${TICKETS} :text(工单量)`,
        },
        {
            content: "Both estates: 4 tickets of PHT Garden and 1 of the other estate",
            trigger: `${TICKETS} .o_property_dashboard_value:text(5)`,
        },
        {
            content: "Choose the estates",
            trigger: ".o_property_dashboard_estates",
            run: "click",
        },
        {
            trigger: ".o_property_dashboard_estate:contains('PHT Garden')",
            run: "click",
        },
        {
            content: "PHT Garden alone: 4 tickets",
            trigger: `${TICKETS} .o_property_dashboard_value:text(4)`,
        },
        {
            content: "Of which 2 repairs, 1 complaint and 1 inquiry",
            trigger: `${TICKETS} [data-part=repair]:contains(报修):contains(2)`,
        },
        {
            trigger: `${TICKETS} [data-part=complaint]:contains(投诉):contains(1)`,
        },
        {
            trigger: `${TICKETS} [data-part=inquiry]:contains(咨询):contains(1)`,
        },
        {
            content: "Open the tickets behind the figure",
            trigger: TICKETS,
            run: "click",
        },
        {
            content: "The list is opened from the dashboard",
            trigger: ".o_breadcrumb:contains('经营看板')",
        },
        {
            content: "Under the figure's name",
            trigger: ".o_breadcrumb .active:contains('工单量')",
        },
        {
            content: "The 4 tickets of PHT Garden of the month",
            trigger: ".o_list_view .o_pager_value:text(1-4)",
        },
        {
            trigger: ".o_list_view .o_data_row:count(4)",
        },
        {
            trigger: ".o_list_view .o_data_row td:contains('PHT tour inquiry')",
        },
        {
            content: "Not the other estate's ticket, the cancelled one nor last month's",
            trigger: ".o_list_view:not(:has(.o_data_row td:contains('PHT tour far')))",
        },
        {
            trigger: ".o_list_view:not(:has(.o_data_row td:contains('PHT tour cancelled')))",
        },
        {
            trigger: ".o_list_view:not(:has(.o_data_row td:contains('PHT tour last month')))",
        },
    ],
});
