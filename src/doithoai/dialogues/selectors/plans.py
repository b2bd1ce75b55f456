"""Reads about plans: the list a user sees, a plan's conferences, composition and tasks,
what a draft still lacks, who signs by default."""

from __future__ import annotations

from itertools import groupby

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from doithoai.dialogues import rules
from doithoai.dialogues.models import Conference, ParticipantGroup, Plan, PlanTask
from doithoai.org import access
from doithoai.org.models import Agency, Person


def plans_for(user, agency: Agency | None = None) -> QuerySet[Plan]:
    """The plans the user sees (of one agency when given), the latest year first, each with
    its conferences in date order."""
    plans = access.visible(Plan, user).select_related("agency").prefetch_related(
        Prefetch("conferences", queryset=Conference.objects.select_related("live_session")
                 .order_by("held_on", "pk")))
    if agency is not None:
        plans = plans.filter(agency=agency)
    return plans.order_by("-year", "agency__name", "-created_at")


def reachable_agencies(user) -> list[Agency]:
    """The active agencies the user sees, by name (several: the plan list offers a filter)."""
    return list(access.visible(Agency, user).filter(is_active=True).order_by("name"))


def conferences_of(plan: Plan) -> list[Conference]:
    return list(plan.conferences.select_related("live_session").order_by("held_on", "pk"))


def groups(plan: Plan) -> QuerySet[ParticipantGroup]:
    return plan.groups.select_related("unit")


def tasks(plan: Plan) -> QuerySet[PlanTask]:
    return plan.tasks.select_related("unit")


def village_count(plan: Plan) -> int:
    return plan.agency.villages.filter(is_active=True).count()


def composition(plan: Plan) -> list[dict]:
    """The composition grouped by side, in the order of the seed plans; a per-village line
    says how many people that makes for the agency's villages."""
    rows = list(groups(plan))
    villages = village_count(plan)
    for g in rows:
        g.total = g.seats * villages if g.per_village else g.seats
    order = list(ParticipantGroup.Side.values)
    rows.sort(key=lambda g: (order.index(g.side), g.order, g.pk))
    labels = dict(ParticipantGroup.Side.choices)
    return [{"side": side, "label": labels[side], "rows": list(side_rows)}
            for side, side_rows in groupby(rows, key=lambda g: g.side)]


def default_signer(agency: Agency):
    """Who signs a new plan: the chair of the People's Committee (the first one recorded)."""
    return (Person.objects.filter(agency=agency, position__istartswith="Chủ tịch UBND")
            .order_by("pk").first())


def missing_for_issue(plan: Plan) -> list[str]:
    """What a plan still lacks before it can be issued (readable labels)."""
    missing = []
    for name in ("title", "legal_bases", "purposes", "requirements", "content", "programme",
                 "venue", "budget", "recipients"):
        if not getattr(plan, name).strip():
            missing.append(str(Plan._meta.get_field(name).verbose_name))
    if plan.signer_id is None:
        missing.append(str(Plan._meta.get_field("signer").verbose_name))
    if not plan.groups.exists():
        missing.append(_("thành phần tham dự"))
    return missing


def next_plan_year(agencies, today) -> int:
    """The year a new plan is most likely for: this year, or, for one agency, the first year
    from this one that has no yearly plan yet (in December, usually next year's)."""
    year = today.year
    if len(agencies) != 1:
        return year
    taken = set(Plan.objects.filter(agency=agencies[0], kind=Plan.Kind.PERIODIC,
                                    year__gte=year).values_list("year", flat=True))
    while year in taken:
        year += 1
    return year


def agencies_for_new_plan(user):
    """The agencies for which the user may make a plan (rules.CREATE_PLAN; admin: all)."""
    agencies = list(access.visible(Agency, user).filter(is_active=True))
    roles = access.roles_for_rows(user, agencies)
    allowed = [a.pk for a in agencies if rules.CREATE_PLAN.allows(roles[a.pk])]
    return Agency.objects.filter(pk__in=allowed).order_by("name")
