import { registry } from "@web/core/registry";
import { setInputFiles } from "@odoo/hoot-dom";
import { assertFitsScreen } from "@property_base/../tests/tours/portal_tour_utils";

// An owner on a phone (390×844, zh_CN) inspects the new unit: from the home
// page to the delivery, marks the checks (one fails, with a typed note and a
// photo), saves, sees the defect, types the name and signs.
// The records come from property_handover/tests/test_tour_portal_handover.py.
const CHECK_PASS = "TOURPH 墙面平整";
const CHECK_FAIL = "TOURPH 地漏排水";
const CHECK_NA = "TOURPH 燃气接口";
const NOTE = "卫生间地漏排水缓慢，有积水";
const SIGNER = "王小明";

// A 1×1 PNG: the type is read from the content on the server.
const PNG_BASE64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

function pngFile(name) {
    const bytes = Uint8Array.from(atob(PNG_BASE64), (c) => c.charCodeAt(0));
    return new File([bytes], name, { type: "image/png" });
}

const check = (name) => `.o_handover_check:has(.o_handover_check_name:contains("${name}"))`;

registry.category("web_tour.tours").add("property_handover_portal_tour", {
    url: "/my",
    steps: () => [
        assertFitsScreen("Home"),
        {
            content: "Tap the deliveries to inspect and sign (the attention item, first on the page)",
            trigger: "a[href='/my/handover']:visible",
            run: "click",
            expectUnloadPage: true,
        },
        assertFitsScreen("Deliveries"),
        {
            content: "Open the delivery",
            trigger: ".o_handover_row a[href^='/my/handover/']",
            run: "click",
            expectUnloadPage: true,
        },
        assertFitsScreen("Delivery"),
        {
            content: `${CHECK_PASS}: 合格`,
            trigger: `${check(CHECK_PASS)} label[for$="_pass"]`,
            run: "click",
        },
        {
            content: `${CHECK_FAIL}: 不合格`,
            trigger: `${check(CHECK_FAIL)} label[for$="_fail"]`,
            run: "click",
        },
        {
            content: "Describe the defect",
            trigger: `${check(CHECK_FAIL)} textarea[name^="note_"]`,
            run: `edit ${NOTE}`,
        },
        {
            content: "Take a photo of the defect",
            trigger: `${check(CHECK_FAIL)} input[type=file][name^="photos_"]:visible`,
            async run(helpers) {
                await helpers.click();
                await setInputFiles([pngFile("drain.png")]);
            },
        },
        {
            content: "The photo is chosen",
            trigger: `${check(CHECK_FAIL)} input[type=file]`,
            run() {
                const input = this.anchor;
                if (input.files.length !== 1) {
                    throw new Error(`expected one photo, got ${input.files.length}`);
                }
            },
        },
        {
            content: `${CHECK_NA}: 不适用`,
            trigger: `${check(CHECK_NA)} label[for$="_na"]`,
            run: "click",
        },
        assertFitsScreen("Delivery, checks filled in"),
        {
            content: "Save the checks",
            trigger: ".o_handover_save",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The checks are saved",
            trigger: ".alert-success",
        },
        assertFitsScreen("Delivery, saved"),
        {
            content: "The defect is listed with its note and photo",
            trigger: `.o_handover_defect:contains("${NOTE}") .o_handover_defect_photos img`,
        },
        {
            content: "Type the full name",
            trigger: ".o_handover_sign_form input[name=signed_by]",
            run: `edit ${SIGNER}`,
        },
        {
            content: "Sign",
            trigger: ".o_handover_sign",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The page shows who signed",
            trigger: `.o_handover_signed:contains("${SIGNER}")`,
        },
        assertFitsScreen("Delivery, signed"),
    ],
});
