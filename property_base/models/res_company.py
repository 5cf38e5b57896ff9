import re

from odoo import models

HEX_COLOR_RE = re.compile(r"#[0-9A-Fa-f]{6}")


class ResCompany(models.Model):
    _inherit = "res.company"

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
