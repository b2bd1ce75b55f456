"""The hash chain, without a database: any edit, removal, insertion or reordering is found."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doithoai.core.hashchain import (
    GENESIS,
    BreakKind,
    ChainBreak,
    canonical,
    event_hash,
    verify_chain,
)

AT = datetime(2025, 3, 4, 1, 2, 3, 456789, tzinfo=UTC)


def build(payloads):
    """A valid chain of (seq, prev_hash, hash, payload) and its head."""
    records, prev = [], GENESIS
    for seq, payload in enumerate(payloads, start=1):
        h = event_hash(prev, payload)
        records.append((seq, prev, h, payload))
        prev = h
    head = (len(records), prev)
    return records, head


def sample(n=5):
    return [
        {"seq": i, "at": AT + timedelta(seconds=i), "action": "village.update",
         "reason": f"Sửa lần {i}", "after": {"name": f"Thôn {i}", "households": i * 10}}
        for i in range(1, n + 1)
    ]


class TestCanonical:
    def test_sorted_compact_and_keeps_vietnamese(self):
        assert canonical({"b": 1, "a": "Thôn Đông"}) == '{"a":"Thôn Đông","b":1}'

    def test_datetime_is_utc_iso_with_microseconds(self):
        hanoi = timezone(timedelta(hours=7))
        at = datetime(2025, 3, 4, 8, 0, 0, tzinfo=hanoi)
        assert canonical({"at": at}) == '{"at":"2025-03-04T01:00:00.000000Z"}'

    def test_same_instant_in_any_zone_hashes_alike(self):
        hanoi = timezone(timedelta(hours=7))
        assert event_hash(GENESIS, {"at": AT}) == event_hash(GENESIS, {"at": AT.astimezone(hanoi)})

    def test_naive_datetime_refused(self):
        with pytest.raises(ValueError):
            canonical({"at": datetime(2025, 1, 1)})

    def test_date_and_nested(self):
        assert canonical({"x": [date(2025, 1, 2), {"z": None, "y": True}]}) == (
            '{"x":["2025-01-02",{"y":true,"z":null}]}'
        )

    def test_integral_float_written_as_int(self):
        # PostgreSQL jsonb gives 1e16 back as an integer; the text must not change.
        assert canonical({"v": 1e16}) == canonical({"v": 10**16})
        assert canonical({"v": 2.0}) == '{"v":2}'
        assert canonical({"v": 0.1}) == '{"v":0.1}'

    def test_nan_and_unknown_types_refused(self):
        with pytest.raises(ValueError):
            canonical({"v": float("nan")})
        with pytest.raises(TypeError):
            canonical({"v": object()})


class TestEventHash:
    def test_sha256_hex(self):
        h = event_hash(GENESIS, {"a": 1})
        assert len(h) == 64 and int(h, 16) >= 0

    def test_depends_on_previous_hash_and_payload(self):
        assert event_hash(GENESIS, {"a": 1}) != event_hash("1" * 64, {"a": 1})
        assert event_hash(GENESIS, {"a": 1}) != event_hash(GENESIS, {"a": 2})

    def test_key_order_does_not_matter(self):
        assert event_hash(GENESIS, {"a": 1, "b": 2}) == event_hash(GENESIS, {"b": 2, "a": 1})


class TestVerifyChain:
    def test_intact_chain(self):
        records, head = build(sample())
        assert verify_chain(records, head=head) is None

    def test_empty_chain(self):
        assert verify_chain([], head=(0, GENESIS)) is None
        assert verify_chain([]) is None

    def test_streams_a_generator(self):
        records, head = build(sample(50))
        assert verify_chain((r for r in records), head=head) is None

    def test_edited_payload(self):
        records, head = build(sample())
        seq, prev, h, payload = records[2]
        records[2] = (seq, prev, h, {**payload, "reason": "Sửa lén"})
        assert verify_chain(records, head=head) == ChainBreak(
            BreakKind.EDITED, 3, expected=h, found=event_hash(prev, records[2][3])
        )

    def test_edited_and_rehashed_breaks_the_next_link(self):
        records, head = build(sample())
        seq, prev, _, payload = records[2]
        forged = {**payload, "reason": "Sửa lén"}
        records[2] = (seq, prev, event_hash(prev, forged), forged)
        broken = verify_chain(records, head=head)
        assert broken.kind == BreakKind.LINK and broken.seq == 4

    def test_edited_last_and_rehashed_breaks_the_head(self):
        records, head = build(sample())
        seq, prev, _, payload = records[-1]
        forged = {**payload, "reason": "Sửa lén"}
        records[-1] = (seq, prev, event_hash(prev, forged), forged)
        broken = verify_chain(records, head=head)
        assert broken.kind == BreakKind.HEAD and broken.seq == 5

    def test_deleted_middle(self):
        records, head = build(sample())
        del records[1]
        assert verify_chain(records, head=head) == ChainBreak(BreakKind.MISSING, 2, until=2)

    def test_deleted_several(self):
        records, head = build(sample())
        del records[1:4]
        assert verify_chain(records, head=head) == ChainBreak(BreakKind.MISSING, 2, until=4)

    def test_deleted_first(self):
        records, head = build(sample())
        del records[0]
        assert verify_chain(records, head=head) == ChainBreak(BreakKind.MISSING, 1, until=1)

    def test_deleted_last_needs_the_head(self):
        records, head = build(sample())
        del records[-1]
        assert verify_chain(records) is None  # the chain alone cannot tell
        assert verify_chain(records, head=head) == ChainBreak(BreakKind.MISSING, 5, until=5)

    def test_all_deleted(self):
        _, head = build(sample())
        assert verify_chain([], head=head) == ChainBreak(BreakKind.MISSING, 1, until=5)

    def test_reordered(self):
        records, head = build(sample())
        records[1], records[2] = records[2], records[1]
        broken = verify_chain(records, head=head)
        assert broken.kind == BreakKind.MISSING and broken.seq == 2  # 3 came where 2 was due

    def test_duplicate_seq(self):
        records, head = build(sample())
        records.insert(2, records[1])
        assert verify_chain(records, head=head) == ChainBreak(
            BreakKind.ORDER, 2, expected="3", found="2"
        )

    def test_renumbered_after_delete(self):
        records, head = build(sample())
        del records[1]
        renumbered = [(i, prev, h, p) for i, (_, prev, h, p) in enumerate(records, start=1)]
        broken = verify_chain(renumbered, head=head)
        # seq 2 now carries old record 3: its prev_hash points to the deleted record.
        assert broken.kind == BreakKind.LINK and broken.seq == 2

    def test_forged_insert_in_the_middle(self):
        records, head = build(sample())
        forged_payload = {"seq": 3, "at": AT, "action": "village.delete", "reason": "Giả"}
        prev = records[1][2]
        forged = (3, prev, event_hash(prev, forged_payload), forged_payload)
        shifted = [(s + 1, p, h, pl) for s, p, h, pl in records[2:]]
        broken = verify_chain(records[:2] + [forged] + shifted, head=head)
        # The forged record links correctly; the genuine record after it does not.
        assert broken.kind == BreakKind.LINK and broken.seq == 4

    def test_wrong_genesis(self):
        payload = {"a": 1}
        records = [(1, "f" * 64, event_hash("f" * 64, payload), payload)]
        broken = verify_chain(records)
        assert broken == ChainBreak(BreakKind.LINK, 1, expected=GENESIS, found="f" * 64)

    def test_records_beyond_the_head(self):
        records, _ = build(sample())
        assert verify_chain(records, head=(3, records[2][2])) == ChainBreak(
            BreakKind.UNEXPECTED, 4, until=5
        )

    def test_break_describes_itself(self):
        assert str(ChainBreak(BreakKind.MISSING, 2, until=4)) == "missing at seq 2..4"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=10,
)


@given(st.lists(st.dictionaries(st.text(max_size=5), json_values, max_size=4), min_size=1,
                max_size=8), st.data())
def test_any_single_edit_is_detected(payloads, data):
    records, head = build(payloads)
    i = data.draw(st.integers(0, len(records) - 1))
    seq, prev, h, payload = records[i]
    records[i] = (seq, prev, h, {**payload, "\x00forged": data.draw(json_values)})
    assert verify_chain(records, head=head) == ChainBreak(
        BreakKind.EDITED, seq, expected=h, found=event_hash(prev, records[i][3])
    )


@given(st.lists(st.dictionaries(st.text(max_size=5), json_values, max_size=4), min_size=1,
                max_size=8), st.data())
def test_any_deletion_is_detected(payloads, data):
    records, head = build(payloads)
    i = data.draw(st.integers(0, len(records) - 1))
    del records[i]
    broken = verify_chain(records, head=head)
    assert broken is not None and broken.kind == BreakKind.MISSING and broken.seq == i + 1
