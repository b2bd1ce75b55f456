"""Editing a conference's programme: reorder, durations, presenters, add and remove items.

One function per use case, one transaction, one audit event. Only the office edits, and only
while the conference is still being prepared (after the session the programme is history).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.audit.services import record, snapshot
from doithoai.core.text import nfc
from doithoai.dialogues import rules
from doithoai.dialogues.actions.conferences import locked_conference
from doithoai.dialogues.models import AgendaItem, Conference
from doithoai.org import access

MAX_MINUTES = 600


def _editable(actor, conference: Conference) -> Conference:
    access.require(actor, rules.MANAGE, conference)
    conference = locked_conference(conference)
    if conference.state != Conference.State.PLANNED:
        raise ValidationError(_("Hội nghị đã diễn ra: chương trình không sửa được nữa."))
    return conference


def _renumber(conference: Conference) -> list[AgendaItem]:
    items = list(conference.agenda.order_by("order", "pk"))
    for i, item in enumerate(items):
        if item.order != i:
            item.order = i
            item.save(update_fields=["order"])
    return items


def _clean(title: str, presenter: str, minutes) -> tuple[str, str, int]:
    title, presenter = nfc(title or "").strip(), nfc(presenter or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("Hãy ghi nội dung của mục chương trình.")
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        minutes = -1
    if not 1 <= minutes <= MAX_MINUTES:
        errors["minutes"] = _("Thời lượng phải từ 1 đến %(n)s phút.") % {"n": MAX_MINUTES}
    if errors:
        raise ValidationError(errors)
    return title, presenter, minutes


def _agenda_snapshot(conference: Conference) -> dict:
    return {"agenda": [f"{i.order}. {i.title} ({i.minutes}′) {i.presenter}".strip()
                       for i in conference.agenda.order_by("order", "pk")]}


def move_item(*, actor, item: AgendaItem, direction: str) -> AgendaItem:
    """Swap an item with the one above ("up") or below ("down")."""
    if direction not in ("up", "down"):
        raise ValueError(direction)
    with transaction.atomic():
        conference = _editable(actor, item.conference)
        items = _renumber(conference)
        index = next(i for i, x in enumerate(items) if x.pk == item.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(items):
            return items[index]
        before = _agenda_snapshot(conference)
        a, b = items[index], items[other]
        a.order, b.order = b.order, a.order
        a.save(update_fields=["order"])
        b.save(update_fields=["order"])
        record(actor=actor, action="agenda.move", obj=conference, before=before,
               after=_agenda_snapshot(conference))
        return a


def update_item(*, actor, item: AgendaItem, title: str, presenter: str, minutes
                ) -> AgendaItem:
    title, presenter, minutes = _clean(title, presenter, minutes)
    with transaction.atomic():
        _editable(actor, item.conference)
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        before = snapshot(item)
        item.title, item.presenter, item.minutes = title, presenter, minutes
        item.save()
        record(actor=actor, action="agenda.update", obj=item, before=before,
               after=snapshot(item))
    return item


def add_item(*, actor, conference: Conference, title: str, presenter: str = "",
             minutes=10) -> AgendaItem:
    """A new item at the end of the programme."""
    title, presenter, minutes = _clean(title, presenter, minutes)
    with transaction.atomic():
        conference = _editable(actor, conference)
        items = _renumber(conference)
        item = AgendaItem.objects.create(conference=conference, order=len(items), title=title,
                                         presenter=presenter, minutes=minutes)
        record(actor=actor, action="agenda.add", obj=item, after=snapshot(item))
    return item


def remove_item(*, actor, item: AgendaItem) -> None:
    with transaction.atomic():
        conference = _editable(actor, item.conference)
        before = snapshot(item)
        item.delete()
        _renumber(conference)
        record(actor=actor, action="agenda.remove", obj=conference, before=before)
