import re
from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, freeze_time, tagged
from odoo.tools import html2plaintext

# Latin words a Chinese reader finds in what the program writes: record
# references (HT00018, DEF/2026/00001, INV/2026/00001) and units are not words.
LATIN_WORD_RE = re.compile(r"(?<![A-Za-z0-9/])[A-Za-z]{3,}(?![A-Za-z0-9/])")
NOT_WORDS = {"MPa", "kWh", "kPa"}

CRONS = (
    "property_helpdesk.ir_cron_escalate_breached_tickets",
    "property_helpdesk.ir_cron_auto_close_done_tickets",
    "property_handover.ir_cron_flag_overdue_defects",
    "property_maintenance.ir_cron_remind_inspections",
    "property_maintenance.ir_cron_generate_plan_requests",
    "property_maintenance.ir_cron_create_patrol_rounds",
    "property_billing.ir_cron_accrue_late_fees",
    "property_billing.ir_cron_monthly_billing",
    "property_billing.ir_cron_process_billing_runs",
    "property_billing.ir_cron_compact_fee_ledger",
    "property_base.ir_cron_refresh_current_ownerships",
    "property_base.ir_cron_refresh_current_occupancies",
    "property_base.ir_cron_archive_expired_notices",
    "property_base.ir_cron_open_month_rounds",
    "property_community.ir_cron_close_due_votes",
    "property_community.ir_cron_survey_reminders",
)


@tagged("post_install", "-at_install")
class TestSystemTextsInChinese(TransactionCase):
    """Every scheduled action of the property modules, run as the scheduler
    runs it (as OdooBot, whose language is English), writes its activities,
    messages and names in the language of the company: a Chinese company reads
    them in Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.company = cls.env.ref("base.main_company")
        cls.company.property_lang = "zh_CN"
        # The demo's data over one month and a half from now: tickets past
        # their deadlines and escalations, defects past theirs, inspections,
        # plan tasks and patrol rounds falling due, bills overdue, a new month.
        cls.later = fields.Datetime.now() + timedelta(days=45)

    def _english_words(self, text):
        return {
            word
            for word in LATIN_WORD_RE.findall(html2plaintext(text or ""))
            if word not in NOT_WORDS
        }

    def test_crons_write_in_the_company_language(self):
        marks = {
            model: (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search([], order="id desc", limit=1)
                .id
                or 0
            )
            for model in (
                "mail.message",
                "mail.activity",
                "maintenance.request",
                "property.patrol.round",
                "account.move.line",
            )
        }
        ran = []
        with freeze_time(self.later):
            for xmlid in CRONS:
                cron = self.env.ref(xmlid)
                # As the scheduler runs it: as its user, in that user's language.
                env = self.env(user=cron.user_id, context={"lang": cron.user_id.lang})
                self.assertEqual(env.lang, "en_US")
                cron.ir_actions_server_id.with_env(env).run()
                ran.append(xmlid)
        self.env.invalidate_all()

        def new(model):
            return (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search([("id", ">", marks[model])])
            )

        written = []
        for message in new("mail.message").filtered(
            lambda m: m.message_type in ("notification", "comment", "auto_comment")
        ):
            written.append((f"message on {message.model}", message.body))
            written.append((f"subject on {message.model}", message.subject))
        for activity in new("mail.activity"):
            written.append((f"activity on {activity.res_model}", activity.summary))
            written.append((f"activity note on {activity.res_model}", activity.note))
        for request in new("maintenance.request"):
            written.append(("maintenance request", request.name))
            written.append(("maintenance request description", request.description))
        for patrol_round in new("property.patrol.round"):
            written.append(("patrol round", patrol_round.display_name))
        for line in new("account.move.line").filtered(lambda line: line.display_type == "product"):
            written.append(("bill line", line.name))

        kinds = {where.split(" on ")[0] for where, text in written if text}
        # The demo has something for every kind of text to be written.
        for kind in ("message", "activity", "maintenance request", "patrol round", "bill line"):
            self.assertIn(kind, kinds, f"nothing written of kind {kind!r}: {sorted(kinds)}")
        found = sorted(
            {
                f"{where}: {word!r} in {html2plaintext(text)[:100]!r}"
                for where, text in written
                for word in self._english_words(text)
            }
        )
        self.assertFalse(found, "English written by the scheduled actions:\n" + "\n".join(found))
        self.assertEqual(len(ran), len(CRONS))

    def test_every_property_cron_is_checked(self):
        """A new scheduled action is added to the check above."""
        crons = self.env["ir.cron"].with_context(active_test=False).search([])
        property_crons = {
            xmlid
            for xmlid in crons.get_external_id().values()
            if xmlid.split(".")[0].startswith("property_")
        }
        self.assertEqual(property_crons, set(CRONS))

    def test_company_language(self):
        """The company's setting, else its contact's language, else the
        language the step runs in."""
        company = self.env["res.company"].create({"name": "PTX 语言测试公司"})
        company.partner_id.lang = "zh_CN"
        self.assertFalse(company.property_lang)
        self.assertEqual(company._property_lang(), "zh_CN")
        company.property_lang = "en_US"
        self.assertEqual(company._property_lang(), "en_US")
        company.property_lang = False
        company.partner_id.lang = False
        self.assertEqual(company.with_context(lang="zh_CN")._property_lang(), "zh_CN")
        self.assertEqual(company.with_context(lang="en_US")._property_lang(), "en_US")
