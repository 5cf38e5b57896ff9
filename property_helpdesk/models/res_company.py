from odoo import fields, models

from .ticket_constants import DEFAULT_REOPEN_DAYS


class ResCompany(models.Model):
    _inherit = "res.company"

    property_helpdesk_reopen_days = fields.Integer(
        string="Reopen Window (days)",
        default=DEFAULT_REOPEN_DAYS,
        help="Days after closing during which an owner may still reopen a ticket on the portal; "
        "0 lets them reopen at any time.",
    )
