"""Settings come from the environment; bad ones get a clear Vietnamese message, no traceback."""

import json
import os
import subprocess
import sys

from django.db.utils import OperationalError
from django.test import RequestFactory

from doithoai.web.middleware import DatabaseUnavailableMiddleware


def _run(args, cwd, **env):
    # In an empty folder: a developer's own var/local.env must not change what is tested.
    base = {k: v for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE",
                         "DOITHOAI_DATA_DIR")}
    return subprocess.run([sys.executable, "-m", "doithoai.cli", *args], env={**base, **env},
                          cwd=cwd, capture_output=True, text=True, timeout=60)


def _settings(**env):
    code = ("import django, json; from django.conf import settings; django.setup(); "
            "print(json.dumps({k: str(getattr(settings, k)) for k in ['DEBUG', "
            "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'TIME_ZONE', 'LANGUAGE_CODE', "
            "'ALLOWED_HOSTS']} | {'ENGINE': settings.DATABASES['default']['ENGINE'], "
            "'NAME': settings.DATABASES['default']['NAME']}))")
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**base, "DJANGO_SETTINGS_MODULE": "doithoai.settings", **env},
                         timeout=60, check=True)
    return json.loads(out.stdout)


def test_production_safe_defaults_when_debug_is_off(tmp_path):
    s = _settings(SECRET_KEY="x" * 50, DOITHOAI_DATA_DIR=str(tmp_path))
    assert s["DEBUG"] == "False"
    assert s["SESSION_COOKIE_SECURE"] == "True" and s["CSRF_COOKIE_SECURE"] == "True"
    assert s["TIME_ZONE"] == "Asia/Ho_Chi_Minh" and s["LANGUAGE_CODE"] == "vi"
    assert s["ENGINE"] == "django.db.backends.sqlite3"


def test_database_url_selects_postgresql():
    s = _settings(SECRET_KEY="x" * 50, DATABASE_URL="postgres://u:p@db.example:5432/dt",
                  ALLOWED_HOSTS="a.example,b.example")
    assert s["ENGINE"] == "django.db.backends.postgresql" and s["NAME"] == "dt"
    assert s["ALLOWED_HOSTS"] == "['a.example', 'b.example']"


def test_missing_secret_key_is_refused_clearly(tmp_path):
    result = _run(["check"], tmp_path)
    assert result.returncode == 2
    assert "Thiếu biến môi trường SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_database_gets_a_message_and_changes_nothing(tmp_path):
    result = _run(["migrate"], tmp_path, DEBUG="true", SECRET_KEY="x" * 50,
                  DATABASE_URL="postgres://u:bi-mat@127.0.0.1:9/khong_co")
    assert result.returncode == 2
    assert "không kết nối được cơ sở dữ liệu" in result.stderr
    assert "bi-mat" not in result.stderr  # the password is never printed
    assert "Traceback" not in result.stderr


def test_unsupported_database_url_is_refused(tmp_path):
    result = _run(["check"], tmp_path, DEBUG="true", SECRET_KEY="x" * 50,
                  DATABASE_URL="mysql2://x/y")
    assert result.returncode == 2 and "DATABASE_URL không hợp lệ" in result.stderr


def test_pages_answer_503_in_vietnamese_when_the_database_is_down(db):
    middleware = DatabaseUnavailableMiddleware(lambda r: None)
    response = middleware.process_exception(RequestFactory().get("/"), OperationalError("down"))
    assert response.status_code == 503
    assert "không kết nối được cơ sở dữ liệu" in response.content.decode()
