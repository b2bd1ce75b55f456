"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
inside one unless told that this (single-threaded, test-only) use is safe.
"""

import os
import threading
import time
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test import testcases

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class OneRequestAtATimeServer(ThreadedWSGIServer):
    """The live server, answering one request at a time when its threads share the test's
    in-memory SQLite connection. Requests of several browsers at once (the hall's screens
    poll while the secretary records) would otherwise run their transactions interleaved on
    that one connection ("database table is locked"): a fault of the test's database, not of
    the product, whose every request has a connection of its own. Each browser keeps its own
    connection (a thread), so a browser's idle keep-alive never holds the others."""

    def set_app(self, application):
        if not self.connections_override:
            return super().set_app(application)
        lock = threading.Lock()

        def one_at_a_time(environ, start_response):
            with lock:
                return application(environ, start_response)

        return super().set_app(one_at_a_time)


testcases.LiveServerThread.server_class = OneRequestAtATimeServer

# Debian's headless build of Chromium: the same engine as the browser, without its windows;
# the browser stories take a quarter less CPU with it than with the full browser.
CHROMIUM = "/usr/bin/chromium-headless-shell"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


# Screenshots for a person to look at (test-artifacts/), taken when asked:
# DOITHOAI_SCREENSHOTS=1 scripts/test tests/e2e. Each costs a quarter of a second, and nobody
# looks at those of a CI run.
SCREENSHOTS = os.environ.get("DOITHOAI_SCREENSHOTS") == "1"
# How long the network must stay quiet for a page to have settled (`settle`).
QUIET_SECONDS = 0.1


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Thiếu {CHROMIUM}: chạy `apt-get install -y chromium-headless-shell` "
                    "(xem scripts/test).")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        new_context = browser.new_context

        def tracked_context(**options):
            context = new_context(**options)
            _track_requests(context)
            return context

        browser.new_context = tracked_context
        yield browser
        browser.close()


def _track_requests(context) -> None:
    """Count the requests in flight of each browser context (its pages and popups together),
    for `settle`."""
    context._in_flight, context._last_request = 0, 0.0

    def started(_request):
        context._in_flight += 1
        context._last_request = time.monotonic()

    def ended(_request):
        context._in_flight = max(context._in_flight - 1, 0)
        context._last_request = time.monotonic()

    context.on("request", started)
    context.on("requestfinished", ended)
    context.on("requestfailed", ended)


def settle(page, timeout: float = 10.0) -> None:
    """Wait until the page has loaded and no request has been in flight for QUIET_SECONDS:
    Playwright's "networkidle", with a tenth of its half-second wait."""
    page.wait_for_load_state("load")
    deadline = time.monotonic() + timeout
    while True:
        page.wait_for_timeout(QUIET_SECONDS * 1000)  # lets the request events arrive
        context = page.context
        quiet_since = getattr(context, "_last_request", 0.0)
        if getattr(context, "_in_flight", 0) == 0 \
                and time.monotonic() - quiet_since >= QUIET_SECONDS:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"Trang vẫn còn yêu cầu mạng sau {timeout:.0f} giây.")


@pytest.fixture
def page(browser, live_server, settings):
    # The live server speaks plain HTTP: cookies cannot be "Secure" there.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def commune(transactional_db, load_organisation):
    """Xã Điềm He with the demo's organisation and people, committed for the live server (no
    plans, no petitions: each story makes its own)."""
    load_organisation()
    from doithoai.org.models import Agency

    return Agency.objects.get(code="ubnd-xa-diem-he")


@pytest.fixture
def shot():
    """Save a screenshot of a page (whole) or a locator under test-artifacts/ so that a person
    can look at it, when screenshots are asked for (SCREENSHOTS)."""
    from playwright.sync_api import Page

    def take(target, name: str, full_page: bool = True) -> Path | None:
        if not SCREENSHOTS:
            return None
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        if isinstance(target, Page):
            target.screenshot(path=str(path), full_page=full_page)
        else:
            target.screenshot(path=str(path))
        return path

    return take


def login(page, username: str, password: str) -> None:
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    with page.expect_navigation():  # the next page, or the form again with its refusal
        page.get_by_role("button", name="Đăng nhập").click()
    settle(page)
