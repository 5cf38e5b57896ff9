from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        """The owner pages' browser-side texts in the owner's language: the
        portal chatter of bills, requests and deliveries is mail's (without
        the website module, Odoo loads only web's and portal's on the portal)."""
        return [*super()._get_translation_frontend_modules_name(), "mail"]
