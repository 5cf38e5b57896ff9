#!/usr/bin/env python3
"""SLA benchmark: the breach-and-escalation cron of property_helpdesk on many
open tickets.

Run from the project folder (see README.md here):

    PGUSER=odoo .venv/bin/python tests/bench/bench_sla.py -d bench_sla --install --tickets 50000

It populates units over several estates (``populate.py``), gives the estates
two working-hour calendars (Monday-Friday and Monday-Saturday, with the 2026
public holidays as leaves), four service teams with a leader and technicians,
and SLA rules counted in estate hours and 24x7; then it inserts N open tickets
(bulk SQL: the subject here is the cron, not ticket creation) of which
``--breached`` are past their deadlines, and times:

1. the cron's first pass: marks the breaches, one activity and one note per
   breached ticket for the team leader (level 1);
2. a second pass later, when the leaders did nothing: escalation to the estate
   managers (level 2);
3. with ``--replan``, a change of the repair rule, which re-plans every open
   ticket it governs in the estates' working hours.

It prints tickets per second, SQL queries per ticket and the peak memory of
each step. Everything is rolled back at the end unless ``--keep``.
"""

import argparse
import random
import sys
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import (  # noqa: E402
    QUIET_CONTEXT,
    Timer,
    add_common_arguments,
    check_installed,
    load_registry,
    open_env,
)
from populate import populate  # noqa: E402

HOLIDAYS_2026 = [
    ("2026-01-01", "2026-01-03"),
    ("2026-02-15", "2026-02-23"),
    ("2026-04-04", "2026-04-06"),
    ("2026-05-01", "2026-05-05"),
    ("2026-06-19", "2026-06-21"),
    ("2026-09-25", "2026-09-27"),
    ("2026-10-01", "2026-10-07"),
]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    add_common_arguments(parser, "property_helpdesk")
    parser.add_argument("--tickets", type=int, default=50_000, help="open tickets (50000)")
    parser.add_argument("--units", type=int, default=4_000, help="units to populate (4000)")
    parser.add_argument("--estates", type=int, default=4, help="estates (4)")
    parser.add_argument(
        "--breached", type=float, default=1.0, help="share of tickets past their deadlines (1.0)"
    )
    parser.add_argument("--replan", action="store_true", help="also time a rule change")
    parser.add_argument("--keep", action="store_true", help="commit instead of rolling back")
    return parser.parse_args(argv)


def _calendar(env, name, days):
    from odoo import Command

    calendar = env["resource.calendar"].create(
        {
            "name": name,
            "tz": "Asia/Shanghai",
            "attendance_ids": [Command.clear()]
            + [
                Command.create(
                    {
                        "name": f"{day} {period}",
                        "dayofweek": str(day),
                        "hour_from": hour_from,
                        "hour_to": hour_to,
                        "day_period": period,
                    }
                )
                for day in range(days)
                for period, hour_from, hour_to in (("morning", 8, 12), ("afternoon", 13, 17))
            ],
        }
    )
    env["resource.calendar.leaves"].create(
        [
            {
                "name": f"holiday {start}",
                "calendar_id": calendar.id,
                "date_from": datetime.fromisoformat(start) - timedelta(hours=8),
                "date_to": datetime.fromisoformat(end) + timedelta(hours=16),
                "time_type": "leave",
            }
            for start, end in HOLIDAYS_2026
        ]
    )
    return calendar


def setup(env, args):
    """Estates with calendars and managers, teams, categories and rules."""
    from odoo import Command

    result = populate(env, units=args.units, estates=args.estates, prefix="SL", commit=False)
    calendars = [_calendar(env, "SL Mon-Fri", 5), _calendar(env, "SL Mon-Sat", 6)]
    Users = env["res.users"].with_context(**QUIET_CONTEXT)
    group_user = env.ref("helpdesk_mgmt.group_helpdesk_user")
    group_team = env.ref("helpdesk_mgmt.group_helpdesk_user_team")
    stamp = int(time.time())
    for index, estate in enumerate(result.estates):
        manager = Users.create(
            {"name": f"SL manager {index}", "login": f"sl_manager_{stamp}_{index}"}
        )
        estate.write({"manager_id": manager.id, "resource_calendar_id": calendars[index % 2].id})
    teams = env["helpdesk.ticket.team"]
    categories = env["helpdesk.ticket.category"]
    for service in ("engineering", "cleaning", "greening", "security"):
        leader = Users.create(
            {
                "name": f"SL leader {service}",
                "login": f"sl_leader_{stamp}_{service}",
                "group_ids": [Command.link(group_user.id)],
            }
        )
        techs = Users.create(
            [
                {
                    "name": f"SL {service} {n}",
                    "login": f"sl_{stamp}_{service}_{n}",
                    "group_ids": [Command.link(group_team.id)],
                }
                for n in range(5)
            ]
        )
        team = teams.create(
            {
                "name": f"SL {service}",
                "service_type": service,
                "user_id": leader.id,
                "user_ids": [Command.set((leader | techs).ids)],
            }
        )
        teams |= team
        categories |= categories.create(
            {"name": f"SL {service}", "ticket_kind": "repair", "property_team_id": team.id}
        )
    Rule = env["property.helpdesk.sla.rule"]
    Rule.search([]).write({"active": False})
    rules = Rule.create(
        [
            {"name": "SL repair", "ticket_kind": "repair", "response_hours": 2,
             "resolution_hours": 8, "calendar_mode": "estate"},
            {"name": "SL urgent", "ticket_kind": "repair", "priority": "3",
             "response_hours": 0.5, "resolution_hours": 4, "calendar_mode": "always"},
        ]
    )  # fmt: skip
    return result, teams, categories, rules


def insert_tickets(env, args, result, teams, categories, rules):
    """Bulk-insert open tickets with stored deadlines, ``args.breached`` of
    them in the past."""
    from odoo.tools import SQL

    rng = random.Random(7)
    now = datetime.now().replace(microsecond=0)
    units = result.units
    stage_new = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
    stage_progress = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
    company = env.company
    rows = []
    for index in range(args.tickets):
        unit = units[rng.randrange(len(units))]
        team_index = rng.randrange(len(teams))
        urgent = rng.random() < 0.1
        breached = rng.random() < args.breached
        start = now - timedelta(hours=rng.uniform(30, 720) if breached else rng.uniform(0, 0.3))
        response_hours, resolution_hours = (0.5, 4) if urgent else (2, 8)
        # Round the clock for the benchmark data: the cron only compares dates.
        response = start + timedelta(hours=response_hours)
        resolution = start + timedelta(hours=resolution_hours * 3)
        dispatched = rng.random() < 0.5
        rows.append(
            (
                f"SL{index:07d}",
                f"SL ticket {index}",
                "<p>bench</p>",
                company.id,
                (stage_progress if dispatched else stage_new).id,
                "progress" if dispatched else "new",
                teams[team_index].id,
                categories[team_index].id,
                unit.estate_id.id,
                unit.id,
                "3" if urgent else "1",
                rules[1 if urgent else 0].id,
                start,
                response,
                resolution,
                start + timedelta(hours=response_hours * 0.8),
                start + timedelta(hours=resolution_hours * 2.4),
                start + timedelta(minutes=10) if dispatched else None,
            )
        )
    for offset in range(0, len(rows), 5000):
        chunk = rows[offset : offset + 5000]
        env.cr.execute(
            SQL(
                """
                INSERT INTO helpdesk_ticket (
                    number, name, description, company_id, stage_id, property_state,
                    team_id, category_id, estate_id, unit_id, priority, sla_rule_id,
                    sla_start_date, response_deadline, resolution_deadline,
                    response_warning_date, resolution_warning_date, first_response_date,
                    ticket_kind, location_type, active, escalation_level,
                    response_breached, resolution_breached, create_date, write_date,
                    create_uid, write_uid, last_stage_update
                )
                SELECT v.*, 'repair', 'unit', TRUE, 0, FALSE, FALSE,
                       v.sla_start_date, v.sla_start_date, 1, 1, v.sla_start_date
                  FROM (VALUES %s) AS v(
                    number, name, description, company_id, stage_id, property_state,
                    team_id, category_id, estate_id, unit_id, priority, sla_rule_id,
                    sla_start_date, response_deadline, resolution_deadline,
                    response_warning_date, resolution_warning_date, first_response_date
                  )
                """,
                SQL(", ").join(
                    SQL(
                        "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
                        "%s::timestamp, %s::timestamp, %s::timestamp, %s::timestamp, "
                        "%s::timestamp, %s::timestamp)",
                        *row,
                    )
                    for row in chunk
                ),
            )
        )
    env.cr.execute("ANALYZE helpdesk_ticket")
    return sum(1 for row in rows if row[14] < now)


def report(step, tickets, label):
    per_s = tickets / step.seconds if step.seconds else 0
    line = (
        f"{step.name:<32} {tickets:>7} {label:<10} {step.seconds:8.2f} s "
        f"{per_s:9.0f}/s {step.queries / max(tickets, 1):7.3f} queries/ticket "
        f"peak RSS {step.peak_rss_mb:6.0f} MB"
    )
    if step.traced_peak_mb is not None:
        line += f"  Python peak {step.traced_peak_mb:6.1f} MB"
    print(line, flush=True)


def main(argv=None):
    args = parse_args(argv)
    registry = load_registry(args)
    if args.tracemalloc:
        tracemalloc.start()
    with registry.cursor() as cr:
        env = open_env(cr)
        check_installed(env, "property_helpdesk")
        with Timer(cr) as setting_up:
            result, teams, categories, rules = setup(env, args)
            late = insert_tickets(env, args, result, teams, categories, rules)
        print(
            f"{args.tickets} open tickets ({late} past a deadline) over "
            f"{len(result.estates)} estates and {len(result.units)} units, set up in "
            f"{setting_up.seconds:.1f} s",
            flush=True,
        )
        Ticket = env["helpdesk.ticket"]
        with Timer(cr, "cron pass 1 (breach + leader)", env=env, invalidate=True) as step:
            processed = Ticket._cron_escalate_breached_tickets()
        report(step, args.tickets, "open")
        print(f"{'':<32} {processed:>7} breached and escalated to the team leaders")

        # Two hours later nobody acted: the managers' level.
        env.cr.execute(
            "UPDATE helpdesk_ticket SET escalation_next_date = escalation_next_date "
            "- interval '3 hours' WHERE escalation_level = 1"
        )
        with Timer(cr, "cron pass 2 (estate managers)", env=env, invalidate=True) as step:
            processed = Ticket._cron_escalate_breached_tickets()
        report(step, processed, "escalated")

        with Timer(cr, "cron pass 3 (nothing to do)", env=env, invalidate=True) as step:
            processed = Ticket._cron_escalate_breached_tickets()
        report(step, args.tickets, "open")

        if args.replan:
            governed = Ticket.search_count([("sla_rule_id", "=", rules[0].id)])
            with Timer(cr, "rule change: re-plan", env=env, invalidate=True) as step:
                rules[0].resolution_hours = 12
            report(step, governed, "re-planned")
        if args.keep:
            cr.commit()
        else:
            cr.rollback()


if __name__ == "__main__":
    main()
