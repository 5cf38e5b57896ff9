from odoo import api, models


class PropertyHome(models.AbstractModel):
    """The landing screen of the Property app, by role: the desk opens its
    front-desk work, the meter reader his rounds or the readings to enter, managers the
    estates they run. Modules add roles by extending
    ``_property_home_action_for`` (the service desk gives technicians their
    tickets)."""

    _name = "property.home"
    _description = "Property Home Screen"

    @api.model
    def action_open_home(self):
        """The home action of the current user (the Property menu's action)."""
        return self._property_home_action_for(self.env.user)

    @api.model
    def _property_home_action_for(self, user):
        """The window action ``user`` lands on: a dict, as ``_for_xml_id`` gives.
        Override, call super and return another action for a role of yours
        before or after the ones here."""
        if user.has_group("property_base.group_property_manager"):
            return self._property_home_manager(user)
        if user.has_group("property_base.group_property_user"):
            return self._property_home_desk(user)
        if user.has_group("property_base.group_property_meter_reader"):
            return self._property_home_meter_reader(user)
        return self._property_home_default(user)

    def _property_home_action(self, xmlid, **values):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action.update(values)
        return action

    @api.model
    def _property_home_manager(self, user):
        """Estate managers and company managers: the dashboard of their
        estates (物业经营看板)."""
        return self.env["ir.actions.actions"]._for_xml_id("property_base.property_dashboard_action")

    @api.model
    def _property_home_desk(self, user):
        """The desk: the move-ins to finish, registering from there."""
        return self._property_home_action(
            "property_base.property_move_in_action",
            context={"search_default_draft": 1},
        )

    @api.model
    def _property_home_meter_reader(self, user):
        """The meter reader: his open rounds when he has some, else the
        meters of his estates still to read this month."""
        if self.env["property.meter.round"].search_count(
            [("user_id", "=", user.id), ("state", "=", "open")], limit=1
        ):
            return self._property_home_action("property_base.property_meter_round_action_mine")
        return self._property_home_action("property_base.property_meter_action_to_read")

    @api.model
    def _property_home_default(self, user):
        """Field staff and anyone else of the app: the estates they work on."""
        return self._property_home_action("property_base.property_estate_action")
