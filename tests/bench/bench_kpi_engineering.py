#!/usr/bin/env python3
"""Dashboard benchmark of the engineering figures: seconds and SQL queries of
``property.kpi.get_dashboard`` (month and year) and of each engineering
figure, over a large number of maintenance requests.

Run from the project folder (see README.md here) on a scratch database with
property_maintenance installed (a copy of the demo database will do):

    PGUSER=odoo .venv/bin/python tests/bench/bench_kpi_engineering.py -d bench_kpi \
        --repairs 200000 --planned 60000

It adds ``--repairs`` corrective requests reported over the last three years
(nine in ten repaired 20 hours later, one in seven of them reopened once)
and ``--planned`` requests of a preventive plan due over the same years (four
in five done), in one estate, with plain SQL (the ORM would take minutes),
then times the dashboard of every estate twice (cold, warm) for a month and
a year, and each engineering figure alone. Everything is rolled back at the
end: the database is left as it was.
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

FIGURES = [
    "plan_completion_rate",
    "inspection_due",
    "inspection_overdue",
    "patrol_completion_rate",
    "patrol_abnormal_count",
    "first_time_fix_rate",
    "open_repair_count",
]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    add_common_arguments(parser, "property_maintenance")
    parser.add_argument("--repairs", type=int, default=200_000, help="corrective (200000)")
    parser.add_argument("--planned", type=int, default=60_000, help="planned (60000)")
    return parser.parse_args(argv)


def populate(env, repairs, planned):
    """The requests, in the first estate that has maintenance requests."""
    from odoo.tools import SQL  # noqa: PLC0415

    cr = env.cr
    cr.execute(
        "SELECT estate_id, company_id, maintenance_team_id FROM maintenance_request "
        "WHERE estate_id IS NOT NULL ORDER BY id LIMIT 1"
    )
    row = cr.fetchone()
    if not row:
        sys.exit("No maintenance request with an estate: use a copy of the demo database.")
    estate_id, company_id, team_id = row
    cr.execute("SELECT id FROM maintenance_stage WHERE done ORDER BY sequence LIMIT 1")
    done_stage = cr.fetchone()[0]
    cr.execute(
        "SELECT id FROM maintenance_stage WHERE NOT COALESCE(done, FALSE) ORDER BY sequence LIMIT 1"
    )
    new_stage = cr.fetchone()[0]
    cr.execute("SELECT id FROM property_maintenance_plan_task ORDER BY id LIMIT 1")
    task_id = cr.fetchone()[0]
    cr.execute(
        SQL(
            """
            INSERT INTO maintenance_request (
                name, company_id, maintenance_team_id, stage_id, kanban_state,
                maintenance_type, estate_id, reported_at, done_at, reopen_count, source,
                archive, create_date, write_date)
            SELECT 'bench repair ' || g, %(company)s, %(team)s,
                   CASE WHEN g %% 10 = 0 THEN %(new)s ELSE %(done)s END, 'normal',
                   'corrective', %(estate)s, now() - (g %% 1095) * interval '1 day',
                   CASE WHEN g %% 10 <> 0
                        THEN now() - (g %% 1095) * interval '1 day' + interval '20 hours' END,
                   (g %% 7 = 0)::int, 'staff', FALSE, now(), now()
              FROM generate_series(1, %(repairs)s) g
            """,
            company=company_id,
            team=team_id,
            new=new_stage,
            done=done_stage,
            estate=estate_id,
            repairs=repairs,
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO maintenance_request (
                name, company_id, maintenance_team_id, stage_id, kanban_state,
                maintenance_type, estate_id, plan_task_id, plan_due_date, close_date, source,
                archive, create_date, write_date)
            SELECT 'bench plan ' || g, %(company)s, %(team)s,
                   CASE WHEN g %% 5 = 0 THEN %(new)s ELSE %(done)s END, 'normal',
                   'preventive', %(estate)s, %(task)s,
                   (now() - (g %% 1095) * interval '1 day')::date,
                   (now() - (g %% 1095) * interval '1 day')::date + (g %% 3) - 1,
                   'plan', FALSE, now(), now()
              FROM generate_series(1, %(planned)s) g
            """,
            company=company_id,
            team=team_id,
            new=new_stage,
            done=done_stage,
            estate=estate_id,
            task=task_id,
            planned=planned,
        )
    )
    cr.execute("ANALYZE maintenance_request")


def main(argv=None):
    args = parse_args(argv)
    registry = load_registry(args)
    with registry.cursor() as cr:
        env = open_env(cr)
        check_installed(env, "property_maintenance")
        with Timer(cr) as timer:
            populate(env, args.repairs, args.planned)
        print(f"populate: {args.repairs + args.planned} requests in {timer.seconds:.1f} s")
        Kpi = env["property.kpi"]
        estates = env["property.estate"].search([])
        for period_type in ("month", "year"):
            for run in ("cold", "warm"):
                env.invalidate_all()
                with Timer(cr) as timer:
                    Kpi.get_dashboard(estate_ids=estates.ids, period_type=period_type)
                print(
                    f"dashboard {period_type} ({run}): {timer.seconds:.3f} s, "
                    f"{timer.queries} queries"
                )
            period = Kpi._kpi_period(period_type)
            periods = [period, Kpi._kpi_last_year(period), *Kpi._kpi_trend_periods(period)]
            for key in FIGURES:
                with Timer(cr) as timer:
                    Kpi._kpi_compute(key, estates, periods)
                print(f"  {key}: {timer.seconds:.3f} s, {timer.queries} queries")
        cr.rollback()


if __name__ == "__main__":
    main()
