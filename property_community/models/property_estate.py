from odoo import fields, models


class PropertyEstate(models.Model):
    _inherit = "property.estate"

    developer_id = fields.Many2one(
        comodel_name="res.partner",
        string="Developer",
        tracking=True,
        help="Building company (建设单位) of the estate. In owners' votes its unsold or "
        "undelivered units, and the units with no registered owner, count as one owner.",
    )
    vote_ids = fields.One2many(
        comodel_name="property.vote", inverse_name="estate_id", string="Owners' Votes"
    )
