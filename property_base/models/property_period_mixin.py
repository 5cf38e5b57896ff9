from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class PropertyPeriodMixin(models.AbstractModel):
    """A relation of a partner to a unit that holds from a start date to an
    optional end date (ownerships and occupancies)."""

    _name = "property.period.mixin"
    _description = "Unit Relation Period"

    unit_id = fields.Many2one(
        comodel_name="property.unit",
        string="Unit",
        required=True,
        index=True,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner", required=True, index=True, ondelete="restrict"
    )
    estate_id = fields.Many2one(
        related="unit_id.estate_id", store=True, index=True, precompute=True
    )
    building_id = fields.Many2one(related="unit_id.building_id", store=True, precompute=True)
    company_id = fields.Many2one(
        related="unit_id.company_id", store=True, index=True, precompute=True
    )
    date_start = fields.Date(
        string="From", required=True, default=fields.Date.context_today, index=True
    )
    date_end = fields.Date(string="To", index=True, help="Leave empty while it lasts.")
    is_current = fields.Boolean(
        string="Current",
        compute="_compute_is_current",
        store=True,
        index=True,
        help="Holds today. Kept up to date by a daily scheduled action.",
    )

    @api.model
    def _domain_at(self, date):
        return Domain("date_start", "<=", date) & (
            Domain("date_end", "=", False) | Domain("date_end", ">=", date)
        )

    def _is_valid_at(self, date):
        self.ensure_one()
        return self.date_start <= date and (not self.date_end or self.date_end >= date)

    def _overlaps(self, other):
        """Whether the periods of two records share at least one day."""
        self.ensure_one()
        return (
            not self.date_end or not other.date_start or other.date_start <= self.date_end
        ) and (not other.date_end or self.date_start <= other.date_end)

    @api.depends("date_start", "date_end")
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for record in self:
            record.is_current = bool(record.date_start) and record._is_valid_at(today)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for record in self:
            if record.date_end and record.date_end < record.date_start:
                raise ValidationError(
                    self.env._(
                        "The end date (%(end)s) cannot be before the start date (%(start)s).",
                        end=record.date_end,
                        start=record.date_start,
                    )
                )

    @api.model
    def _cron_refresh_current(self):
        """Flip ``is_current`` of the periods that started or ended since the
        last run (the flag is stored so that record rules can use it)."""
        today = fields.Date.context_today(self)
        stale = self.search(
            (Domain("is_current", "=", False) & self._domain_at(today))
            | (Domain("is_current", "=", True) & ~self._domain_at(today))
        )
        stale._compute_is_current()
        return len(stale)
