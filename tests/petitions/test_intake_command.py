"""`doithoai petitions import`: one line on success, every problem on stderr and exit 1
otherwise — nothing imported, and never the same file twice."""

import io

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from doithoai.audit.models import AuditEvent
from doithoai.petitions.models import Channel, IntakeBatch, Petition
from tests.petitions.intake_support import make_commune, row, xlsx


@pytest.fixture
def c(db):
    return make_commune()


@pytest.fixture
def sheet(tmp_path):
    def write(rows, name="tong-hop.xlsx", data=None):
        path = tmp_path / name
        path.write_bytes(data if data is not None else xlsx(rows))
        return str(path)
    return write


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("petitions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _fails(*args) -> tuple[str, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("petitions", *args, stdout=io.StringIO(), stderr=err)
    return str(caught.value), err.getvalue()


def test_import_prints_one_line_and_creates_the_petitions(c, sheet):
    path = sheet([row("Một"), row("Hai", village="thon ban chu")])
    out, err = _run("import", path, "--agency", c["agency"].code, "--batch", "Mặt trận xã",
                    "--date", "2026-11-02", "--brought-by", "Ủy ban MTTQ xã")
    batch = IntakeBatch.objects.get()
    assert out.strip() == (f"Đã nhập 2 ý kiến từ tong-hop.xlsx vào đợt “Mặt trận xã” "
                           f"(số {batch.pk}).")
    assert err == ""
    assert (batch.channel, str(batch.received_on), batch.brought_by, batch.created_by) == (
        Channel.FRONT_SUMMARY, "2026-11-02", "Ủy ban MTTQ xã", None)
    assert Petition.objects.filter(batch=batch).count() == 2
    event = AuditEvent.objects.get(action="intake_batch.import")
    assert event.actor is None and event.actor_label == "lệnh nhập tệp Excel"


def test_a_village_makes_it_a_survey_form_batch_for_that_village(c, sheet):
    _run("import", sheet([row(village="")]), "--agency", c["agency"].code, "--batch", "Bản Chu",
         "--village", "thon ban chu")
    batch = IntakeBatch.objects.get()
    assert batch.channel == Channel.SURVEY_FORM and batch.village == c["ban_chu"]
    assert Petition.objects.get().village == c["ban_chu"]


def test_row_problems_go_to_stderr_and_nothing_is_imported(c, sheet):
    rows = [row(f"Ý kiến {i}") for i in range(50)]
    rows[4] = row("Ý kiến 4", village="Thôn Mới", phone="123")
    message, err = _fails("import", sheet(rows), "--agency", c["agency"].code, "--batch", "X")
    assert "Tệp có 1 dòng cần sửa (2 lỗi); chưa nhập ý kiến nào." in message
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(
        "Dòng 6, cột “Thôn/Tổ dân phố”: Không có thôn, tổ dân phố “Thôn Mới”")
    assert lines[1].startswith("Dòng 6, cột “Số điện thoại”: Số điện thoại “123” không hợp lệ.")
    assert not Petition.objects.exists() and not IntakeBatch.objects.exists()


def test_the_same_file_twice_exits_1_and_adds_nothing(c, sheet):
    path = sheet([row()])
    _run("import", path, "--agency", c["agency"].code, "--batch", "Lần một")
    message, _err = _fails("import", path, "--agency", c["agency"].code, "--batch", "Lần hai")
    assert "Tệp này đã được nhập lúc" in message and "“Lần một”" in message
    assert Petition.objects.count() == 1


@pytest.mark.parametrize("args,expected", [
    (["--agency", "khong-co", "--batch", "X"], "Không có cơ quan mã “khong-co”."),
    (["--batch", "X", "--village", "Thôn Mới"], "Không có thôn “Thôn Mới”"),
    (["--batch", "X", "--date", "02/11/2026"], "Ngày không hợp lệ: 02/11/2026"),
    (["--batch", "X", "--date", "2999-01-01"], "Ngày nhận không được sau hôm nay."),
    (["--batch", " "], "Hãy đặt tên cho đợt"),
])
def test_bad_arguments_are_one_clear_message(c, sheet, args, expected):
    if "--agency" not in args:
        args = ["--agency", c["agency"].code, *args]
    message, _err = _fails("import", sheet([row()]), *args)
    assert expected in message
    assert not Petition.objects.exists()


def test_a_missing_file(c):
    message, _err = _fails("import", "/khong/co/tep.xlsx", "--agency", c["agency"].code,
                           "--batch", "X")
    assert "Không có tệp /khong/co/tep.xlsx." in message


def test_an_old_xls_file(c, sheet):
    path = sheet([], name="bang.xls", data=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    message, _err = _fails("import", path, "--agency", c["agency"].code, "--batch", "X")
    assert "định dạng Excel cũ (.xls)" in message and "Lưu thành" in message


def test_a_pdf_renamed_xlsx(c, sheet):
    path = sheet([], name="bang.xlsx", data=b"%PDF-1.4\n")
    message, _err = _fails("import", path, "--agency", c["agency"].code, "--batch", "X")
    assert "tệp PDF" in message


def test_an_enormous_file(c, sheet, monkeypatch):
    from doithoai.petitions import excel

    monkeypatch.setattr(excel, "MAX_BYTES", 1000)
    message, _err = _fails("import", sheet([row()] * 20), "--agency", c["agency"].code,
                           "--batch", "X")
    assert "Tệp quá lớn" in message


def test_missing_required_options_are_refused_by_the_parser(c, sheet):
    with pytest.raises(CommandError, match="--batch"):
        call_command("petitions", "import", sheet([row()]), "--agency", c["agency"].code)
    with pytest.raises(CommandError, match="import"):
        call_command("petitions")


def _exit_status(*argv) -> int:
    with pytest.raises(SystemExit) as caught:
        ManagementUtility(["doithoai", *argv]).execute()
    return caught.value.code


def test_exit_status_from_the_command_line(c, sheet, capsys, monkeypatch):
    # From the command line Django closes the connections when the command ends; here they
    # hold the test's transaction.
    from django.core.management import base

    monkeypatch.setattr(base.connections, "close_all", lambda: None)
    path = sheet([row()])
    ManagementUtility(["doithoai", "petitions", "import", path, "--agency", c["agency"].code,
                       "--batch", "Lần một"]).execute()  # success: returns, no SystemExit
    assert "Đã nhập 1 ý kiến" in capsys.readouterr().out
    assert _exit_status("petitions", "import", path, "--agency", c["agency"].code,
                        "--batch", "Lần hai") == 1
    assert "Tệp này đã được nhập lúc" in capsys.readouterr().err
    assert _exit_status("petitions", "import", path, "--agency", c["agency"].code) == 2
    assert Petition.objects.count() == 1
