"""Benchmark of plans and conferences at province scale: the province's roll-up, a
commune's yearly figures, and a conference's pages (timeline, progress per unit, opinion
board, carry-over report, check-in).

    .venv/bin/python bench/dialogues.py [--communes 300] [--petitions 1000000]
    DATABASE_URL=postgres://doithoai:doithoai@127.0.0.1:5432/doithoai_bench \
        .venv/bin/python bench/dialogues.py

Without DATABASE_URL it uses a fresh SQLite file in a temporary folder. With DATABASE_URL the
database is emptied first (never point it at real data). The organisation and petitions come
from bench/foundation.py and bench/petitions.py (bulk-created, see there); every commune gets
a plan and two conferences through the product's own services (so with audit events and
milestones), dated like the demo's (`demo.timeline`: the June conference held, the one
ahead in the plan of its own year), so that it runs on any day; one petition in ten is
attached to a conference. Prints medians and 95th percentiles in milliseconds.
"""

import argparse
import os
import time

from foundation import build, setup_django

from petitions import _analyze, build_people, build_petitions, sampled


def build_plans(clerk_of: dict, story) -> list:
    """A plan, a concluded June conference and one ahead (in its own year's plan, issued
    then) for every commune."""
    from doithoai.dialogues.actions import conferences as conferences_actions
    from doithoai.dialogues.actions import plans
    from doithoai.dialogues.models import Conference
    from doithoai.org.models import Person
    from doithoai.petitions import notify

    def plan_of(agency, clerk, year, issued_on, number):
        plan = plans.create_plan(actor=clerk, agency=agency, year=year)
        return plans.issue_plan(actor=clerk, plan=plan, number=number, issued_on=issued_on)

    conferences = []
    with notify.muted():
        for agency, clerk in clerk_of.items():
            Person.objects.create(agency=agency, full_name=f"Chủ tịch {agency.pk}",
                                  position="Chủ tịch UBND xã")  # the plan's signer
            plan = plan_of(agency, clerk, story.held_year, story.plan_issued_on, "27/KH-UBND")
            held = conferences_actions.schedule_conference(actor=clerk, plan=plan,
                                                           data={"held_on": story.held_on},
                                                           today=story.plan_issued_on)
            Conference.objects.filter(pk=held.pk).update(state=Conference.State.CONCLUDED)
            if story.ahead_on.year != plan.year:
                plan = plan_of(agency, clerk, story.ahead_on.year, story.ahead_plan_issued_on,
                               "95/KH-UBND")
            upcoming = conferences_actions.schedule_conference(actor=clerk, plan=plan,
                                                               data={"held_on": story.ahead_on},
                                                               today=story.today)
            conferences.append((held, upcoming))
    return conferences


def attach_petitions(conferences) -> int:
    """One petition in ten joins its commune's June conference (one query per commune)."""
    from django.db.models import F

    from doithoai.dialogues.models import ConferencePetition
    from doithoai.dialogues.selectors.conference_links import terms
    from doithoai.petitions.actions.deadlines import keep_conference_terms
    from doithoai.petitions.models import Petition

    n = 0
    for held, _upcoming in conferences:
        joining = Petition.objects.filter(agency_id=held.agency_id).annotate(
            m=F("id") % 10).filter(m=0)
        ConferencePetition.objects.bulk_create(
            (ConferencePetition(conference=held, petition_id=pk)
             for pk in joining.values_list("pk", flat=True)), batch_size=5000)
        n += keep_conference_terms(joining, terms(held))
    return n


def bench_pages(conferences, clerk, overseer, province, repeat: int) -> None:
    from doithoai.dialogues.actions import check_in as check_in_actions
    from doithoai.dialogues.actions import delegates, invitations
    from doithoai.dialogues.models import Invitation
    from doithoai.dialogues.selectors import conferences as conferences_reads
    from doithoai.dialogues.selectors import milestones, oversight, village_opinions

    held, upcoming = conferences[0]
    delegates.build_delegates(actor=clerk, conference=upcoming)
    invitations.prepare_invitations(actor=clerk, conference=upcoming)
    codes = list(Invitation.objects.filter(delegate__conference=upcoming)
                 .values_list("code", flat=True))
    checks = iter(codes)

    def check_in():
        code = next(checks, None)
        if code is not None:
            check_in_actions.check_in(actor=clerk, conference=upcoming, code=code)

    rows = [
        ("province roll-up (every commune, one year)",
         lambda: oversight.rollup(province, held.held_on.year)),
        ("a commune's yearly figures",
         lambda: oversight.yearly_figures(held.agency, held.held_on.year)),
        ("timeline of a conference", lambda: milestones.timeline(upcoming)),
        ("progress per unit (held conference)", lambda: conferences_reads.unit_progress(held)),
        ("carry-over report (upcoming conference)",
         lambda: conferences_reads.carry_over(upcoming)),
        ("opinion board (held conference)",
         lambda: village_opinions.opinion_board(clerk, held)),
        ("check-in by code", check_in),
    ]
    print("\nmedian / p95 ms (runs)")
    for label, fn in rows:
        median, p95, runs = sampled(fn, min(repeat, len(codes)) if "check-in" in label
                                    else repeat)
        print(f"  {label:<46} {median:8.1f} / {p95:8.1f}  ({runs})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, default=300)
    parser.add_argument("--petitions", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("EMAIL_URL", "memorymail://")
    vendor = setup_django()
    from django.utils import timezone

    from doithoai.demo import timeline
    from doithoai.org.models import Agency, Membership, Role, User
    from doithoai.workdays.calendar import get_calendar

    today = timezone.localdate()
    start = time.perf_counter()
    build(args.communes)
    people = build_people()
    clerk_of = {a: User.objects.get(username=f"bench-clerk-{a.pk}") for a in people["agencies"]}
    print(f"Database: {vendor}. Organisation of {args.communes} communes in "
          f"{time.perf_counter() - start:.1f} s.")
    start = time.perf_counter()
    build_petitions(args.petitions, today)
    print(f"{args.petitions:,} petitions in {time.perf_counter() - start:.1f} s.")
    start = time.perf_counter()
    conferences = build_plans(clerk_of, timeline.build(today, get_calendar()))
    took = time.perf_counter() - start
    attached = attach_petitions(conferences)
    _analyze()
    print(f"{len(conferences)} plans with two conferences each through the services in "
          f"{took:.1f} s ({took / len(conferences) * 1000:.0f} ms per commune); "
          f"{attached:,} petitions attached to the June conferences.")
    province = Agency.objects.get(level="province")
    overseer = Membership.objects.filter(role=Role.OVERSEER).first().user
    bench_pages(conferences, people["clerk"], overseer, province, args.repeat)


if __name__ == "__main__":
    main()
