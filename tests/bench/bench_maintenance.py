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
import sys
import time
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

SYSTEMS = ["power", "water", "elevator", "fire", "security", "lighting", "hvac"]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    add_common_arguments(parser, "property_maintenance")
    parser.add_argument("--equipment", type=int, default=20_000, help="equipment (20000)")
    parser.add_argument(
        "--sizes", help="comma-separated equipment counts to run in turn (overrides --equipment)"
    )
    parser.add_argument("--estates", type=int, default=4, help="estates (4)")
    parser.add_argument("--horizon", type=int, default=30, help="horizon in days (30)")
    return parser.parse_args(argv)


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


def run_generation(env, plans):
    """The cron's work restricted to the benchmark's plans: one committed
    chunk per plan."""
    Request = env["maintenance.request"]
    before = Request.search_count([("plan_id", "in", plans.ids)])
    with Timer(env.cr) as step:
        for plan in plans:
            plan.task_ids._generate_requests()
            env.cr.commit()
            env.invalidate_all()
    created = Request.search_count([("plan_id", "in", plans.ids)]) - before
    return created, step


def report(label, count, step):
    per_second = count / step.seconds if step.seconds else 0
    per_request = step.queries / count if count else float("nan")
    line = (
        f"{label:<28} {count:>7} requests {step.seconds:7.1f} s {per_second:8.0f} requests/s "
        f"{step.queries:>7} queries {per_request:6.3f} queries/request"
    )
    if step.traced_peak_mb:
        line += f"  traced peak {step.traced_peak_mb:.0f} MB"
    print(line, flush=True)


def main(argv=None):
    args = parse_args(argv)
    registry = load_registry(args)
    if args.tracemalloc:
        tracemalloc.start()
    sizes = [int(size) for size in args.sizes.split(",")] if args.sizes else [args.equipment]
    with registry.cursor() as cr:
        env = open_env(cr)
        check_installed(env, "property_maintenance")
        for size in sizes:
            tag = f"{size}-{int(time.time()) % 100000}"
            print(f"populating {size} equipment over {args.estates} estates ...", flush=True)
            with Timer(cr) as populating:
                plans = populate(env, size, args.estates, tag, args.horizon)
            print(f"  {populating.seconds:.0f} s, {len(plans)} plans × 3 tasks", flush=True)
            created, step = run_generation(env, plans)
            report(f"generation N={size}", created, step)
            again, step_again = run_generation(env, plans)
            report(f"second run N={size}", again, step_again)
            if again:
                print("  ERROR: the second run created requests (duplicates)", flush=True)
        print(f"process peak RSS: {peak_rss_mb():.0f} MB", flush=True)


if __name__ == "__main__":
    main()
