"""The fields (lĩnh vực) an agency's petitions are classified in."""

from __future__ import annotations

from doithoai.core.taxonomy import DEFAULT_FIELDS
from doithoai.org.models import Agency
from doithoai.petitions.models import Field


def ensure_default_fields(agency: Agency) -> list[Field]:
    """The default taxonomy for an agency, created once (names stay as the agency edited)."""
    existing = {f.code: f for f in Field.objects.filter(agency=agency)}
    for order, (code, name) in enumerate(DEFAULT_FIELDS, start=1):
        if code not in existing:
            existing[code] = Field.objects.create(agency=agency, code=code, name=name,
                                                  order=order)
    return sorted(existing.values(), key=lambda f: f.order)
