"""The issue's "done when" for answering back, as users would walk it in a real browser: a
citizen reads the answer on the tracking page (a phone, no account), says it did not solve
his problem, in his own words; the clerk sees the reopened petition with his words and assigns
it again to a unit; the citizen's page shows the new state."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from doithoai.core.petition_flow import State
from doithoai.org.models import Role
from doithoai.petitions.actions import answers, assignments
from doithoai.petitions.actions import intake as petition_intake
from doithoai.petitions.actions.fields import ensure_default_fields
from doithoai.petitions.models import Kind, Petition
from tests.e2e.conftest import login, settle
from tests.factories import PASSWORD, AgencyFactory, UnitFactory, VillageFactory, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ANSWER = "Phòng Kinh tế đã san gạt đoạn sạt lở, đường đi lại bình thường."
WORDS = "Mới san gạt một nửa, đoạn gần cầu vẫn sạt, xe máy không qua được. Đề nghị xem lại."


@pytest.fixture
def answered(transactional_db):
    agency = AgencyFactory(code="ubnd-xa-diem-he", name="Ủy ban nhân dân xã Điềm He",
                           phone="0205 3831 234")
    fields = {f.code: f for f in ensure_default_fields(agency)}
    economy = UnitFactory(agency=agency, code="kinh-te", name="Phòng Kinh tế")
    UnitFactory(agency=agency, code="van-hoa", name="Phòng Văn hóa - Xã hội")
    village = VillageFactory(agency=agency, name="Thôn Bản Chu")
    clerk = user_with_role(Role.CLERK, agency=agency, username="vanphong")
    leader = user_with_role(Role.LEADER, agency=agency)
    officer = user_with_role(Role.UNIT_OFFICER, agency=agency, unit=economy)
    petition = petition_intake.receive(petition_intake.Intake(
        agency=agency, text="Đường từ thôn Bản Chu ra quốc lộ bị sạt lở, đề nghị khắc phục.",
        channel="online", received_on=timezone.localdate(), village_id=village.pk,
        field=fields["giao-thong"]), actor=clerk)
    petition = assignments.classify(actor=clerk, petition=petition, kind=Kind.OPINION,
                                    field=fields["giao-thong"], urgency="normal")
    petition = assignments.assign(actor=clerk, petition=petition, unit=economy)
    answers.draft_answer(actor=officer, petition=petition, text=ANSWER)
    petition = answers.approve_answer(actor=leader, petition=Petition.objects.get(pk=petition.pk))
    return answers.publish_answer(actor=clerk, petition=petition)


def test_citizen_says_not_resolved_and_the_office_assigns_it_again(page, answered, shot):
    axe = Axe()
    track = f"/tra-cuu/{answered.tracking_code}/"
    # The citizen, on a phone, reads the answer and says it did not settle it.
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(track)
    assert ANSWER in page.locator(".answer-text").inner_text()
    assert "0205 3831 234" in page.locator("section.contact").inner_text()
    page.get_by_text("Chưa được giải quyết? Đề nghị giải quyết lại").click()
    page.get_by_label("Vì sao trả lời chưa giải quyết được việc của bạn?").fill(WORDS)
    assert not axe.run(page).violations_count
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.get_by_role("button", name="Gửi đề nghị giải quyết lại").click()
    settle(page)
    assert "Đã gửi đề nghị giải quyết lại" in page.locator(".messages").inner_text()
    assert page.locator(".state-label").inner_text() == "Đã phân loại"
    shot(page, "public-answer-back-phone")

    # The clerk sees it back with the office, reads his words and gives it to a unit again.
    clerk = page.context.browser.new_context(base_url=page.url.split("/tra-cuu/")[0],
                                             locale="vi-VN")
    office = clerk.new_page()
    login(office, "vanphong", PASSWORD)
    office.goto(f"/y-kien/{answered.pk}/")
    assert WORDS in office.locator("section.citizen-replies").inner_text()
    form = office.locator("details#action-assign form.stacked")
    form.get_by_label("Đơn vị trả lời").select_option(label="Phòng Văn hóa - Xã hội")
    form.get_by_role("button", name="Giao đơn vị").click()
    settle(office)
    assert Petition.objects.get(pk=answered.pk).state == State.ASSIGNED
    clerk.close()

    # The citizen's page shows the new state.
    page.goto(track)
    assert page.locator(".state-label").inner_text() == "Đã giao đơn vị"
    assert "Đã giao cho Phòng Văn hóa - Xã hội" in page.locator(".timeline").inner_text()
    assert "Bạn đã đề nghị giải quyết lại trả lời này" in page.content()
