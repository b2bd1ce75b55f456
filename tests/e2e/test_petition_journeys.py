"""The issue's "done when", as users would walk it in a real browser.

1. A citizen sends an opinion online and keeps the code → the clerk classifies and assigns →
   the unit answers → the leader approves → the clerk publishes → the citizen opens the
   tracking page and reads the answer.
2. The office imports the village's Excel sheet → assigns the rows in bulk → the unit asks
   for an extension → the daily reminder finds what is overdue and tells the unit.
"""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from doithoai.core.petition_flow import State
from doithoai.org.models import Role
from doithoai.petitions import services
from doithoai.petitions.models import Petition, Reminder
from tests.e2e.conftest import login
from tests.factories import PASSWORD, AgencyFactory, UnitFactory, VillageFactory, user_with_role
from tests.petitions.intake_support import row, xlsx

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OPINION = ("Đoạn đường từ thôn Bản Chu ra quốc lộ bị sạt lở sau mưa lớn, "
           "đề nghị xã sớm khắc phục.")
ANSWER = ("UBND xã đã kiểm tra hiện trường; Phòng Kinh tế tổ chức san gạt, "
          "hoàn thành trước ngày 15/12/2026.")


@pytest.fixture
def commune(transactional_db):
    agency = AgencyFactory(code="ubnd-xa-diem-he", name="Ủy ban nhân dân xã Điềm He")
    services.ensure_default_fields(agency)
    economy = UnitFactory(agency=agency, code="kinh-te", name="Phòng Kinh tế")
    villages = [VillageFactory(agency=agency, name=n) for n in ("Thôn Bản Chu", "Thôn Nà Pàn")]
    user_with_role(Role.CLERK, agency=agency, username="vanphong", full_name="Nông Việt Dũng")
    user_with_role(Role.LEADER, agency=agency, username="chutich", full_name="Lý Thị Dương")
    user_with_role(Role.UNIT_OFFICER, agency=agency, unit=economy, username="kinhte",
                   full_name="Chu Thị Mai", email="kinhte@diemhe.example.vn")
    return {"agency": agency, "unit": economy, "villages": villages}


def _as(page, username):
    page.context.clear_cookies()
    login(page, username, PASSWORD)


def _act(page, action, fill=None, select=None, button=None):
    """Open an action on the petition page (unless already open), fill it and submit."""
    details = page.locator(f"details#action-{action}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    form = details.locator("form.stacked")
    for label, value in (select or {}).items():
        form.get_by_label(label).select_option(label=value)
    for label, value in (fill or {}).items():
        form.get_by_label(label).fill(value)
    form.get_by_role("button", name=button).click()
    page.wait_for_load_state("networkidle")


def test_citizen_to_answer_and_back(page, commune, shot):
    # The citizen, on a phone, with no account.
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/gui-y-kien/?xa=ubnd-xa-diem-he")
    page.get_by_label("Bạn ở thôn, tổ dân phố nào?").select_option(label="Thôn Bản Chu")
    page.get_by_label("Ý kiến của bạn về việc gì?").select_option(label="Giao thông")
    page.get_by_label("Ý kiến, kiến nghị của bạn").fill(OPINION)
    page.get_by_label("Họ và tên").fill("Hoàng Văn An")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_url("**/gui-y-kien/da-gui/**")
    code = page.locator(".code-box .code").inner_text().strip()
    petition = Petition.objects.get(tracking_code=code)
    assert petition.channel == "online" and petition.state == State.RECEIVED

    # The clerk classifies and assigns.
    page.set_viewport_size({"width": 1280, "height": 800})
    _as(page, "vanphong")
    page.goto("/y-kien/")
    page.get_by_label("Tìm theo nội dung hoặc mã").fill(code.lower())
    page.get_by_role("button", name="Lọc", exact=True).click()
    page.get_by_role("link", name=code).click()
    page.wait_for_load_state("networkidle")
    _act(page, "classify", select={"Mức độ": "Cấp thiết"}, button="Lưu phân loại")
    _act(page, "assign", select={"Đơn vị trả lời": "Phòng Kinh tế"}, button="Giao đơn vị")
    assert Petition.objects.get(pk=petition.pk).state == State.ASSIGNED
    assert Petition.objects.get(pk=petition.pk).urgency == "pressing"

    # The unit answers.
    _as(page, "kinhte")
    page.goto("/y-kien/don-vi/")
    page.get_by_role("link", name=code).click()
    page.wait_for_load_state("networkidle")
    _act(page, "draft_answer", fill={"Nội dung trả lời": ANSWER, "Số văn bản": "131/UBND-KT"},
         button="Lưu dự thảo trả lời")
    assert Petition.objects.get(pk=petition.pk).state == State.ANSWER_DRAFTED

    # The citizen cannot read a draft.
    page.context.clear_cookies()
    page.goto(f"/tra-cuu/{code}/")
    assert ANSWER not in page.locator("main").inner_text()

    # The leader approves, the clerk publishes and sends.
    _as(page, "chutich")
    page.goto("/y-kien/cho-duyet/")
    page.get_by_role("button", name=f"Duyệt trả lời {code}").click()
    page.wait_for_load_state("networkidle")
    _as(page, "vanphong")
    page.goto("/y-kien/cho-duyet/")
    page.get_by_role("button", name=f"Công khai và gửi trả lời {code}").click()
    page.wait_for_load_state("networkidle")
    assert Petition.objects.get(pk=petition.pk).state == State.PUBLISHED

    # The citizen types the code and reads the answer.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/tra-cuu/")
    page.get_by_label("Mã tra cứu").fill(code.replace("-", " ").lower())
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_url(f"**/tra-cuu/{code}/")
    body = page.locator("main").inner_text()
    assert "Đã trả lời và công khai" in body
    assert ANSWER in body and "131/UBND-KT" in body and "Phòng Kinh tế" in body
    assert "Hoàng Văn An" not in body and "0912345678" not in body
    shot(page, "journey-citizen-reads-answer")
