from odoo import fields, models


class PropertyBillingRunChunk(models.Model):
    """The progress of a billing run: one row per chunk of units billed,
    written in the chunk's own transaction. Rows are only inserted, so that
    chunks billed at once by several workers (queue_job) never update the
    same row; a chunk rolled back leaves no row, and a run that resumes starts
    after the last unit of its chunks."""

    _name = "property.billing.run.chunk"
    _description = "Billing Run Chunk"
    _order = "run_id, last_unit_id"

    run_id = fields.Many2one(
        comodel_name="property.billing.run", required=True, index=True, ondelete="cascade"
    )
    last_unit_id = fields.Integer(
        string="Last Unit",
        help="Database id of the chunk's last unit: a resumed run goes on after it.",
    )
    unit_count = fields.Integer(string="Units")
    invoice_count = fields.Integer(string="Bills")
