from odoo import api, models


class PropertyHome(models.AbstractModel):
    _inherit = "property.home"

    @api.model
    def _property_home_default(self, user):
        """Technicians land on the work dispatched to them."""
        if user.has_group("property_base.group_property_technician"):
            return self._property_home_action("property_helpdesk.helpdesk_ticket_action_my_work")
        return super()._property_home_default(user)
