"""Writing to the audit log and checking it: the only code that creates AuditEvent rows."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Max, Model, QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.models import PAYLOAD_FIELDS, AuditChainHead, AuditEvent, object_type_of
from doithoai.core.hashchain import GENESIS, BreakKind, ChainBreak, event_hash, verify_chain
from doithoai.core.text import nfc

# Stored and hashed, so it must not depend on the language active when the event is written.
SYSTEM_ACTOR_LABEL = "hệ thống"
# Secrets must never enter a log that cannot be erased.
NEVER_SNAPSHOT = frozenset({"password"})
VERIFY_CHUNK = 2000


class _Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, but datetimes in UTC with microseconds, files by name."""

    def default(self, o):
        if isinstance(o, datetime) and timezone.is_aware(o):
            return o.astimezone(UTC).isoformat().replace("+00:00", "Z")
        if isinstance(o, time) and o.utcoffset() is None:
            return o.isoformat()
        if isinstance(o, FieldFile):
            return o.name or None
        if isinstance(o, bytes | memoryview):
            return bytes(o).hex()
        return super().default(o)


def _json_safe(value):
    """Plain JSON values, exactly as they will read back from SQLite or PostgreSQL."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=_Encoder, allow_nan=False))


def snapshot(obj: Model, fields: Iterable[str] | None = None) -> dict:
    """A JSON-safe dict of the instance's concrete fields (foreign keys as ids)."""
    if fields is None:
        chosen = [f for f in obj._meta.concrete_fields if f.name not in NEVER_SNAPSHOT]
    else:
        chosen = [obj._meta.get_field(name) for name in fields]
        for field in chosen:
            if not field.concrete or field.name in NEVER_SNAPSHOT:
                raise ValueError(f"{field.name} cannot be recorded in the audit log")
    return _json_safe({f.name: f.value_from_object(obj) for f in chosen})


def require_reason(reason: str | None) -> str:
    """The reason a person gives for a change: required, stored with the event."""
    reason = nfc(reason or "")
    if not reason:
        raise ValidationError(_("Hãy ghi lý do thay đổi (được lưu vào nhật ký)."))
    return reason


def _actor_label(actor) -> str:
    if actor is None:
        return SYSTEM_ACTOR_LABEL
    username = actor.get_username()
    full_name = (getattr(actor, "full_name", "") or "").strip()
    return f"{full_name} ({username})" if full_name else username


def _locked_head() -> AuditChainHead:
    # The lock serialises appends on PostgreSQL (SQLite serialises writers itself); seq being
    # the primary key makes a forked chain impossible either way.
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    return head


def record(*, actor, action: str, obj: Model, before=None, after=None, reason: str = "",
           actor_label: str | None = None) -> AuditEvent:
    """Append one event. Call it inside the transaction that makes the change, so both
    commit or neither does; `actor` None means the system (commands, scheduled jobs)."""
    if obj.pk is None:
        raise ValueError("record the event before the object is deleted (it has no pk now)")
    if actor is not None and not actor.is_authenticated:
        actor = None  # AnonymousUser: pass actor_label to say who acted on the public side
    with transaction.atomic():
        head = _locked_head()
        event = AuditEvent(
            seq=head.last_seq + 1,
            at=timezone.now(),
            actor=actor,
            actor_label=nfc(actor_label or _actor_label(actor))[:255],
            action=action,
            object_type=object_type_of(obj),
            object_id=str(obj.pk),
            object_repr=nfc(str(obj))[:255],
            before=_json_safe(before),
            after=_json_safe(after),
            reason=nfc(reason),
            prev_hash=head.last_hash,
        )
        event.hash = event_hash(event.prev_hash, event.payload())
        event.save()
        head.last_seq, head.last_hash = event.seq, event.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return event


def record_many(*, actor, action: str, objs, afters, reason: str = "",
                actor_label: str | None = None) -> list[AuditEvent]:
    """One event per object (same actor, action and reason), chained exactly as record()
    chains them, under one lock of the head and with bulk inserts. Call it inside the
    transaction that makes the changes."""
    objs, afters = list(objs), list(afters)
    if len(objs) != len(afters):
        raise ValueError("one 'after' per object")
    if any(obj.pk is None for obj in objs):
        raise ValueError("record the events of saved objects")
    if actor is not None and not actor.is_authenticated:
        actor = None
    label = nfc(actor_label or _actor_label(actor))[:255]
    reason = nfc(reason)
    with transaction.atomic():
        head = _locked_head()
        seq, prev_hash = head.last_seq, head.last_hash
        at = timezone.now()
        events = []
        for obj, after in zip(objs, afters, strict=True):
            seq += 1
            event = AuditEvent(
                seq=seq, at=at, actor=actor, actor_label=label, action=action,
                object_type=object_type_of(obj), object_id=str(obj.pk),
                object_repr=nfc(str(obj))[:255], before=None, after=_json_safe(after),
                reason=reason, prev_hash=prev_hash)
            event.hash = prev_hash = event_hash(prev_hash, event.payload())
            events.append(event)
        # The model's manager refuses bulk inserts (they would bypass the chain); this is
        # the chain.
        QuerySet(AuditEvent).bulk_create(events, batch_size=1000)
        # The head moves one event at a time (PostgreSQL's trigger allows nothing else):
        # one statement per event, sent together.
        table = connection.ops.quote_name(AuditChainHead._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET last_seq = %s, last_hash = %s WHERE id = 1",
                [(e.seq, e.hash) for e in events])
    return events


@dataclass(frozen=True)
class VerifyResult:
    count: int  # records checked (up to the break, if any)
    head_seq: int
    head_hash: str
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def _head() -> tuple[int, str]:
    row = AuditChainHead.objects.filter(pk=1).values_list("last_seq", "last_hash").first()
    return row or (0, GENESIS)


def _stream(upto: int, chunk_size: int) -> Iterator[tuple]:
    """(seq, prev_hash, hash, payload) in seq order, one primary-key range at a time:
    constant memory and no long-lived cursor, however long the log."""
    after = 0
    columns = (*PAYLOAD_FIELDS, "prev_hash", "hash")
    while True:
        chunk = list(
            AuditEvent.objects.filter(seq__gt=after, seq__lte=upto)
            .order_by("seq").values(*columns)[:chunk_size]
        )
        if not chunk:
            return
        for row in chunk:
            yield row["seq"], row.pop("prev_hash"), row.pop("hash"), row
        after = chunk[-1]["seq"]


def _beyond_head() -> ChainBreak | None:
    """Rows past the head were written around `record`. Max first, head second: an event
    and its head commit together, so a legitimate append never looks like one."""
    max_seq = AuditEvent.objects.aggregate(m=Max("seq"))["m"] or 0
    head_seq, _ = _head()
    if max_seq > head_seq:
        return ChainBreak(BreakKind.UNEXPECTED, head_seq + 1, until=max_seq)
    return None


def verify(*, chunk_size: int = VERIFY_CHUNK) -> VerifyResult:
    """Check the whole chain against the head. Appends made meanwhile are not in the way."""
    head_seq, head_hash = _head()
    count = 0

    def counted(rows):
        nonlocal count
        for row in rows:
            count += 1
            yield row

    broken = verify_chain(counted(_stream(head_seq, chunk_size)), head=(head_seq, head_hash))
    if broken is None:
        broken = _beyond_head()
    return VerifyResult(count=count, head_seq=head_seq, head_hash=head_hash, broken=broken)
