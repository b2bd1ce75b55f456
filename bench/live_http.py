"""The live room's benchmark (bench/live.py): a device over HTTP (a browser with its cookies
and keep-alive connection, its login) and the tally of every request's time and failure."""

from __future__ import annotations

import html
import http.client
import json
import math
import re
import statistics
import threading
import time
from collections import defaultdict
from http.cookies import SimpleCookie
from urllib.parse import urlencode

AIM_MS = 2000


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


def form_field(text: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', text)
    return html.unescape(found.group(1)) if found else ""


def login(port: int, tally: Tally, username: str, password: str) -> Browser:
    browser = Browser(port, tally)
    _status, _headers, text = browser.request(None, "GET", "/dang-nhap/")
    status, _headers, text = browser.request(
        None, "POST", "/dang-nhap/",
        {"csrfmiddlewaretoken": form_field(text, "csrfmiddlewaretoken"), "username": username,
         "password": password})
    if status != 302:
        raise SystemExit(f"Login of {username} failed ({status}): {_gist(text)}")
    return browser
