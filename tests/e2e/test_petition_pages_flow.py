"""As staff would, in a real browser: the clerk finds petitions by typing without diacritics
and assigns two of them at once; the unit drafts an answer from a template; the leader
approves; the clerk publishes. Every page passes axe, on a PC and on a phone."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from doithoai.core.petition_flow import State
from doithoai.org.models import Role
from doithoai.petitions.actions import assignments, intake
from doithoai.petitions.actions.fields import ensure_default_fields
from doithoai.petitions.models import AnswerTemplate, Field, Petition
from tests.e2e.conftest import login, settle
from tests.factories import PASSWORD, AgencyFactory, UnitFactory, VillageFactory, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"pc": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 740}}
ROAD_1 = ("Đường liên thôn Nà Pàn – Khòn Pinh xuống cấp nghiêm trọng, đề nghị sửa chữa trước "
          "mùa mưa.")
ROAD_2 = "Đường liên thôn Bản Pò nhiều ổ gà, xe máy đi lại nguy hiểm."
TEMPLATE = ("UBND xã đã tiếp thu ý kiến về tuyến đường. Phòng Kinh tế đã khảo sát hiện trạng "
            "và đưa vào kế hoạch sửa chữa năm 2027.")


@pytest.fixture
def commune(transactional_db):
    agency = AgencyFactory(name="Ủy ban nhân dân xã Điềm He")
    fields = {f.code: f for f in ensure_default_fields(agency)}
    economy = UnitFactory(agency=agency, code="kinh-te", name="Phòng Kinh tế")
    culture = UnitFactory(agency=agency, code="van-hoa", name="Phòng Văn hóa - Xã hội")
    villages = [VillageFactory(agency=agency, name=n) for n in ("Thôn Nà Pàn", "Thôn Bản Pò")]
    Field.objects.filter(pk=fields["giao-thong"].pk).update(default_unit=economy)
    clerk = user_with_role(Role.CLERK, agency=agency, username="vanphong",
                           full_name="Nông Việt Dũng")
    leader = user_with_role(Role.LEADER, agency=agency, username="chutich",
                            full_name="Lý Thị Dương")
    user_with_role(Role.UNIT_OFFICER, agency=agency, unit=economy, username="kinhte",
                   full_name="Chu Thị Mai", email="kinhte@example.vn")
    AnswerTemplate.objects.create(agency=agency, field=fields["giao-thong"],
                                  title="Đường giao thông: đã khảo sát", text=TEMPLATE)
    today = timezone.localdate()

    def receive(text, village, field, received_on, **kw):
        return intake.receive(intake.Intake(
            agency=agency, text=text, channel=kw.pop("channel", "survey_form"),
            received_on=received_on, village_id=village.pk, field=fields[field],
            petitioners=[intake.PetitionerData(full_name="Hoàng Văn Pảo",
                                               village_id=village.pk)], **kw), actor=clerk)

    road1 = receive(ROAD_1, villages[0], "giao-thong", today - dt.timedelta(days=10))
    road2 = receive(ROAD_2, villages[1], "giao-thong", today - dt.timedelta(days=12))
    receive("Trạm y tế xã thiếu thuốc thiết yếu cho người cao tuổi.", villages[0], "y-te",
            today - dt.timedelta(days=40), channel="front_summary")
    late = receive("Đề nghị lắp đèn chiếu sáng đoạn qua trường tiểu học.", villages[1],
                   "dien-nuoc", today - dt.timedelta(days=45))
    assignments.assign(actor=clerk, petition=late, unit=culture)
    return {"agency": agency, "road1": road1, "road2": road2, "leader": leader}


def _check(page, axe, failures, name):
    result = axe.run(page)
    if result.violations_count:
        failures[name] = result.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), name


def _sign_in_as(page, username):
    page.context.clear_cookies()
    login(page, username, PASSWORD)


@pytest.mark.parametrize("size", ["pc", "phone"])
def test_from_the_queue_to_a_published_answer(page, commune, shot, size):
    page.set_viewport_size(VIEWPORTS[size])
    axe, failures = Axe(), {}
    road1, road2 = commune["road1"], commune["road2"]

    # The clerk types without diacritics and finds both road petitions.
    _sign_in_as(page, "vanphong")
    page.goto("/y-kien/")
    page.get_by_label("Tìm theo nội dung hoặc mã").fill("duong lien thon")
    page.get_by_role("button", name="Lọc", exact=True).click()
    settle(page)
    table = page.locator("table.queue")
    assert table.locator("tbody tr").count() == 2
    assert "Đường liên thôn Nà Pàn" in table.inner_text()
    assert "Trạm y tế" not in table.inner_text()
    _check(page, axe, failures, "queue")
    shot(page, f"petitions-queue-search-{size}")

    # … and assigns both to Phòng Kinh tế at once.
    page.get_by_label(f"Chọn ý kiến {road1.tracking_code}").check()
    page.get_by_label(f"Chọn ý kiến {road2.tracking_code}").check()
    page.get_by_label("Giao cho đơn vị").select_option(label="Phòng Kinh tế")
    page.get_by_role("button", name="Giao đơn vị").click()
    settle(page)
    assert "Đã giao 2 ý kiến cho Phòng Kinh tế." in page.locator(".messages").inner_text()
    assert page.get_by_label("Tìm theo nội dung hoặc mã").input_value() == "duong lien thon"
    assert Petition.objects.filter(unit__code="kinh-te", state=State.ASSIGNED).count() == 2
    page.goto("/y-kien/")
    _check(page, axe, failures, "queue-all")
    shot(page, f"petitions-queue-{size}")
    page.goto("/y-kien/don-doc/")
    _check(page, axe, failures, "follow-up")
    shot(page, f"petitions-follow-up-{size}")

    # The unit officer drafts the answer from the field's template.
    _sign_in_as(page, "kinhte")
    page.goto("/y-kien/don-vi/")
    assert page.locator("tbody tr").count() == 2
    _check(page, axe, failures, "unit-queue")
    shot(page, f"petitions-unit-queue-{size}")
    page.get_by_role("link", name=road1.tracking_code).click()
    settle(page)
    page.get_by_label("Bắt đầu từ mẫu trả lời").select_option(
        label="Đường giao thông: đã khảo sát (Giao thông)")
    answer = page.get_by_label("Nội dung trả lời")
    assert answer.input_value() == TEMPLATE
    answer.fill(TEMPLATE + " Dự kiến thi công tháng 3/2027.")
    page.get_by_label("Số văn bản").fill("125/UBND-KT")
    _check(page, axe, failures, "detail-unit")
    shot(page, f"petitions-detail-draft-{size}")
    page.get_by_role("button", name="Lưu dự thảo trả lời").click()
    settle(page)
    assert "Đã thực hiện: Soạn trả lời." in page.locator(".messages").inner_text()
    assert "Đã có dự thảo trả lời" in page.locator("main").inner_text()

    # The leader approves it.
    _sign_in_as(page, "chutich")
    page.goto("/y-kien/cho-duyet/")
    assert "Dự kiến thi công tháng 3/2027." in page.locator("main").inner_text()
    _check(page, axe, failures, "approvals-leader")
    shot(page, f"petitions-approvals-{size}")
    page.get_by_role("button", name=f"Duyệt trả lời {road1.tracking_code}").click()
    settle(page)
    assert Petition.objects.get(pk=road1.pk).state == State.ANSWER_APPROVED

    # The clerk publishes and sends it.
    _sign_in_as(page, "vanphong")
    page.goto("/y-kien/cho-duyet/")
    page.get_by_role("button", name=f"Công khai và gửi trả lời {road1.tracking_code}").click()
    settle(page)
    assert Petition.objects.get(pk=road1.pk).state == State.PUBLISHED
    page.goto(f"/y-kien/{road1.pk}/")
    main = page.locator("main").inner_text()
    assert "Đã trả lời và công khai" in main and "125/UBND-KT" in main
    _check(page, axe, failures, "detail-published")
    shot(page, f"petitions-detail-published-{size}")
    page.goto(f"/y-kien/{road2.pk}/")
    _check(page, axe, failures, "detail-clerk")
    shot(page, f"petitions-detail-clerk-{size}")

    assert not failures, "\n".join(f"{name}:\n{report}" for name, report in failures.items())
