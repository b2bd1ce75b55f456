"""PDF and preview through LibreOffice headless: real conversions, the cache, one profile per
process, the time limit and the errors a user reads."""

import hashlib
import io
import multiprocessing
import os
import shutil
import stat
import struct
import tempfile
import threading
import time
import unicodedata
import zlib
from pathlib import Path

import docx
import pypdf
import pytest
from docx.shared import Mm, Pt

from doithoai.documents.drawing import pdf

TMP = tempfile.gettempdir()  # where LibreOffice's profiles go (TMPDIR when set)

TITLE = "KẾ HOẠCH Tổ chức Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân năm 2026"
BODY = ("Ủy ban nhân dân xã Điềm He xây dựng kế hoạch tổ chức hội nghị đối thoại: thôn Nà Pàn, "
        "thôn Bản Chu, thôn Khòn Pát; giải quyết kiến nghị của cử tri, người dân.")


def make_docx(second_page: str = "Trang hai: các đơn vị phối hợp thực hiện./.") -> bytes:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    document.add_paragraph(TITLE)
    document.add_paragraph(BODY)
    document.add_page_break()
    document.add_paragraph(second_page)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def cache(settings, tmp_path):
    settings.DOCUMENTS_CACHE_DIR = tmp_path / "cache"
    return settings.DOCUMENTS_CACHE_DIR


@pytest.fixture
def counted(settings, tmp_path, cache):
    """soffice behind a wrapper that writes one line (its arguments) per start."""
    log = tmp_path / "starts.log"
    settings.DOCUMENTS_SOFFICE = str(script(
        tmp_path, "soffice", f'echo "$*" >> {log}\nexec /usr/bin/soffice "$@"'))
    return lambda: log.read_text().splitlines() if log.exists() else []


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"  # a killed child nobody has reaped yet is dead all the same


def png_size(png: bytes) -> tuple[int, int]:
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def png_grey_levels(png: bytes) -> bytes:
    """The image's samples, unfiltered (8-bit greyscale or RGB, as pdftoppm writes them):
    enough to tell ink from paper."""
    width, _height = png_size(png)
    depth, colour = png[24], png[25]
    assert depth == 8 and colour in (0, 2)
    bpp = 1 if colour == 0 else 3
    data, at = b"", 8
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        if kind == b"IDAT":
            data += png[at + 8:at + 8 + length]
        at += 12 + length
    raw, stride, rows, prev = zlib.decompress(data), width * bpp, [], bytearray(width * bpp)
    for start in range(0, len(raw), stride + 1):
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, corner = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else
                                      up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        prev = line
    return b"".join(rows)


def test_real_conversion_keeps_pages_and_vietnamese_text(cache):
    result = pdf.to_pdf(make_docx())
    assert result.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(result))
    assert len(reader.pages) == 2
    first = nfc(reader.pages[0].extract_text())
    assert nfc(TITLE) in first
    assert nfc(BODY) in first
    assert "Trang hai: các đơn vị phối hợp thực hiện./." in nfc(reader.pages[1].extract_text())
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    fonts = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()
             if "/BaseFont" in f.get_object()}
    # Times New Roman is named in the .docx; without it LibreOffice uses its metric twin.
    assert any("LiberationSerif" in f or "TimesNewRoman" in f for f in fonts), fonts


def test_same_document_is_converted_once(counted, cache):
    document = make_docx()
    first = pdf.to_pdf(document)
    assert len(counted()) == 1
    assert pdf.to_pdf(document) == first
    time.sleep(2.1)  # the zip keeps times to 2 s: the same content saved again differs in bytes
    again = make_docx()
    assert again != document
    assert pdf.to_pdf(again) == first
    assert len(counted()) == 1
    key = pdf.document_key(document)
    assert (cache / key[:2] / f"{key}.pdf").read_bytes() == first
    assert not list(cache.rglob("*.part"))  # written to a temporary name, then renamed
    pdf.to_pdf(make_docx(second_page="Một nội dung khác./."))
    assert len(counted()) == 2


def test_damaged_cache_entry_is_made_again(counted, cache):
    document = make_docx()
    key = pdf.document_key(document)
    entry = cache / key[:2] / f"{key}.pdf"
    entry.parent.mkdir(parents=True)
    entry.write_bytes(b"%PD")  # half a file, as left by a disk that filled up
    assert pypdf.PdfReader(io.BytesIO(pdf.to_pdf(document))).pages
    assert len(counted()) == 1
    assert entry.read_bytes().startswith(b"%PDF-")


def test_threads_of_one_process_take_turns_on_one_profile(counted, cache):
    document, results = make_docx(), []
    threads = [threading.Thread(target=lambda: results.append(pdf.to_pdf(document)))
               for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 3 and len(set(results)) == 1
    starts = counted()
    assert len(starts) == 1  # the others waited for the lock and found the cache
    profile = f"-env:UserInstallation=file://{TMP}/doithoai-lo-profile-{os.getpid()}"
    assert starts[0].startswith(profile + " --headless")
    assert "--norestore" in starts[0] and "--nolockcheck" in starts[0]


def _convert_in_child(text: str, queue) -> None:
    try:
        result = pdf.to_pdf(make_docx(second_page=text))
        queue.put((os.getpid(), str(pdf._profile_dir()), len(pypdf.PdfReader(
            io.BytesIO(result)).pages)))
    except Exception as exc:  # reported to the parent, which fails the test
        queue.put((os.getpid(), repr(exc), 0))


def test_processes_have_profiles_of_their_own(counted, cache):
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    children = [context.Process(target=_convert_in_child, args=(f"Tiến trình {i}./.", queue))
                for i in range(2)]
    for child in children:
        child.start()
    reports = [queue.get(timeout=120) for _ in children]
    for child in children:
        child.join(timeout=30)
    assert [pages for _pid, _profile, pages in reports] == [2, 2], reports
    assert {profile for _pid, profile, _pages in reports} == {
        f"{TMP}/doithoai-lo-profile-{pid}" for pid, _profile, _pages in reports}
    profiles = {line.split()[0] for line in counted()}
    assert len(profiles) == 2  # both ran at the same time, never on one profile
    assert f"-env:UserInstallation=file://{TMP}/doithoai-lo-profile-{os.getpid()}" not in profiles
    for pid, _profile, _pages in reports:  # multiprocessing's children end without atexit
        shutil.rmtree(f"{TMP}/doithoai-lo-profile-{pid}", ignore_errors=True)


def test_timeout_kills_the_whole_process_group(settings, tmp_path, cache):
    pids = tmp_path / "pids"
    settings.DOCUMENTS_SOFFICE = str(script(
        tmp_path, "slow-soffice", f"echo $$ > {pids}\nsleep 30 &\necho $! >> {pids}\nwait"))
    settings.DOCUMENTS_PDF_TIMEOUT = 1
    start = time.monotonic()
    with pytest.raises(pdf.PdfUnavailable) as caught:
        pdf.to_pdf(make_docx())
    assert time.monotonic() - start < 10
    assert str(caught.value) == (
        "LibreOffice (chuyển văn bản sang PDF) không làm xong sau 1 giây nên đã bị dừng. "
        "Hãy thử lại sau; nếu vẫn lỗi, báo quản trị hệ thống.")
    shell, sleeper = (int(p) for p in pids.read_text().split())
    deadline = time.monotonic() + 5
    while (alive(shell) or alive(sleeper)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(shell) and not alive(sleeper)
    assert not list(cache.rglob("*.pdf"))


def test_missing_libreoffice_says_so(settings, tmp_path, cache):
    settings.DOCUMENTS_SOFFICE = str(tmp_path / "no-such-soffice")
    with pytest.raises(pdf.PdfUnavailable) as caught:
        pdf.to_pdf(make_docx())
    message = str(caught.value)
    assert message.startswith("Máy chủ chưa cài LibreOffice (không tìm thấy chương trình “")
    assert "libreoffice-writer-nogui" in message and "DOCUMENTS_SOFFICE" in message
    assert isinstance(caught.value, ValueError)


def test_failing_libreoffice_names_what_happened(settings, tmp_path, cache):
    log = tmp_path / "starts.log"
    settings.DOCUMENTS_SOFFICE = str(script(
        tmp_path, "bad-soffice",
        f"echo x >> {log}\necho 'Warning: failed to launch javaldx' >&2\n"
        "echo 'Error: source file could not be loaded' >&2\nexit 1"))
    for _ in range(2):  # a failure is not cached: the next try runs LibreOffice again
        with pytest.raises(pdf.PdfUnavailable) as caught:
            pdf.to_pdf(make_docx())
        assert str(caught.value) == ("LibreOffice không chuyển được văn bản sang PDF (mã thoát "
                                     "1: Error: source file could not be loaded).")
    assert len(log.read_text().splitlines()) == 2


def test_libreoffice_that_writes_nothing_is_a_failure(settings, tmp_path, cache):
    settings.DOCUMENTS_SOFFICE = str(script(tmp_path, "quiet-soffice", "exit 0"))
    with pytest.raises(pdf.PdfUnavailable, match=r"mã thoát 0: không có thông báo"):
        pdf.to_pdf(make_docx())


def test_bytes_that_are_not_a_docx_are_refused(cache):
    for data in (b"", b"%PDF-1.7 not a docx", "chuỗi".encode()):
        with pytest.raises(pdf.PdfUnavailable, match="không phải văn bản Word"):
            pdf.to_pdf(data)
        with pytest.raises(pdf.PdfUnavailable, match="không phải văn bản Word"):
            pdf.preview_png(data)


def test_preview_is_page_one_as_png_and_cached(counted, settings, tmp_path, cache):
    document = make_docx()
    png = pdf.preview_png(document)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png_size(png) == (827, 1170)  # one A4 page at 100 dpi, not two pages stacked
    levels = png_grey_levels(png)
    assert levels.count(255) > len(levels) * 0.9  # white paper…
    assert sum(1 for v in levels if v < 64) > 5000  # …with black text on it
    assert len(counted()) == 1
    key = pdf.document_key(document)
    assert (cache / key[:2] / f"{key}.png").read_bytes() == png
    assert (cache / key[:2] / f"{key}.pdf").exists()  # the PDF came along, converted once
    settings.DOCUMENTS_PDFTOPPM = str(tmp_path / "no-such-pdftoppm")  # cached: not needed
    assert pdf.preview_png(document) == png
    pdf.to_pdf(document)
    assert len(counted()) == 1


def test_missing_pdftoppm_says_so(settings, tmp_path, cache):
    settings.DOCUMENTS_PDFTOPPM = str(tmp_path / "no-such-pdftoppm")
    with pytest.raises(pdf.PdfUnavailable) as caught:
        pdf.preview_png(make_docx())
    assert str(caught.value).startswith("Máy chủ chưa cài công cụ vẽ ảnh xem trước")
    assert "poppler-utils" in str(caught.value)


def test_document_key_ignores_zip_timestamps_only():
    document = make_docx()
    assert pdf.document_key(document) == pdf.document_key(document)
    assert pdf.document_key(document) != pdf.document_key(make_docx(second_page="Khác./."))
    assert pdf.document_key(b"not a zip") == hashlib.sha256(b"not a zip").hexdigest()


def test_prune_removes_what_is_not_used_and_profiles_of_dead_processes(cache, settings, tmp_path,
                                                                        monkeypatch):
    """The cache keeps what was used lately (a hit renews an entry); a profile folder whose
    process is gone is removed, this process's own is kept."""
    import datetime as dt

    from django.core.management import call_command

    monkeypatch.setattr(pdf.tempfile, "gettempdir", lambda: str(tmp_path))
    data = make_docx()
    first = pdf.to_pdf(data)
    key = pdf.document_key(data)
    used, old = pdf._cache_path(key, "pdf"), cache / "ab" / ("ab" + "0" * 62 + ".pdf")
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(b"%PDF-1.7 old")
    month_ago = time.time() - 40 * 86400
    os.utime(used, (month_ago, month_ago))
    os.utime(old, (month_ago, month_ago))
    assert pdf.to_pdf(data) == first  # a hit: its entry is used again today
    child = multiprocessing.get_context("fork").Process(target=lambda: None)
    child.start()
    child.join()  # a pid that no longer runs
    dead = tmp_path / f"doithoai-lo-profile-{child.pid}"
    mine = tmp_path / f"doithoai-lo-profile-{os.getpid()}"
    for folder in (dead, mine):
        (folder / "user").mkdir(parents=True, exist_ok=True)

    pruned = pdf.prune(dt.timedelta(days=30))
    assert (pruned.files, pruned.profiles) == (1, 1)
    assert used.exists() and not old.exists()
    assert mine.exists() and not dead.exists()
    out = io.StringIO()
    call_command("docs", "prune", "--days", "1", stdout=out)
    assert out.getvalue().startswith("Đã xóa 0 tệp (0 byte) khỏi bộ đệm văn bản")
