"""The Word templates documents print with: an agency's own (uploaded) or the shipped one."""

from __future__ import annotations

from doithoai.documents import render
from doithoai.documents.kinds import Kind
from doithoai.documents.models import AgencyTemplate
from doithoai.documents.registry import KINDS, kind_of
from doithoai.org.models import Agency


def active_template(agency: Agency, kind_code: str) -> AgencyTemplate | None:
    return AgencyTemplate.objects.filter(agency=agency, kind=kind_code, active=True).first()


def template_bytes(agency: Agency, kind_code: str) -> bytes | None:
    """The agency's own template for this kind (None: the shipped one)."""
    template = active_template(agency, kind_of(kind_code).template_of or kind_code)
    if template is None:
        return None
    with template.file.open("rb") as f:
        return f.read()


def template_kinds() -> list[Kind]:
    """The kinds that have a shipped Word template (the ones an agency may replace)."""
    return [k for k in KINDS.values()
            if not k.template_of and render.template_path(k).is_file()]


def shipped_template_bytes(kind_code: str) -> bytes:
    return render.template_path(kind_of(kind_code)).read_bytes()


def uploads(agency: Agency, kind_code: str) -> list[AgencyTemplate]:
    """Every template the agency uploaded for this kind, the latest first."""
    return list(AgencyTemplate.objects.filter(agency=agency, kind=kind_code)
                .select_related("uploaded_by").order_by("-uploaded_at", "-pk"))
