from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.float_utils import float_compare


class PropertyOwnership(models.Model):
    _name = "property.ownership"
    _description = "Ownership"
    _inherit = ["property.period.mixin", "mail.thread", "property.input.mixin"]
    _order = "unit_id, date_start desc, share desc, id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(string="Owner", tracking=True)
    unit_id = fields.Many2one(tracking=True)
    date_start = fields.Date(tracking=True)
    date_end = fields.Date(tracking=True)
    share = fields.Float(
        string="Share (%)",
        digits=(5, 2),
        required=True,
        default=100.0,
        tracking=True,
        help="Part of the unit this owner holds; "
        "the shares of a unit never exceed 100% on any date.",
    )
    certificate_number = fields.Char(
        string="Certificate Number", help="Property ownership certificate (不动产权证) number."
    )
    is_primary_payer = fields.Boolean(
        string="Primary Payer",
        tracking=True,
        help="Receives the bills of the unit. At most one per unit on any date.",
    )
    phone = fields.Char(related="partner_id.phone")
    email = fields.Char(related="partner_id.email")

    _share_range = models.Constraint(
        "CHECK (share > 0 AND share <= 100)", "An ownership share must be above 0 and at most 100%."
    )

    @api.depends("partner_id.name", "unit_id.display_name")
    def _compute_display_name(self):
        for ownership in self:
            ownership.display_name = (
                f"{ownership.partner_id.name} · {ownership.unit_id.display_name}"
            )

    @api.constrains("share")
    def _check_share_range(self):
        for ownership in self:
            if ownership.share <= 0 or ownership.share > 100:
                raise ValidationError(
                    self.env._("An ownership share must be above 0 and at most 100%.")
                )

    @api.constrains("unit_id", "partner_id", "date_start", "date_end", "share", "is_primary_payer")
    def _check_unit_shares(self):
        for unit in self.unit_id:
            ownerships = unit.ownership_ids
            for ownership in ownerships & self:
                same_owner = ownerships.filtered(
                    lambda o, own=ownership: o != own
                    and o.partner_id == own.partner_id
                    and o._overlaps(own)
                )
                if same_owner:
                    raise ValidationError(
                        self.env._(
                            "%(owner)s already owns %(unit)s during an overlapping period.",
                            owner=ownership.partner_id.name,
                            unit=unit.display_name,
                        )
                    )
            # Shares and payers only change on the start dates of periods:
            # checking each start date covers every date.
            for day in set(ownerships.mapped("date_start")):
                valid = ownerships.filtered(lambda o, day=day: o._is_valid_at(day))
                if float_compare(sum(valid.mapped("share")), 100.0, precision_digits=2) > 0:
                    raise ValidationError(
                        self.env._(
                            "The ownership shares of %(unit)s would add up to %(total)s%% on "
                            "%(date)s: they cannot exceed 100%%.",
                            unit=unit.display_name,
                            total=round(sum(valid.mapped("share")), 2),
                            date=day,
                        )
                    )
                if len(valid.filtered("is_primary_payer")) > 1:
                    raise ValidationError(
                        self.env._(
                            "%(unit)s would have several primary payers on %(date)s: keep one.",
                            unit=unit.display_name,
                            date=day,
                        )
                    )
