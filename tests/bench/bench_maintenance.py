#!/usr/bin/env python3
"""Preventive-maintenance benchmark: requests per second, SQL queries per
request and peak memory of the plan generation.

Run from the project folder (see README.md here):

    PGUSER=odoo .venv/bin/python tests/bench/bench_maintenance.py -d bench_maint --install \
        --equipment 20000

It creates ``--equipment`` pieces of equipment spread over ``--estates``
estates and the seven building systems, and per estate and system one plan
"per system" with three tasks (monthly, quarterly, monthly — first due dates
spread over the coming month), so that every piece of equipment has three
tasks due within the 30-day horizon. Then it runs the daily generation the way
the cron does (``property.maintenance.plan._cron_generate_requests``: one
committed chunk per plan) and prints requests per second, queries per
request and the peak memory. A second run of the cron follows, which must
create nothing (no duplicates) and shows the cost of the check alone.

``--sizes 2000,20000`` runs the generation for several sizes in turn (fresh
estates each time) to show that the queries per request do not grow with N.
"""

import argparse
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
SYSTEMS = ["power", "water", "elevator", "fire", "security", "lighting", "hvac"]
QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--database", "-d", required=True, help="scratch database")
    parser.add_argument("--equipment", type=int, default=20_000, help="equipment (20000)")
    parser.add_argument(
        "--sizes", help="comma-separated equipment counts to run in turn (overrides --equipment)"
    )
    parser.add_argument("--estates", type=int, default=4, help="estates (4)")
    parser.add_argument("--horizon", type=int, default=30, help="horizon in days (30)")
    parser.add_argument(
        "--config", "-c", default=str(PROJECT_DIR / "odoo.conf"), help="Odoo configuration"
    )
    parser.add_argument(
        "--install",
        action="store_true",
        help="create the database if missing and install property_maintenance without demo",
    )
    parser.add_argument(
        "--tracemalloc", action="store_true", help="report traced Python memory peaks (slower)"
    )
    parser.add_argument("--log-level", default="warn")
    return parser.parse_args(argv)


def load_registry(args):
    import odoo  # noqa: F401, PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(["-c", args.config, "-d", args.database, f"--log-level={args.log_level}"])
    if args.install:
        from odoo.service import db  # noqa: PLC0415
        from odoo.tools.sql import SQL  # noqa: PLC0415

        with odoo.sql_db.db_connect("postgres").cursor() as cr:
            cr.execute(SQL("SELECT 1 FROM pg_database WHERE datname = %s", args.database))
            exists = bool(cr.fetchall())
        if not exists:
            db._create_empty_database(args.database)
        return Registry.new(
            args.database, install_modules=["property_maintenance"], new_db_demo=False
        )
    return Registry(args.database)


def populate(env, equipment_count, estate_count, tag, horizon):
    """Estates, equipment and one plan per estate and system; committed."""
    from dateutil.relativedelta import relativedelta  # noqa: PLC0415

    from odoo import Command, fields  # noqa: PLC0415

    today = fields.Date.context_today(env["property.estate"])
    estates = env["property.estate"].create(
        [{"name": f"Bench {tag} estate {i}", "code": f"BM{tag}-{i}"} for i in range(estate_count)]
    )
    Equipment = env["maintenance.equipment"]
    batch = []
    for index in range(equipment_count):
        batch.append(
            {
                "name": f"Bench {tag} equipment {index}",
                "estate_id": estates[index % estate_count].id,
                "system": SYSTEMS[index // estate_count % len(SYSTEMS)],
                "installation_date": "2020-01-01",
            }
        )
        if len(batch) == 2000:
            Equipment.create(batch)
            batch = []
            env.cr.commit()
            env.invalidate_all()
    Equipment.create(batch)
    offsets = [3, 10, 20]  # the three tasks fall due on different days
    plans = env["property.maintenance.plan"].create(
        [
            {
                "name": f"Bench {tag} {estate.name} {system}",
                "estate_id": estate.id,
                "apply_on": "system",
                "system": system,
                "date_start": today,
                "horizon_days": horizon,
                "task_ids": [
                    Command.create(
                        {
                            "name": name,
                            "interval_number": interval,
                            "interval_unit": "month",
                            "date_start": today + relativedelta(days=offset),
                            "checklist_ids": [
                                Command.create({"name": "Visual check", "standard": "no damage"}),
                                Command.create({"name": "Test run", "standard": "no noise"}),
                            ],
                        }
                    )
                    for name, interval, offset in zip(
                        ["Monthly service", "Quarterly service", "Monthly test"],
                        [1, 3, 1],
                        offsets,
                        strict=True,
                    )
                ],
            }
            for estate in estates
            for system in SYSTEMS
        ]
    )
    env.cr.commit()
    env.invalidate_all()
    return plans


class Meter:
    def __init__(self, cr):
        self.cr = cr

    def __enter__(self):
        self.queries = self.cr.sql_log_count
        self.start = time.perf_counter()
        if tracemalloc.is_tracing():
            tracemalloc.reset_peak()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        self.queries = self.cr.sql_log_count - self.queries
        self.traced_peak = tracemalloc.get_traced_memory()[1] if tracemalloc.is_tracing() else 0


def run_generation(env, plans):
    """The cron's work restricted to the benchmark's plans: one committed
    chunk per plan."""
    Request = env["maintenance.request"]
    before = Request.search_count([("plan_id", "in", plans.ids)])
    with Meter(env.cr) as meter:
        for plan in plans:
            plan.task_ids._generate_requests()
            env.cr.commit()
            env.invalidate_all()
    created = Request.search_count([("plan_id", "in", plans.ids)]) - before
    return created, meter


def report(label, count, meter):
    per_second = count / meter.seconds if meter.seconds else 0
    per_request = meter.queries / count if count else float("nan")
    line = (
        f"{label:<28} {count:>7} requests {meter.seconds:7.1f} s {per_second:8.0f} requests/s "
        f"{meter.queries:>7} queries {per_request:6.3f} queries/request"
    )
    if meter.traced_peak:
        line += f"  traced peak {meter.traced_peak / 2**20:.0f} MB"
    print(line, flush=True)


def main(argv=None):
    args = parse_args(argv)
    if args.database == "property_demo":
        sys.exit("property_demo is the demo database of `make run`: use a scratch database.")
    os.chdir(PROJECT_DIR)
    registry = load_registry(args)
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    if args.tracemalloc:
        tracemalloc.start()
    sizes = [int(size) for size in args.sizes.split(",")] if args.sizes else [args.equipment]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, dict(QUIET_CONTEXT))
        module = env["ir.module.module"].search([("name", "=", "property_maintenance")])
        if module.state != "installed":
            sys.exit(f"property_maintenance is not installed in {args.database}: add --install.")
        for size in sizes:
            tag = f"{size}-{int(time.time()) % 100000}"
            print(f"populating {size} equipment over {args.estates} estates ...", flush=True)
            start = time.perf_counter()
            plans = populate(env, size, args.estates, tag, args.horizon)
            print(
                f"  {time.perf_counter() - start:.0f} s, {len(plans)} plans × 3 tasks", flush=True
            )
            created, meter = run_generation(env, plans)
            report(f"generation N={size}", created, meter)
            again, meter_again = run_generation(env, plans)
            report(f"second run N={size}", again, meter_again)
            if again:
                print("  ERROR: the second run created requests (duplicates)", flush=True)
        print(
            f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB",
            flush=True,
        )


if __name__ == "__main__":
    main()
