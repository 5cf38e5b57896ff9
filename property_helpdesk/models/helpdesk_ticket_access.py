from odoo import models
from odoo.exceptions import AccessError
from odoo.tools.i18n import format_list

from .ticket_constants import FIELD_STAFF_FIELDS, FIELD_STAFF_STATES


class HelpdeskTicket(models.Model):
    """What each property role may do on a ticket beyond the record rules
    (``security/property_helpdesk_security.xml``): field staff record the
    progress and the result of the work dispatched to them; the desk
    dispatches, checks, confirms and follows up."""

    _inherit = "helpdesk.ticket"

    def _is_field_staff(self):
        """Whether the current user works the tickets as field staff only."""
        return not self.env.su and self.env.user._property_helpdesk_scope() == "assigned"

    def _check_field_staff_values(self, vals):
        """Field staff change only the progress and the result of their work:
        not the ticket, its place, its reporter or its assignment."""
        if not self._is_field_staff():
            return
        refused = set(vals) - FIELD_STAFF_FIELDS
        if refused:
            labels = sorted(
                self._fields[name]._description_string(self.env)
                for name in refused
                if name in self._fields
            )
            raise AccessError(
                self.env._(
                    "You record the progress and the result of your work; only the service "
                    "desk changes %(fields)s.",
                    fields=format_list(self.env, labels),
                )
            )
        if vals.get("stage_id"):
            stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if stage.property_state not in FIELD_STAFF_STATES:
                raise AccessError(
                    self.env._(
                        "You can start your work, put it on hold for the owner or report it "
                        "done; the service desk moves a ticket to %(stage)s.",
                        stage=stage.display_name,
                    )
                )

    def _check_desk_action(self):
        """Checking, confirming and closing the work is the desk's, not the
        field staff's who did it."""
        if self._is_field_staff():
            raise AccessError(
                self.env._(
                    "The service desk checks and confirms the work; you record it on your tickets."
                )
            )
