import { registry } from "@web/core/registry";
import { assertFitsScreen } from "@property_base/../tests/tours/portal_tour_utils";

// An owner on a phone sees on /my that a vote awaits her ballot, opens it,
// agrees to the first motion, opposes the second, votes for her flat only
// (not her parking space) and sees her ballot recorded.
// The records come from property_community/tests/test_tour_portal_vote.py.
const VOTE = "桂园业主大会书面表决（测试）";

registry.category("web_tour.tours").add("property_community_portal_vote_tour", {
    url: "/my",
    steps: () => [
        {
            content: "The home page shows one vote waiting for the owner's ballot",
            trigger: '.o_property_attention [data-key="votes_waiting"]:contains("等待您投票的表决") .o_property_attention_value:contains(/^1$/)',
        },
        assertFitsScreen("/my"),
        {
            content: "Go and vote",
            trigger: '.o_property_attention [data-key="votes_waiting"] a:contains("立即投票")',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The vote is open with its two motions",
            trigger: `.o_property_portal_vote:has(h3:contains("${VOTE}")) .o_property_vote_state:contains("投票中")`,
        },
        assertFitsScreen("/my/votes/<id>"),
        {
            content: "Agree to the first motion",
            trigger: '.o_property_vote_motion:eq(0) label:contains("同意")',
            run: "click",
        },
        {
            content: "Oppose the second motion",
            trigger: '.o_property_vote_motion:eq(1) label:contains("反对")',
            run: "click",
        },
        {
            content: "Both units are ticked: untick the parking space",
            trigger: ".o_property_vote_units input[name='unit_ids']:checked:eq(1)",
            run: "click",
        },
        {
            content: "Cast the ballot",
            trigger: ".o_property_vote_submit:contains('投票')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The ballot is recorded",
            trigger: ".o_property_vote_done:contains('您的投票已记录')",
        },
        {
            content: "The flat shows as voted, the parking space not",
            trigger: ".o_property_vote_units",
            run({ queryAll }) {
                const voted = queryAll(".o_property_vote_units .o_property_unit_voted");
                if (voted.length !== 1) {
                    throw new Error(`Expected one voted unit, found ${voted.length}`);
                }
            },
        },
        {
            content: "The choices are kept on the page",
            trigger: '.o_property_vote_motion:eq(1) input[value="oppose"]:checked',
        },
        assertFitsScreen("/my/votes/<id> after voting"),
    ],
});
