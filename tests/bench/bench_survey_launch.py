#!/usr/bin/env python3
"""Satisfaction survey benchmark: launching a campaign (property_community)
on an estate of 20,000 units, next to a plain-ORM baseline.

Run from the project folder (see README.md here):

    PGUSER=odoo .venv/bin/python tests/bench/bench_survey_launch.py -d bench_survey --install

It populates one estate (``populate.py``: 90 % of the units sold, 10 % of
those co-owned, 60 % lived in by the owner, 15 % by a tenant; half of the
people have an e-mail address), then times:

1. ``action_launch`` of a campaign with the standard annual questionnaire
   to the owners, one answer per unit (``--answer-per``, ``--audience``):
   the targets, one invitation and one survey answer (its own token) per
   unit, the invitation mail queued for each one with an e-mail address;
2. the baseline (``--baseline`` targets of another campaign, 2,000 by
   default; ``--baseline 0`` skips it): what plain ORM code does for each
   target, one after the other: create the invitation, ``_create_answer``
   of the questionnaire, ``send_mail`` of the template.

For each: invitations per second, SQL queries per invitation, CPU of Odoo
and of PostgreSQL, and the peak resident memory of the step. The launch is
checked: one invitation per unit with people, each with its own answer and
token, one mail per invitation with an e-mail address, queued (outgoing),
none sent during the launch. Everything is rolled back at the end unless
``--keep``.
"""

import argparse
import sys
import tracemalloc
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import (  # noqa: E402
    Timer,
    add_common_arguments,
    check_installed,
    load_registry,
    open_env,
    reset_peak_rss,
    rss_mb,
)
from populate import populate  # noqa: E402

TEMPLATE = "property_community.mail_template_survey_invitation"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    add_common_arguments(parser, "property_community")
    parser.add_argument("--units", type=int, default=20_000, help="units of the estate (20000)")
    parser.add_argument(
        "--baseline",
        type=int,
        default=2_000,
        help="targets invited by the plain-ORM baseline (2000; 0: no baseline)",
    )
    parser.add_argument("--audience", default="owners", choices=("owners", "residents", "both"))
    parser.add_argument("--answer-per", default="unit", choices=("unit", "person"))
    parser.add_argument("--keep", action="store_true", help="commit instead of rolling back")
    return parser.parse_args(argv)


def report(step, count, label=""):
    traced = f", traced peak {step.traced_peak_mb:.0f} MB" if step.traced_peak_mb else ""
    print(
        f"{step.name:<34} {step.seconds:8.1f} s  {count / step.seconds:7.1f} invitations/s  "
        f"{step.queries / max(1, count):6.2f} queries/invitation  "
        f"(CPU {step.cpu_seconds:.1f} s, database {step.db_cpu_seconds or 0:.1f} s)  "
        f"peak RSS {step.max_rss_mb:.0f} MB{traced}  load {step.load_average}  {label}",
        flush=True,
    )


def make_campaign(env, estate, args, name):
    from odoo import fields

    survey = env.ref("property_community.survey_property_satisfaction")
    return env["property.survey.campaign"].create(
        {
            "name": name,
            "survey_id": survey.id,
            "overall_question_id": survey.question_ids.filtered(
                lambda question: question.question_type == "scale"
            )[:1].id,
            "estate_ids": [fields.Command.set(estate.ids)],
            "audience": args.audience,
            "answer_per": args.answer_per,
            "deadline": fields.Datetime.now() + timedelta(days=30),
        }
    )


def mails_of(env, invitations):
    return env["mail.mail"].search(
        [("model", "=", "property.survey.invitation"), ("res_id", "in", invitations.ids)]
    )


def check_launch(env, campaign, targets):
    invitations = campaign.invitation_ids
    if len(invitations) != len(targets):
        sys.exit(f"{len(invitations)} invitations for {len(targets)} targets")
    expected = {(unit.id, partner.id) for unit, partner in targets}
    got = {(inv.unit_id.id, inv.partner_id.id) for inv in invitations}
    if got != expected:
        sys.exit(f"{len(expected ^ got)} invitations differ from the targets")
    answers = invitations.user_input_id
    if len(answers) != len(invitations) or answers.partner_id != invitations.partner_id:
        sys.exit("not one answer per invitation, for its invited person")
    if len(set(answers.mapped("invite_token"))) != len(answers):
        sys.exit("the answers do not have a token each")
    if answers.property_invitation_id != invitations:
        sys.exit("answers not linked back to their invitations")
    with_email = invitations.filtered(lambda inv: inv.partner_id.email)
    mails = mails_of(env, invitations)
    if sorted(mails.mapped("res_id")) != sorted(with_email.ids):
        sys.exit(f"{len(mails)} mails for {len(with_email)} invitations with an e-mail address")
    if set(mails.mapped("state")) != {"outgoing"}:
        sys.exit(f"mails not queued: {set(mails.mapped('state'))}")
    return len(mails)


def baseline(env, campaign, targets):
    """Plain ORM, target after target: the invitation, its answer, its mail."""
    Invitation = env["property.survey.invitation"]
    survey = campaign.survey_id
    template = env.ref(TEMPLATE)
    UserInput = env["survey.user_input"]
    for unit, partner in targets:
        invitation = Invitation.create(campaign._prepare_invitation_values(unit, partner))
        invitation.user_input_id = survey._create_answer(
            partner=partner,
            check_attempts=False,
            invite_token=UserInput._generate_invite_token(),
            deadline=campaign.deadline,
            property_invitation_id=invitation.id,
        )
        if partner.email:
            template.send_mail(invitation.id, email_layout_xmlid="mail.mail_notification_light")
    campaign.state = "running"


def main(argv=None):
    args = parse_args(argv)
    registry = load_registry(args)
    if args.tracemalloc:
        tracemalloc.start()
    with registry.cursor() as cr:
        env = open_env(cr)
        check_installed(env, "property_community")
        with Timer(cr) as setting_up:
            result = populate(env, units=args.units, estates=1, prefix="SV", commit=False)
        estate = result.estates
        print(
            f"{args.units} units in {estate.name}, {len(result.partners)} people: "
            f"set up in {setting_up.seconds:.1f} s",
            flush=True,
        )
        env.invalidate_all()
        sent = []
        original_send = type(env["mail.mail"]).send

        def count_send(self, *a, **kw):
            sent.append(len(self))
            return original_send(self, *a, **kw)

        type(env["mail.mail"]).send = count_send
        try:
            campaign = make_campaign(env, estate, args, "Bench survey")
            env.flush_all()
            env.invalidate_all()
            reset_peak_rss()
            print(f"resident memory before the launch: {rss_mb():.0f} MB", flush=True)
            with Timer(cr, "launch (action_launch)", env=env, invalidate=True) as launch:
                campaign.action_launch()
            targets = campaign._get_targets()
            mails = check_launch(env, campaign, targets)
            report(launch, len(targets), f"{len(targets)} invitations, {mails} mails queued")
            if sent:
                sys.exit(f"{sum(sent)} mails sent during the launch")

            if args.baseline:
                other = make_campaign(env, estate, args, "Bench survey baseline")
                chosen = other._get_targets()[: args.baseline]
                env.flush_all()
                env.invalidate_all()
                reset_peak_rss()
                with Timer(cr, "baseline (plain ORM)", env=env, invalidate=True) as base:
                    baseline(env, other, chosen)
                report(base, len(chosen), f"{len(chosen)} invitations")
                speed = len(targets) / launch.seconds
                base_speed = len(chosen) / base.seconds
                print(
                    f"launch {speed:.0f} invitations/s vs {base_speed:.0f}/s for the baseline "
                    f"({speed / base_speed:.1f}×); queries/invitation "
                    f"{launch.queries / len(targets):.2f} vs {base.queries / len(chosen):.2f}",
                    flush=True,
                )
        finally:
            type(env["mail.mail"]).send = original_send
        if args.keep:
            cr.commit()
        else:
            cr.rollback()


if __name__ == "__main__":
    main()
