"""Set-up once, then every command: the local development file that scripts/serve writes once
and the real `doithoai` console script reads; production (DEBUG off) never reads it."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOITHOAI = Path(sys.executable).with_name("doithoai")  # the installed console script
SHOW = ("import json; from django.conf import settings as s; print(json.dumps({"
        "'DEBUG': s.DEBUG, 'SECRET_KEY': s.SECRET_KEY, "
        "'NAME': str(s.DATABASES['default']['NAME'])}))")


def _env(**env):
    """The child's environment: nothing of the test run's own configuration."""
    base = {k: v for k, v in os.environ.items()
            if k not in ("SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_SETTINGS_MODULE",
                         "DOITHOAI_DATA_DIR")}
    return {**base, **env}


def _doithoai(args, cwd, **env):
    return subprocess.run([str(DOITHOAI), *args], cwd=cwd, env=_env(**env),
                          capture_output=True, text=True, timeout=120)


def _init_local(cwd, **env):
    """The set-up's generation step, as scripts/serve runs it."""
    return subprocess.run([sys.executable, "-m", "doithoai.localenv"], cwd=cwd,
                          env=_env(**env), capture_output=True, text=True, timeout=60,
                          check=True)


def _show(cwd, **env):
    result = _doithoai(["shell", "-c", SHOW], cwd, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _last_line(result) -> list[str]:
    """What a `doithoai shell -c` printed last (the shell announces its imports first)."""
    return result.stdout.strip().splitlines()[-1].split()


def _secret_key(folder):
    lines = (folder / "local.env").read_text(encoding="utf-8").splitlines()
    return next(line.split("=", 1)[1] for line in lines if line.startswith("SECRET_KEY="))


@pytest.fixture(scope="module")
def developer(tmp_path_factory):
    """A folder after the set-up: the local file written by the generation step, the SQLite
    database migrated by the console script with nothing set by hand."""
    folder = tmp_path_factory.mktemp("developer")
    _init_local(folder)
    migrate = _doithoai(["migrate", "--noinput"], folder)
    assert migrate.returncode == 0, migrate.stderr
    return folder


def test_the_generation_step_writes_a_private_file_once(tmp_path):
    first = _init_local(tmp_path)
    path = tmp_path / "var" / "local.env"
    assert "Đã tạo cấu hình phát triển" in first.stdout
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    content = path.read_text(encoding="utf-8")
    assert "DEBUG=true\n" in content
    assert f"DATABASE_URL=sqlite:///{(tmp_path / 'var').resolve()}/doithoai.sqlite3\n" in content
    assert len(_secret_key(tmp_path / "var")) >= 50

    second = _init_local(tmp_path)
    assert second.stdout == ""  # nothing said, nothing written
    assert path.read_text(encoding="utf-8") == content

    other = tmp_path / "other"
    other.mkdir()
    _init_local(other)
    assert _secret_key(other / "var") != _secret_key(tmp_path / "var")  # a fresh key each


def test_the_generation_step_never_overwrites_an_edited_file(tmp_path):
    path = tmp_path / "var" / "local.env"
    path.parent.mkdir()
    path.write_text("SECRET_KEY=kept\n", encoding="utf-8")
    _init_local(tmp_path)
    assert path.read_text(encoding="utf-8") == "SECRET_KEY=kept\n"


def test_serve_runs_the_generation_step_before_any_command():
    lines = (ROOT / "scripts" / "serve").read_text(encoding="utf-8").splitlines()
    step = lines.index(".venv/bin/python -m doithoai.localenv")
    first_command = next(i for i, line in enumerate(lines) if "bin/doithoai " in line)
    assert step < first_command


def test_commands_work_with_the_local_file_and_nothing_set(developer):
    result = _doithoai(["workdays", "add", "2026-02-10", "15"], developer)
    assert result.returncode == 0, result.stderr
    assert "2026-03-10" in result.stdout
    audit = _doithoai(["audit", "verify"], developer)
    assert audit.returncode == 0, audit.stderr

    s = _show(developer)
    assert s["DEBUG"] is True
    assert s["SECRET_KEY"] == _secret_key(developer / "var")
    assert s["NAME"] == str((developer / "var" / "doithoai.sqlite3").resolve())


def test_debug_off_in_the_environment_never_reads_the_file(developer):
    for value in ("false", "0", ""):
        result = _doithoai(["workdays", "add", "2026-02-10", "15"], developer, DEBUG=value)
        assert result.returncode == 2
        assert "Thiếu biến môi trường SECRET_KEY" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_configured_deployment_is_not_turned_into_a_debug_one(developer):
    # SECRET_KEY given, DEBUG unset: production settings, the stray local file is ignored.
    s = _show(developer, SECRET_KEY="production-key-" + "x" * 40)
    assert s["DEBUG"] is False
    assert s["SECRET_KEY"] == "production-key-" + "x" * 40
    # A production database given, DEBUG unset: still no key taken from the file.
    result = _doithoai(["check"], developer, DATABASE_URL="postgres://u:p@127.0.0.1:9/prod")
    assert result.returncode == 2 and "Thiếu biến môi trường SECRET_KEY" in result.stderr


def test_the_environment_wins_over_the_file(developer, tmp_path):
    other_database = tmp_path / "other.sqlite3"
    s = _show(developer, DEBUG="true", SECRET_KEY="from-the-environment-" + "y" * 40,
              DATABASE_URL=f"sqlite:///{other_database}")
    assert s["DEBUG"] is True
    assert s["SECRET_KEY"] == "from-the-environment-" + "y" * 40
    assert s["NAME"] == str(other_database)
    # DEBUG on alone: the file still gives the key and the database.
    s = _show(developer, DEBUG="true")
    assert s["SECRET_KEY"] == _secret_key(developer / "var")
    assert s["NAME"] == str((developer / "var" / "doithoai.sqlite3").resolve())


def test_the_file_is_looked_up_in_the_data_folder(developer, tmp_path):
    # From another folder, nothing found: refused with the way to set up.
    result = _doithoai(["check"], tmp_path)
    assert result.returncode == 2
    assert "Thiếu biến môi trường SECRET_KEY" in result.stderr
    assert "./scripts/serve" in result.stderr and "Traceback" not in result.stderr
    # DOITHOAI_DATA_DIR names the data folder: its local file is read from anywhere.
    s = _show(tmp_path, DOITHOAI_DATA_DIR=str(developer / "var"))
    assert s["SECRET_KEY"] == _secret_key(developer / "var")


def test_the_wsgi_entry_point_never_reads_the_file(developer):
    result = subprocess.run([sys.executable, "-c", "import doithoai.wsgi"], cwd=developer,
                            env=_env(), capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "Thiếu biến môi trường SECRET_KEY" in result.stderr


def test_demo_data_reset_starts_the_database_again_on_a_development_machine(tmp_path):
    """`demo_data --reset` empties the whole database (the audit log with it) and builds the
    demo again; with DEBUG off it refuses and changes nothing."""
    _init_local(tmp_path)
    assert _doithoai(["migrate", "--noinput"], tmp_path).returncode == 0
    loaded = _doithoai(["demo_data", "--no-petitions"], tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    marker = ("from doithoai.org.models import User; "
              "User.objects.create(username='con-lai-khong', full_name='Đánh dấu')")
    assert _doithoai(["shell", "-c", marker], tmp_path).returncode == 0
    count = ("from doithoai.org.models import User; from doithoai.audit.models import "
             "AuditEvent; print(User.objects.filter(username='con-lai-khong').count(), "
             "AuditEvent.objects.count())")

    refused = _doithoai(["demo_data", "--reset", "--no-petitions"], tmp_path, DEBUG="false",
                        SECRET_KEY="a-production-like-key")
    assert refused.returncode != 0 and "chỉ dùng trên máy phát triển" in refused.stderr
    before = _last_line(_doithoai(["shell", "-c", count], tmp_path))
    assert before[0] == "1"

    reset = _doithoai(["demo_data", "--reset", "--no-petitions"], tmp_path)
    assert reset.returncode == 0, reset.stderr
    assert "Xóa toàn bộ dữ liệu" in reset.stdout and "Dữ liệu mẫu đã sẵn sàng" in reset.stdout
    after = _last_line(_doithoai(["shell", "-c", count], tmp_path))
    assert after[0] == "0" and int(after[1]) > 0  # the marker gone, the demo logged again
    verify = _doithoai(["audit", "verify"], tmp_path)
    assert verify.returncode == 0, verify.stdout + verify.stderr
