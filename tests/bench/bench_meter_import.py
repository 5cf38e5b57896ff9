#!/usr/bin/env python3
"""Meter-reading import benchmark: readings per second, SQL queries per
reading and peak memory of the import of a round's reading sheet (xlsx),
next to a plain-ORM baseline on the same meters.

Run from the project folder (see README.md here):

    PGUSER=odoo .venv/bin/python tests/bench/bench_meter_import.py -d bench_meters --install \
        --readings 20000

``--install`` takes the modules to install (``property_base`` by default), e.g.
``--install property_maintenance`` for the energy figures it adds to each reading.

It populates N units in one estate (``populate.py``), gives each a water
meter with three monthly readings, and a reading route over all of them in
walking order. Then, on the same meters:

* baseline: the readings of one month imported the way a careful developer
  would with the plain ORM: per row of the sheet, the meter looked up by its
  number (``search``), then ``property.meter.reading.create(vals_list)`` per
  1000 rows, which checks every reading against its meter's chain;
* import: the next month through a reading round: the round made from the
  route, its xlsx template downloaded and filled in, then uploaded to the
  import wizard, which checks every row (one query for the readings around
  all of them) and records the lines and readings in batches.

and prints readings per second, queries per reading and the peak resident
memory of each step.
"""

import argparse
import base64
import datetime
import io
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
    reset_peak_rss,
)
from populate import populate  # noqa: E402

HISTORY = [datetime.date(2026, 7, 31), datetime.date(2026, 8, 31), datetime.date(2026, 9, 30)]
BASELINE_DATE = datetime.date(2026, 10, 31)
ROUND_START, ROUND_END = datetime.date(2026, 11, 1), datetime.date(2026, 11, 30)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    add_common_arguments(parser, "property_base", install_modules=True)
    parser.add_argument(
        "--readings", type=int, default=20_000, help="meters, rows of the sheet (20000)"
    )
    parser.add_argument(
        "--skip-baseline", action="store_true", help="only the round's import, no baseline"
    )
    return parser.parse_args(argv)


def setup_meters(env, count):
    """An estate of ``count`` units, a water meter each with three monthly
    readings, and a route over them; committed."""
    result = populate(env, units=count, estates=1, prefix="BM")
    estate = result.estates
    Meter = env["property.meter"]
    Reading = env["property.meter.reading"]
    unit_ids = result.units.ids
    meter_ids = []
    for start in range(0, len(unit_ids), 2000):
        units = env["property.unit"].browse(unit_ids[start : start + 2000])
        meters = Meter.create(
            [
                {"name": f"SB-{unit.full_code}", "unit_id": unit.id, "meter_type": "water"}
                for unit in units
            ]
        )
        values = []
        for index, meter in enumerate(meters):
            value = 100.0 + index % 50
            for date in HISTORY:
                values.append({"meter_id": meter.id, "date": date, "value": value})
                value += 8 + index % 7
        Reading.create(values)
        meter_ids += meters.ids
        env.cr.commit()
        env.invalidate_all()
    route = env["property.meter.route"].create(
        {"name": f"{estate.name} 水表", "estate_id": estate.id}
    )
    env["property.meter.route.line"].create(
        [
            {"route_id": route.id, "meter_id": meter_id, "sequence": index}
            for index, meter_id in enumerate(meter_ids)
        ]
    )
    env.cr.commit()
    return estate, route, meter_ids


def baseline(env, estate, sheet_rows, step):
    """The plain-ORM import of ``sheet_rows`` [(meter number, value, date)]."""
    Meter = env["property.meter"]
    Reading = env["property.meter.reading"]
    with step:
        vals_list = []
        for name, value, date in sheet_rows:
            meter = Meter.search([("estate_id", "=", estate.id), ("name", "=", name)], limit=1)
            vals_list.append({"meter_id": meter.id, "date": date, "value": value})
            if len(vals_list) == 1000:
                Reading.create(vals_list)
                vals_list = []
                step.sample()
        if vals_list:
            Reading.create(vals_list)
        env.cr.commit()


def fill_template(content, use):
    """The template with a new reading in each row (the last reading + ``use``)."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    last = header.index("上次读数\nLast Reading")
    new = header.index("本次读数\nNew Reading")
    date = header.index("抄表日期\nReading Date")
    for row in sheet.iter_rows(min_row=2):
        row[new].value = (row[last].value or 0.0) + use
        row[date].value = "2026-11-28"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def line(name, count, step):
    count = count or 1
    traced = f", traced peak {step.traced_peak_mb:.0f} MB" if step.traced_peak_mb else ""
    database = (
        f" + PostgreSQL {step.db_cpu_seconds:.1f} s" if step.db_cpu_seconds is not None else ""
    )
    return (
        f"{name:<28} {count:>7} rows {step.seconds:7.1f} s  {count / step.seconds:8.1f} rows/s  "
        f"{step.queries / count:6.3f} queries/row ({step.queries} queries)  "
        f"CPU Odoo {step.cpu_seconds:.1f} s{database}  "
        f"peak RSS {step.max_rss_mb:.0f} MB{traced}"
    )


def main(argv=None):
    args = parse_args(argv)
    registry = load_registry(args)
    if args.tracemalloc:
        tracemalloc.start()
    with registry.cursor() as cr:
        env = open_env(cr)
        check_installed(env, "property_base")
        print(f"populating {args.readings} units and meters ...", flush=True)
        setup = Timer(cr, "setup")
        with setup:
            estate, route, meter_ids = setup_meters(env, args.readings)
        print(f"  {setup.seconds:.0f} s", flush=True)
        env.invalidate_all()
        lines = []

        if not args.skip_baseline:
            meters = env["property.meter"].browse(meter_ids)
            sheet_rows = [
                (name, 1000.0 + index % 10, BASELINE_DATE)
                for index, name in enumerate(meters.mapped("name"))
            ]
            env.invalidate_all()
            reset_peak_rss()
            step = Timer(cr, "baseline", env=env)
            baseline(env, estate, sheet_rows, step)
            lines.append(line("baseline (plain ORM)", len(sheet_rows), step))
            env.invalidate_all()

        reset_peak_rss()
        make_round = Timer(cr, "round", env=env)
        with make_round:
            reading_round = env["property.meter.round"].create(
                {
                    "route_id": route.id,
                    "date_start": ROUND_START,
                    "date_end": ROUND_END,
                    "date": ROUND_END,
                }
            )
            env.cr.commit()
        lines.append(line("round made from the route", len(meter_ids), make_round))
        env.invalidate_all()

        template = Timer(cr, "template", env=env)
        with template:
            wizard = env["property.meter.reading.import"].create({"round_id": reading_round.id})
            wizard.action_download_template()
            content = base64.b64decode(wizard.template_file)
        lines.append(line("template downloaded", len(meter_ids), template))
        filled = fill_template(content, use=15.0)
        env.cr.commit()
        env.invalidate_all()

        reset_peak_rss()
        check = Timer(cr, "validate", env=env)
        write = Timer(cr, "write", env=env)
        both = Timer(cr, "validate + write", env=env)
        with both:
            wizard = env["property.meter.reading.import"].create(
                {"round_id": reading_round.id, "file": base64.b64encode(filled)}
            )
            with check:
                valid, errors = wizard._read_sheet()
            with write:
                wizard._write_rows(valid)
            env.cr.commit()
        lines.append(line("import: validate", len(valid), check))
        lines.append(line("import: write", len(valid), write))
        lines.append(line("import: validate + write", len(valid), both))

        recorded = env["property.meter.reading"].search_count(
            [("meter_id", "in", meter_ids), ("date", "=", datetime.date(2026, 11, 28))]
        )
        print(
            f"\n{len(meter_ids)} meters, {len(errors)} rows in error, {recorded} readings recorded"
        )
        for text in lines:
            print(text)
        maintenance = env["ir.module.module"].search(
            [("name", "=", "property_maintenance"), ("state", "=", "installed")]
        )
        print(
            "property_maintenance installed (energy figures on each reading): "
            f"{'yes' if maintenance else 'no'}"
        )
        print(f"process peak RSS: {peak_rss_mb():.0f} MB")
        print(f"load average at the end: {both.load_average}")


if __name__ == "__main__":
    main()
