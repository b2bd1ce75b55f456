"""The register of issued documents (sổ đăng ký văn bản đi): its numbering books of the year,
the agencies a user keeps registers for, and the search of issued documents."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from doithoai.core.text import fold
from doithoai.documents.models import Document, DocumentRegister
from doithoai.documents.registry import KINDS, register_codes
from doithoai.org.access import scope_of, visible
from doithoai.org.models import Agency

MAX_SEARCH_WORDS = 8


def registers_of(agency: Agency, year: int) -> list[DocumentRegister]:
    """Every register of the year (those not used yet with last number 0, unsaved)."""
    existing = {r.code: r for r in DocumentRegister.objects.filter(agency=agency, year=year)}
    return [existing.get(code) or DocumentRegister(agency=agency, year=year, code=code)
            for code in register_codes()]


def register_rows(agency: Agency, year: int) -> list[dict]:
    """Each register of the year with the kinds numbered in it and its next number."""
    labels: dict[str, list[str]] = {}
    for kind in KINDS.values():
        if kind.numbered:
            labels.setdefault(kind.abbreviation or "CV", []).append(kind.label)
    return [{"register": r, "kinds": labels.get(r.code, []), "next": r.last_number + 1}
            for r in registers_of(agency, year)]


def agencies_of(user) -> list[Agency]:
    """The active agencies whose register and templates the user sees."""
    scope = scope_of(user)
    qs = Agency.objects.filter(is_active=True)
    if not scope.is_admin:
        qs = qs.filter(pk__in=scope.agency_ids)
    return list(qs.order_by("name"))


def _search_q(text: str) -> Q | None:
    words = fold(text).split()[:MAX_SEARCH_WORDS]
    if not words:
        return None
    q = Q()
    for word in words:
        q &= Q(search_text__contains=word)
    return q


def issued_documents(user, agency: Agency | None, criteria: dict | None = None) -> QuerySet:
    """The agency's issued documents the user sees, the latest first, narrowed by the
    register's search (`q` words of the number or summary, `loai` kind, `tu_ngay`/`den_ngay`
    issue dates)."""
    documents = visible(Document, user).filter(state=Document.State.ISSUED)
    documents = documents.filter(agency=agency) if agency else documents.none()
    if criteria:
        if (q := _search_q(criteria["q"])) is not None:
            documents = documents.filter(q)
        if criteria["loai"]:
            documents = documents.filter(kind=criteria["loai"])
        if criteria["tu_ngay"]:
            documents = documents.filter(issued_on__gte=criteria["tu_ngay"])
        if criteria["den_ngay"]:
            documents = documents.filter(issued_on__lte=criteria["den_ngay"])
    return documents.select_related("issued_by", "corrects").order_by(
        "-issued_on", "-issued_at", "-pk")
