#!/usr/bin/env python3
"""Shared-cost benchmark: allocating a building's common electricity over every
unit of the estates, and what billing it adds to the monthly run.

Run from the project folder (see README.md here):

    PGUSER=odoo .venv/bin/python tests/bench/bench_shared_cost.py -d bench_shared --install \
        --units 10000

It populates N units (``populate.py``) with owners and residents and the
monthly fees of a Chinese estate as the demo company charges them (物业服务费
per m² and 停车管理费 per parking space with 6 % and 9 % VAT price included,
垃圾处理费 for occupied days without VAT), gives each estate a common meter read
in two months and a rule sharing its consumption by gross area, then:

* allocation: each estate's allocation of the month computed by
  ``property.allocation`` (keys read in batch, shares to the cent in integers,
  lines created in one batch), next to a plain-ORM baseline that reads each
  unit's area through the ORM and creates the lines one by one as a first
  version would;
* billing: a month billed untimed (the first bill of each payer costs more),
  then one month without the shared-cost fee and the next month with it
  (公摊电费, without VAT), through ``property.billing.run``: the same run with
  and without the fee. What the fee adds to the run's time is printed in % of
  the run without it: in wall time and in CPU time (this process and the
  PostgreSQL process serving it, read from ``/proc``), which other programs
  running on the machine disturb much less.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_billing import billing_run, line, make_period, setup_fees, vat  # noqa: E402
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
    parser.add_argument("--units", type=int, default=10_000, help="units to allocate (10000)")
    parser.add_argument("--chunk-size", type=int, default=200, help="units per run chunk (200)")
    parser.add_argument(
        "--skip-billing", action="store_true", help="only the allocation, no billing runs"
    )
    return parser.parse_args(argv)


def setup_estate_fees(env, estates):
    """The three fee items of ``bench_billing.py`` with the taxes of the demo
    company: 6 % VAT price included on the service fee, 9 % on the parking fee,
    none on the garbage fee."""
    service, garbage, parking = fees = setup_fees(env, estates, "included")
    garbage.tax_ids = [(5, 0, 0)]
    parking.tax_ids = [(6, 0, vat(env, 9.0, "included").ids)]
    return fees


def setup_rules(env, estates, prefix):
    """A common meter per estate with two months of readings and its rule."""
    rules = env["property.allocation.rule"]
    for index, estate in enumerate(estates):
        meter = env["property.meter"].create(
            {
                "name": f"{prefix}-{index} common electricity",
                "meter_type": "electricity",
                "estate_id": estate.id,
                "digit_count": 9,
            }
        )
        env["property.meter.reading"].create(
            [
                {"meter_id": meter.id, "date": "2026-02-28", "value": 100_000.0},
                {"meter_id": meter.id, "date": "2026-03-31", "value": 134_567.8},
                {"meter_id": meter.id, "date": "2026-04-30", "value": 171_234.5},
            ]
        )
        rules |= rules.create(
            {
                "name": f"{prefix} 公摊电费 {index}",
                "estate_id": estate.id,
                "source": "meters",
                "meter_type": "electricity",
                "meter_ids": [(6, 0, meter.ids)],
                "price_unit": 0.617,
                "key": "gross_area",
            }
        )
    return rules


def allocate(env, rules, period):
    allocations = env["property.allocation"].create(
        [{"rule_id": rule.id, "period_id": period.id} for rule in rules]
    )
    for allocation in allocations:
        allocation.action_compute()
        allocation.action_confirm()
        env.cr.commit()
    return allocations


def baseline(env, rules, period):
    """The same shares the way a first version would: the units' areas read
    through the ORM one by one, each share rounded, the rounding difference
    put on the last line, the lines created one at a time."""
    Line = env["property.allocation.line"]
    allocations = env["property.allocation"].create(
        [{"rule_id": rule.id, "period_id": period.id} for rule in rules]
    )
    count = 0
    for allocation in allocations:
        rule = allocation.rule_id
        quantity, amount, *_rest = allocation._compute_source()
        units = env["property.unit"].search(rule._get_unit_domain(), order="id")
        units = units.filtered(lambda unit: unit.gross_area > 0)
        total_area = sum(unit.gross_area for unit in units)
        given = 0.0
        for index, unit in enumerate(units):
            share = round(amount * unit.gross_area / total_area, 2)
            if index == len(units) - 1:
                share = round(amount - given, 2)
            given += share
            Line.create(
                {
                    "allocation_id": allocation.id,
                    "unit_id": unit.id,
                    "key_value": unit.gross_area,
                    "amount": share,
                }
            )
            count += 1
        env.cr.commit()
    return count


def allocation_line(name, count, step):
    seconds = step.seconds or 1e-9
    return (
        f"{name:<22} {count:>7} shares  {count / seconds:8.0f}/s  {seconds:6.1f} s  "
        f"{step.queries / max(count, 1):5.2f} queries/share  peak RSS {step.max_rss_mb:.0f} MB"
    )


def cpu(step):
    """CPU seconds of a step: this process and, where readable, PostgreSQL's."""
    return step.cpu_seconds + (step.db_cpu_seconds or 0.0)


def percent(value, reference):
    return f"{100.0 * (value - reference) / (reference or 1e-9):+.1f} %"


def run_line(name, env, run, count, step):
    """Bills, journal items per bill, wall and CPU time of a billing run."""
    items = env["account.move.line"].search_count(
        [("move_id.property_billing_run_id", "=", run.id)]
    )
    database = (
        f" + PostgreSQL {step.db_cpu_seconds:.1f} s" if step.db_cpu_seconds is not None else ""
    )
    return (
        f"{name:<22} {count:>7} bills  {items / max(count, 1):4.2f} journal items/bill  "
        f"{step.seconds:7.1f} s wall  CPU {cpu(step):7.1f} s (Odoo {step.cpu_seconds:.1f} s"
        f"{database})"
    )


def main(argv=None):
    args = parse_args(argv)
    registry = load_registry(args)
    with registry.cursor() as cr:
        env = open_env(cr)
        check_installed(env, "property_billing")
        taken = env["property.billing.period"].search_count([("name", "=like", "SC-%")])
        prefix = f"SC{taken}"
        print(f"populating {args.units} units ...", flush=True)
        result = populate(env, units=args.units, prefix=prefix)
        estates = result.estates
        fees = setup_estate_fees(env, estates)
        rules = setup_rules(env, estates, prefix)
        march = make_period(env, f"SC-{taken}-03", "2026-03-01", "2026-03-31")
        april = make_period(env, f"SC-{taken}-04", "2026-04-01", "2026-04-30")
        base_period = make_period(env, f"SC-{taken}-base", "2026-03-01", "2026-03-31")
        env.cr.commit()
        env.invalidate_all()

        base = Timer(cr, "baseline", env=env, invalidate=True)
        with base:
            base_count = baseline(env, rules, base_period)
        env.invalidate_all()
        step = Timer(cr, "allocation", env=env, invalidate=True)
        with step:
            allocations = allocate(env, rules, april)
        count = sum(len(allocation.line_ids) for allocation in allocations)
        exact = all(
            round(sum(allocation.line_ids.mapped("amount")), 2) == allocation.amount_total
            for allocation in allocations
        )
        print(f"\n{args.units} units, {len(estates)} estates")
        print(allocation_line("allocation (baseline)", base_count, base))
        print(allocation_line("allocation", count, step))
        print(
            f"speed-up: {(count / step.seconds) / (base_count / base.seconds):.1f}x, "
            f"shares add up to the amount to the cent: {exact}"
        )

        if not args.skip_billing:
            shared = env["property.fee.item"].create(
                {
                    "name": "公摊电费",
                    "method": "shared",
                    "allocation_rule_id": rules[0].id,
                    "product_id": fees[0].product_id.id,
                    "account_id": fees[0].account_id.id,
                    "tax_ids": [(5, 0, 0)],
                }
            )
            extra = shared
            for rule in rules[1:]:
                extra |= shared.copy({"allocation_rule_id": rule.id})
            env.cr.commit()
            # Not timed: the first bill of every payer costs more (its partner's
            # accounting data); both timed months bill payers already billed.
            warm_up = make_period(env, f"SC-{taken}-02", "2026-02-01", "2026-02-28")
            billing_run(env, estates, fees, warm_up, Timer(cr), Timer(cr, trace_memory=False), 1000)
            env.invalidate_all()
            without, without_post = Timer(cr, "without"), Timer(cr, trace_memory=False)
            count_without, run_without = billing_run(
                env, estates, fees, march, without, without_post, args.chunk_size
            )
            env.invalidate_all()
            with_shared, with_post = Timer(cr, "with shared"), Timer(cr, trace_memory=False)
            count_with, run_with = billing_run(
                env, estates, fees | extra, april, with_shared, with_post, args.chunk_size
            )
            print(line(count_without, without, without_post))
            print(line(count_with, with_shared, with_post))
            print(run_line("run without the fee", env, run_without, count_without, without))
            print(run_line("run with the fee", env, run_with, count_with, with_shared))
            per_bill_with = with_shared.seconds / max(count_with, 1)
            per_bill_without = without.seconds / max(count_without, 1)
            print(
                f"the shared-cost fee adds {percent(with_shared.seconds, without.seconds)} to "
                f"the run's wall time, {percent(cpu(with_shared), cpu(without))} to its CPU "
                f"time (Odoo + PostgreSQL); per bill: {percent(per_bill_with, per_bill_without)}"
                " wall time"
            )
            step = with_shared
        print(f"process peak RSS: {peak_rss_mb():.0f} MB, load average: {step.load_average}")


if __name__ == "__main__":
    main()
