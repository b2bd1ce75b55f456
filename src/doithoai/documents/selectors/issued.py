"""Documents of an object as the register keeps them: its open correction, the latest issued
one, a document's corrections, and an issued document's frozen files read back and checked
against their hashes.

Below the kinds (a kind's context asks whether its source is in the register): it imports no
kind and not the registry."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from doithoai.documents.models import Document


class Unavailable(ValidationError):
    """The stored file of an issued document is missing or no longer matches its hash."""


def documents_of(obj: Model, kind_code: str | None = None) -> QuerySet:
    qs = Document.objects.filter(content_type=ContentType.objects.get_for_model(obj),
                                 object_id=obj.pk)
    if kind_code:
        qs = qs.filter(kind=kind_code)
    return qs.select_related("issued_by", "corrects")


def open_draft(obj: Model, kind_code: str) -> Document | None:
    """The stored draft (a correction not yet issued) of this object and kind, if any."""
    return documents_of(obj, kind_code).filter(state=Document.State.DRAFT).first()


def latest_issued(obj: Model, kind_code: str) -> Document | None:
    return (documents_of(obj, kind_code).filter(state=Document.State.ISSUED)
            .order_by("-issued_at", "-pk").first())


@dataclass(frozen=True)
class Held:
    """What the register holds of one object and kind: its open draft, its latest issued."""

    draft: Document | None
    issued: Document | None


def held_by_kind(obj: Model) -> dict[str, Held]:
    """`Held` for each kind of document the object has, read at once: a page that shows every
    kind's state asks one query, not a few per kind."""
    drafts: dict[str, Document] = {}
    issued: dict[str, Document] = {}
    # Newest issued first (the model's order, as `latest_issued`); one draft per kind at most.
    for document in documents_of(obj).filter(
            state__in=[Document.State.DRAFT, Document.State.ISSUED]):
        target = drafts if document.state == Document.State.DRAFT else issued
        target.setdefault(document.kind, document)
    return {kind: Held(drafts.get(kind), issued.get(kind)) for kind in {*drafts, *issued}}


def corrections(document: Document) -> QuerySet:
    """The documents that correct this one, oldest first."""
    return document.corrected_by.order_by("pk")


def is_corrected(document: Document) -> bool:
    return document.corrected_by.exists()


def issued_bytes(document: Document) -> bytes:
    """The frozen file of an issued document, checked against its hash."""
    return _frozen(document.file, document.sha256, document.number_text)


def issued_table_bytes(document: Document) -> bytes | None:
    """The frozen .xlsx issued with a report (None when it has none)."""
    if not document.table_file:
        return None
    return _frozen(document.table_file, document.table_sha256, document.number_text)


def _frozen(stored, sha256: str, number: str) -> bytes:
    try:
        with stored.open("rb") as f:
            data = f.read()
    except (FileNotFoundError, OSError, ValueError) as exc:
        raise Unavailable(_("Không tìm thấy tệp đã lưu của văn bản %(number)s.")
                          % {"number": number}) from exc
    if hashlib.sha256(data).hexdigest() != sha256:
        raise Unavailable(_("Tệp đã lưu của văn bản %(number)s không còn khớp mã băm lúc ban "
                            "hành: tệp đã bị thay đổi ngoài hệ thống.")
                          % {"number": number})
    return data
