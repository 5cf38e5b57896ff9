import { registry } from "@web/core/registry";
import { assertFitsScreen } from "@property_base/../tests/tours/portal_tour_utils";

// An owner on a phone sees on /my how many notices are unread, opens the
// notices, reads the newest one and comes back: one unread notice less.
// The records come from property_base/tests/test_tour_portal_notice.py.
const NOTICE = "停水通知：3号楼周五9点至12点";
const UNREAD_ITEM = '.o_property_attention [data-key="unread_notices"]';

registry.category("web_tour.tours").add("property_base_portal_notice_tour", {
    url: "/my",
    steps: () => [
        {
            content: "The home page shows two unread notices to attend to",
            trigger: `${UNREAD_ITEM}:contains("未读公告") .o_property_attention_value:contains(/^2$/)`,
        },
        {
            content: "The notices entry is listed with the units",
            trigger: '#portal_client_category .o_portal_index_card:not(.d-none) a[href="/my/notices"]:contains("公告")',
        },
        assertFitsScreen("/my"),
        {
            content: "Open the notices from the entry",
            trigger: '#portal_client_category a[href="/my/notices"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The newest notice is unread: bold, with a dot",
            trigger: `.o_property_notice_unread:has(.o_property_unread_dot) a.fw-bold:contains("${NOTICE}")`,
        },
        {
            content: "The read notice is not bold",
            trigger: '.o_property_notice_line:not(.o_property_notice_unread):contains("电梯年检")',
        },
        assertFitsScreen("/my/notices"),
        {
            content: "Show the unread notices only",
            trigger: '.o_property_notice_quick_filters a[data-filter="unread"]:contains("未读") .o_property_unread_count:contains(/^2$/)',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The two unread notices are listed, not the read one",
            trigger: '.o_property_notice_quick_filters a.btn-primary[data-filter="unread"]',
            run({ queryAll }) {
                const titles = queryAll(".o_property_portal_notice_list .o_property_notice_link").map(
                    (link) => link.innerText.trim()
                );
                if (titles.length !== 2 || !titles.includes(NOTICE) || titles.some((t) => t.includes("电梯年检"))) {
                    throw new Error(`Unexpected unread notices: ${JSON.stringify(titles)}`);
                }
            },
        },
        assertFitsScreen("/my/notices?filterby=unread"),
        {
            content: "Open the unread notice",
            trigger: `.o_property_notice_unread a:contains("${NOTICE}")`,
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The notice is shown with its text",
            trigger: `.o_property_portal_notice:has(h3:contains("${NOTICE}")) .o_property_portal_notice_body:contains("请提前储水")`,
        },
        assertFitsScreen("/my/notices/<id>"),
        {
            content: "Back to the notices",
            trigger: ".o_property_back_to_notices",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The notice just read is no longer bold",
            trigger: `.o_property_notice_line:not(.o_property_notice_unread) a:not(.fw-bold):contains("${NOTICE}")`,
        },
        {
            content: "Back home through the breadcrumbs",
            trigger: '.o_portal_submenu a[href="/my/home"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "One unread notice is left",
            trigger: `${UNREAD_ITEM} .o_property_attention_value:contains(/^1$/)`,
        },
        assertFitsScreen("/my/home"),
    ],
});
