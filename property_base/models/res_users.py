from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    property_estate_ids = fields.Many2many(
        comodel_name="property.estate",
        relation="property_estate_res_users_rel",
        column1="user_id",
        column2="estate_id",
        string="Estates Worked On",
        help="Estates this person works on: property staff see the records of these "
        "estates only. Company managers see every estate of their companies.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        if any("property_estate_ids" in vals for vals in vals_list):
            self.env.registry.clear_cache()
        return users

    def write(self, vals):
        res = super().write(vals)
        if "property_estate_ids" in vals:
            # record rules read the user's estates: their cache must follow
            self.env.registry.clear_cache()
        return res

    def _property_estates(self):
        """The estates the user works on: every estate of the allowed companies
        for a company manager, else those he carries."""
        self.ensure_one()
        if self.has_group("property_base.group_property_company_manager"):
            return self.env["property.estate"].with_user(self).search([])
        return self.property_estate_ids
