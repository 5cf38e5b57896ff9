from odoo import api, fields, models


class PropertyUnit(models.Model):
    _inherit = "property.unit"

    handover_delivery_ids = fields.One2many(
        comodel_name="property.handover.delivery", inverse_name="unit_id", string="Deliveries"
    )
    handover_delivery_count = fields.Integer(compute="_compute_handover_delivery_count")

    @api.depends("handover_delivery_ids")
    def _compute_handover_delivery_count(self):
        for unit in self:
            unit.handover_delivery_count = len(unit.handover_delivery_ids)

    def action_view_handover_deliveries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_handover.property_handover_delivery_action"
        )
        action["domain"] = [("unit_id", "=", self.id)]
        action["context"] = {
            "default_unit_id": self.id,
            "default_partner_id": self.current_owner_ids[:1].id,
        }
        return action
