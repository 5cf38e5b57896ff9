#!/usr/bin/env python3
"""Create large data sets for benchmarks: estates, buildings, units, owners
(partners), ownerships and occupancies, through the ORM in committed batches.

Run from the project folder with the project's virtualenv (see README.md here):

    PGUSER=odoo .venv/bin/python tests/bench/populate.py --database bench_db --units 100000

Other benchmarks reuse :func:`populate` on an environment of their own::

    from populate import populate  # tests/bench is on sys.path when running a script there
    result = populate(env, units=10_000, estates=4)
    result.units  # property.unit recordset
"""

import argparse
import datetime
import itertools
import random
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from benchlib import (
    PROJECT_DIR,  # noqa: F401  (imported from here by other scripts)
    QUIET_CONTEXT,
    Timer,
    add_common_arguments,
    check_installed,
    load_registry,
    open_env,
    peak_rss_mb,
)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韩冯邓曹彭曾肖田董袁潘蒋蔡杜叶程苏魏丁沈"
)
GIVEN_NAMES = [
    "伟", "芳", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英",
    "霞", "平", "刚", "桂英", "建华", "志强", "晓燕", "海燕", "建国", "丹", "萍", "鹏", "辉",
    "玲", "婷", "宇", "浩然", "子涵", "欣怡", "梓轩", "雨桐", "俊杰", "思远", "文博", "佳怡",
]  # fmt: skip
MOBILE_PREFIXES = ["135", "136", "137", "138", "139", "150", "151", "158", "177", "186", "189"]

# Residential layout of a generated building: entrances x floors x units per floor
ENTRANCES = 2
FLOORS = 18
UNITS_PER_FLOOR = 2
APARTMENTS_PER_BUILDING = ENTRANCES * FLOORS * UNITS_PER_FLOOR
APARTMENT_PLANS = [
    (78.5, "2室1厅1卫"),
    (89.6, "2室2厅1卫"),
    (112.4, "3室2厅1卫"),
    (136.8, "3室2厅2卫"),
]


@dataclass
class PopulateResult:
    """Records created by :func:`populate` (recordsets of the caller's environment)."""

    estates: object
    buildings: object
    units: object
    partners: object
    ownerships: object
    occupancies: object
    seconds: float = 0.0
    queries: int = 0
    batches: list = field(default_factory=list)

    def counts(self):
        return {
            "estates": len(self.estates),
            "buildings": len(self.buildings),
            "units": len(self.units),
            "partners": len(self.partners),
            "ownerships": len(self.ownerships),
            "occupancies": len(self.occupancies),
        }


@dataclass
class UnitPlan:
    """What to create for one unit: the unit, its owners and its residents."""

    values: dict
    owners: list = field(default_factory=list)  # (partner values, share, primary)
    date_start: datetime.date | None = None
    residents: list = field(default_factory=list)  # (partner values or "owner", role, date)


class Planner:
    """Deterministic random plans of units and the people around them."""

    def __init__(self, seed, sold_rate, co_owned_rate, occupied_rate, tenant_rate):
        self.rng = random.Random(seed)
        self.sold_rate = sold_rate
        self.co_owned_rate = co_owned_rate
        self.occupied_rate = occupied_rate
        self.tenant_rate = tenant_rate
        self.serial = 0

    def person(self, city):
        self.serial += 1
        values = {
            "name": self.rng.choice(SURNAMES) + self.rng.choice(GIVEN_NAMES),
            "phone": f"{self.rng.choice(MOBILE_PREFIXES)} {self.rng.randrange(10**8):08d}",
            "city": city,
        }
        if self.rng.random() < 0.5:
            values["email"] = f"owner{self.serial}@example.com"
        return values

    def day(self, first, last):
        return first + datetime.timedelta(days=self.rng.randrange((last - first).days + 1))

    def plan(self, values, city):
        """Owners, residents and state of one unit."""
        unit = UnitPlan(values=values)
        if self.rng.random() >= self.sold_rate:
            values["state"] = "vacant"
            return unit
        unit.date_start = self.day(datetime.date(2012, 1, 1), datetime.date(2023, 12, 31))
        if self.rng.random() < self.co_owned_rate:
            unit.owners = [(self.person(city), 50.0, True), (self.person(city), 50.0, False)]
        else:
            unit.owners = [(self.person(city), 100.0, False)]
        draw = self.rng.random()
        moved_in = unit.date_start + datetime.timedelta(days=self.rng.randrange(20, 400))
        if values["unit_type"] == "parking":
            pass
        elif draw < self.occupied_rate:
            unit.residents.append(("owner", "owner_occupier", moved_in))
        elif draw < self.occupied_rate + self.tenant_rate:
            unit.residents.append((self.person(city), "tenant", moved_in))
        values["state"] = "occupied" if unit.residents else "delivered"
        return unit


def _estate_sizes(units, estates):
    size, extra = divmod(units, estates)
    return [size + (1 if index < extra else 0) for index in range(estates)]


def _unit_values(estate, buildings, index, count, parking_share, plans):
    """Values of the ``index``-th of ``count`` units of an estate: apartments in
    buildings first, then underground parking spaces without a building."""
    apartments = count - int(count * parking_share)
    if index >= apartments:
        number = index - apartments + 1
        return {
            "estate_id": estate.id,
            "code": f"B1-{number:05d}",
            "floor": -1,
            "unit_type": "parking",
            "gross_area": 12.5,
            "net_area": 11.5,
        }
    building, position = divmod(index, APARTMENTS_PER_BUILDING)
    entrance, position = divmod(position, FLOORS * UNITS_PER_FLOOR)
    floor, slot = divmod(position, UNITS_PER_FLOOR)
    gross_area, layout = plans[slot % len(plans)]
    return {
        "estate_id": estate.id,
        "building_id": buildings[building].id,
        "entrance": str(entrance + 1),
        "floor": floor + 1,
        "code": f"{floor + 1}{slot + 1:02d}",
        "unit_type": "apartment",
        "gross_area": gross_area,
        "net_area": round(gross_area * 0.8, 2),
        "layout": layout,
    }


def _create_estates(env, sizes, parking_share, prefix):
    """Estates and all their buildings, named after the first free number."""
    Estate = env["property.estate"]
    taken = Estate.with_context(active_test=False).search_count([("code", "=like", f"{prefix}%")])
    estates = Estate.create(
        [
            {
                "name": f"基准小区 {prefix}{taken + index + 1:04d}",
                "code": f"{prefix}{taken + index + 1:04d}",
                "estate_type": "residential",
                "city": "上海市",
                "country_id": env.ref("base.cn").id,
            }
            for index in range(len(sizes))
        ]
    )
    building_vals = []
    for estate, size in zip(estates, sizes, strict=True):
        apartments = size - int(size * parking_share)
        building_count = -(-apartments // APARTMENTS_PER_BUILDING)
        building_vals += [
            {
                "estate_id": estate.id,
                "name": f"{number}栋",
                "code": str(number),
                "sequence": number,
                "floor_count": FLOORS,
                "entrance_count": ENTRANCES,
                "basement_count": 1,
            }
            for number in range(1, building_count + 1)
        ]
    buildings = env["property.building"].create(building_vals)
    by_estate = {estate.id: [] for estate in estates}
    for building in buildings:
        by_estate[building.estate_id.id].append(building)
    return estates, buildings, by_estate


def _plan_units(planner, estates, sizes, by_estate, parking_share) -> Iterator[UnitPlan]:
    for estate, size in zip(estates, sizes, strict=True):
        for index in range(size):
            values = _unit_values(
                estate, by_estate[estate.id], index, size, parking_share, APARTMENT_PLANS
            )
            yield planner.plan(values, "上海市")


def _create_batch(env, plans):
    """Partners, units, ownerships and occupancies of a batch of unit plans."""
    partner_vals = []
    for plan in plans:
        partner_vals += [owner for owner, _share, _primary in plan.owners]
        partner_vals += [who for who, _role, _date in plan.residents if who != "owner"]
    country_id = env.ref("base.cn").id
    for vals in partner_vals:
        vals["country_id"] = country_id
    partner_records = env["res.partner"].create(partner_vals)
    partners = iter(partner_records)
    units = env["property.unit"].create([plan.values for plan in plans])
    ownership_vals, occupancy_vals = [], []
    for plan, unit in zip(plans, units, strict=True):
        owners = [next(partners) for _owner in plan.owners]
        for partner, (_vals, share, primary) in zip(owners, plan.owners, strict=True):
            ownership_vals.append(
                {
                    "unit_id": unit.id,
                    "partner_id": partner.id,
                    "share": share,
                    "is_primary_payer": primary,
                    "date_start": plan.date_start,
                }
            )
        for who, role, date in plan.residents:
            partner = owners[0] if who == "owner" else next(partners)
            occupancy_vals.append(
                {"unit_id": unit.id, "partner_id": partner.id, "role": role, "date_start": date}
            )
    ownerships = env["property.ownership"].create(ownership_vals)
    occupancies = env["property.occupancy"].create(occupancy_vals)
    return partner_records, units, ownerships, occupancies


def populate(
    env,
    units=10_000,
    estates=None,
    *,
    batch_size=2_000,
    seed=42,
    sold_rate=0.9,
    co_owned_rate=0.1,
    occupied_rate=0.6,
    tenant_rate=0.15,
    parking_share=0.1,
    prefix="BN",
    commit=True,
    progress: Callable[[dict], None] | None = None,
):
    """Create ``units`` units over ``estates`` estates (one per 10,000 units by
    default) with their buildings, owners, ownerships and residents.

    Apartments sit in buildings of 2 entrances x 18 floors x 2 units; a tenth of
    the units are parking spaces without a building. ``sold_rate`` of the units
    have owners (``co_owned_rate`` of them two 50/50 owners, the first one the
    primary payer); of the apartments with owners, ``occupied_rate`` are lived in
    by an owner and ``tenant_rate`` by a tenant. Unit states follow.

    With ``commit`` each batch is committed and the cache emptied, so that memory
    stays flat; without, the caller's transaction holds everything.
    Returns a :class:`PopulateResult`.
    """
    env = env(context=dict(env.context, **QUIET_CONTEXT))
    estates = estates or max(1, round(units / 10_000))
    sizes = _estate_sizes(units, estates)
    total = Timer(env.cr, trace_memory=False)
    with total:
        planner = Planner(seed, sold_rate, co_owned_rate, occupied_rate, tenant_rate)
        estate_records, buildings, by_estate = _create_estates(env, sizes, parking_share, prefix)
        estate_ids, building_ids = estate_records.ids, buildings.ids
        if commit:
            env.cr.commit()
        ids = {"units": [], "partners": [], "ownerships": [], "occupancies": []}
        result_batches = []
        plans = _plan_units(planner, estate_records, sizes, by_estate, parking_share)
        while batch := list(itertools.islice(plans, batch_size)):
            with Timer(env.cr, trace_memory=False) as batch_step:
                partners, unit_records, ownerships, occupancies = _create_batch(env, batch)
                ids["units"] += unit_records.ids
                ids["ownerships"] += ownerships.ids
                ids["occupancies"] += occupancies.ids
                ids["partners"] += partners.ids
                if commit:
                    env.cr.commit()
                    env.invalidate_all()
                    env.transaction.clear()
            stats = {
                "units": len(ids["units"]),
                "total": units,
                "batch_units": len(unit_records),
                "batch_seconds": batch_step.seconds,
                "batch_queries": batch_step.queries,
                "seconds": total.elapsed(),
            }
            result_batches.append(stats)
            if progress:
                progress(stats)
    return PopulateResult(
        estates=env["property.estate"].browse(estate_ids),
        buildings=env["property.building"].browse(building_ids),
        units=env["property.unit"].browse(ids["units"]),
        partners=env["res.partner"].browse(ids["partners"]),
        ownerships=env["property.ownership"].browse(ids["ownerships"]),
        occupancies=env["property.occupancy"].browse(ids["occupancies"]),
        seconds=total.seconds,
        queries=total.queries,
        batches=result_batches,
    )


# --- command line -----------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Create estates, buildings, units, owners, ownerships and occupancies "
        "for benchmarks, in committed batches."
    )
    parser.add_argument("--units", type=int, default=10_000, help="units to create (10000)")
    parser.add_argument(
        "--estates", type=int, help="estates to spread the units over (one per 10000 units)"
    )
    add_common_arguments(parser, "property_base", install_modules=True)
    parser.add_argument("--batch-size", type=int, default=2_000, help="units per commit (2000)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (42)")
    parser.add_argument("--sold", type=float, default=0.9, help="share of units with owners")
    parser.add_argument("--co-owned", type=float, default=0.1, help="share of sold units co-owned")
    parser.add_argument(
        "--occupied", type=float, default=0.6, help="share of sold apartments owner-occupied"
    )
    parser.add_argument(
        "--tenanted", type=float, default=0.15, help="share of sold apartments let to tenants"
    )
    parser.add_argument("--prefix", default="BN", help="estate code prefix (BN)")
    parser.add_argument(
        "--rollback", action="store_true", help="one transaction, rolled back at the end"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    return parser.parse_args(argv)


def _print_progress(stats):
    print(
        f"  {stats['units']:>8}/{stats['total']} units  "
        f"{stats['batch_units'] / stats['batch_seconds']:7.0f} units/s  "
        f"{stats['batch_queries'] / stats['batch_units']:5.2f} queries/unit  "
        f"{stats['seconds']:7.1f} s",
        flush=True,
    )


def main(argv=None):
    args = parse_args(argv)
    registry = load_registry(args)
    if args.tracemalloc:
        tracemalloc.start()
    with registry.cursor() as cr:
        env = open_env(cr, {})
        check_installed(env, "property_base")
        print(
            f"populating {args.database}: {args.units} units, batches of {args.batch_size}",
            flush=True,
        )
        result = populate(
            env,
            units=args.units,
            estates=args.estates,
            batch_size=args.batch_size,
            seed=args.seed,
            sold_rate=args.sold,
            co_owned_rate=args.co_owned,
            occupied_rate=args.occupied,
            tenant_rate=args.tenanted,
            prefix=args.prefix,
            commit=not args.rollback,
            progress=None if args.quiet else _print_progress,
        )
        counts = result.counts()
        if args.rollback:
            cr.rollback()
    report(args, result, counts)


def report(args, result, counts):
    units = counts["units"] or 1
    print("created: " + ", ".join(f"{count} {name}" for name, count in counts.items()))
    print(f"time: {result.seconds:.1f} s, {counts['units'] / result.seconds:.0f} units/s")
    print(f"queries: {result.queries}, {result.queries / units:.2f} per unit")
    print(f"peak memory: {peak_rss_mb():.0f} MB resident", end="")
    if args.tracemalloc:
        print(f", {tracemalloc.get_traced_memory()[1] / 2**20:.0f} MB traced Python", end="")
    print()
    if args.rollback:
        print("rolled back: nothing was kept")


if __name__ == "__main__":
    main()
