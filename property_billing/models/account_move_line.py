from odoo import fields, models

#: The sequence Odoo gives a journal item of each kind (``_compute_sequence``).
SEQUENCE_BY_DISPLAY_TYPE = {"tax": 10000, "rounding": 11000, "payment_term": 12000}

#: Fields that Odoo computes before creating a journal item (``precompute``) and that
#: follow from the item's bill and its other values; see ``_add_precomputed_values``.
DERIVED_FIELDS = frozenset(
    {
        "journal_id",
        "company_id",
        "company_currency_id",
        "is_storno",
        "sequence",
        "debit",
        "credit",
        "tax_line_id",
        "tax_group_id",
    }
)


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    property_bill_line_id = fields.Many2one(
        comodel_name="property.bill.line",
        string="Bill Line",
        index="btree_not_null",
        copy=False,
        ondelete="set null",
    )

    def _add_precomputed_values(self, vals_list):
        """For the journal items of a billing run's bills, given all their
        values but ``DERIVED_FIELDS`` (see ``property.billing.run.
        _build_invoice_lines``), set those the way Odoo's computes do: Odoo
        would otherwise build a new record per item to compute them, which
        costs more than the rest of the item's creation. Items missing any
        other value, and the items of companies with storno accounting, take
        Odoo's way."""
        if self.env.context.get("property_billing_derived_values"):
            self._add_derived_values(vals_list)
        return super()._add_precomputed_values(vals_list)

    def _add_derived_values(self, vals_list):
        precomputable = {name for name, field in self._fields.items() if field.precompute}
        move_ids = {vals.get("move_id") for vals in vals_list} - {None, False}
        moves = self.env["account.move"].browse(move_ids)
        repartition_lines = self.env["account.tax.repartition.line"].browse(
            {vals.get("tax_repartition_line_id") for vals in vals_list} - {None, False}
        )
        for vals in vals_list:
            if not vals.get("move_id") or not precomputable - set(vals) <= DERIVED_FIELDS:
                continue
            move = moves.browse(vals["move_id"]).with_prefetch(moves._prefetch_ids)
            if move.company_id.account_storno or vals.get("is_storno"):
                continue
            tax = (
                repartition_lines.browse(vals.get("tax_repartition_line_id"))
                .with_prefetch(repartition_lines._prefetch_ids)
                .tax_id
            )
            balance = vals.get("balance") or 0.0
            derived = {
                "journal_id": move.journal_id.id,
                "company_id": move.company_id.id,
                "company_currency_id": move.company_currency_id.id,
                "is_storno": False,
                "sequence": SEQUENCE_BY_DISPLAY_TYPE.get(vals.get("display_type"), 100),
                "debit": balance if balance > 0.0 else 0.0,
                "credit": -balance if balance < 0.0 else 0.0,
                "tax_line_id": tax.id,
                "tax_group_id": tax.tax_group_id.id,
            }
            missing = DERIVED_FIELDS - set(vals)
            vals.update({name: derived[name] for name in missing})
            # Computed, not given: Odoo does not run their inverses.
            vals["__precomputed__"] = {self._fields[name] for name in missing}
