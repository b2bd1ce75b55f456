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

This file runs the bench; its parts: live_setup.py (the data and the server), live_room.py (the
phones, the screens and consoles, the secretary), live_http.py (a device and the figures).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from foundation import setup_django
from live_http import AIM_MS, Browser, Tally, figures, header, login, row
from live_room import SEEN_TIMEOUT, Poller, Secretary, console_state_once, register_all, speakers
from live_setup import prepare, serve, start_server

QR_DEFAULT_LIMIT = 600


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
