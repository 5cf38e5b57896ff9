from odoo import api, fields, models

DOCUMENT_TYPES = [
    ("drawing", "Drawings"),
    ("manual", "Equipment Manual"),
    ("warranty", "Warranty"),
    ("contract", "Contract"),
    ("certificate", "Acceptance Certificate"),
    ("other", "Other"),
]


class PropertyHandoverDocument(models.Model):
    """A document the developer hands over (资料移交): required, received or
    missing, with its copies attached."""

    _name = "property.handover.document"
    _description = "Handover Document"
    _order = "project_id, sequence, id"

    project_id = fields.Many2one(
        comodel_name="property.handover.project",
        string="Takeover",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Document", required=True)
    document_type = fields.Selection(
        selection=DOCUMENT_TYPES, string="Type", required=True, default="other"
    )
    is_required = fields.Boolean(string="Required", default=True)
    is_received = fields.Boolean(string="Received", copy=False)
    state = fields.Selection(
        selection=[("missing", "Missing"), ("received", "Received")],
        string="Status",
        compute="_compute_state",
        store=True,
    )
    date_received = fields.Date(string="Received on", copy=False)
    received_by_id = fields.Many2one(comodel_name="res.users", string="Received by", copy=False)
    copies = fields.Integer(string="Paper Copies", default=1)
    attachment_ids = fields.Many2many(
        comodel_name="ir.attachment",
        relation="property_handover_document_attachment_rel",
        column1="document_id",
        column2="attachment_id",
        string="Scanned Copies",
    )
    note = fields.Char()

    @api.depends("is_received")
    def _compute_state(self):
        for document in self:
            document.state = "received" if document.is_received else "missing"

    def write(self, vals):
        if vals.get("is_received"):
            vals = {
                "date_received": fields.Date.context_today(self),
                "received_by_id": self.env.uid,
                **vals,
            }
        elif "is_received" in vals:
            vals = {**vals, "date_received": False, "received_by_id": False}
        self.project_id._check_can_record()
        return super().write(vals)

    def action_receive(self):
        self.write({"is_received": True})
        return True
