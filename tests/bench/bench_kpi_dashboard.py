#!/usr/bin/env python3
"""Whole-dashboard benchmark: the manager's dashboard (``property.kpi``) of a
company of 100,000 units, 1,000,000 bills, 200,000 tickets and 260,000
maintenance requests, every section at once.

Run from the project folder on a scratch copy of a demo database with every
property module installed, after writing the ledger of a million bills into
it (``kpi_fees_ledger.sql`` commits its rows: never on property_demo):

    createdb -U odoo -T property_demo kpi_bench
    psql -U odoo -d kpi_bench -f tests/bench/kpi_fees_ledger.sql
    PGUSER=odoo .venv/bin/python tests/bench/bench_kpi_dashboard.py -d kpi_bench

The ledger script writes bills and reconciliations straight in SQL, past the
ORM that keeps the fee ledger: the script rebuilds the fee ledger and the
units' months first (timed: what the upgrade that adds them costs). It then
inserts the tickets and the requests (as ``bench_kpi_service.py`` and
``bench_kpi_engineering.py`` do), times ``get_dashboard`` of every estate
for a month, a quarter and a year (cold: caches emptied; warm) and each
figure alone, and next to it the baseline: the fee sums computed from the
bills and reconciliations at each call, as the figures did before the fee
ledger. The rebuilt ledger is kept (and vacuumed): everything else is rolled back at the
end.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import (  # noqa: E402
    Timer,
    add_common_arguments,
    check_installed,
    load_registry,
    open_env,
)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    add_common_arguments(parser, "property_billing")
    parser.add_argument("--tickets", type=int, default=200_000)
    parser.add_argument("--repairs", type=int, default=200_000)
    parser.add_argument("--planned", type=int, default=60_000)
    parser.add_argument("--date", default="2026-11-15", help="the dashboard's date")
    parser.add_argument("--runs", type=int, default=3, help="warm runs of each period (3)")
    return parser.parse_args(argv)


def vacuum(registry, tables):
    """VACUUM ANALYZE ``tables`` (outside a transaction)."""
    from odoo.sql_db import db_connect  # noqa: PLC0415

    with db_connect(registry.db_name).cursor() as cr:
        cr._cnx.autocommit = True
        for table in tables:
            cr.execute(f"VACUUM ANALYZE {table}")  # noqa: S608 (a table name of this file)


def count(cr, table):
    cr.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (a table name of this file)
    return cr.fetchone()[0]


def insert_occupancies(env):
    """Nine units in ten lived in (since a day of 2020-2024), one in five of
    them by a family member too: the occupancy rate counts units, not
    occupancies. Units with an occupancy already are left alone."""
    env.cr.execute(
        """
        INSERT INTO property_occupancy (unit_id, partner_id, estate_id, building_id, company_id,
                                        role, date_start, date_end, is_current)
        SELECT unit.id, partner.id, unit.estate_id, unit.building_id, estate.company_id,
               role, DATE '2020-01-01' + (unit.id * 7 + family) % 1800, NULL, TRUE
          FROM property_unit unit
          JOIN property_estate estate ON estate.id = unit.estate_id
          JOIN LATERAL (SELECT id FROM res_partner ORDER BY id LIMIT 1) partner ON TRUE
         CROSS JOIN (VALUES (0, 'owner_occupier'), (1, 'family')) AS member(family, role)
         WHERE unit.id % 10 <> 0
           AND (family = 0 OR unit.id % 5 = 0)
           AND NOT EXISTS (SELECT 1 FROM property_occupancy o WHERE o.unit_id = unit.id)
        """
    )
    env.cr.execute("ANALYZE property_occupancy")


def baseline_fee_sums(env, estates):
    """The ledger's sums per key computed from the bills and
    reconciliations, as the fee figures read them before the fee ledger."""
    from odoo.tools import SQL  # noqa: PLC0415

    Ledger = env["property.fee.ledger"]
    env.cr.execute(
        SQL(
            "SELECT kind, COUNT(*), SUM(amount) FROM (%s) rows(c, e, kind, f, b, d, day, amount)"
            " WHERE e IN %s GROUP BY kind",
            Ledger._source_rows_sql(),
            tuple(estates.ids),
        )
    )
    return env.cr.fetchall()


def main(argv=None):
    args = parse_args(argv)
    registry = load_registry(args)
    with registry.cursor() as cr:
        env = open_env(cr, {"tz": "Asia/Shanghai", "lang": "zh_CN"})
        for module in ("property_billing", "property_helpdesk", "property_maintenance"):
            check_installed(env, module)
        from bench_kpi_engineering import populate  # noqa: PLC0415
        from bench_kpi_service import insert_tickets  # noqa: PLC0415

        bills = count(cr, "account_move WHERE property_estate_id IS NOT NULL")
        if bills < 100_000:
            sys.exit(f"{bills} bills: load tests/bench/kpi_fees_ledger.sql first (see above).")
        with Timer(cr) as timer:
            env["property.fee.ledger"]._rebuild()
        print(
            f"fee ledger rebuilt from {bills} bills: {timer.seconds:.1f} s, "
            f"{count(cr, 'property_fee_ledger')} rows"
        )
        with Timer(cr) as timer:
            env["property.fee.unit.month"]._rebuild()
        print(
            f"units' months rebuilt: {timer.seconds:.1f} s, "
            f"{count(cr, 'property_fee_unit_month')} rows"
        )
        # The scratch database's ledger now matches its bills: kept, and
        # vacuumed as autovacuum would (index-only scans need the visibility
        # map). The rest is rolled back at the end.
        cr.commit()
        vacuum(registry, ("property_fee_ledger", "property_fee_unit_month"))
        with Timer(cr) as timer:
            insert_occupancies(env)
            insert_tickets(env, argparse.Namespace(tickets=args.tickets, months=36, date=args.date))
            populate(env, args.repairs, args.planned)
        print(
            f"occupancies, {args.tickets} tickets and {args.repairs + args.planned} requests "
            f"inserted: {timer.seconds:.1f} s"
        )
        units = count(cr, "property_unit")
        print(
            f"volumes: {units} units, {bills} bills, {count(cr, 'helpdesk_ticket')} tickets, "
            f"{count(cr, 'maintenance_request')} requests, "
            f"{count(cr, 'property_occupancy')} occupancies"
        )
        Kpi = env["property.kpi"]
        estates = env["property.estate"].search([])
        for period_type in ("month", "quarter", "year"):
            for run in ["cold"] + ["warm"] * args.runs:
                if run == "cold":
                    env.invalidate_all()
                    env.registry.clear_cache()
                with Timer(cr) as timer:
                    data = Kpi.get_dashboard(period_type=period_type, date=args.date)
                figures = sum(len(section["figures"]) for section in data["sections"])
                print(
                    f"dashboard {period_type:<7} ({run}): {timer.seconds:6.3f} s, "
                    f"{timer.queries} queries, {figures} figures, peak {timer.peak_rss_mb:.0f} MB"
                )
            period = Kpi._kpi_period(period_type, args.date)
            periods = [period, Kpi._kpi_last_year(period), *Kpi._kpi_trend_periods(period)]
            slowest = []
            for figure in Kpi._kpi_figures():
                with Timer(cr) as timer:
                    Kpi._kpi_compute(figure["key"], estates, periods)
                slowest.append((timer.seconds, figure["section"], figure["key"], timer.queries))
            print("  slowest figures alone (s, section, figure, queries):")
            for seconds, section, key, queries in sorted(slowest, reverse=True)[:6]:
                print(f"    {seconds:6.3f}  {section:<12} {key:<28} {queries}")
        with Timer(cr) as timer:
            sums = baseline_fee_sums(env, estates)
        print(
            f"baseline: the fee sums from the bills at each call (before the fee ledger): "
            f"{timer.seconds:.1f} s ({', '.join(f'{kind} {rows}' for kind, rows, _sum in sums)})"
        )
        cr.rollback()


if __name__ == "__main__":
    main()
