"""PDF and preview image of a .docx, made by LibreOffice headless and kept in a cache.

    to_pdf(docx) -> bytes        the document as PDF, ready to print and sign
    preview_png(docx) -> bytes   page 1 as a PNG image, for the document's page

LibreOffice runs as `soffice --headless --convert-to pdf` (settings.DOCUMENTS_SOFFICE) with a
user profile of its own per process (`<tmp>/doithoai-lo-profile-<pid>`, made on the first
conversion and removed when the process ends): two processes never share a profile, and the
conversions of one process take turns behind a lock (one LibreOffice profile serves one
LibreOffice at a time). Every run has a time limit (settings.DOCUMENTS_PDF_TIMEOUT seconds);
on expiry the whole process group is killed.

Results are cached under settings.DOCUMENTS_CACHE_DIR by the content of the .docx (the
sha256 of its parts, so that the same document saved again a second later, which changes
only the zip's timestamps, is still the same document): the same document is never converted
twice. Files are written to a temporary name and renamed, so that a reader never sees half a
file, even with several processes on one cache.

The preview is drawn from the (cached) PDF by `pdftoppm` (poppler-utils,
settings.DOCUMENTS_PDFTOPPM): LibreOffice without its Draw module, as installed on the servers
(libreoffice-writer-nogui), has no PNG export ("no export filter").

Anything that goes wrong raises PdfUnavailable (a ValueError) whose message is one Vietnamese
sentence for the user; the details go to the log.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import hashlib
import io
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ZIP_MAGIC = b"PK\x03\x04"
PREVIEW_DPI = 100  # A4 → 827 × 1170 pixels: the whole page readable on a screen
DETAIL_CHARS = 200

_lock = threading.Lock()
_profile: tuple[int, Path] | None = None  # (pid, folder) of this process's LibreOffice profile


def _after_fork() -> None:
    """A child process starts with a free lock and makes its own profile."""
    global _lock, _profile
    _lock = threading.Lock()
    _profile = None


os.register_at_fork(after_in_child=_after_fork)


def ready() -> bool:
    """Whether the programs that make PDFs and previews are on this server at all."""
    return bool(shutil.which(settings.DOCUMENTS_SOFFICE)
                and shutil.which(settings.DOCUMENTS_PDFTOPPM))


def missing_message() -> str:
    return _("Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF và ảnh xem trước; "
             "bản Word (.docx) vẫn tải về được.")


class PdfUnavailable(ValueError):
    """The PDF or the preview cannot be made; the message says why, in Vietnamese."""


def document_key(docx: bytes) -> str:
    """The cache key of a .docx: sha256 of its parts' names and contents (not of the zip's
    timestamps), or of the bytes when they are not a zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            digest = hashlib.sha256()
            for info in sorted(archive.infolist(), key=lambda i: i.filename):
                name = info.filename.encode()
                data = archive.read(info)
                digest.update(len(name).to_bytes(4, "big") + name)
                digest.update(len(data).to_bytes(8, "big") + data)
            return digest.hexdigest()
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return hashlib.sha256(docx).hexdigest()


def to_pdf(docx: bytes) -> bytes:
    """The .docx as PDF (from the cache when this document was converted before)."""
    _check_docx(docx)
    key = document_key(docx)
    cached = _read_cache(key, "pdf")
    if cached is not None:
        return cached
    with _lock:
        cached = _read_cache(key, "pdf")  # another thread may have made it while we waited
        if cached is not None:
            return cached
        pdf = _convert(docx)
        _write_cache(key, "pdf", pdf)
    return pdf


def preview_png(docx: bytes) -> bytes:
    """Page 1 of the document as a PNG image (cached like the PDF)."""
    _check_docx(docx)
    key = document_key(docx)
    cached = _read_cache(key, "png")
    if cached is not None:
        return cached
    pdf = to_pdf(docx)
    png = _first_page_png(pdf)
    _write_cache(key, "png", png)
    return png


def _check_docx(docx: bytes) -> None:
    if not isinstance(docx, bytes | bytearray) or not docx.startswith(ZIP_MAGIC):
        raise PdfUnavailable(_("Tệp gửi chuyển sang PDF không phải văn bản Word (.docx)."))


# --- cache -------------------------------------------------------------------------------

def _cache_path(key: str, ext: str) -> Path:
    return Path(settings.DOCUMENTS_CACHE_DIR) / key[:2] / f"{key}.{ext}"


def _read_cache(key: str, ext: str) -> bytes | None:
    path = _cache_path(key, ext)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    magic = PDF_MAGIC if ext == "pdf" else PNG_MAGIC
    if not data.startswith(magic):
        return None  # a damaged entry is made again
    _stamp(path)
    return data


def _stamp(path: Path) -> None:
    """The entry's time is its last use: `prune` keeps what is used. Stamped with the clock
    `prune` reads (not the file system's), so that the two always agree."""
    now = time.time()
    with contextlib.suppress(OSError):
        os.utime(path, (now, now))


@dataclass(frozen=True)
class Pruned:
    files: int
    size: int
    profiles: int


def prune(max_age: dt.timedelta) -> Pruned:
    """Remove cache entries not used for `max_age` and the LibreOffice profiles left by
    processes that ended without cleaning up (killed workers). For a daily cron job."""
    cutoff = time.time() - max_age.total_seconds()
    files = size = profiles = 0
    root = Path(settings.DOCUMENTS_CACHE_DIR)
    for path in root.glob("*/*") if root.is_dir() else ():
        try:
            info = path.stat()
            if path.is_file() and info.st_mtime < cutoff:
                path.unlink()
                files, size = files + 1, size + info.st_size
        except OSError:
            continue  # gone meanwhile, or not ours to remove
    for folder in Path(tempfile.gettempdir()).glob("doithoai-lo-profile-*"):
        pid = folder.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            profiles += 1
    return Pruned(files=files, size=size, profiles=profiles)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _write_cache(key: str, ext: str, data: bytes) -> None:
    path = _cache_path(key, ext)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{key[:12]}-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(temp, path)
            _stamp(path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError:
        # A cache that cannot be written costs a conversion next time, not the document.
        logger.warning("documents cache: cannot write %s", path, exc_info=True)


# --- LibreOffice -------------------------------------------------------------------------

def _program(setting: str, missing_message: str) -> str:
    name = getattr(settings, setting)
    found = shutil.which(name)
    if found is None:
        raise PdfUnavailable(missing_message % {"program": name, "setting": setting})
    return found


def _profile_dir() -> Path:
    """This process's LibreOffice profile folder (created by LibreOffice on first use)."""
    global _profile
    pid = os.getpid()
    if _profile is None or _profile[0] != pid:
        folder = Path(tempfile.gettempdir()) / f"doithoai-lo-profile-{pid}"
        _profile = (pid, folder)
        atexit.register(_remove_profile, pid, folder)
    return _profile[1]


def _remove_profile(pid: int, folder: Path) -> None:
    if os.getpid() == pid:  # never from a forked child that inherited the handler
        shutil.rmtree(folder, ignore_errors=True)


def _run(command: list[str], what: str) -> subprocess.CompletedProcess:
    """Run a converter in its own process group, killing the group on timeout."""
    timeout = settings.DOCUMENTS_PDF_TIMEOUT
    try:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)
    except OSError as exc:
        logger.warning("%s: cannot start %s", what, command[0], exc_info=True)
        raise PdfUnavailable(_("Không chạy được %(what)s (%(error)s).")
                             % {"what": what, "error": exc.strerror or exc}) from None
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        logger.warning("%s: no result after %s s, process group %s killed", what, timeout,
                       proc.pid)
        raise PdfUnavailable(_("%(what)s không làm xong sau %(seconds)s giây nên đã bị dừng. "
                               "Hãy thử lại sau; nếu vẫn lỗi, báo quản trị hệ thống.")
                             % {"what": what, "seconds": timeout}) from None
    except BaseException:
        _kill_group(proc)
        raise
    return subprocess.CompletedProcess(command, proc.returncode, out, err)


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()


def _detail(result: subprocess.CompletedProcess) -> str:
    """The last meaningful line LibreOffice printed (its own words: "Error: …")."""
    lines = [line.strip() for line in (result.stderr + result.stdout).decode(
        errors="replace").splitlines()]
    lines = [line for line in lines if line and "javaldx" not in line
             and not line.startswith("convert ")]
    text = lines[-1] if lines else _("không có thông báo")
    return text if len(text) <= DETAIL_CHARS else text[:DETAIL_CHARS - 1] + "…"


def _convert(docx: bytes) -> bytes:
    soffice = _program("DOCUMENTS_SOFFICE", _(
        "Máy chủ chưa cài LibreOffice (không tìm thấy chương trình “%(program)s”) nên chưa tạo "
        "được bản PDF; bản Word (.docx) vẫn tải được. Quản trị hệ thống cần cài gói "
        "libreoffice-writer-nogui hoặc đặt %(setting)s."))
    what = _("LibreOffice (chuyển văn bản sang PDF)")
    with tempfile.TemporaryDirectory(prefix="doithoai-pdf-") as work:
        source = Path(work) / "van-ban.docx"
        source.write_bytes(docx)
        result = _run([soffice, f"-env:UserInstallation={_profile_dir().as_uri()}",
                       "--headless", "--invisible", "--norestore", "--nolockcheck",
                       "--nodefault", "--nologo", "--convert-to", "pdf",
                       "--outdir", str(Path(work) / "out"), str(source)], what)
        target = Path(work) / "out" / "van-ban.pdf"
        pdf = target.read_bytes() if target.is_file() else b""
    if result.returncode != 0 or not pdf.startswith(PDF_MAGIC):
        logger.warning("soffice exit %s\nstdout: %s\nstderr: %s", result.returncode,
                       result.stdout.decode(errors="replace"),
                       result.stderr.decode(errors="replace"))
        raise PdfUnavailable(_("LibreOffice không chuyển được văn bản sang PDF (mã thoát "
                               "%(code)s: %(detail)s).")
                             % {"code": result.returncode, "detail": _detail(result)})
    return pdf


def _first_page_png(pdf: bytes) -> bytes:
    pdftoppm = _program("DOCUMENTS_PDFTOPPM", _(
        "Máy chủ chưa cài công cụ vẽ ảnh xem trước (không tìm thấy chương trình “%(program)s”); "
        "bản PDF và bản Word vẫn tải được. Quản trị hệ thống cần cài gói poppler-utils hoặc "
        "đặt %(setting)s."))
    what = _("Công cụ vẽ ảnh xem trước (pdftoppm)")
    with tempfile.TemporaryDirectory(prefix="doithoai-png-") as work:
        source = Path(work) / "van-ban.pdf"
        source.write_bytes(pdf)
        result = _run([pdftoppm, "-png", "-r", str(PREVIEW_DPI), "-f", "1", "-l", "1",
                       "-singlefile", str(source), str(Path(work) / "trang-1")], what)
        target = Path(work) / "trang-1.png"
        png = target.read_bytes() if target.is_file() else b""
    if result.returncode != 0 or not png.startswith(PNG_MAGIC):
        logger.warning("pdftoppm exit %s\nstderr: %s", result.returncode,
                       result.stderr.decode(errors="replace"))
        raise PdfUnavailable(_("Không vẽ được ảnh xem trang 1 (mã thoát %(code)s: "
                               "%(detail)s).")
                             % {"code": result.returncode, "detail": _detail(result)})
    return png
