"""A hash chain over audit events: each event's hash covers its content and the previous hash.

Editing, deleting, inserting or reordering a past event breaks the chain at a point that
`verify_chain` reports. The chain's head (last seq and hash, kept elsewhere) makes the loss of
the newest events detectable too. Pure Python: the database layer feeds rows in.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

GENESIS = "0" * 64  # the "previous hash" of the first event


def _normalise(value: Any) -> Any:
    """A JSON-ready copy whose text is the same before and after a database round trip."""
    if isinstance(value, Mapping):
        return {str(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normalise(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("NaN and infinity have no JSON form")
        # PostgreSQL's jsonb prints 1e16 as 10000000000000000 (read back as int): an
        # integral float is written as an int so both databases give the same text.
        return int(value) if value.is_integer() else value
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetime: the instant is ambiguous")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__} in an audit event")


def canonical(payload: Mapping[str, Any]) -> str:
    """The one text form of an event: sorted keys, compact, UTF-8 characters kept."""
    return json.dumps(
        _normalise(payload), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def event_hash(prev_hash: str, payload: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the previous hash and the event's canonical text."""
    data = f"{prev_hash}\n{canonical(payload)}".encode()
    return hashlib.sha256(data).hexdigest()


class BreakKind(StrEnum):
    EDITED = "edited"  # the content no longer matches its hash
    MISSING = "missing"  # a gap in the sequence: records seq..until were removed
    LINK = "link"  # prev_hash is not the previous record's hash (inserted or replaced)
    ORDER = "order"  # seq does not increase (reordered or duplicated)
    HEAD = "head"  # the last record is not the one the head points to
    UNEXPECTED = "unexpected"  # records beyond the head (written around the log)


@dataclass(frozen=True)
class ChainBreak:
    """The first point where the chain fails, and how."""

    kind: BreakKind
    seq: int  # the record concerned (first missing one for MISSING)
    until: int | None = None  # MISSING: last missing seq
    expected: str | None = None
    found: str | None = None

    def __str__(self) -> str:
        text = f"{self.kind} at seq {self.seq}"
        if self.until is not None and self.until != self.seq:
            text += f"..{self.until}"
        if self.expected is not None or self.found is not None:
            text += f" (expected {self.expected}, found {self.found})"
        return text


Record = tuple[int, str, str, Mapping[str, Any]]  # (seq, prev_hash, hash, payload)


def verify_chain(
    records: Iterable[Record], *, head: tuple[int, str] | None = None
) -> ChainBreak | None:
    """The first break in records given in seq order (streamed: O(1) memory), or None.

    The chain starts at seq 1 with prev_hash GENESIS. `head` = (last seq, last hash) as
    recorded at append time; without it, losing the newest records goes unnoticed.
    """
    last_seq, last_hash = 0, GENESIS
    for seq, prev_hash, stored_hash, payload in records:
        expected_seq = last_seq + 1
        if seq < expected_seq:
            return ChainBreak(BreakKind.ORDER, seq, expected=str(expected_seq), found=str(seq))
        if seq > expected_seq:
            return ChainBreak(BreakKind.MISSING, expected_seq, until=seq - 1)
        computed = event_hash(prev_hash, payload)
        if computed != stored_hash:
            return ChainBreak(BreakKind.EDITED, seq, expected=stored_hash, found=computed)
        if prev_hash != last_hash:
            return ChainBreak(BreakKind.LINK, seq, expected=last_hash, found=prev_hash)
        last_seq, last_hash = seq, stored_hash
    if head is None:
        return None
    head_seq, head_hash = head
    if last_seq < head_seq:
        return ChainBreak(BreakKind.MISSING, last_seq + 1, until=head_seq)
    if last_seq > head_seq:
        return ChainBreak(BreakKind.UNEXPECTED, head_seq + 1, until=last_seq)
    if last_hash != head_hash:
        return ChainBreak(BreakKind.HEAD, last_seq, expected=head_hash, found=last_hash)
    return None
