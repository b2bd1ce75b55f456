"""Before the conference, in a real browser: the village head of Thôn Nà Pàn sends his
village's opinions, the office's board shows which village is still missing, Phòng Kinh tế
writes a prepared answer that the office then sees, and the Front's report lists the opinions
by field and village. Every page passes axe, on a PC and on a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from doithoai.demo.data import DEMO_PASSWORD
from doithoai.dialogues.actions import plans
from doithoai.dialogues.models import PreparedAnswer, VillageReturn
from doithoai.org.models import Agency, User
from tests.dialogues.test_preparation import build_prep
from tests.e2e.conftest import login, settle

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("frozen_today")]  # the dialogue tests' day

VIEWPORTS = {"pc": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 740}}
ANSWER = "Phòng Kinh tế đã khảo sát tuyến đường, sẽ sửa chữa trong quý I/2027."


@pytest.fixture
def prep(transactional_db, load_organisation):
    load_organisation()
    commune = Agency.objects.get(code="ubnd-xa-diem-he")
    clerk = User.objects.get(username="vanphong")
    plan = plans.create_plan(actor=clerk, agency=commune, year=2026)
    return build_prep(commune, plan, clerk)


def _check(page, axe, failures, name):
    result = axe.run(page)
    if result.violations_count:
        failures[name] = result.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), name


def _sign_in_as(page, username):
    page.context.clear_cookies()
    login(page, username, DEMO_PASSWORD)


@pytest.mark.parametrize("size", ["pc", "phone"])
def test_opinions_prepared_answers_and_the_front_report(page, prep, shot, size):
    page.set_viewport_size(VIEWPORTS[size])
    axe, failures = Axe(), {}
    conference, na_pan = prep["conference"], prep["na_pan"]
    base = f"/doi-thoai/hoi-nghi/{conference.pk}"

    # The village head opens his village's page and says its opinions are in.
    _sign_in_as(page, "truongthon")
    page.goto(f"{base}/y-kien-cac-thon/{na_pan.pk}/")
    assert "Đường liên thôn Nà Pàn" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Nhập thêm ý kiến").is_visible()
    _check(page, axe, failures, "village")
    shot(page, f"dialogues-preparation-village-{size}")
    page.get_by_role("button", name="Xác nhận đã gửi ý kiến của Thôn Nà Pàn").click()
    settle(page)
    assert "Đã ghi nhận Thôn Nà Pàn gửi ý kiến (2 ý kiến)." in page.locator(
        ".messages").inner_text()
    assert page.get_by_role("button", name="Xác nhận đã gửi ý kiến của Thôn Nà Pàn").count() == 0
    assert VillageReturn.objects.get(conference=conference,
                                     village=na_pan).opinions_sent_at is not None
    shot(page, f"dialogues-preparation-village-sent-{size}")
    page.reload()  # axe on the page itself: base.html's message list is checked elsewhere
    _check(page, axe, failures, "village-sent")

    # The office's board: Bản Chu's opinions are in (sent, though nobody said so), Bản Thẳm
    # has none yet; the table scrolls on a phone.
    _sign_in_as(page, "vanphong")
    page.goto(f"{base}/y-kien-cac-thon/")
    missing = page.locator("section", has=page.get_by_role("heading",
                                                           name="Thôn chưa gửi ý kiến (1)"))
    assert "Thôn Bản Thẳm" in missing.inner_text()
    assert "Thôn Bản Chu" not in missing.inner_text() and "Thôn Nà Pàn" not in missing.inner_text()
    sent = page.locator("section", has=page.get_by_role("heading", name="Thôn đã gửi ý kiến (2)"))
    assert "Thôn Nà Pàn" in sent.inner_text() and "Thôn Bản Chu" in sent.inner_text()
    assert "3 ý kiến đã nhập, từ ngày" in sent.inner_text()
    assert "2/3" in page.locator("dl.prep-figures").inner_text()
    table = page.locator("table.board")
    assert "Giao thông" in table.inner_text() and "Chưa phân loại" in table.inner_text()
    _check(page, axe, failures, "board")
    shot(page, f"dialogues-preparation-board-{size}")

    # Phòng Kinh tế writes what it will answer about the road.
    road = prep["p"]["road"]
    _sign_in_as(page, "kinhte")
    page.goto(f"{base}/chuan-bi-tra-loi/")
    assert prep["p"]["clinic"].tracking_code not in page.locator("main").inner_text()
    _check(page, axe, failures, "answers-unit")
    page.locator(f"#answer-{road.pk}").fill(ANSWER)
    page.get_by_role("button", name=f"Lưu nội dung trả lời ý kiến {road.tracking_code}").click()
    settle(page)
    assert (f"Đã lưu nội dung chuẩn bị trả lời ý kiến {road.tracking_code}."
            in page.locator(".messages").inner_text())
    assert PreparedAnswer.objects.get(petition=road).text == ANSWER
    shot(page, f"dialogues-preparation-answers-unit-{size}")

    # The office sees it, next to the petitions still without an answer.
    _sign_in_as(page, "vanphong")
    page.goto(f"{base}/chuan-bi-tra-loi/")
    card = page.locator(f"#y-kien-{road.pk}")
    assert ANSWER in card.locator("textarea").input_value()
    assert "Đã có nội dung trả lời" in card.inner_text()
    clinic = page.locator(f"#y-kien-{prep['p']['clinic'].pk}")
    assert "Chưa có" in clinic.inner_text()
    _check(page, axe, failures, "answers-office")
    shot(page, f"dialogues-preparation-answers-office-{size}")

    # The Front's report: by field, then by village; the grouped issue once.
    _sign_in_as(page, "mattran")
    page.goto(f"{base}/bao-cao-mat-tran/")
    roads = page.locator("section.report-field", has=page.get_by_role(
        "heading", name="1. Giao thông (2 ý kiến)"))
    assert roads.get_by_role("heading", name="Thôn Nà Pàn").is_visible()
    assert roads.get_by_role("heading", name="Nhiều thôn").is_visible()
    assert "Đường thôn lầy lội mùa mưa" in roads.inner_text()
    assert "gộp 2 ý kiến, 4 người kiến nghị" in roads.inner_text()
    assert "Thôn chưa gửi ý kiến: Thôn Bản Thẳm." in page.locator("main").inner_text()
    _check(page, axe, failures, "front-report")
    shot(page, f"dialogues-preparation-front-report-{size}")
    page.emulate_media(media="print")
    assert not page.locator("header.topbar").is_visible()
    assert not page.locator("nav.subnav").is_visible()
    shot(page, f"dialogues-preparation-front-report-print-{size}")
    page.emulate_media(media="screen")

    assert not failures, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())
