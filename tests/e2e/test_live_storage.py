"""What the secretary's browser keeps, in a real browser (read from its localStorage): the
changes not sent yet and what is typed name people, and a denouncer's words, so they are kept
no longer than they can still be sent. Whatever an earlier conference (or one of no known
day) left is dropped when the console opens; once the session has closed and everything was
sent, the drafts of what only an open session takes (the registration form) go while the
record's and the minutes' stay; once the minutes are adopted — here on another device while
this one is offline with a change still to send — everything of the conference goes as soon
as the change has been answered (refused: shown on the page, not kept)."""

import datetime as dt
import json

import pytest
from playwright.sync_api import expect

from doithoai.live.actions import minutes as minutes_actions
from doithoai.live.actions import registrations, sessions
from doithoai.live.models import Registration
from doithoai.live.selectors.minutes import minutes_of
from doithoai.org.models import User
from tests.e2e.test_live_console import TEXT, _device
from tests.e2e.test_live_room import conference  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

KEPT = """prefix => Object.keys(localStorage).filter(k => k.startsWith(prefix)).sort()"""


def _kept(page, prefix: str) -> list[str]:
    return page.evaluate(KEPT, prefix)


def test_the_console_keeps_names_no_longer_than_they_can_be_sent(browser, live_server,
                                                                 settings, conference):  # noqa: F811
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    clerk = User.objects.get(username="vanphong")
    session = sessions.open_session(actor=clerk, conference=conference)
    speaker = registrations.register(actor=clerk, session=session,
                                     source=Registration.Source.PAPER,
                                     full_name="Lò Văn Tố", topic="Tố cáo trưởng thôn")
    registrations.call_next(actor=clerk, session=session)
    mine = f"doithoai-live:{conference.pk}:"
    day = conference.held_on
    context, secretary = _device(browser, live_server, "vanphong", "/")
    secretary.on("dialog", lambda dialog: dialog.accept())  # the close's confirmation
    try:
        # Left by earlier conferences on this computer: one of a day before this one, one of no
        # known day; one of a later day stays (its console may still have to send it).
        older, unknown, later = (conference.pk + 1, conference.pk + 2, conference.pk + 3)
        secretary.evaluate("""([older, unknown, later, days]) => {
            localStorage.setItem(`doithoai-live:${older}:outbox`,
                                 JSON.stringify([{action: "register", said: "Hà Văn Cũ"}]));
            localStorage.setItem(`doithoai-live:${older}:draft:register::form-register:full_name`,
                                 "Hà Văn Cũ");
            localStorage.setItem(`doithoai-live:${unknown}:draft:speech:7:speech-7:text`,
                                 "Tố cáo cán bộ địa chính thu tiền");
            localStorage.setItem(`doithoai-live:${later}:draft:register::form-register:topic`,
                                 "Đường nội đồng");
            localStorage.setItem("doithoai-live:days", JSON.stringify(days));
        }""", [older, unknown, later, {str(older): str(day - dt.timedelta(days=1)),
                                       str(later): str(day + dt.timedelta(days=1))}])
        secretary.goto(f"/phong-hop/hoi-nghi/{conference.pk}/")
        expect(secretary.locator("#speaker-record")).to_contain_text("Lò Văn Tố")
        assert set(_kept(secretary, "doithoai-live:")) == {
            "doithoai-live:days", f"doithoai-live:{later}:draft:register::form-register:topic"}
        days = json.loads(secretary.evaluate("localStorage.getItem('doithoai-live:days')"))
        assert days == {str(later): str(day + dt.timedelta(days=1)), str(conference.pk): str(day)}

        # Typed and not sent: a registration, the speaker's words; then the session closes.
        secretary.get_by_label("Họ và tên").fill("Vi Văn Chờ")
        secretary.get_by_label(TEXT).fill("Trưởng thôn thu tiền trái phép của dân.")
        assert len(_kept(secretary, mine + "draft:")) == 2
        secretary.get_by_role("button", name="Kết thúc phiên họp").click()
        expect(secretary.get_by_role("button", name="Thông qua biên bản")).to_be_visible()
        secretary.wait_for_function(
            "prefix => !Object.keys(localStorage).some(k => k.startsWith(prefix))",
            arg=mine + "draft:register:")
        words = f"{mine}draft:speech:{speaker.pk}:speech-{speaker.pk}:text"
        assert _kept(secretary, mine + "draft:") == [words]  # may be sent until adopted
        secretary.get_by_label("Kết luận chung của chủ trì hội nghị").fill("Giao Thanh tra xã.")
        conclusion = f"{mine}draft:minutes::form-minutes:conclusion"
        assert _kept(secretary, mine + "draft:") == [conclusion, words]

        # Offline, the words are sent (kept in the outbox); meanwhile the minutes are adopted
        # on another device. Back online, the change is refused (shown on the page) and
        # nothing of the conference is left in this browser.
        context.set_offline(True)
        secretary.get_by_role("button", name="Ghi nội dung").click()
        expect(secretary.locator("#connection")).to_contain_text("1 thao tác chờ gửi")
        minutes_actions.edit(actor=clerk, session=session, conclusion="Giao Thanh tra xã.",
                             notes="", version=minutes_of(session).version)
        minutes_actions.adopt(actor=clerk, session=session,
                              version=minutes_of(session).version)
        assert _kept(secretary, mine) == [conclusion, words, f"{mine}outbox"]  # not sent
        context.set_offline(False)
        expect(secretary.locator("#refused")).to_contain_text("Biên bản đã được thông qua")
        secretary.wait_for_function(
            "prefix => !Object.keys(localStorage).some(k => k.startsWith(prefix))", arg=mine)
        days = json.loads(secretary.evaluate("localStorage.getItem('doithoai-live:days')"))
        assert str(conference.pk) not in days
    finally:
        context.close()
