from odoo import api, fields, models

PROPERTY_STATES = [
    ("new", "New"),
    ("progress", "In Progress"),
    ("waiting", "Waiting on Owner"),
    ("done", "Work Done"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    property_state = fields.Selection(
        selection=PROPERTY_STATES,
        string="Service Step",
        compute="_compute_property_state",
        store=True,
        readonly=False,
        required=True,
        help="What the stage means for the service process: the SLA clock pauses in "
        "'Waiting on Owner', stops its resolution timer at 'Work Done' (then the owner "
        "confirms), and 'Closed' ends the ticket.",
    )

    @api.depends("closed", "unattended")
    def _compute_property_state(self):
        for stage in self:
            if stage.closed and stage.property_state not in ("closed", "cancelled"):
                stage.property_state = "closed"
            elif not stage.closed and stage.property_state in ("closed", "cancelled"):
                stage.property_state = "new" if stage.unattended else "progress"
            elif not stage.property_state:
                stage.property_state = "new" if stage.unattended else "progress"
