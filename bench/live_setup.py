"""The live room's benchmark (bench/live.py): its data (the demo organisation, a conference held
today, its session open) and its server (the product under runserver, in a process of its own:
`bench/live.py --serve PORT`)."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

# --- the server ------------------------------------------------------------------------------

def serve(port: int, qr_limit: int | None) -> None:
    """Run in the server's own process: the product under runserver, threaded."""
    import logging

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doithoai.settings")
    from django.conf import settings
    from django.core.management import call_command

    import doithoai.wsgi  # noqa: F401  (django.setup(), once: runserver imports it again)

    if qr_limit:
        settings.LIVE_QR_PER_ADDRESS = qr_limit  # read at each request (public_views._limits)
    logging.getLogger("django.server").setLevel(logging.WARNING)  # only 4xx/5xx lines
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=True)


def start_server(folder: Path, qr_limit: int | None) -> tuple[subprocess.Popen, int, Path]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = folder / "server.log"
    env = dict(os.environ, DEBUG="false", SECURE_COOKIES="false", PYTHONUNBUFFERED="1")
    # runserver starts a thread per connection, so a kept database connection is never used
    # again; with the product's CONN_MAX_AGE (60 s) a burst of phones holds one PostgreSQL
    # connection each until max_connections (100) is reached. Django's advice for runserver.
    env.setdefault("CONN_MAX_AGE", "0")
    command = [sys.executable, str(Path(__file__).resolve().with_name("live.py")), "--serve",
               str(port)]
    if qr_limit:
        command += ["--qr-limit", str(qr_limit)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"The server stopped:\n{log.read_text()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, port, log
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"The server did not start:\n{log.read_text()[-3000:]}")


# --- the data --------------------------------------------------------------------------------

def prepare() -> dict:
    """The demo organisation, a conference of Xã Điềm He held today, its session open."""
    import datetime as dt

    from django.core.management import call_command
    from django.urls import reverse
    from django.utils import timezone

    from doithoai.demo.data import DEMO_PASSWORD
    from doithoai.dialogues.actions import plans
    from doithoai.dialogues.models import Conference
    from doithoai.live.actions import sessions
    from doithoai.live.views.registrations import token
    from doithoai.org.models import Agency, Person, Unit, User
    from doithoai.petitions.actions.fields import ensure_default_fields
    from doithoai.petitions.models import Field

    call_command("demo_data", "--no-petitions", stdout=io.StringIO())
    commune = Agency.objects.get(code="ubnd-xa-diem-he")
    clerk = User.objects.get(username="vanphong")
    plan = plans.create_plan(actor=clerk, agency=commune, year=timezone.localdate().year)
    # Made directly, as tests/live/conftest.py does: scheduling refuses a date this close.
    conference = Conference.objects.create(
        agency=commune, plan=plan, title="Hội nghị đối thoại với Nhân dân xã Điềm He (bench)",
        held_on=timezone.localdate(), starts_at=dt.time(8, 0), venue="Hội trường UBND xã",
        chair=Person.objects.get(agency=commune, position__startswith="Chủ tịch UBND"))
    session = sessions.open_session(actor=clerk, conference=conference)
    ensure_default_fields(commune)
    return {
        "password": DEMO_PASSWORD,
        "session": session.pk,
        "form": reverse("live_public:register", args=[token(session)]),
        "act": reverse("live:act", args=[conference.pk]),
        "state": reverse("live:state", args=[conference.pk]),
        "speaker": reverse("live:speaker", args=[conference.pk, 0]),
        "fragment": reverse("live:screen_fragment", args=[conference.pk]),
        "units": list(Unit.objects.filter(agency=commune, is_active=True)
                      .values_list("pk", flat=True)),
        "fields": list(Field.objects.filter(agency=commune).values_list("pk", flat=True)),
    }
