"""Benchmark of the live room: a conference's session in the hall, over real HTTP.

    .venv/bin/python bench/live.py [--participants 300] [--window 120] [--speakers 60]
                                   [--quick] [--no-console]
    DATABASE_URL=postgres://doithoai:doithoai@127.0.0.1:5432/doithoai_bench \
        .venv/bin/python bench/live.py

Without DATABASE_URL it uses a fresh SQLite file in a temporary folder. With DATABASE_URL the
database is emptied first (never point it at real data). The demo organisation
(`demo_data --no-petitions`) is loaded, a conference of Xã Điềm He is held today and its
session opened by the secretary (`vanphong`). The product is then served by `doithoai
runserver` (threaded, DEBUG off, in a process of its own; on PostgreSQL with CONN_MAX_AGE 0
unless set: runserver's thread per connection never reuses a kept connection, and a burst of
phones would hold one each up to max_connections) and everything below goes through HTTP,
each device with its own cookies and keep-alive connection:

1. Registration: `--participants` citizens ask for the floor through the hall's QR form, their
   arrivals spread at random over `--window` seconds (0: all at once), `--workers` phones at
   a time. Each phone opens the form (GET: device cookie, CSRF token, nonce), sends it (POST:
   name, village, topic, nonce) and reads its confirmation (GET ?so=N).
2. Speakers: the secretary calls `--speakers` speakers one after the other (call_next with the
   speaker she sees, each change with its own client_key, as the console sends them), records
   each speech, answers one in three on the spot and gives one in three to a unit. The
   next speaker is called once every screen has shown the current one (at most 5 s) and a
   random 0.2–1 s later, so that calls land at random points of the screens' polling.
3. Throughout both steps, `--screens` hall screens (each a logged-in browser) poll the
   projector fragment every `--poll` second as htmx's `every 1s` does, and (unless
   `--no-console`) the secretary's console and the chair's tablet poll their state fragment
   every 2 s, one poll at a time; after each change the secretary's console reloads its state
   and the speaker's record, as console.js does. The console's state with the whole queue
   waiting is also read once and its size printed (it grew with the square of the queue
   before commit 0ff6da3: 5 MB and 5–30 s for 300 waiting).

Prints, for every kind of request, count / median / p95 / max in ms, and the projector
update latency: from the moment a call_next request returns (and, for reference, from the
moment it was sent — the secretary's tap) to the moment each screen first shows the new
speaker's name. Aim (issue 6): the screen shows a change within 2 s at the 95th percentile.
Every request that does not end in 2xx/3xx is counted and shown; a credible run has none.
The per-address limit of the QR form (LIVE_QR_PER_ADDRESS, 600 an hour; every phone of the
bench shares 127.0.0.1) is raised in the server only when --participants exceeds it.
The server's log (runserver's warnings and any error) is kept, and its path printed, when a
request failed.
"""

from __future__ import annotations

import argparse
import html
import http.client
import io
import json
import math
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from foundation import setup_django

AIM_MS = 2000
SEEN_TIMEOUT = 5.0  # the secretary waits at most this long for every screen to show a call
QR_DEFAULT_LIMIT = 600
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vi", "Lương", "Nông", "Lý", "Triệu",
          "Hà", "Đặng", "Bế", "Lục", "Mông")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Hữu", "Kim", "Xuân")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Duyên", "Giang", "Hà", "Hải", "Hạnh", "Hùng",
         "Huyền", "Khánh", "Lan", "Long", "Mai", "Nam", "Nga", "Pản", "Phúc", "Quý", "Sáng",
         "Thắm", "Thơ", "Tùng", "Vân", "Xuyến")
TOPICS = ("Đường liên thôn xuống cấp, đề nghị sửa trước mùa mưa.",
          "Cấp giấy chứng nhận quyền sử dụng đất còn chậm.",
          "Nước sinh hoạt thiếu vào mùa khô.",
          "Bồi thường giải phóng mặt bằng tuyến đường tỉnh.",
          "Điện chiếu sáng ở ngã ba vào thôn.",
          "Hỗ trợ giống cây trồng sau đợt rét đậm.",
          "Trật tự xây dựng dọc hành lang đường bộ.",
          "")
SPEECH = ("Tôi xin phản ánh: {topic} Bà con trong thôn đã nhiều lần kiến nghị nhưng chưa được "
          "giải quyết dứt điểm. Đề nghị Ủy ban nhân dân xã xem xét, có kế hoạch cụ thể và trả "
          "lời cho bà con được rõ.")
ANSWER = ("Ủy ban nhân dân xã ghi nhận ý kiến; giao bộ phận chuyên môn kiểm tra thực tế trong "
          "tháng này và đưa vào kế hoạch năm sau nếu đủ điều kiện.")


# --- figures -------------------------------------------------------------------------------

class Tally:
    """Response times (ms) and failures per kind of request, shared by every thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.samples: dict[str, list[float]] = defaultdict(list)
        self.failures: dict[str, list[str]] = defaultdict(list)

    def add(self, label: str, ms: float) -> None:
        with self.lock:
            self.samples[label].append(ms)

    def fail(self, label: str, what: str) -> None:
        with self.lock:
            self.failures[label].append(what)


def figures(samples: list[float]) -> tuple[int, float, float, float]:
    """Count, median, 95th percentile (nearest rank) and maximum."""
    ordered = sorted(samples)
    n = len(ordered)
    if not n:
        return 0, math.nan, math.nan, math.nan
    return n, statistics.median(ordered), ordered[max(math.ceil(n * 0.95) - 1, 0)], ordered[-1]


def row(label: str, samples: list[float], aim: float | None = AIM_MS) -> None:
    n, median, p95, top = figures(samples)
    verdict = "" if aim is None or not n else (
        "  ok" if p95 <= aim else f"  ABOVE AIM ({aim:.0f} ms)")
    print(f"  {label:<50} {n:6d} {median:9.1f} {p95:9.1f} {top:9.1f}{verdict}")


def header() -> None:
    print(f"  {'':<50} {'count':>6} {'median':>9} {'p95':>9} {'max':>9}  (ms; aim: p95 "
          f"≤ {AIM_MS} ms)")


# --- a device --------------------------------------------------------------------------------

class Browser:
    """One phone, screen or console: its own cookies and its own keep-alive connection."""

    def __init__(self, port: int, tally: Tally, cookies: dict | None = None):
        self.port, self.tally = port, tally
        self.cookies: dict[str, str] = dict(cookies or {})
        self.conn: http.client.HTTPConnection | None = None
        self.last_started = 0.0

    def request(self, label: str | None, method: str, path: str, data: dict | None = None,
                headers: dict | None = None, ok=(200, 302)) -> tuple[int, dict, str]:
        """The response (status, headers, text); its time is added to `label`, and a status
        not in `ok` (or no answer at all) is counted as a failure of `label`."""
        body = urlencode(data).encode() if data is not None else None
        sent = {"User-Agent": "doithoai-bench", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.last_started = start = time.perf_counter()
            try:
                self.conn.request(method, path, body=body, headers=sent)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()  # the server closed a kept-alive connection: open a new one
                if attempt == 1:
                    continue
                if label:
                    self.tally.fail(label, "no answer (connection closed)")
                return 0, {}, ""
            except OSError as exc:
                self.close()
                if label:
                    self.tally.fail(label, f"no answer ({exc})")
                return 0, {}, ""
            break
        elapsed = (time.perf_counter() - start) * 1000
        for raw in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(raw)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        if label:
            self.tally.add(label, elapsed)
            if response.status not in ok:
                self.tally.fail(label, f"{response.status} {_gist(text)}")
        return response.status, dict(response.headers), text

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _gist(text: str) -> str:
    """What an error page or JSON refusal says, in one short line."""
    try:
        return json.loads(text).get("error", "")[:160]
    except (ValueError, AttributeError):
        pass
    found = re.search(r'role="alert">(.*?)</', text, re.S) or re.search(r"<h1[^>]*>(.*?)</h1>",
                                                                       text, re.S)
    snippet = found.group(1) if found else text
    return html.unescape(re.sub(r"<[^>]+>|\s+", " ", snippet)).strip()[:160]


def _field(text: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', text)
    return html.unescape(found.group(1)) if found else ""


def login(port: int, tally: Tally, username: str, password: str) -> Browser:
    browser = Browser(port, tally)
    _status, _headers, text = browser.request(None, "GET", "/dang-nhap/")
    status, _headers, text = browser.request(
        None, "POST", "/dang-nhap/",
        {"csrfmiddlewaretoken": _field(text, "csrfmiddlewaretoken"), "username": username,
         "password": password})
    if status != 302:
        raise SystemExit(f"Login of {username} failed ({status}): {_gist(text)}")
    return browser


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
    command = [sys.executable, str(Path(__file__).resolve()), "--serve", str(port)]
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


def names(count: int, rng: random.Random) -> list[str]:
    every = [f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN]
    if count > len(every):
        every += [f"{name} {i}" for i in range(count // len(every) + 1) for name in every]
    return rng.sample(every, count)


# --- 1. registration -------------------------------------------------------------------------

def participant(port: int, tally: Tally, form: str, name: str, topic: str, arrive: float,
                rng: random.Random) -> bool:
    """One phone: open the form, send it, read the confirmation. True when registered."""
    delay = arrive - time.perf_counter()
    if delay > 0:
        time.sleep(delay)
    phone = Browser(port, tally)
    start = time.perf_counter()
    try:
        status, _headers, text = phone.request("QR form page (GET)", "GET", form, ok=(200,))
        if status != 200:
            return False
        villages = re.findall(r'<option value="(\d+)"', text)
        status, headers, text = phone.request(
            "QR form sent (POST → 302)", "POST", form,
            {"csrfmiddlewaretoken": _field(text, "csrfmiddlewaretoken"),
             "nonce": _field(text, "nonce"), "full_name": name,
             "village": rng.choice(villages) if villages else "", "topic": topic},
            ok=(302,))
        if status != 302:
            return False
        location = urlsplit(headers.get("Location", ""))
        target = location.path + (f"?{location.query}" if location.query else "")
        status, _headers, text = phone.request("QR confirmation page (GET ?so=N)", "GET",
                                               target, ok=(200,))
        if status != 200 or name not in text:
            if status == 200:
                tally.fail("QR confirmation page (GET ?so=N)", "200 without the name")
            return False
        tally.add("QR, the phone's three requests together", (time.perf_counter() - start)
                  * 1000)
        return True
    finally:
        phone.close()


def register_all(args, port: int, tally: Tally, form: str, rng: random.Random) -> float:
    people = names(args.participants, rng)
    start = time.perf_counter() + 0.5
    arrivals = sorted(start + rng.uniform(0, args.window) for _ in people)
    jobs = [(name, rng.choice(TOPICS), at, random.Random(rng.random()))
            for name, at in zip(people, arrivals, strict=True)]
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        done = list(pool.map(lambda job: participant(port, tally, form, *job), jobs))
    took = time.perf_counter() - start
    print(f"  {sum(done)} of {len(done)} registered in {took:.1f} s "
          f"({len(done) / took:.1f} a second)")
    return took


# --- 3. the screens and the consoles' polling ------------------------------------------------

class Poller(threading.Thread):
    """A hall screen (htmx `every 1s`: a timer at a fixed rate; a tick due while a request
    is out fires as soon as it is back) or a console polling its state."""

    def __init__(self, browser: Browser, path: str, every: float, labels: dict, stop,
                 phase: list, rng: random.Random, screen: bool):
        super().__init__(daemon=True)
        self.browser, self.path, self.every, self.labels = browser, path, every, labels
        self.stop_event, self.phase, self.rng, self.screen = stop, phase, rng, screen
        self.first_seen: dict[str, float] = {}  # speaker's name → when this screen showed it

    def run(self) -> None:
        due = time.perf_counter() + self.rng.uniform(0, self.every)
        while not self.stop_event.is_set():
            wait = due - time.perf_counter()
            if wait > 0 and self.stop_event.wait(wait):
                break
            due += self.every
            status, _headers, text = self.browser.request(self.labels[self.phase[0]], "GET",
                                                          self.path, ok=(200,))
            shown = time.perf_counter()
            if self.screen and status == 200:
                found = re.search(r'<p class="hall-name">(.*?)</p>', text, re.S)
                name = html.unescape(found.group(1)).split(" — ")[0].strip() if found else ""
                if name and name not in self.first_seen:
                    self.first_seen[name] = shown
            due = max(due, time.perf_counter())
        self.browser.close()


def console_state_once(browser: Browser, urls: dict) -> None:
    """The secretary's console state with the whole queue waiting, read once (console.js polls
    it every 2 s; --console does so throughout)."""
    start = time.perf_counter()
    status, _headers, text = browser.request("console state, once, whole queue waiting", "GET",
                                             urls["state"] + "?view=secretary", ok=(200,))
    took = (time.perf_counter() - start) * 1000
    print(f"  console state fragment (secretary), read once with the queue full: {took:,.0f} ms, "
          f"{len(text.encode()) / 1e6:.2f} MB (status {status})")


# --- 2. the speakers -------------------------------------------------------------------------

class Secretary:
    def __init__(self, browser: Browser, urls: dict, console: bool):
        self.browser, self.urls, self.console = browser, urls, console

    def act(self, label: str, **fields) -> dict:
        fields["client_key"] = uuid.uuid4().hex
        status, _headers, text = self.browser.request(
            label, "POST", self.urls["act"], fields, ok=(200,),
            headers={"X-CSRFToken": self.browser.cookies.get("csrftoken", ""),
                     "X-Requested-With": "fetch"})
        try:
            return json.loads(text) if status == 200 else {}
        except ValueError:
            return {}

    def refresh(self, selected: int | None) -> None:
        """What console.js does after a change: the state, then the selected speaker (only
        with --console)."""
        if not self.console:
            return
        self.browser.request("console state after a change", "GET", self.urls["state"],
                             ok=(200,))
        if selected:
            path = self.urls["speaker"].replace("/0/", f"/{selected}/") + "?view=secretary"
            self.browser.request("console speaker record after a change", "GET", path,
                                 ok=(200,))


def speakers(args, secretary: Secretary, screens: list[Poller], names_of: dict, urls: dict,
             rng: random.Random) -> list[tuple[str, float, float]]:
    calls = []
    seen = 0
    for i in range(args.speakers):
        tapped = time.perf_counter()
        data = secretary.act("call_next", action="call_next", seen_speaker=seen)
        returned = time.perf_counter()
        pk = data.get("selected")
        if not pk:
            print(f"  call_next {i + 1} gave nobody: {data}")
            break
        calls.append((names_of[pk], tapped, returned))
        seen = pk
        secretary.refresh(pk)
        secretary.act("speech", action="speech", registration=pk,
                      text=SPEECH.format(topic=rng.choice(TOPICS[:-1])),
                      field=rng.choice(urls["fields"]) if urls["fields"] else "")
        secretary.refresh(pk)
        if i % 3 == 0:
            secretary.act("answer", action="answer", registration=pk, text=ANSWER,
                          answered_by="Ông Lý Văn Hùng, Chủ tịch UBND xã")
            secretary.refresh(pk)
        elif i % 3 == 1:
            secretary.act("assign", action="assign", registration=pk,
                          unit=rng.choice(urls["units"]))
            secretary.refresh(pk)
        deadline = returned + SEEN_TIMEOUT
        while (time.perf_counter() < deadline
               and not all(names_of[pk] in s.first_seen for s in screens)):
            time.sleep(0.02)
        time.sleep(rng.uniform(0.2, 1.0))
    return calls


# --- the run ---------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--window", type=float, default=120,
                        help="seconds over which the participants arrive (0: all at once)")
    parser.add_argument("--workers", type=int, default=16, help="phones registering at once")
    parser.add_argument("--speakers", type=int, default=60)
    parser.add_argument("--screens", type=int, default=5)
    parser.add_argument("--poll", type=float, default=1.0, help="the screens' polling (s)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-console", dest="console", action="store_false",
                        help="without the secretary's console and the chair's tablet polling")
    parser.add_argument("--quick", action="store_true",
                        help="60 participants over 20 s, 15 speakers (about a minute)")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--qr-limit", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.qr_limit)
        return
    if args.quick:
        args.participants, args.window, args.speakers = 60, 20, 15
    args.speakers = min(args.speakers, args.participants)

    os.environ.setdefault("EMAIL_URL", "memorymail://")
    began = time.perf_counter()
    vendor = setup_django()
    from django.db import connections

    start = time.perf_counter()
    urls = prepare()
    setup_took = time.perf_counter() - start
    connections.close_all()  # the bench process only reads afterwards, to check
    qr_limit = args.participants if args.participants > QR_DEFAULT_LIMIT else None
    folder = Path(tempfile.mkdtemp(prefix="doithoai-bench-live-"))
    process, port, log = start_server(folder, qr_limit)
    rng = random.Random(args.seed)
    tally = Tally()
    try:
        print(f"Database: {vendor}. Demo organisation, today's conference and its open session "
              f"in {setup_took:.1f} s. Server: runserver (threaded, DEBUG off"
              + (f", CONN_MAX_AGE {os.environ.get('CONN_MAX_AGE', '0')}"
                 if vendor == "postgresql" else "")
              + f") on 127.0.0.1:{port}, {os.cpu_count()} CPUs shared with the clients.")
        print("LIVE_QR_PER_ADDRESS: " + (f"raised to {qr_limit} for this run" if qr_limit else
                                         f"left at its default ({QR_DEFAULT_LIMIT} an hour; "
                                         f"{args.participants} registrations stay under it)"))
        run(args, port, urls, tally, rng)
    finally:
        process.terminate()
        process.wait(timeout=30)
    check(args, urls["session"], tally)
    failures = sum(len(v) for v in tally.failures.values())
    print(f"\nFailures (no answer, or a status other than expected): {failures}")
    for label, what in sorted(tally.failures.items()):
        print(f"  {label}: {len(what)} — " + "; ".join(
            f"{n}× {w}" for w, n in Counter(what).most_common(4)))
    if failures:
        print(f"  server log: {log}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"Total time {time.perf_counter() - began:.0f} s.")


def run(args, port: int, urls: dict, tally: Tally, rng: random.Random) -> None:
    password = urls["password"]
    phase = ["registration"]
    stop = threading.Event()
    screens = [Poller(login(port, tally, "vanphong", password), urls["fragment"], args.poll,
                      {"registration": "screen fragment, during registration",
                       "speakers": "screen fragment, during speakers"},
                      stop, phase, random.Random(rng.random()), screen=True)
               for _ in range(args.screens)]
    secretary = Secretary(login(port, tally, "vanphong", password), urls, args.console)
    state_labels = {"registration": "console state polled every 2 s, registration",
                    "speakers": "console state polled every 2 s, speakers"}
    consoles = [
        Poller(Browser(port, tally, secretary.browser.cookies), urls["state"] + "?view=secretary",
               2.0, state_labels, stop, phase, random.Random(rng.random()), screen=False),
        Poller(login(port, tally, "chutich", password), urls["state"] + "?view=chair", 2.0,
               state_labels, stop, phase, random.Random(rng.random()), screen=False),
    ] if args.console else []
    for poller in screens + consoles:
        poller.start()

    print(f"\n1. {args.participants} participants register through the QR form, arrivals "
          f"spread at random over {args.window:.0f} s, up to {args.workers} phones at once; "
          f"{args.screens} screens" + (" and 2 consoles" if consoles else "") + " polling")
    register_all(args, port, tally, urls["form"], rng)
    header()
    for label in ("QR form page (GET)", "QR form sent (POST → 302)",
                  "QR confirmation page (GET ?so=N)", "QR, the phone's three requests together",
                  "screen fragment, during registration") + (
                      ("console state polled every 2 s, registration",) if consoles else ()):
        row(label, tally.samples[label])
    console_state_once(secretary.browser, urls)

    from doithoai.live.models import Registration

    names_of = dict(Registration.objects.filter(session_id=urls["session"])
                    .values_list("pk", "full_name"))
    from django.db import connections

    connections.close_all()
    phase[0] = "speakers"
    print(f"\n2. The secretary calls {args.speakers} speakers, records each speech, answers one "
          f"in three on the spot and gives one in three to a unit")
    start = time.perf_counter()
    calls = speakers(args, secretary, screens, names_of, urls, rng)
    took = time.perf_counter() - start
    stop.set()
    for poller in screens + consoles:
        poller.join(timeout=30)
    print(f"  {len(calls)} speakers in {took:.1f} s")
    header()
    for label in ("call_next", "speech", "answer", "assign", "screen fragment, during speakers"
                  ) + (("console state after a change", "console speaker record after a change",
                        "console state polled every 2 s, speakers") if consoles else ()):
        row(label, tally.samples[label])

    from_return, from_tap, missed = [], [], 0
    for name, tapped, returned in calls:
        for screen in screens:
            shown = screen.first_seen.get(name)
            if shown is None:
                missed += 1
                continue
            from_return.append((shown - returned) * 1000)
            from_tap.append((shown - tapped) * 1000)
    print(f"\n3. Projector update latency: {len(calls)} calls × {len(screens)} screens polling "
          f"every {args.poll:g} s")
    header()
    row("call_next returned → screen shows the name", from_return)
    row("secretary's tap (request sent) → screen shows it", from_tap)
    n, _median, p95, _top = figures(from_return)
    met = n and not missed and p95 <= AIM_MS
    print(f"  calls a screen never showed (within {SEEN_TIMEOUT:.0f} s): {missed}. "
          f"Aim (a change on the screen within 2 s at p95): {'MET' if met else 'NOT MET'}")


def check(args, session_pk: int, tally: Tally) -> None:
    """What the database holds afterwards: every registration once, numbered without gaps."""
    from doithoai.live.models import Registration
    from doithoai.petitions.models import Petition

    rows = Registration.objects.filter(session_id=session_pk)
    numbers = sorted(rows.values_list("number", flat=True))
    by_state = Counter(rows.values_list("state", flat=True))
    petitions = Petition.objects.filter(live_registrations__session_id=session_pk)
    by_petition = Counter(petitions.values_list("state", flat=True))
    gapless = numbers == list(range(1, len(numbers) + 1))
    print(f"\nDatabase afterwards: {len(numbers)} registrations (numbers "
          f"{'1–' + str(len(numbers)) + ' without gaps' if gapless else 'WITH GAPS'}), "
          + ", ".join(f"{state} {n}" for state, n in sorted(by_state.items()))
          + f"; {petitions.count()} petitions ("
          + ", ".join(f"{s} {n}" for s, n in sorted(by_petition.items()))
          + ")")
    if len(numbers) != args.participants:
        tally.fail("database check", f"{len(numbers)} registrations, "
                                     f"{args.participants} expected")


if __name__ == "__main__":
    main()
