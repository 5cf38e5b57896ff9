import re

from odoo import fields, models

from odoo.addons.base.models.res_partner import _lang_get

HEX_COLOR_RE = re.compile(r"#[0-9A-Fa-f]{6}")


class ResCompany(models.Model):
    _inherit = "res.company"

    property_lang = fields.Selection(
        selection=_lang_get,
        string="Language of Automatic Messages",
        help="The language in which scheduled actions and automatic steps write the company's "
        "activities, messages and generated names (escalations, reminders, bills). Empty: "
        "the language of the company's contact.",
    )

    def property_portal_colors(self):
        """The company's primary and secondary colours for its portal pages
        (``#rrggbb``, and the primary as ``r, g, b``), or ``False`` when the
        company has no valid primary colour. Read by the portal layout, on
        every portal page (Odoo's, OCA's and ours alike)."""
        self.ensure_one()
        primary = self.primary_color or ""
        if not HEX_COLOR_RE.fullmatch(primary):
            return False
        secondary = self.secondary_color or ""
        return {
            "primary": primary,
            "primary_rgb": ", ".join(str(int(primary[i : i + 2], 16)) for i in (1, 3, 5)),
            "secondary": secondary if HEX_COLOR_RE.fullmatch(secondary) else primary,
        }

    def _property_lang(self):
        """The language in which the company's automatic steps (scheduled
        actions, escalations, reminders) write activities, messages and names:
        the company's setting, else its contact's language, else the language
        the step runs in. A Chinese company reads them in Chinese whatever the language of
        the user the scheduled action runs as."""
        self.ensure_one()
        Lang = self.env["res.lang"]
        lang = Lang._get_code(self.property_lang or "") or Lang._get_code(
            self.partner_id.lang or ""
        )
        return lang or self.env.lang or "en_US"

    def _property_split_by_lang(self, records, company_field="company_id"):
        """``records`` cut by company, each part in its company's language
        (see ``_property_lang``) and with its company as the current one."""
        for company, part in records.grouped(company_field).items():
            if not company:
                yield part
                continue
            yield part.with_company(company).with_context(lang=company._property_lang())
