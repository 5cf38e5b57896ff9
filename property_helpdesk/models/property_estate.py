from odoo import api, fields, models


class PropertyEstate(models.Model):
    _inherit = "property.estate"

    resource_calendar_id = fields.Many2one(default=lambda self: self._default_service_calendar())

    @api.model
    def _default_service_calendar(self):
        """The service centre's hours of the module's data when they belong to
        the current company, else the company's working hours."""
        calendar = self.env.ref("property_helpdesk.calendar_service", raise_if_not_found=False)
        if calendar and calendar.company_id in (self.env.company, self.env["res.company"]):
            return calendar
        return self.env.company.resource_calendar_id
