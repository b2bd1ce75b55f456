"""Empty the whole database, for a demo built again from scratch (`demo_data --reset`).

The audit log is append-only (on PostgreSQL, triggers refuse to delete its rows), so the
demo is not deleted row by row: the SQLite file is removed, or PostgreSQL's schema dropped
and created again; the caller migrates afterwards. Development and trial machines only: the
command refuses it unless DEBUG is on.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.db import connection


def empty_database() -> None:
    if connection.vendor == "sqlite":
        name = str(connection.settings_dict["NAME"])
        if connection.is_in_memory_db() or not name:
            raise ImproperlyConfigured("Cơ sở dữ liệu SQLite trong bộ nhớ: không có gì để xóa.")
        connection.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(name + suffix).unlink(missing_ok=True)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    else:  # settings accept no other database
        raise ImproperlyConfigured(f"Không hỗ trợ cơ sở dữ liệu {connection.vendor}.")
