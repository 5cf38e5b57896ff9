from odoo import fields, models
from odoo.exceptions import UserError

from .property_handover_checklist_item import ITEM_CATEGORIES


class PropertyHandoverDeliveryLine(models.Model):
    """One check of the unit-interior checklist at a unit delivery."""

    _name = "property.handover.delivery.line"
    _inherit = ["property.handover.check.mixin"]
    _description = "Unit Delivery Check"
    _order = "delivery_id, sequence, id"

    delivery_id = fields.Many2one(
        comodel_name="property.handover.delivery",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="delivery_id.company_id", store=True, index=True)
    category = fields.Selection(selection=ITEM_CATEGORIES, default="other")
    photo_ids = fields.Many2many(
        comodel_name="ir.attachment",
        relation="property_handover_delivery_line_attachment_rel",
        column1="line_id",
        column2="attachment_id",
        string="Photos",
    )
    defect_ids = fields.One2many(
        comodel_name="property.handover.defect", inverse_name="delivery_line_id", string="Defects"
    )

    def _check_can_record(self):
        for delivery in self.delivery_id:
            if delivery.state != "inspection":
                raise UserError(
                    self.env._(
                        "Delivery %(delivery)s is not under owner inspection: its checks "
                        "cannot be changed.",
                        delivery=delivery.name,
                    )
                )

    def _get_defect_context_values(self):
        self.ensure_one()
        delivery = self.delivery_id
        return {
            "delivery_id": delivery.id,
            "delivery_line_id": self.id,
            "estate_id": delivery.estate_id.id,
            "building_id": delivery.building_id.id,
            "unit_id": delivery.unit_id.id,
            "is_critical": self.item_id.is_critical,
            "responsible_partner_id": delivery.responsible_partner_id.id,
            "user_id": delivery.user_id.id,
            "deadline": fields.Date.add(fields.Date.context_today(self), days=15),
        }
