"""Reads about plans: what a draft still lacks, who signs by default."""

from __future__ import annotations

from django.utils.translation import gettext as _

from doithoai.dialogues import rules
from doithoai.dialogues.models import Plan
from doithoai.org import access
from doithoai.org.models import Agency, Person


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


def agencies_for_new_plan(user):
    """The agencies for which the user may make a plan (rules.CREATE_PLAN; admin: all)."""
    agencies = list(access.visible(Agency, user).filter(is_active=True))
    roles = access.roles_for_rows(user, agencies)
    allowed = [a.pk for a in agencies if rules.CREATE_PLAN.allows(roles[a.pk])]
    return Agency.objects.filter(pk__in=allowed).order_by("name")
