from odoo import api, fields, models
from odoo.exceptions import ValidationError

OCCUPANCY_ROLES = [
    ("owner_occupier", "Owner-occupier"),
    ("tenant", "Tenant"),
    ("family", "Family Member"),
]


class PropertyOccupancy(models.Model):
    _name = "property.occupancy"
    _description = "Occupancy"
    _inherit = ["property.period.mixin", "mail.thread"]
    _order = "unit_id, date_start desc, id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(string="Resident", tracking=True)
    role = fields.Selection(
        selection=OCCUPANCY_ROLES, required=True, default="owner_occupier", tracking=True
    )
    date_end = fields.Date(tracking=True)
    move_in_id = fields.Many2one(
        comodel_name="property.move.in", string="Move-in", readonly=True, copy=False
    )
    phone = fields.Char(related="partner_id.phone")
    note = fields.Char()

    @api.depends("partner_id.name", "unit_id.display_name")
    def _compute_display_name(self):
        for occupancy in self:
            occupancy.display_name = (
                f"{occupancy.partner_id.name} · {occupancy.unit_id.display_name}"
            )

    @api.constrains("unit_id", "partner_id", "date_start", "date_end")
    def _check_same_resident_overlap(self):
        for occupancy in self:
            overlapping = occupancy.unit_id.occupancy_ids.filtered(
                lambda o, occ=occupancy: o != occ
                and o.partner_id == occ.partner_id
                and o._overlaps(occ)
            )
            if overlapping:
                raise ValidationError(
                    self.env._(
                        "%(resident)s already lives in %(unit)s during an overlapping period.",
                        resident=occupancy.partner_id.name,
                        unit=occupancy.unit_id.display_name,
                    )
                )

    def _conflicting_occupancies(self, unit, role, date_start, date_end=False):
        """Occupancies of ``unit`` in ``role`` that overlap the given period."""
        candidate = self.new({"date_start": date_start, "date_end": date_end})
        return unit.occupancy_ids.filtered(lambda o: o.role == role and o._overlaps(candidate))

    def action_end_today(self):
        today = fields.Date.context_today(self)
        for occupancy in self:
            occupancy.date_end = max(today, occupancy.date_start)
