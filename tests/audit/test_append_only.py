"""Nothing changes a written event: not Django, and on PostgreSQL not even plain SQL."""

import pytest
from django.db import DatabaseError, connection, transaction

from doithoai.audit.models import AppendOnlyError, AuditChainHead, AuditEvent

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the triggers exist on PostgreSQL only"
)


def test_saving_an_existing_event_is_refused(events):
    event = AuditEvent.objects.get(seq=2)
    event.reason = "Sửa lén"
    with pytest.raises(AppendOnlyError, match="chỉ được ghi thêm"):
        event.save()
    # The instance just written cannot be saved again either.
    with pytest.raises(AppendOnlyError):
        events[-1].save()
    assert AuditEvent.objects.get(seq=2).reason == "Cập nhật số hộ lần 1"


def test_deleting_is_refused(events):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.get(seq=2).delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(seq__gte=4).delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_create([AuditEvent(seq=99)])
    assert AuditEvent.objects.count() == 5


@postgres_only
@pytest.mark.parametrize("sql", [
    "UPDATE audit_auditevent SET reason = 'Sửa lén' WHERE seq = 2",
    "DELETE FROM audit_auditevent WHERE seq = 2",
    "DELETE FROM audit_auditevent WHERE seq = 5",
    "UPDATE audit_auditevent SET actor_id = NULL, reason = 'x' WHERE seq = 2",
    "DELETE FROM audit_auditchainhead",
    "UPDATE audit_auditchainhead SET last_seq = last_seq - 1",
])
def test_postgresql_trigger_refuses_raw_sql(events, sql):
    with pytest.raises(DatabaseError, match="audit"), transaction.atomic(), \
            connection.cursor() as cursor:
        cursor.execute(sql)
    assert AuditEvent.objects.count() == 5
    assert AuditChainHead.objects.get().last_seq == 5
