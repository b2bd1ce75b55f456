"""How fast a big summary sheet goes in (a measurement, not a timed assertion).

`INTAKE_SPEED_ROWS=10000 .venv/bin/pytest -q -s tests/petitions/test_intake_speed.py` prints
the figure for 10,000 rows; the suite runs it with 300. Whatever the size, every row must
come out as a full petition: tracking code, due date, audit event.
"""

import datetime as dt
import os
import time

import pytest

from doithoai.audit.models import AuditEvent
from doithoai.petitions.actions import imports
from doithoai.petitions.models import Petition
from tests.petitions.intake_support import make_commune, row, xlsx

ROWS = int(os.environ.get("INTAKE_SPEED_ROWS", "300"))
VILLAGES = ["Thôn Nà Pàn", "thon ban chu", "Khòn Pát"]
FIELDS = ["Giao thông", "Y tế", "dat-dai", ""]


def measure_import(rows: int) -> dict:
    """Import `rows` rows into a fresh commune; the seconds spent reading and writing."""
    c = make_commune()
    data = xlsx([row(f"Ý kiến số {i}: đề nghị sửa đường, nạo vét kênh mương nội đồng.",
                     stt=i + 1, village=VILLAGES[i % 3], field=FIELDS[i % 4],
                     phone=f"09{i:08d}", name=f"Người dân {i}")
                 for i in range(rows)])
    started = time.perf_counter()
    result = imports.import_file(actor=c["clerk"], agency=c["agency"], data=data,
                                 filename="lon.xlsx", batch_name="Bảng lớn",
                                 received_on=dt.date(2026, 11, 2))
    seconds = time.perf_counter() - started
    return {"result": result, "seconds": seconds, "bytes": len(data)}


@pytest.mark.django_db
def test_import_speed_every_row_a_full_petition():
    figure = measure_import(ROWS)
    batch = figure["result"].batch
    petitions = Petition.objects.filter(batch=batch)
    assert figure["result"].count == ROWS == petitions.count()
    assert not petitions.filter(due_date__isnull=True).exists()
    assert petitions.values("tracking_code").distinct().count() == ROWS
    assert AuditEvent.objects.filter(action="petition.receive").count() == ROWS
    print(f"\nimport of {ROWS} rows ({figure['bytes'] / 1024:.0f} KB): "
          f"{figure['seconds']:.1f} s, {ROWS / figure['seconds']:.0f} rows/s")
