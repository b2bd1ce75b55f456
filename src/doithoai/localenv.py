"""The local development configuration: one file, written once by `scripts/serve`.

The file is `local.env` in the data folder (DOITHOAI_DATA_DIR, or ./var under the current
directory, like settings.DATA_DIR). It holds a generated SECRET_KEY, DEBUG=true and the SQLite
DATABASE_URL, so that every `doithoai` command works on a development machine with nothing
set by hand.

Only the `doithoai` command reads it (never the WSGI entry point), and only when the
environment looks like a development machine:

- DEBUG explicitly off in the environment: never read (production);
- SECRET_KEY or DATABASE_URL given while DEBUG is unset: never read (a configured deployment
  must not be turned into a debug one by a stray file);
- otherwise (nothing given, or DEBUG explicitly on): read, and a value already in the
  environment always wins over the file's.

Run as `python -m doithoai.localenv` to create the file if it does not exist yet; an existing
file is never overwritten (its key keeps sessions and signed QR codes valid).

Nothing here reads Django's settings: this runs before they are loaded.
"""

import os
import secrets
import sys
from pathlib import Path

FILE_NAME = "local.env"
# What django-environ's Env.bool() takes for "on".
_TRUE = {"true", "on", "ok", "y", "yes", "1"}


def data_dir() -> Path:
    """The data folder, as settings.DATA_DIR computes it."""
    return Path(os.environ.get("DOITHOAI_DATA_DIR") or Path.cwd() / "var")


def local_env_path() -> Path:
    return data_dir() / FILE_NAME


def may_read(environ=None) -> bool:
    """Whether the local file may fill in the environment (see the module's docstring)."""
    environ = os.environ if environ is None else environ
    if "DEBUG" in environ:
        return environ["DEBUG"].strip().lower() in _TRUE
    return "SECRET_KEY" not in environ and "DATABASE_URL" not in environ


def load() -> Path | None:
    """Fill in the environment from the local file when allowed; values already set win
    (django-environ's reader: `setdefault` on os.environ). Returns the file read, or None."""
    import environ

    if not may_read(os.environ):
        return None
    path = local_env_path()
    if not path.is_file():
        return None
    environ.Env.read_env(path)
    return path


def create() -> Path | None:
    """Write the local file with a fresh key unless it exists. Returns the file written, or
    None when one was already there (left untouched)."""
    path = local_env_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    database = path.parent.resolve() / "doithoai.sqlite3"
    content = (
        "# Cấu hình phát triển trên máy này, do ./scripts/serve tạo một lần.\n"
        "# Lệnh doithoai đọc tệp này khi môi trường không đặt SECRET_KEY, DEBUG, DATABASE_URL;\n"
        "# biến đặt trong môi trường luôn được ưu tiên. Không dùng cho máy chủ thật:\n"
        "# khi DEBUG tắt, tệp này không bao giờ được đọc. Không chia sẻ khóa bí mật.\n"
        f"SECRET_KEY={secrets.token_urlsafe(50)}\n"
        "DEBUG=true\n"
        f"DATABASE_URL=sqlite:///{database}\n"
    )
    try:
        # O_EXCL: never overwrite, even when two set-ups race; 0o600: the key stays private.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return None
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(content)
    return path


def main() -> None:
    path = create()
    if path is not None:
        sys.stdout.write(f"Đã tạo cấu hình phát triển {path} (khóa bí mật mới, DEBUG bật, "
                         "SQLite).\n")


if __name__ == "__main__":
    main()
