#!/usr/bin/env python3
"""Billing benchmark: invoices per second and SQL queries per invoice of the
billing run, next to a plain-ORM baseline on the same units.

Run from the project folder (see README.md here):

    PGUSER=odoo .venv/bin/python tests/bench/bench_billing.py -d bench_billing --install \
        --units 10000

It populates N units (``populate.py``) with owners, residents and three fee
items (service fee per m², garbage fee for occupied days, parking fee), then
bills two months of the same units:

* baseline: the invoices of one month made the way a careful developer would
  with the plain ORM — ``account.move.create(vals_list)`` then ``_post()``, in
  batches of 100 with a commit after each;
* billing run: the next month through ``property.billing.run`` (claims, chunked
  ``account.move.create``, batch posting, commits per chunk).

and prints invoices per second (generation, posting, both), queries per
invoice and the peak memory of each.
"""

import argparse
import sys
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import (  # noqa: E402
    Timer,
    add_common_arguments,
    check_installed,
    load_registry,
    open_env,
    peak_rss_mb,
)
from populate import populate  # noqa: E402


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    add_common_arguments(parser, "property_billing")
    parser.add_argument("--units", type=int, default=10_000, help="units to bill (10000)")
    parser.add_argument("--chunk-size", type=int, default=200, help="units per run chunk (200)")
    parser.add_argument(
        "--skip-baseline", action="store_true", help="only the billing run, no baseline"
    )
    parser.add_argument(
        "--tax",
        choices=("none", "included", "excluded"),
        default="none",
        help="a 6%% VAT on every fee, price included or excluded (none)",
    )
    parser.add_argument(
        "--rounding",
        choices=("round_per_line", "round_globally"),
        default=None,
        help="the company's tax rounding method for the run (unchanged)",
    )
    parser.add_argument(
        "--skip-compare",
        action="store_true",
        help="do not compare the run's bills with bills built the normal way",
    )
    return parser.parse_args(argv)


def vat(env, amount, tax):
    """The company's sales VAT of ``amount`` %, price ``tax`` (included or
    excluded), made once per database."""
    company = env.company
    name = f"增值税 {amount:g}% (bench, {tax})"
    return env["account.tax"].search(
        [("name", "=", name), ("company_id", "=", company.id)], limit=1
    ) or env["account.tax"].create(
        {
            "name": name,
            "amount": amount,
            "amount_type": "percent",
            "type_tax_use": "sale",
            "price_include_override": f"tax_{tax}",
            "company_id": company.id,
        }
    )


def setup_fees(env, estates, tax="none"):
    Fee = env["property.fee.item"]
    company = env.company
    taxes = vat(env, 6.0, tax) if tax != "none" else env["account.tax"]
    income = env["account.account"].search(
        [("account_type", "=", "income"), ("company_ids", "in", company.ids)], limit=1
    )
    product = env["product.product"].create(
        {"name": "物业服务 (bench)", "type": "service", "taxes_id": [(5, 0, 0)]}
    )
    common = {
        "product_id": product.id,
        "account_id": income.id,
        "tax_ids": [(6, 0, taxes.ids)],
        "estate_ids": [(6, 0, estates.ids)],
    }
    apartment = env.ref("property_billing.unit_type_apartment")
    return Fee.create(
        [
            {
                "name": "物业服务费",
                "method": "gross_area",
                "rate": 2.8,
                "unit_type_ids": [(6, 0, apartment.ids)],
            }
            | common,
            {"name": "垃圾处理费", "method": "fixed", "rate": 15.0, "charge_vacant": False}
            | common,
            {"name": "停车管理费", "method": "parking", "rate": 150.0} | common,
        ]
    )


def make_period(env, name, start, end):
    return env["property.billing.period"].create(
        {"name": name, "date_start": start, "date_end": end}
    )


def baseline(env, units, fees, period, step, post, batch=100):
    """The same invoices with the plain ORM: create(vals_list) and _post() per
    100 invoices, commit after each batch. Charges come from the same
    computation, outside the measured time, so only the invoicing is
    compared."""
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", env.company.id)], limit=1
    )
    vals_list = []
    unit_ids = units.ids
    for start in range(0, len(unit_ids), 500):
        chunk = env["property.unit"].browse(unit_ids[start : start + 500])
        charges, _skips = period._compute_unit_charges(chunk, fees)
        grouped = {}
        for charge in charges:
            grouped.setdefault((charge["unit"].id, charge["partner"].id), []).append(charge)
        for (unit_id, partner_id), unit_charges in grouped.items():
            vals_list.append(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner_id,
                    "journal_id": journal.id,
                    "invoice_date": period.invoice_date,
                    "invoice_date_due": period.date_due,
                    "property_unit_id": unit_id,
                    "property_period_id": period.id,
                    "invoice_line_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": c["fee"].product_id.id,
                                "name": c["name"],
                                "quantity": c["quantity"],
                                "price_unit": c["price_unit"],
                                "account_id": c["fee"].account_id.id,
                                "tax_ids": [(6, 0, c["fee"].tax_ids.ids)],
                            },
                        )
                        for c in unit_charges
                    ],
                }
            )
        env.invalidate_all()
    env.cr.commit()
    Move = env["account.move"]
    with step:
        for start in range(0, len(vals_list), batch):
            moves = Move.create(vals_list[start : start + batch])
            with post:
                moves._post()
            env.cr.commit()
            env.invalidate_all()
            step.sample()
    return len(vals_list)


def billing_run(env, estates, fees, period, step, post, chunk_size):
    from odoo.addons.account.models.account_move import AccountMove

    original_post = AccountMove._post

    def timed_post(moves, soft=True):
        with post:
            result = original_post(moves, soft=soft)
        step.sample()
        return result

    run = env["property.billing.run"].create(
        {
            "period_id": period.id,
            "estate_ids": [(6, 0, estates.ids)],
            "fee_ids": [(6, 0, fees.ids)],
            "post_invoices": True,
        }
    )
    env.cr.commit()
    AccountMove._post = timed_post
    try:
        with step:
            run._execute(commit=True, chunk_size=chunk_size)
            env.cr.commit()
    finally:
        AccountMove._post = original_post
    return env["account.move"].search_count([("property_billing_run_id", "=", run.id)]), run


def compare_with_normal(env, run, batch=200):
    """Build, the normal way, the bill of the same charges as each bill of
    ``run`` and compare them (``bill_identity``); rolled back afterwards.
    Returns (bills compared, differences)."""
    from odoo.addons.property_billing.tests.bill_identity import (
        bill_differences,
        create_normal_twins,
    )

    bill_ids = env["account.move"].search([("property_billing_run_id", "=", run.id)]).ids
    differences = []
    for start in range(0, len(bill_ids), batch):
        bills = env["account.move"].browse(bill_ids[start : start + batch])
        with env.cr.savepoint(flush=False) as savepoint:
            twins = create_normal_twins(bills)
            for bill, twin in zip(bills, twins, strict=True):
                differences += bill_differences(bill, twin)
            savepoint.rollback()
        env.invalidate_all()
    return len(bill_ids), differences


def line(count, step, post):
    """One line of figures of a phase: ``step`` timed all of it, ``post`` its posting."""
    seconds = step.seconds or 1e-9
    gen_seconds = max(seconds - post.seconds, 1e-9)
    count = count or 1
    traced = f", traced peak {step.traced_peak_mb:.0f} MB" if step.traced_peak_mb else ""
    return (
        f"{step.name:<12} {count:>7} invoices  "
        f"generation {count / gen_seconds:7.1f}/s  "
        f"posting {count / max(post.seconds, 1e-9):7.1f}/s  "
        f"both {count / seconds:7.1f}/s  "
        f"{step.queries / count:5.1f} queries/invoice "
        f"({(step.queries - post.queries) / count:.1f} + "
        f"{post.queries / count:.1f} posting)  "
        f"peak RSS {step.max_rss_mb:.0f} MB{traced}"
    )


def main(argv=None):
    args = parse_args(argv)
    registry = load_registry(args)
    if args.tracemalloc:
        tracemalloc.start()
    with registry.cursor() as cr:
        env = open_env(cr)
        check_installed(env, "property_billing")
        print(f"populating {args.units} units ...", flush=True)
        result = populate(env, units=args.units, prefix="BB")
        estates = result.estates
        print(f"  {result.seconds:.0f} s", flush=True)
        fees = setup_fees(env, estates, args.tax)
        if args.rounding:
            env.company.tax_calculation_rounding_method = args.rounding
        year = 2026
        taken = env["property.billing.period"].search_count([("name", "=like", "BB-%")])
        base_period = make_period(env, f"BB-{taken}-baseline", f"{year}-01-01", f"{year}-01-31")
        run_period = make_period(env, f"BB-{taken}-run", f"{year}-03-01", f"{year}-03-31")
        env.cr.commit()
        env.invalidate_all()

        base = base_post = None
        if not args.skip_baseline:
            base, base_post = Timer(cr, "baseline"), Timer(cr, trace_memory=False)
            base_count = baseline(env, result.units, fees, base_period, base, base_post)
            env.invalidate_all()
        step, post = Timer(cr, "billing run"), Timer(cr, trace_memory=False)
        run_count, run = billing_run(env, estates, fees, run_period, step, post, args.chunk_size)
        run.invalidate_recordset()
        print(f"\n{args.units} units, {len(fees)} fee items, {run.skipped_count} units skipped")
        if base:
            print(line(base_count, base, base_post))
        print(line(run_count, step, post))
        if base:
            speedup = (run_count / step.seconds) / (base_count / base.seconds)
            print(f"speed-up (created and posted): {speedup:.2f}x")
        print(f"process peak RSS: {peak_rss_mb():.0f} MB")
        print(
            f"taxes: {args.tax}, rounding: {env.company.tax_calculation_rounding_method}, "
            f"load average during the run: {step.load_average}"
        )
        if not args.skip_compare:
            compared, differences = compare_with_normal(env, run)
            print(
                f"compared {compared} bills of the run with bills built the normal way: "
                f"{len(differences)} differences"
            )
            for difference in differences[:20]:
                print("  ", difference)


if __name__ == "__main__":
    main()
