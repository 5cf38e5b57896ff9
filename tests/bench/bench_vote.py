#!/usr/bin/env python3
"""Owners' vote benchmark: the count of art. 278 of the Civil Code
(property_community) on an estate of 20,000 units with 15,000 ballots.

Run from the project folder (see README.md here):

    PGUSER=odoo .venv/bin/python tests/bench/bench_vote.py -d bench_vote --install

It populates one estate (``populate.py``: 90 % of the units sold, 10 % of
those co-owned by two owners; the unsold ones count for the developer), then
makes some buyers own several units (``--multi``: a buyer takes over the
ownership of the next unit), creates a vote with ``--motions`` motions
(ordinary and major alternately), casts ``--cast`` ballots through the ORM
(every check of a real ballot: open, owner on the register, one per unit)
and writes the other ballots of ``--ballots`` with SQL, then times:

1. the participation count (area and owners that took part);
2. the whole count (per motion: area and owners for agree, oppose, abstain);
3. closing the vote (the count written on the vote and its motions).

Each count is checked against a plain Python count of the same rows in exact
fractions. The target is under 2 s for each count. Everything is rolled
back at the end unless ``--keep``.
"""

import argparse
import random
import sys
import tracemalloc
from collections import defaultdict
from datetime import timedelta
from fractions import Fraction
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

CHOICES = ("agree", "agree", "agree", "oppose", "abstain")
TARGET_SECONDS = 2.0


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    add_common_arguments(parser, "property_community")
    parser.add_argument("--units", type=int, default=20_000, help="units of the estate (20000)")
    parser.add_argument("--ballots", type=int, default=15_000, help="ballots in all (15000)")
    parser.add_argument("--cast", type=int, default=300, help="of them cast through the ORM (300)")
    parser.add_argument("--motions", type=int, default=3, help="motions of the vote (3)")
    parser.add_argument(
        "--multi", type=float, default=0.05, help="share of units a buyer of another takes (0.05)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="commit instead of rolling back")
    return parser.parse_args(argv)


def report(step, label=""):
    print(
        f"{step.name:<28} {step.seconds:8.3f} s  (CPU {step.cpu_seconds:.3f} s, "
        f"database {step.db_cpu_seconds or 0:.3f} s)  {step.queries:>5} queries  "
        f"peak RSS {step.peak_rss_mb:6.0f} MB  {label}",
        flush=True,
    )


def make_multi_owners(env, estate, share, rng):
    """A buyer of several units: for ``share`` of the sold units, the owner of
    the unit before it (in id order) takes over its ownership."""
    from odoo.tools import SQL

    cr = env.cr
    cr.execute(
        SQL(
            """
            SELECT o.id, o.unit_id, o.partner_id
              FROM property_ownership o
             WHERE o.estate_id = %s
               AND NOT EXISTS (SELECT 1 FROM property_ownership o2
                                WHERE o2.unit_id = o.unit_id AND o2.id != o.id)
          ORDER BY o.unit_id
            """,
            estate.id,
        )
    )
    rows = cr.fetchall()
    moves = []
    for previous, current in zip(rows, rows[1:], strict=False):
        if rng.random() < share:
            moves.append((current[0], previous[2]))
    for ownership_id, partner_id in moves:
        cr.execute(
            SQL(
                "UPDATE property_ownership SET partner_id = %s WHERE id = %s",
                partner_id,
                ownership_id,
            )
        )
    env.invalidate_all()
    return len(moves)


def setup(env, args):
    from odoo import Command, fields

    rng = random.Random(args.seed)
    result = populate(env, units=args.units, estates=1, prefix="VT", commit=False)
    estate = result.estates
    developer = env["res.partner"].create({"name": "Bench developer", "is_company": True})
    estate.developer_id = developer
    moved = make_multi_owners(env, estate, args.multi, rng)
    now = fields.Datetime.now()
    vote = env["property.vote"].create(
        {
            "name": "Bench vote",
            "estate_id": estate.id,
            "date_open": now - timedelta(days=1),
            "date_close": now + timedelta(days=7),
            "motion_ids": [
                Command.create(
                    {
                        "name": f"Bench motion {index}",
                        "matter": "common_use" if index % 2 else "manager",
                        "sequence": index,
                    }
                )
                for index in range(args.motions)
            ],
        }
    )
    vote.action_open()
    env.flush_all()
    return estate, vote, moved, rng


def voters_by_unit(env, vote):
    """{unit id: partner id who may vote} for the units of the estate."""
    from odoo.tools import SQL

    env.cr.execute(
        SQL(
            """
            SELECT u.id, COALESCE(MIN(o.partner_id), %s)
              FROM property_unit u
         LEFT JOIN property_ownership o ON o.unit_id = u.id
                   AND o.date_start <= %s AND (o.date_end IS NULL OR o.date_end >= %s)
             WHERE u.estate_id = %s
          GROUP BY u.id
          ORDER BY u.id
            """,
            vote.estate_id.developer_id.id,
            vote.register_date,
            vote.register_date,
            vote.estate_id.id,
        )
    )
    return dict(env.cr.fetchall())


def cast_ballots(env, vote, args, rng):
    """``args.cast`` ballots through the ORM, the rest with SQL."""
    from odoo import Command
    from odoo.tools import SQL

    voters = voters_by_unit(env, vote)
    unit_ids = sorted(voters)
    rng.shuffle(unit_ids)
    chosen = unit_ids[: args.ballots]
    motions = vote.motion_ids.sorted("sequence")
    orm_units, sql_units = chosen[: args.cast], chosen[args.cast :]
    Ballot = env["property.vote.ballot"]
    with Timer(env.cr, f"cast {len(orm_units)} ballots (ORM)", env=env) as step:
        Ballot.create(
            [
                {
                    "vote_id": vote.id,
                    "unit_id": unit_id,
                    "partner_id": voters[unit_id],
                    "channel": "portal",
                    "line_ids": [
                        Command.create({"motion_id": motion.id, "choice": rng.choice(CHOICES)})
                        for motion in motions
                    ],
                }
                for unit_id in orm_units
            ]
        )
    report(step, f"{step.seconds / max(1, len(orm_units)) * 1000:.1f} ms/ballot")
    cr = env.cr
    with Timer(cr, f"write {len(sql_units)} ballots (SQL)", env=env) as step:
        for start in range(0, len(sql_units), 2_000):
            batch = sql_units[start : start + 2_000]
            cr.execute(
                SQL(
                    """
                    INSERT INTO property_vote_ballot
                           (vote_id, estate_id, company_id, unit_id, partner_id, channel,
                            create_uid, write_uid, create_date, write_date)
                    SELECT %(vote)s, %(estate)s, %(company)s, unit_id, partner_id, 'portal',
                           1, 1, now(), now()
                      FROM unnest(%(units)s::int[], %(partners)s::int[]) AS t(unit_id, partner_id)
                 RETURNING id
                    """,
                    vote=vote.id,
                    estate=vote.estate_id.id,
                    company=vote.company_id.id,
                    units=batch,
                    partners=[voters[unit_id] for unit_id in batch],
                )
            )
            ballot_ids = [row[0] for row in cr.fetchall()]
            rows = [
                (ballot_id, motion.id, motion.sequence, rng.choice(CHOICES))
                for ballot_id in ballot_ids
                for motion in motions
            ]
            cr.execute(
                SQL(
                    """
                    INSERT INTO property_vote_ballot_line
                           (ballot_id, motion_id, motion_sequence, vote_id, estate_id,
                            company_id, choice, create_uid, write_uid, create_date, write_date)
                    SELECT ballot_id, motion_id, seq, %(vote)s, %(estate)s, %(company)s, choice,
                           1, 1, now(), now()
                      FROM unnest(%(ballots)s::int[], %(motions)s::int[], %(seqs)s::int[],
                                  %(choices)s::varchar[]) AS t(ballot_id, motion_id, seq, choice)
                    """,
                    vote=vote.id,
                    estate=vote.estate_id.id,
                    company=vote.company_id.id,
                    ballots=[row[0] for row in rows],
                    motions=[row[1] for row in rows],
                    seqs=[row[2] for row in rows],
                    choices=[row[3] for row in rows],
                )
            )
    report(step)
    env.invalidate_all()
    cr.execute("ANALYZE property_vote_ballot")
    cr.execute("ANALYZE property_vote_ballot_line")


def python_count(env, vote):
    """The same count in plain Python over the raw rows: the reference."""
    from odoo.tools import SQL

    cr = env.cr
    register = vote.register_date
    developer = vote.estate_id.developer_id.id
    cr.execute(
        SQL(
            "SELECT id, gross_area FROM property_unit WHERE estate_id = %s AND active",
            vote.estate_id.id,
        )
    )
    area = {unit_id: int(round(Fraction(str(gross)) * 100)) for unit_id, gross in cr.fetchall()}
    cr.execute(
        SQL(
            """
            SELECT unit_id, partner_id FROM property_ownership
             WHERE estate_id = %s AND date_start <= %s AND (date_end IS NULL OR date_end >= %s)
            """,
            vote.estate_id.id,
            register,
            register,
        )
    )
    owners = defaultdict(set)
    for unit_id, partner_id in cr.fetchall():
        if partner_id != developer:
            owners[unit_id].add(partner_id)
    key = {
        unit_id: tuple(sorted(owners[unit_id])) if owners.get(unit_id) else "developer"
        for unit_id in area
    }
    cr.execute(
        SQL(
            """
            SELECT b.unit_id, l.motion_id, l.choice
              FROM property_vote_ballot b JOIN property_vote_ballot_line l ON l.ballot_id = b.id
             WHERE b.vote_id = %s
            """,
            vote.id,
        )
    )
    lines = [row for row in cr.fetchall() if row[0] in area]
    voted_units = {unit_id for unit_id, _motion, _choice in lines}
    count = {
        "total_area": sum(area.values()),
        "total_owners": len(set(key.values())),
        "voted_area": sum(area[unit_id] for unit_id in voted_units),
        "voted_owners": len({key[unit_id] for unit_id in voted_units}),
    }
    per_owner = defaultdict(lambda: defaultdict(lambda: [0, None]))
    motions = {}
    for unit_id, motion_id, choice in lines:
        tally = motions.setdefault(motion_id, {c: [0, 0] for c in ("agree", "oppose", "abstain")})
        tally[choice][0] += area[unit_id]
        slot = per_owner[(motion_id, key[unit_id])][choice]
        slot[0] += area[unit_id]
        slot[1] = unit_id if slot[1] is None else min(slot[1], unit_id)
    for (motion_id, _owner), choices in per_owner.items():
        choice = min(choices, key=lambda c: (-choices[c][0], choices[c][1]))
        motions[motion_id][choice][1] += 1
    count["motions"] = {
        motion_id: {choice: tuple(values) for choice, values in tally.items()}
        for motion_id, tally in motions.items()
    }
    return count


def check(count, reference):
    for name in ("total_area", "total_owners", "voted_area", "voted_owners"):
        if count[name] != reference[name]:
            sys.exit(f"{name}: SQL {count[name]} != Python {reference[name]}")
    for motion_id, tally in reference.get("motions", {}).items():
        for choice, values in tally.items():
            if count["motions"][motion_id][choice] != values:
                sys.exit(
                    f"motion {motion_id} {choice}: SQL {count['motions'][motion_id][choice]} "
                    f"!= Python {values}"
                )


def main(argv=None):
    args = parse_args(argv)
    registry = load_registry(args)
    if args.tracemalloc:
        tracemalloc.start()
    with registry.cursor() as cr:
        env = open_env(cr)
        check_installed(env, "property_community")
        with Timer(cr) as setting_up:
            estate, vote, moved, rng = setup(env, args)
        print(
            f"{args.units} units in {estate.name}, {moved} taken by buyers of another unit, "
            f"{args.motions} motions: set up in {setting_up.seconds:.1f} s",
            flush=True,
        )
        cast_ballots(env, vote, args, rng)
        reference = python_count(env, vote)

        with Timer(cr, "count participation", env=env, invalidate=True) as step:
            count = vote._count_votes(participation_only=True)
        check(count, {key: value for key, value in reference.items() if key != "motions"})
        report(step)
        with Timer(cr, "count participation + motions", env=env, invalidate=True) as full:
            count = vote._count_votes()
        check(count, reference)
        report(full)
        with Timer(cr, "close (count and write)", env=env, invalidate=True) as closing:
            vote.action_close()
        report(closing)

        print(
            f"estate: {count['total_area'] / 100:,.2f} m², {count['total_owners']} owners; "
            f"took part: {count['voted_area'] / 100:,.2f} m², {count['voted_owners']} owners; "
            f"participation reached: {count['participation_reached']}",
            flush=True,
        )
        for motion in vote.motion_ids.sorted("sequence"):
            print(
                f"  {motion.name} ({motion.kind}): agree {motion.agree_area:,.2f} m² / "
                f"{motion.agree_owner_count} owners, oppose {motion.oppose_area:,.2f} m² / "
                f"{motion.oppose_owner_count}, abstain {motion.abstain_area:,.2f} m² / "
                f"{motion.abstain_owner_count}: {motion.result}",
                flush=True,
            )
        slowest = max(step.seconds, full.seconds)
        verdict = "within" if slowest < TARGET_SECONDS else "OVER"
        print(f"slowest count {slowest:.3f} s: {verdict} the {TARGET_SECONDS:.0f} s target")
        if args.keep:
            cr.commit()
        else:
            cr.rollback()


if __name__ == "__main__":
    main()
