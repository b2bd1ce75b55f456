"""The secretary's record panel and the chair's tablet in real browsers (issue 13, points 6
and 7): the panel follows whoever has the floor and never leaves the one before open for
typing; a speaker called while the console has no connection is recorded there and sent
when it is back; the chair reorders, calls and withdraws by touch, every target at least
48 px, a reason asked where the registration order is left."""

import re

import pytest
from playwright.sync_api import expect

from doithoai.audit.models import AuditEvent
from doithoai.demo.data import DEMO_PASSWORD
from doithoai.live.actions import registrations, sessions
from doithoai.live.models import Registration
from doithoai.live.selectors.sessions import queue, speaking
from doithoai.org.models import User
from doithoai.petitions.models import Petition
from tests.e2e.conftest import login
from tests.e2e.test_live_room import _axe_clean, conference  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT = "Nội dung phát biểu (ghi trong khi người dân nói)"


def _queue(held, *people):
    """The session opened, with these registrations (name, topic, confidential) waiting."""
    clerk = User.objects.get(username="vanphong")
    session = sessions.open_session(actor=clerk, conference=held)
    rows = [registrations.register(actor=clerk, session=session,
                                   source=Registration.Source.PAPER, full_name=name,
                                   topic=topic, confidential=secret)
            for name, topic, secret in people]
    return session, rows


def _device(browser, live_server, user, url, viewport=None, touch=False):
    context = browser.new_context(locale="vi-VN", base_url=live_server.url,
                                  viewport=viewport or {"width": 1400, "height": 1000},
                                  has_touch=touch)
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, user, DEMO_PASSWORD)
    page.goto(url)
    return context, page


def test_the_panel_follows_the_floor_and_locks_the_one_before(browser, live_server, settings,
                                                              conference, shot):  # noqa: F811
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    session, (first, second) = _queue(conference, ("Lò Văn Tố", "Về đất đai", True),
                                      ("Hà Thị Mai", "Đường vào bản", False))
    contexts = []
    try:
        context, secretary = _device(browser, live_server, "vanphong",
                                     f"/phong-hop/hoi-nghi/{conference.pk}/")
        contexts.append(context)
        context, chair = _device(browser, live_server, "chutich",
                                 f"/phong-hop/hoi-nghi/{conference.pk}/chu-tri/",
                                 {"width": 1024, "height": 768}, touch=True)
        contexts.append(context)
        record = secretary.locator("#speaker-record")

        chair.get_by_role("button", name="Mời người đầu tiên phát biểu").tap()
        expect(record).to_contain_text("Lò Văn Tố")  # followed, marked confidential
        expect(record).to_contain_text("Không nêu tên trước hội trường")
        secretary.locator(f"#text-{first.pk}").fill("Ông đề nghị xem lại việc thu hồi đất")

        # The chair gives the floor to the next while the secretary still types.
        chair.get_by_role("button", name="Kết thúc lượt, mời người tiếp theo").tap()
        expect(record).to_contain_text("Hà Thị Mai")
        expect(secretary.locator(f"#text-{first.pk}")).to_have_count(0)
        expect(secretary.locator("#notice")).to_contain_text("vẫn được giữ trên máy này")
        expect(secretary.locator("#follow-bar")).to_be_hidden()

        # Back to the one before by hand: locked, what was typed still there; one tap opens.
        secretary.locator("#panel-heard").get_by_role("button", name="Lò Văn Tố").click()
        expect(secretary.locator("#follow-bar")).to_contain_text("Hà Thị Mai")
        text = secretary.locator(f"#text-{first.pk}")
        expect(text).to_be_disabled()
        expect(text).to_have_value("Ông đề nghị xem lại việc thu hồi đất")
        shot(secretary, "live-console-locked")
        secretary.get_by_role("button", name="Mở khóa để hoàn chỉnh bản ghi").click()
        expect(text).to_be_enabled()
        text.press("End")
        text.type(" làm đường.")
        secretary.get_by_role("button", name="Ghi nội dung", exact=True).click()
        expect(record).to_contain_text("Mã ý kiến")
        secretary.get_by_role("button", name="Về người đang phát biểu").click()
        expect(secretary.locator(f"#text-{second.pk}")).to_be_editable()
        expect(secretary.locator("#follow-bar")).to_be_hidden()
        assert Petition.objects.get(live_registrations=first).text == (
            "Ông đề nghị xem lại việc thu hồi đất làm đường.")
        _axe_clean(secretary, "console, following the floor")
    finally:
        for context in contexts:
            context.close()


def test_a_speaker_called_without_a_connection_is_recorded(browser, live_server, settings,
                                                           conference, shot):  # noqa: F811
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    session, (a, b, c) = _queue(conference, ("Hoàng Văn Pản", "Đường liên thôn", False),
                                ("Lương Thị Nhặt", "Nước sinh hoạt", False),
                                ("Vy Thị Liên", "Tố cáo cán bộ thu tiền", False))
    registrations.call_next(actor=User.objects.get(username="vanphong"), session=session)
    contexts = []
    try:
        context, secretary = _device(browser, live_server, "vanphong",
                                     f"/phong-hop/hoi-nghi/{conference.pk}/")
        contexts.append(context)
        expect(secretary.locator("#speaker-record")).to_contain_text("Hoàng Văn Pản")

        # The Wi-Fi drops; the secretary calls the next one and records him.
        context.set_offline(True)
        secretary.get_by_role("button", name="Kết thúc lượt, mời người tiếp theo").click()
        record = secretary.locator("#speaker-record")
        expect(record).to_contain_text("Lương Thị Nhặt")
        expect(record).to_contain_text("Mất kết nối")
        expect(record.get_by_label("Loại")).to_have_value("opinion")
        secretary.get_by_label(TEXT).fill("Nước sinh hoạt bị đục sau mưa.")
        secretary.get_by_role("button", name="Ghi nội dung", exact=True).click()
        expect(secretary.locator("#connection")).to_contain_text("2 thao tác chờ gửi")
        shot(secretary, "live-console-offline-call")

        # Meanwhile the chair gives the floor to the next from his tablet (online).
        chair = User.objects.get(username="chutich")
        registrations.call_next(actor=chair, session=session)  # Nhặt (the server's view)
        registrations.call_next(actor=chair, session=session)  # then Liên
        secretary.locator("ol.queue li", has_text="Vy Thị Liên").locator(".queue-pick").click()
        secretary.locator("#row-sheet").get_by_role(
            "button", name="Người này đang phát biểu: ghi nội dung").click()
        expect(secretary.locator("#row-sheet")).to_be_hidden()
        expect(record).to_contain_text("Vy Thị Liên")
        # She registered to denounce: the record starts as a denunciation.
        expect(record.get_by_label("Loại")).to_have_value("denunciation")
        secretary.get_by_label(TEXT).fill("Tố cáo cán bộ thu tiền cấp sổ.")
        secretary.get_by_role("button", name="Ghi nội dung", exact=True).click()
        expect(secretary.locator("#connection")).to_contain_text("3 thao tác chờ gửi")
        assert not Petition.objects.filter(live_registrations__in=[b, c]).exists()

        context.set_offline(False)
        expect(secretary.locator("#connection")).not_to_contain_text("chờ gửi")
        # The call made here found the floor already changed by the chair: refused, nothing
        # lost; both records arrived, each with its speaker.
        expect(secretary.locator("#refused")).to_contain_text("thiết bị khác")
        assert Petition.objects.get(live_registrations=b).text == "Nước sinh hoạt bị đục sau mưa."
        denounced = Petition.objects.get(live_registrations=c)
        assert denounced.text == "Tố cáo cán bộ thu tiền cấp sổ."
        assert denounced.kind == "denunciation"
        assert speaking(session) == c
        expect(record).to_contain_text("Mã ý kiến")
        expect(record).to_contain_text("Tố cáo: giữ bí mật người tố cáo")
    finally:
        for context in contexts:
            context.close()


def _small_targets(locator) -> list:
    """Visible targets under 48 × 48 px, with their size."""
    small = []
    for i in range(locator.count()):
        target = locator.nth(i)
        if not target.is_visible():
            continue
        box = target.bounding_box()
        if box["width"] < 48 or box["height"] < 48:
            small.append((target.inner_text()[:40] or target.get_attribute("name"),
                          round(box["width"]), round(box["height"])))
    return small


TARGETS = ".queue-pick, #row-sheet button, #row-sheet input[name=reason]"


def test_the_chair_reorders_calls_and_withdraws_by_touch(browser, live_server, settings,
                                                         conference, shot):  # noqa: F811
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    session, (a, b, c, d) = _queue(conference, ("Hoàng Văn Pản", "Đường liên thôn", False),
                                   ("Lương Thị Nhặt", "Nước sinh hoạt", False),
                                   ("Nông Văn Cường", "Điện chiếu sáng", True),
                                   ("Vy Văn Thắng", "Bồi thường đất", False))
    context, chair = _device(browser, live_server, "chutich",
                             f"/phong-hop/hoi-nghi/{conference.pk}/chu-tri/",
                             {"width": 800, "height": 1280}, touch=True)
    try:
        rows = chair.locator("ol.queue li")
        sheet = chair.locator("#row-sheet")
        expect(rows).to_have_count(4)
        expect(rows.nth(2).locator(".badge.confidential")).to_have_text(
            "Không nêu tên trước hội trường")
        expect(rows.nth(0).locator(".badge.confidential")).to_have_count(0)

        # Withdraw: the reason is asked first, in Vietnamese; nothing is sent without it.
        rows.filter(has_text="Vy Văn Thắng").locator(".queue-pick").tap()
        expect(sheet).to_contain_text("Vy Văn Thắng")
        assert not _small_targets(chair.locator(TARGETS)), _small_targets(chair.locator(TARGETS))
        assert not _small_targets(chair.locator("#panel-floor button"))
        expect(sheet.get_by_role("button", name="Xuống một bậc")).to_be_disabled()  # the last
        sheet.get_by_role("button", name="Rút đăng ký").tap()
        expect(sheet.get_by_role("alert")).to_contain_text("Vì sao rút đăng ký?")
        assert Registration.objects.get(pk=d.pk).state == Registration.State.WAITING
        # What the tablet shows (the sheet is fixed at the screen's foot).
        shot(chair, "live-tablet-reason-asked", full_page=False)
        sheet.get_by_role("button", name="Người đăng ký xin rút").tap()
        sheet.get_by_role("button", name="Rút đăng ký").tap()
        expect(rows).to_have_count(3)
        expect(sheet).to_be_hidden()
        assert AuditEvent.objects.get(action="live.withdraw").reason == "Người đăng ký xin rút"

        # Two places up: asked why once, then two taps; the sheet stays for him.
        rows.filter(has_text="Nông Văn Cường").locator(".queue-pick").tap()
        expect(sheet.get_by_role("button", name="Không nêu tên")).to_be_hidden()  # already
        sheet.get_by_role("button", name="Lên một bậc").tap()
        expect(sheet.get_by_role("alert")).to_contain_text("Vì sao đổi thứ tự?")
        sheet.get_by_role("button", name="Người cao tuổi, sức khỏe yếu").tap()
        sheet.get_by_role("button", name="Lên một bậc").tap()
        expect(rows.nth(1)).to_contain_text("Nông Văn Cường")
        expect(rows.nth(1)).to_have_class(re.compile(r"\bpicked\b"))
        sheet.get_by_role("button", name="Lên một bậc").tap()
        expect(rows.nth(0)).to_contain_text("Nông Văn Cường")
        expect(sheet.get_by_role("button", name="Lên một bậc")).to_be_disabled()  # first now
        assert list(queue(session)) == [c, a, b]
        shot(chair, "live-tablet-moved", full_page=False)
        assert [e.reason for e in AuditEvent.objects.filter(action="live.move")] == [
            "Người cao tuổi, sức khỏe yếu"] * 2

        # Call now, out of turn: asked why, typed; the record follows him.
        rows.filter(has_text="Lương Thị Nhặt").locator(".queue-pick").tap()
        expect(sheet.get_by_label("Lý do đã chọn hoặc tự ghi")).to_have_value("")
        sheet.get_by_role("button", name="Mời phát biểu ngay").tap()
        expect(sheet.get_by_role("alert")).to_contain_text("chưa đến lượt")
        sheet.get_by_label("Lý do đã chọn hoặc tự ghi").fill("Cùng nội dung nước sạch với thôn")
        sheet.get_by_role("button", name="Mời phát biểu ngay").tap()
        expect(chair.locator("#panel-floor")).to_contain_text("Lương Thị Nhặt")
        expect(chair.locator("#speaker-record")).to_contain_text("Lương Thị Nhặt")
        assert speaking(session) == b
        assert AuditEvent.objects.get(action="live.call_now").reason == (
            "Cùng nội dung nước sạch với thôn")
        shot(chair, "live-tablet-portrait", full_page=False)

        chair.set_viewport_size({"width": 1024, "height": 768})
        rows.filter(has_text="Hoàng Văn Pản").locator(".queue-pick").tap()
        assert not _small_targets(chair.locator(TARGETS)), _small_targets(chair.locator(TARGETS))
        assert not _small_targets(chair.locator("#panel-floor button, #panel-heard button"))
        shot(chair, "live-tablet-landscape", full_page=False)
        _axe_clean(chair, "chair's tablet")
    finally:
        context.close()
