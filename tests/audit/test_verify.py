"""Verification finds any edit or removal of a past event, whatever the database."""

import pytest

from doithoai.audit.services import record, verify
from doithoai.core.hashchain import BreakKind
from tests.factories import VillageFactory


def test_empty_log_is_intact(db):
    result = verify()
    assert result.ok and result.count == 0


def test_intact_log(events):
    result = verify()
    assert result.ok and result.count == 5 and result.head_hash == events[-1].hash


@pytest.mark.parametrize("chunk_size", [1, 2, 5, 1000])
def test_chunks_do_not_matter(events, chunk_size):
    assert verify(chunk_size=chunk_size).count == 5


def test_snapshots_of_real_objects_verify(db):
    from doithoai.audit.services import snapshot

    village = VillageFactory()
    before = snapshot(village)
    village.households = 42
    village.save()
    record(actor=None, action="village.update", obj=village, before=before,
           after=snapshot(village))
    assert verify().ok


def test_edited_reason_is_found(events, raw_sql):
    raw_sql("UPDATE audit_auditevent SET reason = 'Sửa lén' WHERE seq = 3")
    broken = verify(chunk_size=2).broken
    assert (broken.kind, broken.seq) == (BreakKind.EDITED, 3)


def test_edited_json_is_found(events, raw_sql):
    raw_sql("UPDATE audit_auditevent SET after = %s WHERE seq = 1", ['{"households": 999}'])
    broken = verify().broken
    assert (broken.kind, broken.seq) == (BreakKind.EDITED, 1)


def test_reassigned_actor_label_is_found(events, raw_sql):
    raw_sql("UPDATE audit_auditevent SET actor_label = 'Người khác' WHERE seq = 5")
    broken = verify().broken
    assert (broken.kind, broken.seq) == (BreakKind.EDITED, 5)


def test_deleted_middle_record_is_found(events, raw_sql):
    raw_sql("DELETE FROM audit_auditevent WHERE seq = 2")
    broken = verify().broken
    assert (broken.kind, broken.seq, broken.until) == (BreakKind.MISSING, 2, 2)


def test_deleted_last_record_is_found(events, raw_sql):
    raw_sql("DELETE FROM audit_auditevent WHERE seq = 5")
    broken = verify().broken
    assert (broken.kind, broken.seq, broken.until) == (BreakKind.MISSING, 5, 5)


def test_deleted_everything_is_found(events, raw_sql):
    raw_sql("DELETE FROM audit_auditevent")
    broken = verify().broken
    assert (broken.kind, broken.seq, broken.until) == (BreakKind.MISSING, 1, 5)


def test_row_written_around_the_software_is_found(events, raw_sql):
    raw_sql(
        "INSERT INTO audit_auditevent (seq, at, actor_label, action, object_type, object_id,"
        " object_repr, reason, prev_hash, hash) VALUES"
        " (6, '2025-01-01 00:00:00+00', 'x', 'x', 'x', '1', '', '', %s, %s)",
        [events[-1].hash, "f" * 64],
    )
    broken = verify().broken
    assert (broken.kind, broken.seq) == (BreakKind.UNEXPECTED, 6)


def test_deleted_head_is_found(events, raw_sql):
    raw_sql("DELETE FROM audit_auditchainhead")
    broken = verify().broken
    assert (broken.kind, broken.seq) == (BreakKind.UNEXPECTED, 1)


def test_appending_after_a_check_keeps_it_intact(events, village):
    assert verify().ok
    record(actor=None, action="village.update", obj=village)
    assert verify().count == 6
