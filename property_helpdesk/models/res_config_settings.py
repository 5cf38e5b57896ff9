from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    property_helpdesk_auto_close_days = fields.Integer(
        string="Auto-close After (days)",
        config_parameter="property_helpdesk.auto_close_days",
        default=3,
        help="Days after the work is done (and checked) before a ticket the owner did not "
        "confirm or reopen closes itself; 0 never closes automatically.",
    )
    property_helpdesk_follow_up_days = fields.Integer(
        string="Follow-up Visit After (days)",
        config_parameter="property_helpdesk.follow_up_days",
        default=2,
    )
    property_helpdesk_photo_max_mb = fields.Integer(
        string="Largest Photo (MB)",
        config_parameter="property_helpdesk.photo_max_mb",
        default=10,
    )
    property_helpdesk_reopen_days = fields.Integer(
        related="company_id.property_helpdesk_reopen_days", readonly=False
    )
