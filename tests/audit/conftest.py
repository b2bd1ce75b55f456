import pytest
from django.db import connection

from doithoai.audit.services import record
from tests.factories import VillageFactory


@pytest.fixture
def village(db):
    return VillageFactory(name="Thôn Đông", households=120)


@pytest.fixture
def events(village):
    """Five events about one village, written by the system."""
    return [
        record(actor=None, action="village.update", obj=village,
               before={"households": 100 + i}, after={"households": 101 + i},
               reason=f"Cập nhật số hộ lần {i}")
        for i in range(5)
    ]


@pytest.fixture
def raw_sql(db):
    """SQL sent straight to the database, as someone bypassing the software would. On
    PostgreSQL the append-only triggers are switched off first; the test's transaction
    rollback switches them on again."""

    def run(sql, params=None):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # ALTER TABLE refuses while deferred foreign-key checks are pending.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
                cursor.execute("ALTER TABLE audit_auditchainhead DISABLE TRIGGER USER")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(sql, params)

    return run
