"""Appends from many workers at once still form one unbroken chain (PostgreSQL: row lock on
the head; SQLite serialises writers on its own and is not exercised here)."""

import threading

import pytest
from django.db import connection, transaction

from doithoai.audit.models import AuditEvent
from doithoai.audit.services import record, verify
from tests.factories import VillageFactory

WORKERS, EACH = 4, 15


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_form_one_chain():
    village = VillageFactory()
    errors = []
    start = threading.Barrier(WORKERS)

    def work(worker):
        try:
            start.wait()
            for i in range(EACH):
                with transaction.atomic():
                    record(actor=None, action="village.update", obj=village,
                           reason=f"luồng {worker} lần {i}")
        except Exception as exc:  # noqa: BLE001 — reported to the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(w,)) for w in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    result = verify()
    assert result.ok and result.count == WORKERS * EACH
    assert sorted(AuditEvent.objects.values_list("seq", flat=True)) == list(
        range(1, WORKERS * EACH + 1))
