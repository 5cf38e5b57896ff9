#!/usr/bin/env python3
"""Service figures benchmark: the customer-service section of the manager's
dashboard (``property_helpdesk/models/property_kpi.py``) over many tickets.

Run from the project folder (see README.md here), on a scratch database with
property_helpdesk installed and a few estates:

    PGUSER=odoo .venv/bin/python tests/bench/bench_kpi_service.py -d SCRATCH --tickets 200000

It inserts N tickets (bulk SQL) over the estates of the database, reported
every few minutes over ``--months`` months up to the chosen date, with their
clocks, breaches, closings, reopenings, ratings and follow-up visits, then
times the one query the service figures share and the whole dashboard (all
estates, month and year), in the user's time zone. Everything is rolled
back at the end.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import add_common_arguments, check_installed, load_registry, open_env  # noqa: E402


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    add_common_arguments(parser, "property_helpdesk")
    parser.add_argument("--tickets", type=int, default=200000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--date", default="2026-11-15", help="the dashboard's date")
    return parser.parse_args(argv)


def insert_tickets(env, args):
    from odoo.tools import SQL

    estates = env["property.estate"].search([])
    rule = env["property.helpdesk.sla.rule"].search([], limit=1)
    minutes = args.months * 30 * 24 * 60 / args.tickets
    env.cr.execute(
        SQL(
            """
            INSERT INTO helpdesk_ticket (
                name, description, company_id, estate_id, ticket_kind, location_type, active,
                create_date, sla_start_date, sla_rule_id, first_response_date,
                response_deadline, response_breached, work_done_date, resolution_deadline,
                resolution_breached, closed_date, first_closed_date, property_state,
                response_work_hours, resolution_work_hours, owner_rating, follow_up_required,
                follow_up_state, follow_up_result, reopened_date)
            SELECT 'bench', '<p>bench</p>', estate.company_id, estate.id,
                   (ARRAY['repair', 'complaint', 'inquiry', 'suggestion'])[1 + g %% 4],
                   'unit', TRUE, d, d, %(rule)s, d + interval '1 hour', d + interval '2 hour',
                   g %% 7 = 0, d + interval '20 hour', d + interval '24 hour', g %% 5 = 0,
                   CASE WHEN g %% 3 > 0 THEN d + interval '30 hour' END,
                   CASE WHEN g %% 3 > 0 THEN d + interval '30 hour' END,
                   CASE WHEN g %% 3 > 0 THEN 'closed' ELSE 'progress' END, 1.0, 8.0,
                   CASE WHEN g %% 2 = 0 THEN ((g %% 5) + 1)::text END, g %% 4 = 1,
                   CASE WHEN g %% 8 = 1 THEN 'done' END,
                   CASE WHEN g %% 8 = 1 THEN 'satisfied' END,
                   CASE WHEN g %% 50 = 0 THEN d + interval '40 hour' END
              FROM (SELECT g, %(end)s::timestamp - g * %(step)s * interval '1 minute' AS d,
                           (%(estates)s::int[])[1 + g %% %(count)s] AS estate_id
                      FROM generate_series(1, %(tickets)s) g) AS s
              JOIN property_estate estate ON estate.id = s.estate_id
            """,
            rule=rule.id or None,
            end=args.date,
            step=minutes,
            estates=estates.ids,
            count=len(estates),
            tickets=args.tickets,
        )
    )
    env.cr.execute("ANALYZE helpdesk_ticket")
    return estates


def main(argv=None):
    args = parse_args(argv)
    registry = load_registry(args)
    with registry.cursor() as cr:
        env = open_env(cr, {"tz": "Asia/Shanghai"})
        check_installed(env, "property_helpdesk")
        started = time.perf_counter()
        estates = insert_tickets(env, args)
        print(
            f"{args.tickets} tickets over {len(estates)} estates and {args.months} months, "
            f"inserted in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        Kpi = env["property.kpi"]
        for period_type in ("month", "year"):
            period = Kpi._kpi_period(period_type, args.date)
            periods = [period, Kpi._kpi_last_year(period), *Kpi._kpi_trend_periods(period)]
            for _run in range(3):
                started = time.perf_counter()
                Kpi._kpi_service_rows(estates, periods)
                print(
                    f"{period_type:<6} service query (14 periods)  "
                    f"{time.perf_counter() - started:6.3f} s",
                    flush=True,
                )
            started = time.perf_counter()
            data = Kpi.get_dashboard(period_type=period_type, date=args.date)
            print(
                f"{period_type:<6} whole dashboard             "
                f"{time.perf_counter() - started:6.3f} s",
                flush=True,
            )
            [service] = [s for s in data["sections"] if s["key"] == "service"]
            print("       " + ", ".join(f"{f['key']}={f['value']}" for f in service["figures"]))
        cr.rollback()


if __name__ == "__main__":
    main()
