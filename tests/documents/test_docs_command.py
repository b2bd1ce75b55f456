"""`doithoai docs render|samples` against the demo data: the files written are read back; bad
input is one line and a non-zero exit status."""

import io
import re
import tempfile
from pathlib import Path

import docx
import openpyxl
import pypdf
import pytest
from django.core.management import CommandError, ManagementUtility, call_command
from django.test import override_settings

from doithoai.dialogues.models import Plan
from doithoai.documents.registry import KINDS
from doithoai.documents.render import render_docx
from tests.conftest import run_checks

FILE_LINE = r"{name}: \d{{1,3}}(\.\d{{3}})* byte, \d+,\d\d giây\."


@pytest.fixture
def cache(settings, tmp_path):
    settings.DOCUMENTS_CACHE_DIR = tmp_path / "cache"


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("docs", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fails(*args) -> str:
    with pytest.raises(CommandError) as caught:
        call_command("docs", *args, stdout=io.StringIO(), stderr=io.StringIO())
    return str(caught.value)


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join(" ".join(p.extract_text().split())
                                       for p in reader.pages)


def scenario(out: dict) -> None:
    """Run once inside the shared demo (tests/conftest.py::demo_scenarios), then rolled back:
    the files go to a folder of their own, the PDFs to a cache of their own."""
    with tempfile.TemporaryDirectory(prefix="doithoai-docs-") as folder, \
            override_settings(DOCUMENTS_CACHE_DIR=Path(folder) / "cache"):
        run_checks(out, lambda: render_and_samples_from_the_demo(Path(folder)))


def test_render_and_samples_from_the_demo(demo_scenarios):
    failure = demo_scenarios[__name__]["failure"]
    assert failure is None, failure


def render_and_samples_from_the_demo(tmp_path: Path) -> None:
    plan = Plan.objects.get(agency__code="ubnd-xa-diem-he", year=2026, kind=Plan.Kind.PERIODIC)

    target = tmp_path / "ke-hoach-27.docx"
    out, err = run("render", "ke-hoach", "--object", str(plan.pk), "--format", "docx",
                   "--out", str(target))
    assert re.fullmatch(FILE_LINE.format(name=re.escape(str(target))) + "\n", out)
    assert err == ""  # the demo plan lacks nothing
    text = docx_text(target.read_bytes())
    assert "KẾ HOẠCH" in text and "Số:      /KH-UBND" in text  # a draft: blank number
    assert "Điềm He, ngày      tháng      năm 2026" in text
    assert target.read_bytes() == render_docx("ke-hoach", plan).docx  # exactly the render

    target = tmp_path / "ke-hoach-27.pdf"
    out, _err = run("render", "ke-hoach", "--object", str(plan.pk), "--format", "PDF",
                    "--out", str(target))
    assert re.fullmatch(FILE_LINE.format(name=re.escape(str(target))) + "\n", out)
    pages, text = pdf_text(target.read_bytes())
    assert pages >= 2
    assert "KẾ HOẠCH" in text and "Điềm He" in text and text.rstrip().count("./.") >= 1

    outdir = tmp_path / "mau" / "2026"  # made when missing
    out, err = run("samples", str(outdir))
    assert err == ""
    lines = out.splitlines()
    tables = [code for code, kind in KINDS.items() if kind.table is not None]
    assert len(lines) == 2 * len(KINDS) + len(tables)
    for code in KINDS:
        assert any(re.fullmatch(FILE_LINE.format(name=re.escape(f"{code}.docx")), line)
                   for line in lines), lines
        assert any(re.fullmatch(FILE_LINE.format(name=re.escape(f"{code}.pdf")), line)
                   for line in lines), lines
        assert docx_text((outdir / f"{code}.docx").read_bytes()).strip()
        pages, text = pdf_text((outdir / f"{code}.pdf").read_bytes())
        assert pages >= 1 and "Điềm He" in text
    for code in tables:  # a report's table beside it, as a workbook
        assert re.fullmatch(FILE_LINE.format(name=re.escape(f"{code}.xlsx")), lines[
            lines.index(next(ln for ln in lines if ln.startswith(f"{code}.pdf"))) + 1])
        sheet = openpyxl.load_workbook(outdir / f"{code}.xlsx").active
        assert sheet.max_row > 3 and "ĐIỀM HE" in str(sheet["A1"].value)
    assert sorted(p.name for p in outdir.iterdir()) == sorted(
        [f"{code}.{ext}" for code in KINDS for ext in ("docx", "pdf")]
        + [f"{code}.xlsx" for code in tables])
    # The plan's sample is the Điềm He 2026 plan, the same bytes as rendered above.
    assert (outdir / "ke-hoach.docx").read_bytes() == render_docx("ke-hoach", plan).docx
    assert (outdir / "ke-hoach.pdf").read_bytes() == target.read_bytes()  # from the cache


@pytest.mark.django_db
def test_bad_input_is_one_line(tmp_path, cache):
    out = str(tmp_path / "x.docx")
    assert fails("render", "giay-khen", "--object", "1", "--out", out) == (
        "Không có loại văn bản “giay-khen”. Các loại: " + ", ".join(KINDS) + ".")
    assert fails("render", "ke-hoach", "--object", "99", "--out", out) == (
        "Không có kế hoạch số 99.")
    for bad in ("abc", "0", "-3", "1.5"):
        assert fails("render", "ke-hoach", "--object", bad, "--out", out) == (
            f"Số đối tượng không hợp lệ: {bad} (cần số nguyên dương).")
    assert fails("render", "ke-hoach", "--object", "1", "--format", "odt", "--out", out) == (
        "Định dạng không hợp lệ: odt (chỉ docx, pdf hoặc xlsx).")
    missing = tmp_path / "khong-co" / "x.docx"
    assert fails("render", "ke-hoach", "--object", "1", "--out", str(missing)) == (
        f"Không có thư mục {missing.parent} để ghi tệp.")
    assert not (tmp_path / "x.docx").exists()
    # The file's suffix decides when --format is not given, and must agree when it is.
    assert fails("render", "ke-hoach", "--object", "1", "--format", "pdf", "--out", out) == (
        f"Tệp {out} có đuôi .docx nhưng định dạng yêu cầu là pdf: hãy đặt tên tệp hoặc "
        f"--format cho khớp.")


@pytest.mark.django_db
def test_samples_without_demo_data_say_so(tmp_path, cache):
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("docs", "samples", str(tmp_path / "mau"), stdout=io.StringIO(), stderr=err)
    assert str(caught.value) == "Chưa tạo đủ văn bản mẫu: " + ", ".join(KINDS) + "."
    assert err.getvalue().splitlines() == [
        f"{code}: không tìm thấy dữ liệu mẫu (hãy chạy `doithoai demo_data` trước)."
        for code in KINDS]
    assert list((tmp_path / "mau").iterdir()) == []


def test_missing_fields_are_listed_on_stderr(tmp_path, cache, draft_plan):
    draft_plan.signer = None
    draft_plan.save(update_fields=["signer"])
    missing = render_docx("ke-hoach", draft_plan).missing
    assert missing  # the plan has no signer: the draft renders, with a warning
    target = tmp_path / "du-thao.docx"
    out, err = run("render", "ke-hoach", "--object", str(draft_plan.pk), "--out", str(target))
    assert err == f"Lưu ý: bản dự thảo còn thiếu {', '.join(missing)} (chưa ban hành được).\n"
    assert re.fullmatch(FILE_LINE.format(name=re.escape(str(target))) + "\n", out)
    assert "KẾ HOẠCH" in docx_text(target.read_bytes())


def test_pdf_failure_is_one_line(tmp_path, settings, cache, draft_plan):
    settings.DOCUMENTS_SOFFICE = str(tmp_path / "no-such-soffice")
    message = fails("render", "ke-hoach", "--object", str(draft_plan.pk), "--format", "pdf",
                    "--out", str(tmp_path / "x.pdf"))
    assert message.startswith("Máy chủ chưa cài LibreOffice (không tìm thấy chương trình “")
    assert "\n" not in message
    assert not (tmp_path / "x.pdf").exists()


def _exit_status(*argv) -> int:
    with pytest.raises(SystemExit) as caught:
        ManagementUtility(["doithoai", *argv]).execute()
    return caught.value.code


@pytest.mark.django_db
def test_exit_status_from_the_command_line(tmp_path, capsys, monkeypatch, cache):
    from django.core.management import base

    monkeypatch.setattr(base.connections, "close_all", lambda: None)
    out = str(tmp_path / "x.docx")
    assert _exit_status("docs", "render", "ke-hoach", "--object", "99", "--out", out) == 1
    assert capsys.readouterr().err == "CommandError: Không có kế hoạch số 99.\n"
    assert _exit_status("docs", "render", "ke-hoach", "--object", "1") == 2
    err = capsys.readouterr().err
    assert err.startswith("doithoai docs render: lỗi: ") and err.count("\n") == 1
    assert _exit_status("docs") == 2
    assert capsys.readouterr().err.count("\n") == 1
