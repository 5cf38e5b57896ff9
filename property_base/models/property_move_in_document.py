from odoo import fields, models


class PropertyMoveInDocument(models.Model):
    _name = "property.move.in.document"
    _description = "Move-in Document"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)


class PropertyMoveInDocumentLine(models.Model):
    _name = "property.move.in.document.line"
    _description = "Move-in Document Signature"
    _order = "sequence, id"

    move_in_id = fields.Many2one(
        comodel_name="property.move.in",
        string="Move-in",
        required=True,
        index=True,
        ondelete="cascade",
    )
    document_id = fields.Many2one(
        comodel_name="property.move.in.document",
        string="Document",
        required=True,
        ondelete="restrict",
    )
    sequence = fields.Integer(related="document_id.sequence", store=True)
    is_signed = fields.Boolean(string="Signed")
    note = fields.Char()

    _document_uniq = models.UniqueIndex(
        "(move_in_id, document_id)", "A document appears once on a move-in."
    )
