"""Moving a petition along its state table (`core.petition_flow`): lock it, refuse a stale
form (the version the user saw), ask who may (`rules.ACTION_RULES`), move, audit, and tell
the petitioner after commit. Every action of the detail page goes through `move`, and so
does every answer, approval and publication from any page, the live room, a bulk action or
a command: the table refuses them for a complaint or a denunciation (`WrongTrack`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.audit.conflicts import check_version
from doithoai.audit.services import record, snapshot
from doithoai.core.petition_flow import Action, IllegalTransition, next_state
from doithoai.org import access
from doithoai.petitions import notify, rules
from doithoai.petitions.models import Petition


def lock(petition: Petition, version: int | None) -> Petition:
    """The petition read again under a row lock; Conflict when it moved since `version`."""
    fresh = Petition.objects.select_for_update().get(pk=petition.pk)
    check_version(fresh, version, _("Ý kiến này vừa được người khác cập nhật. Hãy tải lại "
                                    "trang để xem thay đổi mới nhất rồi thực hiện lại; chưa "
                                    "có gì bị ghi đè."))
    return fresh


def move(actor, petition: Petition, action: Action, *, reason: str, version: int | None,
         changes: dict | None = None, event: str | None = None,
         notify_event: str | None = None, citizen_label: str | None = None) -> Petition:
    """`citizen_label`: the petitioner moves it himself from the public tracking page (no
    account, `actor` None; the caller found the petition by its tracking code, his key)."""
    petition = lock(petition, version)
    if citizen_label is None:
        access.require(actor, rules.ACTION_RULES[action], petition)
    elif actor is not None:
        raise ValueError("a citizen's move has no staff actor")
    try:
        target = next_state(petition.state, action, petition.kind,
                            has_unit=(changes or {}).get("unit", petition.unit_id) is not None)
    except IllegalTransition as exc:
        raise ValidationError(str(exc)) from exc
    before = snapshot(petition)
    for name, value in (changes or {}).items():
        setattr(petition, name, value)
    petition.state = target
    petition.version += 1
    # Check what this move changes: re-reading every unchanged foreign key would cost a
    # query each, on every move of every petition.
    changed = {"state", "version", *(name.removesuffix("_id") for name in changes or {})}
    petition.full_clean(exclude=[f.name for f in Petition._meta.fields
                                 if f.name not in changed])
    petition.save()
    record(actor=actor, action=f"petition.{event or action.value}", obj=petition,
           before=before, after=snapshot(petition), reason=reason, actor_label=citizen_label)
    if notify_event:
        transaction.on_commit(lambda: notify.petitioner_told(petition.pk, notify_event))
    return petition
