from odoo import api, models


class PropertyHome(models.AbstractModel):
    _inherit = "property.home"

    @api.model
    def _property_home_desk(self, user):
        """The cashier lands on the bills to collect; the desk keeps its work."""
        if user.has_group("property_base.group_property_cashier"):
            return self._property_home_action("property_billing.property_bill_action")
        return super()._property_home_desk(user)
