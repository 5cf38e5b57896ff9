#!/usr/bin/env python3
"""Arrears export benchmark: time, rows per second, SQL queries per row and peak
resident memory of the arrears xlsx export for N rows, next to an in-memory
plain-ORM baseline.

Run from the project folder (see README.md here):

    PGUSER=odoo .venv/bin/python tests/bench/bench_arrears_export.py -d bench_arrears \
        --install --rows 100000

It populates ``--units`` units with their owners (``populate.py``; kept, and reused
by the next runs on the same database), 24 monthly billing periods and a billing
clerk (Invoicing user, Property user), then inserts ``--rows`` posted, unpaid or
partly paid bills of those units and periods in bulk SQL — bills without lines: the
arrears list reads only the bill's header, and the subject is the export, not the
invoicing. Then it runs each of these in a process of its own, so that the peak
resident memory (``VmHWM``) of each is its own, as the clerk (record rules
applied), nothing selected (every arrears):

* ``baseline``: the way the hand-written exports were written — every
  ``property.arrears.report`` record searched and read through the ORM, written
  into an xlsxwriter workbook held in memory (``in_memory``), the file taken
  out of its ``BytesIO``;
* ``export``: the *Export xlsx* button (``action_export_xlsx``) and the download
  of the action it returns, as report_xlsx's download route renders it
  (``ir.actions.report._render_xlsx``). On a version before report_xlsx, where
  the button stored the file as an attachment behind a download URL, the same
  button is timed, attachment included.

It prints, per step, rows, seconds, rows per second, queries per row, the file
size, the resident memory before the export and the peak. The bills are deleted at
the end unless ``--keep``.
"""

import argparse
import io
import json
import subprocess
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import (  # noqa: E402
    Timer,
    add_common_arguments,
    check_installed,
    load_registry,
    open_env,
    reset_peak_rss,
    rss_mb,
)
from populate import populate  # noqa: E402

PREFIX = "AX"  # estate codes of the populated units, names of the periods
CLERK_LOGIN = "bench_arrears_clerk"
BILL_REF = "bench_arrears_export"  # account_move.ref of the inserted bills
STEPS = ("baseline", "export")
MONTHS = 24


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    add_common_arguments(parser, "property_billing")
    parser.add_argument("--rows", type=int, default=100_000, help="arrears rows (100000)")
    parser.add_argument(
        "--units", type=int, default=10_000, help="units the bills are spread over (10000)"
    )
    parser.add_argument(
        "--steps",
        default=",".join(STEPS),
        help=f"comma-separated steps to run, each in its own process ({','.join(STEPS)})",
    )
    parser.add_argument("--keep", action="store_true", help="keep the inserted bills")
    # Internal: run one step in this process and print its figures as JSON.
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


# ---------------------------------------------------------------------------
# Data set (parent process)
# ---------------------------------------------------------------------------


def payers_of_units(env, units):
    """(unit, estate, building, payer) of the populated units that have an owner,
    ``populate`` run first when the database has fewer than ``units`` of them."""
    from odoo.tools import SQL  # noqa: PLC0415 (Odoo is set up by load_registry)

    query = SQL(
        """
        SELECT DISTINCT ON (unit.id) unit.id, unit.estate_id, unit.building_id, own.partner_id
          FROM property_unit unit
          JOIN property_estate estate ON estate.id = unit.estate_id
          JOIN property_ownership own ON own.unit_id = unit.id
         WHERE estate.code LIKE %s
         ORDER BY unit.id, own.id
        """,
        f"{PREFIX}%",
    )
    env.cr.execute(query)
    pairs = env.cr.fetchall()
    populated = env["property.unit"].search_count([("estate_id.code", "=like", f"{PREFIX}%")])
    if populated < units:
        print(f"populating {units - populated} units ...", flush=True)
        result = populate(env, units=units - populated, prefix=PREFIX)
        print(f"  {result.seconds:.0f} s", flush=True)
        env.cr.execute(query)
        pairs = env.cr.fetchall()
    return pairs


def periods(env):
    """The 24 monthly periods up to this month, created on the first run."""
    Period = env["property.billing.period"]
    today = date.today()
    found = Period.browse()
    for back in range(MONTHS - 1, -1, -1):
        month = (today.year * 12 + today.month - 1) - back
        start = date(month // 12, month % 12 + 1, 1)
        name = f"{PREFIX} {start:%Y-%m}"
        period = Period.search([("name", "=", name)])
        if not period:
            end = date((month + 1) // 12, (month + 1) % 12 + 1, 1).toordinal() - 1
            period = Period.create(
                {"name": name, "date_start": start, "date_end": date.fromordinal(end)}
            )
        found |= period
    return found


def clerk(env):
    user = env["res.users"].search([("login", "=", CLERK_LOGIN)])
    if not user:
        user = env["res.users"].create(
            {
                "name": "Bench Arrears Clerk",
                "login": CLERK_LOGIN,
                "company_id": env.company.id,
                "company_ids": [(6, 0, env.company.ids)],
                "group_ids": [
                    (4, env.ref("account.group_account_invoice").id),
                    (4, env.ref("property_base.group_property_user").id),
                ],
            }
        )
    return user


def insert_bills(env, pairs, months, rows):
    """``rows`` posted out-invoices (no lines), one per unit and period in turn:
    four in five unpaid, one partly paid; due 15 days after the period starts."""
    from odoo.tools import SQL  # noqa: PLC0415 (Odoo is set up by load_registry)

    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", env.company.id)], limit=1
    )
    tag = int(time.time())
    env.cr.execute(
        SQL(
            """
        WITH unit AS (
            SELECT ordinality - 1 AS n, u.*
              FROM unnest(%(units)s::int[], %(estates)s::int[], %(buildings)s::int[],
                          %(payers)s::int[]) WITH ORDINALITY
                   AS u(unit_id, estate_id, building_id, partner_id)
        ), period AS (
            SELECT ordinality - 1 AS n, p.*
              FROM unnest(%(periods)s::int[], %(starts)s::date[]) WITH ORDINALITY
                   AS p(period_id, date_start)
        ), bill AS (
            SELECT g, unit.*, period.period_id, period.date_start,
                   round((100 + (g * 37) %% 400)::numeric, 2) + 0.5 AS amount
              FROM generate_series(0, %(rows)s - 1) g
              JOIN unit ON unit.n = g %% %(unit_count)s
              JOIN period ON period.n = (g / %(unit_count)s + g) %% %(period_count)s
        )
        INSERT INTO account_move (
            name, ref, move_type, state, payment_state, auto_post, journal_id, company_id,
            currency_id, date, invoice_date, invoice_date_due, partner_id,
            commercial_partner_id, property_unit_id, property_estate_id,
            property_building_id, property_period_id, amount_total, amount_total_signed,
            amount_residual, amount_residual_signed, create_uid, write_uid, create_date,
            write_date)
        SELECT %(prefix)s || %(tag)s || '/' || lpad(g::text, 7, '0'), %(ref)s,
               'out_invoice', 'posted', CASE WHEN g %% 5 = 0 THEN 'partial' ELSE 'not_paid' END,
               'no', %(journal)s, %(company)s, %(currency)s, date_start, date_start,
               date_start + 15, partner_id, partner_id, unit_id, estate_id, building_id,
               period_id, amount, amount,
               CASE WHEN g %% 5 = 0 THEN amount / 2 ELSE amount END,
               CASE WHEN g %% 5 = 0 THEN amount / 2 ELSE amount END,
               1, 1, now() at time zone 'UTC', now() at time zone 'UTC'
          FROM bill
        """,
            units=[pair[0] for pair in pairs],
            estates=[pair[1] for pair in pairs],
            buildings=[pair[2] for pair in pairs],
            payers=[pair[3] for pair in pairs],
            periods=months.ids,
            starts=[period.date_start for period in months],
            rows=rows,
            unit_count=len(pairs),
            period_count=len(months),
            prefix=PREFIX,
            tag=str(tag),
            ref=BILL_REF,
            journal=journal.id,
            company=env.company.id,
            currency=env.company.currency_id.id,
        )
    )
    return env.cr.rowcount


def delete_bills(env):
    from odoo.tools import SQL  # noqa: PLC0415

    env.cr.execute(SQL("DELETE FROM account_move WHERE ref = %s", BILL_REF))
    return env.cr.rowcount


# ---------------------------------------------------------------------------
# Steps (one child process each)
# ---------------------------------------------------------------------------


def export_baseline(env):
    """Every arrears record through the ORM into a workbook held in memory."""
    import xlsxwriter  # noqa: PLC0415

    Arrears = env["property.arrears.report"]
    records = Arrears.search([], order="estate_id, building_id, unit_id, date_due, id")
    buckets = dict(Arrears._fields["age_bucket"]._description_selection(env))
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = workbook.add_worksheet(env._("Arrears"))
    bold = workbook.add_format({"bold": True})
    money = workbook.add_format({"num_format": "#,##0.00"})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    headers = ["Estate", "Building", "Unit", "Payer", "Bill", "Period", "Due Date"]
    headers += ["Days Overdue", "Age", "Billed", "Unpaid"]
    for col, header in enumerate(headers):
        sheet.write(0, col, env._(header), bold)
    for row, record in enumerate(records, start=1):
        sheet.write_string(row, 0, record.estate_id.name or "")
        sheet.write_string(row, 1, record.building_id.name or "")
        sheet.write_string(row, 2, record.unit_id.full_code or "")
        sheet.write_string(row, 3, record.partner_id.name or "")
        sheet.write_string(row, 4, record.move_id.name or "")
        sheet.write_string(row, 5, record.period_id.name or "")
        sheet.write_datetime(row, 6, record.date_due, day)
        sheet.write_number(row, 7, record.days_overdue)
        sheet.write_string(row, 8, buckets.get(record.age_bucket, ""))
        sheet.write_number(row, 9, record.amount_total, money)
        sheet.write_number(row, 10, record.amount_residual, money)
    workbook.close()
    return len(output.getvalue())


def export_button(env):
    """The Export xlsx button with nothing selected, and its download."""
    action = env["property.arrears.report"].action_export_xlsx()
    if action["type"] == "ir.actions.report":
        content, _format = env["ir.actions.report"]._render_xlsx(
            action["report_name"], action["context"].get("active_ids"), action["data"]
        )
        return len(content)
    # Before report_xlsx: the file was stored as an attachment behind a URL.
    attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
    return env["ir.attachment"].browse(attachment_id).file_size


def run_step(args):
    """Run one step as the clerk and print its figures as one JSON line."""
    registry = load_registry(args)
    with registry.cursor() as cr:
        env = open_env(cr)
        user = env["res.users"].search([("login", "=", CLERK_LOGIN)])
        env = env(user=user.id, context={"lang": "en_US", "tz": "Asia/Shanghai"})
        rows = env["property.arrears.report"].search_count([])
        env.invalidate_all()
        if args.tracemalloc:
            tracemalloc.start()
        peak_reset = reset_peak_rss()
        rss_before = rss_mb()
        with Timer(cr, args.step) as step:
            size = {"baseline": export_baseline, "export": export_button}[args.step](env)
        figures = {
            "step": args.step,
            "rows": rows,
            "seconds": step.seconds,
            "queries": step.queries,
            "size": size,
            "rss_before": rss_before,
            "peak_rss": step.peak_rss_mb,
            "peak_reset": peak_reset,
            "traced_peak": step.traced_peak_mb,
        }
        cr.rollback()  # the old button's attachment
    print(json.dumps(figures), flush=True)


def run_child(args, step):
    command = [sys.executable, __file__, "-d", args.database, "-c", args.config]
    command += ["--log-level", args.log_level, "--step", step]
    if args.tracemalloc:
        command.append("--tracemalloc")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"step {step} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def line(figures):
    rows = figures["rows"] or 1
    traced = figures["traced_peak"]
    traced = f"  traced peak {traced:6.0f} MB" if traced else ""
    return (
        f"{figures['step']:<9} {figures['rows']:>8} rows  {figures['seconds']:7.1f} s  "
        f"{rows / figures['seconds']:7.0f} rows/s  {figures['queries'] / rows:7.4f} queries/row  "
        f"file {figures['size'] / 2**20:5.1f} MB  RSS before {figures['rss_before']:4.0f} MB  "
        f"peak RSS {figures['peak_rss']:5.0f} MB{'' if figures['peak_reset'] else ' (process)'}"
        f"{traced}"
    )


def main(argv=None):
    args = parse_args(argv)
    if args.step:
        return run_step(args)
    registry = load_registry(args)
    with registry.cursor() as cr:
        env = open_env(cr)
        check_installed(env, "property_billing")
        pairs = payers_of_units(env, args.units)
        months = periods(env)
        clerk(env)
        delete_bills(env)  # left over by an interrupted run
        with Timer(cr, "insert", trace_memory=False) as insert:
            inserted = insert_bills(env, pairs, months, args.rows)
            cr.execute("ANALYZE account_move")
            cr.commit()
        print(
            f"{inserted} bills of {len(pairs)} units over {len(months)} periods inserted "
            f"in {insert.seconds:.1f} s",
            flush=True,
        )
    try:
        results = []
        for step in args.steps.split(","):
            print(f"running {step} ...", flush=True)
            results.append(run_child(args, step.strip()))
            print(line(results[-1]), flush=True)
    finally:
        if not args.keep:
            with registry.cursor() as cr:
                delete_bills(open_env(cr))
    print(f"\n{args.rows} arrears rows (and any other arrears of the database)")
    for figures in results:
        print(line(figures))


if __name__ == "__main__":
    main()
