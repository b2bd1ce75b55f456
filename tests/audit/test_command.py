"""`doithoai audit verify`: a summary in Vietnamese, a non-zero exit on a break."""

from io import StringIO

import pytest
from django.core.management import call_command


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("audit", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_intact_log_exits_zero(events):
    out, err = run("verify")
    assert "Chuỗi nhật ký toàn vẹn: 5 bản ghi." in out
    assert events[-1].hash in out
    assert err == ""


def test_empty_log(db):
    out, _ = run("verify", "--chunk-size", "10")
    assert "Chuỗi nhật ký toàn vẹn: 0 bản ghi." in out


@pytest.mark.parametrize(("sql", "message"), [
    ("DELETE FROM audit_auditevent WHERE seq = 3", "Mất bản ghi số 3."),
    ("DELETE FROM audit_auditevent WHERE seq >= 4", "Mất các bản ghi từ số 4 đến số 5."),
    ("UPDATE audit_auditevent SET reason = 'Sửa lén' WHERE seq = 2",
     "Bản ghi số 2 đã bị sửa sau khi ghi"),
])
def test_break_exits_non_zero_and_says_where(events, raw_sql, sql, message):
    raw_sql(sql)
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify", stdout=StringIO(), stderr=err)
    assert exit_info.value.code == 1
    assert "Chuỗi nhật ký bị phá vỡ." in err.getvalue()
    assert message in err.getvalue()
