"""A readable message when the configured database cannot be reached."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def redacted_database_url() -> str:
    """The DATABASE_URL as configured, without its password."""
    url = settings.DATABASE_URL_DISPLAY
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)


def database_unreachable_message(exc: Exception) -> str:
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return (
        "Lỗi: không kết nối được cơ sở dữ liệu "
        f"({redacted_database_url()}).\n"
        "Hãy kiểm tra biến môi trường DATABASE_URL và máy chủ cơ sở dữ liệu. "
        f"Chi tiết: {first_line}"
    )
