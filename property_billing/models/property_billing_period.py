from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.float_utils import float_compare, float_is_zero


class PropertyBillingPeriod(models.Model):
    """A billing period (账期), usually a calendar month. Each unit is billed
    at most once per fee item and period (see ``property.bill.line``)."""

    _name = "property.billing.period"
    _description = "Billing Period"
    _inherit = ["mail.thread", "property.input.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True, size=64)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_start = fields.Date(string="Start", required=True, tracking=True)
    date_end = fields.Date(string="End", required=True, tracking=True)
    invoice_date = fields.Date(
        compute="_compute_invoice_date",
        store=True,
        readonly=False,
        help="Date of the bills of the period.",
    )
    date_due = fields.Date(
        string="Due Date",
        compute="_compute_date_due",
        store=True,
        readonly=False,
        help="Due date of the bills; late fees accrue after it and its grace days.",
    )
    state = fields.Selection(
        selection=[("open", "Open"), ("closed", "Closed")],
        required=True,
        default="open",
        tracking=True,
    )
    run_ids = fields.One2many(
        comodel_name="property.billing.run", inverse_name="period_id", string="Billing Runs"
    )
    bill_line_ids = fields.One2many(
        comodel_name="property.bill.line", inverse_name="period_id", string="Bill Lines"
    )
    invoice_count = fields.Integer(compute="_compute_invoice_stats")
    amount_billed = fields.Monetary(compute="_compute_invoice_stats", currency_field="currency_id")
    amount_residual = fields.Monetary(
        string="Amount Due", compute="_compute_invoice_stats", currency_field="currency_id"
    )

    _name_company_uniq = models.UniqueIndex(
        "(company_id, name)", "A billing period name must be unique within a company."
    )

    @api.depends("date_start")
    def _compute_invoice_date(self):
        for period in self:
            if period.date_start and not period.invoice_date:
                period.invoice_date = period.date_start

    @api.depends("invoice_date", "company_id")
    def _compute_date_due(self):
        for period in self:
            if period.invoice_date and not period.date_due:
                period.date_due = period.invoice_date + timedelta(
                    days=period.company_id.property_billing_due_days
                )

    def _compute_invoice_stats(self):
        stats = {
            period.id: (count, total, residual)
            for period, count, total, residual in self.env["account.move"]._read_group(
                [
                    ("property_period_id", "in", self.ids),
                    ("state", "=", "posted"),
                    ("move_type", "=", "out_invoice"),
                ],
                ["property_period_id"],
                ["__count", "amount_total:sum", "amount_residual:sum"],
            )
        }
        for period in self:
            count, total, residual = stats.get(period.id, (0, 0.0, 0.0))
            period.invoice_count = count
            period.amount_billed = total
            period.amount_residual = residual

    @api.constrains("date_start", "date_end", "invoice_date", "date_due")
    def _check_dates(self):
        for period in self:
            if period.date_end < period.date_start:
                raise ValidationError(
                    self.env._(
                        "The end (%(end)s) of billing period %(period)s cannot be before its "
                        "start (%(start)s).",
                        end=period.date_end,
                        period=period.name,
                        start=period.date_start,
                    )
                )
            if period.date_due and period.invoice_date and period.date_due < period.invoice_date:
                raise ValidationError(
                    self.env._(
                        "The due date of billing period %(period)s cannot be before its "
                        "invoice date.",
                        period=period.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_billed(self):
        if self.bill_line_ids:
            raise UserError(self.env._("A billing period with bills cannot be deleted."))

    @api.model
    def _get_month_period(self, company, day):
        """The monthly period of ``company`` containing ``day``, created if
        missing."""
        start = day.replace(day=1)
        end = start + relativedelta(months=1, days=-1)
        period = self.search(
            [
                ("company_id", "=", company.id),
                ("date_start", "=", start),
                ("date_end", "=", end),
            ],
            limit=1,
        )
        return period or self.create(
            {
                "name": start.strftime("%Y-%m"),
                "company_id": company.id,
                "date_start": start,
                "date_end": end,
            }
        )

    def action_close(self):
        self.write({"state": "closed"})

    def action_reopen(self):
        self.write({"state": "open"})

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("property_period_id", "=", self.id)]
        action["context"] = {"default_move_type": "out_invoice", "create": False}
        return action

    # ------------------------------------------------------------
    # Fee computation
    # ------------------------------------------------------------

    def _compute_unit_charges(self, units, fees):
        """What ``units`` owe for ``fees`` in this period.

        Returns ``(charges, skips)``: a list of charge dicts (unit, fee,
        partner, quantity, price_unit, amount, name) and a list of
        ``(unit, reason)`` for units that owe nothing. The data of all units is
        read in a fixed number of queries, whatever their number.
        """
        self.ensure_one()
        fees = fees.filtered(lambda fee: fee._is_due_in(self))
        windows = {fee: fee._get_cycle_window(self) for fee in fees}
        last_day = max([end for _start, end in windows.values()] + [self.date_end])
        exemptions = defaultdict(list)
        for exemption in self.env["property.fee.exemption"].search(
            [
                ("unit_id", "in", units.ids),
                ("date_start", "<=", last_day),
                ("date_end", ">=", self.date_start),
            ]
        ):
            exemptions[exemption.unit_id.id].append(exemption)
        consumption = {}
        meter_types = set(fees.filtered(lambda fee: fee.method == "meter").mapped("meter_type"))
        if meter_types:
            for unit, meter_type, total in self.env["property.meter.reading"]._read_group(
                [
                    ("unit_id", "in", units.ids),
                    ("meter_type", "in", list(meter_types)),
                    ("date", ">=", self.date_start),
                    ("date", "<=", self.date_end),
                ],
                ["unit_id", "meter_type"],
                ["consumption:sum"],
            ):
                consumption[unit.id, meter_type] = total
        shared = {}
        rules = fees.filtered(lambda fee: fee.method == "shared").allocation_rule_id
        if rules:
            shared = self.env["property.allocation.line"]._get_billable(self, units, rules)
        charges, skips = [], []
        for unit in units:
            applicable = fees.filtered(lambda fee, unit=unit: fee._applies_to(unit))
            if not applicable:
                skips.append((unit, self.env._("no fee item applies to this unit")))
                continue
            unit_charges = []
            for fee in applicable:
                unit_charges += self._compute_fee_charges(
                    unit, fee, windows[fee], exemptions[unit.id], consumption, shared
                )
            if unit_charges:
                charges += unit_charges
            elif not any(
                unit._get_payer_at(day) for day in self._get_boundaries(unit, *self._range())
            ):
                skips.append((unit, self.env._("no owner during the period")))
            else:
                skips.append((unit, self.env._("nothing to charge (exempt or no consumption)")))
        return charges, skips

    def _range(self):
        return self.date_start, self.date_end

    def _get_boundaries(self, unit, start, end, fee=None, exemptions=()):
        """Days in [start, end] on which what decides a charge may change."""
        bounds = {start}
        records = list(unit.ownership_ids)
        if fee is not None and not fee.charge_vacant:
            records += list(unit.occupancy_ids)
        records += list(exemptions)
        for record in records:
            for day in (
                record.date_start,
                record.date_end and record.date_end + timedelta(days=1),
            ):
                if day and start < day <= end:
                    bounds.add(day)
        return sorted(bounds)

    def _split_window(self, unit, fee, start, end, exemptions):
        """Yield ``(first_day, day_count, payer, weight)`` for the stretches
        of [start, end] over which payer, occupancy and discount hold still;
        ``weight`` is the share of each day that is charged."""
        bounds = self._get_boundaries(unit, start, end, fee, exemptions)
        for first, following in zip(bounds, bounds[1:] + [end + timedelta(days=1)], strict=True):
            payer = unit._get_payer_at(first)
            if not payer:
                continue
            if not fee.charge_vacant and not unit._get_residents_at(first):
                continue
            discount = max(
                (exemption.discount for exemption in exemptions if exemption._covers(fee, first)),
                default=0.0,
            )
            yield first, (following - first).days, payer, 1 - discount / 100.0

    def _compute_fee_charges(self, unit, fee, window, exemptions, consumption, shared=None):
        start, end = window
        currency = fee.currency_id
        label = f"{fee.name}, {unit.display_name}, {self.name}"
        if fee.method == "shared":
            return self._compute_shared_charges(unit, fee, exemptions, shared or {}, label)
        if fee.method == "meter":
            quantity = consumption.get((unit.id, fee.meter_type), 0.0)
            if float_compare(quantity, 0.0, precision_digits=2) <= 0:
                return []
            payer = self._get_last_payer(unit)
            if not payer:
                return []
            discount = max(
                (e.discount for e in exemptions if e._covers(fee, self.date_end)), default=0.0
            )
            amount = currency.round(fee._compute_meter_amount(quantity) * (1 - discount / 100.0))
            if float_is_zero(amount, precision_rounding=currency.rounding):
                return []
            unit_name = dict(fee._fields["meter_type"]._description_selection(self.env))[
                fee.meter_type
            ]
            detail = self.env._("%(quantity)s × %(type)s", quantity=quantity, type=unit_name)
            if fee.meter_pricing == "flat" and not discount:
                line_quantity, price_unit = quantity, fee.rate
            else:
                line_quantity, price_unit = 1.0, amount
            return [
                self._prepare_charge(unit, fee, payer, line_quantity, price_unit, amount, label)
                | {"detail": detail}
            ]
        total_days = (end - start).days + 1
        weights = defaultdict(float)
        stretches = {}
        for first, days, payer, weight in self._split_window(unit, fee, start, end, exemptions):
            weights[payer] += days * weight
            if weight:
                since, until = stretches.get(payer, (first, first))
                stretches[payer] = (min(since, first), max(until, first + timedelta(days=days - 1)))
        base_quantity = fee._get_base_quantity(unit)
        charges = []
        for payer, charged_days in weights.items():
            if fee.cycle == "one_off":
                charged_days = total_days if charged_days else 0.0
            amount = currency.round(base_quantity * fee.rate * charged_days / total_days)
            if float_is_zero(amount, precision_rounding=currency.rounding):
                continue
            if float_compare(charged_days, total_days, precision_digits=4) == 0:
                quantity, price_unit, detail = base_quantity, fee.rate, ""
            else:
                quantity, price_unit = 1.0, amount
                since, until = stretches.get(payer, (start, end))
                detail = self.env._(
                    "%(since)s to %(until)s, %(days)s of %(total)s days",
                    since=since.strftime("%m-%d"),
                    until=until.strftime("%m-%d"),
                    days=int(charged_days)
                    if float_is_zero(charged_days % 1, precision_digits=4)
                    else round(charged_days, 2),
                    total=total_days,
                )
            charges.append(
                self._prepare_charge(unit, fee, payer, quantity, price_unit, amount, label)
                | {"detail": detail}
            )
        return charges

    def _get_last_payer(self, unit):
        """Who pays for the period: the last payer of the unit within it."""
        return next(
            (
                unit._get_payer_at(day)
                for day in reversed(self._get_boundaries(unit, *self._range()))
                if unit._get_payer_at(day)
            ),
            None,
        )

    def _compute_shared_charges(self, unit, fee, exemptions, shared, label):
        """The unit's share in the period's confirmed allocation of the fee's
        rule, charged to the period's last payer; the line tells the source,
        its total, the key and the unit's key."""
        line, detail = shared.get((fee.allocation_rule_id.id, unit.id), (None, ""))
        if not line:
            return []
        payer = self._get_last_payer(unit)
        if not payer:
            return []
        currency = fee.currency_id
        discount = max(
            (e.discount for e in exemptions if e._covers(fee, self.date_end)), default=0.0
        )
        amount = currency.round(line.amount * (1 - discount / 100.0))
        if float_is_zero(amount, precision_rounding=currency.rounding):
            return []
        return [
            self._prepare_charge(unit, fee, payer, 1.0, amount, amount, label) | {"detail": detail}
        ]

    def _prepare_charge(self, unit, fee, partner, quantity, price_unit, amount, label):
        return {
            "unit": unit,
            "fee": fee,
            "partner": partner,
            "quantity": quantity,
            "price_unit": price_unit,
            "amount": amount,
            "name": label,
        }
