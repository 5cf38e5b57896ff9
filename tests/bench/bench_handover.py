#!/usr/bin/env python3
"""Takeover benchmark: generation of the inspection lines of property_handover
for N units x 40 unit-interior items (200,000 lines for the default 5,000
units), regeneration (nothing to add), the recording list and result entry.

Run from the project folder (see README.md here):

    PGUSER=odoo .venv/bin/python tests/bench/bench_handover.py -d bench_handover --install

It populates the units (``populate.py``), creates a checklist of ``--items``
unit-interior items and ``--building-items`` building items, one takeover
project per estate, and times:

1. "Generate Lines" of every project (set-based ``INSERT … SELECT`` in batches
   of 2,000 units, ``ON CONFLICT DO NOTHING`` on the unique indexes);
2. the same again: nothing to add, no duplicate;
3. the recording list: first page (80 lines) of the lines to inspect of one
   building, and the counts grouped by building and category;
4. recording: ``--record`` failed/passed results written one list page at a
   time (a failed line creates its defect).

It prints lines per second, SQL queries per line and the peak memory of each
step. Everything is rolled back at the end unless ``--keep``.
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
)
from populate import populate  # noqa: E402

CATEGORIES = ["finishing", "doors_windows", "plumbing", "electrical", "hvac", "other"]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    add_common_arguments(parser, "property_handover")
    parser.add_argument("--units", type=int, default=5_000, help="units to populate (5000)")
    parser.add_argument("--estates", type=int, default=None, help="estates (1 per 10,000 units)")
    parser.add_argument("--items", type=int, default=40, help="unit-interior items (40)")
    parser.add_argument(
        "--building-items", type=int, default=10, help="common-part and facility items (10)"
    )
    parser.add_argument("--record", type=int, default=2_000, help="results to record (2000)")
    parser.add_argument("--keep", action="store_true", help="commit instead of rolling back")
    return parser.parse_args(argv)


def report(step, count, label):
    rate = count / step.seconds if step.seconds else float("inf")
    per = step.queries / count if count else 0.0
    traced = step.traced_peak_mb
    py_peak = f"  python peak {traced:6.1f} MB" if traced is not None else ""
    print(
        f"{step.name:<34} {count:>8} {label:<8} {step.seconds:8.2f} s  {rate:9.0f} {label}/s  "
        f"{step.queries:>6} queries ({per:.4f}/{label.rstrip('s')})  "
        f"peak RSS {step.peak_rss_mb:6.0f} MB{py_peak}",
        flush=True,
    )


def setup(env, args):
    from odoo import Command

    result = populate(env, units=args.units, estates=args.estates, prefix="HO", commit=False)
    items = [
        {
            "name": f"Bench unit item {index:02d}",
            "scope": "unit",
            "sequence": index,
            "category": CATEGORIES[index % len(CATEGORIES)],
            "is_critical": index % 10 == 0,
            "judgement_type": "measure" if index % 8 == 0 else "pass_fail",
            "target_value": 0.0,
            "tolerance": 4.0,
        }
        for index in range(args.items)
    ] + [
        {
            "name": f"Bench building item {index:02d}",
            "scope": "common" if index % 2 else "facility",
            "sequence": 100 + index,
            "category": "structure" if index % 2 else "elevator",
        }
        for index in range(args.building_items)
    ]
    checklist = env["property.handover.checklist"].create(
        {"name": "Bench checklist", "item_ids": [Command.create(vals) for vals in items]}
    )
    developer = env["res.partner"].create({"name": "Bench developer", "is_company": True})
    projects = env["property.handover.project"].create(
        [
            {
                "name": f"Bench takeover {estate.name}",
                "estate_id": estate.id,
                "developer_id": developer.id,
                "checklist_ids": [Command.set(checklist.ids)],
            }
            for estate in result.estates
        ]
    )
    return result, projects


def main(argv=None):
    args = parse_args(argv)
    registry = load_registry(args)
    if args.tracemalloc:
        tracemalloc.start()
    with registry.cursor() as cr:
        env = open_env(cr)
        check_installed(env, "property_handover")
        with Timer(cr) as setting_up:
            result, projects = setup(env, args)
        buildings = len(result.buildings)
        print(
            f"{len(result.units)} units, {buildings} buildings, {len(result.estates)} estates, "
            f"{args.items} unit items + {args.building_items} building items: set up in "
            f"{setting_up.seconds:.1f} s",
            flush=True,
        )
        Line = env["property.handover.line"]

        with Timer(cr, "generate lines", env=env) as step:
            projects.action_generate_lines()
        lines = Line.search_count([("project_id", "in", projects.ids)])
        report(step, lines, "lines")

        with Timer(cr, "regenerate (nothing to add)", env=env) as step:
            projects.action_generate_lines()
        again = Line.search_count([("project_id", "in", projects.ids)])
        report(step, again, "lines")
        if again != lines:
            sys.exit(f"regeneration changed the line count: {lines} -> {again}")

        project = projects[0]
        building = result.buildings[:1]
        list_domain = [
            ("project_id", "=", project.id),
            ("result", "=", "todo"),
            ("building_id", "=", building.id),
        ]
        list_fields = ["building_id", "unit_id", "name", "is_critical", "result", "value", "note"]
        env.invalidate_all()
        with Timer(cr, "recording list: first page", env=env) as step:
            page = Line.search_fetch(list_domain, list_fields, limit=80)
            page.mapped("unit_id.display_name")
            page.mapped("name")
        report(step, len(page), "lines")
        with Timer(cr, "recording list: groups", env=env) as step:
            groups = Line._read_group(
                [("project_id", "=", project.id)], ["building_id", "category"], ["__count"]
            )
        report(step, len(groups), "groups")

        to_record = Line.search(
            [("project_id", "=", project.id), ("result", "=", "todo")], limit=args.record
        )
        recorded = 0
        with Timer(cr, "record results (80 per save)", env=env) as step:
            for start in range(0, len(to_record), 80):
                batch = to_record[start : start + 80]
                failed = batch[:4]
                failed.write({"result": "fail", "note": "bench defect"})
                (batch - failed).write({"result": "pass"})
                recorded += len(batch)
        report(step, recorded, "lines")
        defects = env["property.handover.defect"].search_count([("project_id", "=", project.id)])
        print(f"{'':<34} {defects:>8} defects created", flush=True)

        if args.keep:
            cr.commit()
        else:
            cr.rollback()


if __name__ == "__main__":
    main()
