"""Compare a bill made by a billing run with the bill Odoo builds the normal
way (``account.move.create`` of its invoice lines, Odoo's own line
synchronisation) for the same charges: every journal item and every total.

Used by the tests (``test_bill_exact.py``) and by the billing benchmark
(``tests/bench/bench_billing.py``), which checks every bill it makes.
"""

from odoo import Command

#: Fields of the bill compared.
MOVE_FIELDS = (
    "currency_id",
    "invoice_date",
    "invoice_date_due",
    "invoice_payment_term_id",
    "amount_untaxed",
    "amount_tax",
    "amount_total",
    "amount_residual",
    "amount_untaxed_signed",
    "amount_tax_signed",
    "amount_total_signed",
    "amount_residual_signed",
    "amount_total_in_currency_signed",
    "payment_state",
    "tax_totals",
)

#: Fields of each journal item compared.
LINE_FIELDS = (
    "display_type",
    "journal_id",
    "company_id",
    "company_currency_id",
    "sequence",
    "is_storno",
    "account_id",
    "partner_id",
    "currency_id",
    "name",
    "product_id",
    "product_uom_id",
    "quantity",
    "price_unit",
    "discount",
    "balance",
    "amount_currency",
    "debit",
    "credit",
    "price_subtotal",
    "price_total",
    "analytic_distribution",
    "tax_ids",
    "tax_tag_ids",
    "tax_line_id",
    "tax_group_id",
    "tax_repartition_line_id",
    "group_tax_id",
    "tax_base_amount",
    "date_maturity",
    "discount_date",
    "discount_balance",
    "discount_amount_currency",
    "amount_residual",
    "amount_residual_currency",
    "reconciled",
)


def normal_twin_values(move):
    """Values to create, through Odoo's normal synchronisation, the bill of
    the same charges as ``move``."""
    vals = {
        "move_type": move.move_type,
        "partner_id": move.partner_id.id,
        "company_id": move.company_id.id,
        "journal_id": move.journal_id.id,
        "invoice_date": move.invoice_date,
        "invoice_payment_term_id": move.invoice_payment_term_id.id,
        "invoice_line_ids": [
            Command.create(
                {
                    "product_id": line.product_id.id,
                    "name": line.name,
                    "quantity": line.quantity,
                    "price_unit": line.price_unit,
                    "account_id": line.account_id.id,
                    "tax_ids": [Command.set(line.tax_ids.ids)],
                }
            )
            for line in move.invoice_line_ids.sorted("sequence")
        ],
    }
    if not move.invoice_payment_term_id:
        vals["invoice_date_due"] = move.invoice_date_due
    return vals


def create_normal_twins(moves):
    """The bills Odoo builds the normal way for the charges of ``moves``
    (posted when these are), in the order of ``moves``."""
    Move = moves.env["account.move"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_notrack=True
    )
    twins = Move.create([normal_twin_values(move) for move in moves])
    posted = Move.browse(
        [twin.id for move, twin in zip(moves, twins, strict=True) if move.state == "posted"]
    )
    if posted:
        posted._post(soft=False)
    return twins


def _value(record, fname):
    value = record[fname]
    field = record._fields[fname]
    if field.type in ("many2one", "many2many", "one2many"):
        return tuple(sorted(value.ids))
    if field.type == "float" or field.type == "monetary":
        return round(value, 6)
    return value


def _line_key(line):
    return (
        line.display_type or "",
        line.tax_repartition_line_id.id,
        str(line.date_maturity or ""),
        line.name or "",
        line.product_id.id,
        round(line.balance, 6),
    )


def bill_differences(move, twin):
    """The differences between ``move`` and ``twin`` as readable strings (an
    empty list when they are identical)."""
    differences = []
    for fname in MOVE_FIELDS:
        if fname == "payment_state" and move.state != "posted":
            continue
        mine, theirs = _value(move, fname), _value(twin, fname)
        if mine != theirs:
            differences.append(f"{move.name or move.id} {fname}: {mine!r} != {theirs!r}")
    lines = move.line_ids.sorted(_line_key)
    twin_lines = twin.line_ids.sorted(_line_key)
    if len(lines) != len(twin_lines):
        differences.append(
            f"{move.name or move.id}: {len(lines)} journal items != {len(twin_lines)}: "
            f"{[(line.display_type, line.balance) for line in lines]} != "
            f"{[(line.display_type, line.balance) for line in twin_lines]}"
        )
        return differences
    for index, (line, twin_line) in enumerate(zip(lines, twin_lines, strict=True)):
        for fname in LINE_FIELDS:
            if fname == "name" and line.display_type == "payment_term":
                # The payment reference: the bill's own number.
                mine = (line.name or "").replace(move.name or "", "<number>")
                theirs = (twin_line.name or "").replace(twin.name or "", "<number>")
            else:
                mine, theirs = _value(line, fname), _value(twin_line, fname)
            if mine != theirs:
                differences.append(
                    f"{move.name or move.id} item {index} ({line.display_type}) {fname}: "
                    f"{mine!r} != {theirs!r}"
                )
    return differences
