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
from doithoai.petitions.actions.fields import ensure_default_fields
from doithoai.petitions.models import Petition, Reminder
from tests.e2e.conftest import login, settle
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
    ensure_default_fields(agency)
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
    settle(page)


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
    settle(page)
    _act(page, "classify", select={"Mức độ": "Cấp thiết"}, button="Lưu phân loại")
    _act(page, "assign", select={"Đơn vị trả lời": "Phòng Kinh tế"}, button="Giao đơn vị")
    assert Petition.objects.get(pk=petition.pk).state == State.ASSIGNED
    assert Petition.objects.get(pk=petition.pk).urgency == "pressing"

    # The unit answers.
    _as(page, "kinhte")
    page.goto("/y-kien/don-vi/")
    page.get_by_role("link", name=code).click()
    settle(page)
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
    settle(page)
    _as(page, "vanphong")
    page.goto("/y-kien/cho-duyet/")
    page.get_by_role("button", name=f"Công khai và gửi trả lời {code}").click()
    settle(page)
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


def test_excel_import_to_overdue_reminder(page, commune, tmp_path):
    sheet = tmp_path / "tong-hop-ban-chu.xlsx"
    sheet.write_bytes(xlsx([
        row("Kênh mương nội đồng bị bồi lấp, đề nghị nạo vét.", village="thon ban chu",
            field="Nông nghiệp, thủy lợi và lâm nghiệp"),
        row("Đường vào khu sản xuất lầy lội mùa mưa.", village="Thôn Bản Chu"),
    ]))
    _as(page, "vanphong")
    page.goto("/y-kien/nhap/tai-len/")
    page.get_by_label("Tên đợt").fill("Tổng hợp ý kiến thôn Bản Chu")
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(sheet))
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    page.wait_for_url("**/y-kien/nhap/dot/*/")
    imported = list(Petition.objects.filter(batch__name="Tổng hợp ý kiến thôn Bản Chu"))
    assert len(imported) == 2

    # Bulk assignment from the office queue.
    page.goto("/y-kien/?state=received")
    for petition in imported:
        page.get_by_label(f"Chọn ý kiến {petition.tracking_code}").check()
    page.get_by_label("Giao cho đơn vị").select_option(label="Phòng Kinh tế")
    page.get_by_role("button", name="Giao đơn vị").click()
    settle(page)
    assert "Đã giao 2 ý kiến cho Phòng Kinh tế." in page.locator(".messages").inner_text()

    # The unit needs more time for one of them.
    late, other = imported
    late.refresh_from_db()
    new_due = late.due_date + dt.timedelta(days=21)
    _as(page, "kinhte")
    page.goto(f"/y-kien/{late.pk}/")
    _act(page, "extend", fill={"Hạn mới": new_due.isoformat(),
                               "Lý do gia hạn (người gửi được thông báo)":
                                   "Cần khảo sát cùng Phòng Nông nghiệp huyện cũ."},
         button="Gia hạn")
    late.refresh_from_db()
    assert late.due_date == new_due and late.extensions.count() == 1

    # The daily reminder, run after the first due date: only the unextended one is overdue.
    other.refresh_from_db()
    mail.outbox.clear()
    day = other.due_date + dt.timedelta(days=1)
    call_command("remind", date=day.isoformat())
    assert set(Reminder.objects.filter(kind="overdue").values_list("petition", flat=True)) \
        == {other.pk}
    to_unit = [m for m in mail.outbox if "kinhte@diemhe.example.vn" in m.to]
    assert to_unit and other.tracking_code in to_unit[0].body
    assert late.tracking_code not in to_unit[0].body
    call_command("remind", date=day.isoformat())  # the cron runs twice: nothing sent again
    assert Reminder.objects.filter(kind="overdue").count() == 1
