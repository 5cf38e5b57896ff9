from odoo import fields, models


class EventRegistration(models.Model):
    _inherit = "event.registration"

    property_signup_id = fields.Many2one(
        comodel_name="property.event.signup",
        string="Sign-up",
        index="btree_not_null",
        ondelete="cascade",
    )
