"""The plan pages as the office, the read-only roles and another commune see them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.dialogues.actions import plans
from doithoai.dialogues.models import Plan
from doithoai.org.models import Person, Role, User
from tests.dialogues.conftest import ISSUED_ON
from tests.factories import user_with_role


@pytest.fixture
def overseer(commune):
    return User.objects.get(username="tinh")


@pytest.fixture
def other_plan(commune, outsider):
    return plans.create_plan(actor=outsider, agency=outsider.memberships.get().agency,
                             year=2026)


def _detail(plan):
    return reverse("dialogues:plan_detail", args=[plan.pk])


def _snapshot(plan):
    plan.refresh_from_db()
    return (plan.state, plan.version, plan.number, plan.title, plan.groups.count(),
            plan.tasks.count(), AuditEvent.objects.count())


def _edit_data(plan, **changes):
    """The edit form as the browser posts it, unchanged unless told."""
    data = {name: getattr(plan, name) for name in plans.PLAN_EDITABLE}
    data["signer"] = plan.signer_id or ""
    data["version"] = plan.version
    data.update(changes)
    return {k: ("" if v is None else v) for k, v in data.items()}


# --- list and new --------------------------------------------------------------------------

def test_empty_list_explains_what_to_do(client, clerk):
    client.force_login(clerk)
    page = client.get(reverse("dialogues:plan_list"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Chưa có kế hoạch nào" in text and "Lập kế hoạch" in text
    assert reverse("dialogues:plan_new") in text


def test_list_shows_the_agencys_plans_by_year(client, clerk, plan, conference, other_plan):
    client.force_login(clerk)
    text = client.get(reverse("dialogues:plan_list")).content.decode()
    assert "Năm 2026" in text and plan.title in text and "Dự thảo" in text
    assert "18/12/2026" in text and "Chuẩn bị" in text  # the conference under it
    assert other_plan.title not in text  # another commune's plan


def test_read_only_users_see_the_list_without_the_button(client, supervisor, plan):
    client.force_login(supervisor)
    text = client.get(reverse("dialogues:plan_list")).content.decode()
    assert plan.title in text and reverse("dialogues:plan_new") not in text


def test_overseer_filters_by_agency(client, overseer, plan, other_plan):
    client.force_login(overseer)
    url = reverse("dialogues:plan_list")
    text = client.get(url).content.decode()
    assert plan.title in text and other_plan.title in text
    text = client.get(url, {"co-quan": plan.agency_id}).content.decode()
    assert plan.title in text and other_plan.title not in text
    assert reverse("dialogues:plan_new") not in text


def test_clerk_makes_a_periodic_plan(client, clerk, commune):
    client.force_login(clerk)
    page = client.get(reverse("dialogues:plan_new"))
    assert page.status_code == 200
    assert f'value="{timezone.localdate().year}"' in page.content.decode()
    response = client.post(reverse("dialogues:plan_new"),
                           {"agency": commune.pk, "year": 2027, "kind": "periodic"})
    plan = Plan.objects.get(agency=commune, year=2027)
    assert response.status_code == 302 and response.url == _detail(plan)
    assert plan.created_by == clerk and plan.state == Plan.State.DRAFT


def test_a_new_plan_is_offered_the_first_year_without_one(client, clerk, commune):
    """2026 (today's year) and 2027 have their yearly plans: the form proposes 2028; an
    ad hoc plan of 2028 does not count."""
    for year in (2026, 2027):
        plans.create_plan(actor=clerk, agency=commune, year=year)
    plans.create_plan(actor=clerk, agency=commune, year=2028, kind=Plan.Kind.AD_HOC,
                      ad_hoc_basis=Plan.AdHocBasis.values[0])
    client.force_login(clerk)
    page = client.get(reverse("dialogues:plan_new")).content.decode()
    assert 'name="year" value="2028"' in page


def test_an_ad_hoc_plan_needs_its_basis(client, leader, commune):
    client.force_login(leader)
    url = reverse("dialogues:plan_new")
    page = client.post(url, {"agency": commune.pk, "year": 2026, "kind": "ad_hoc"})
    assert page.status_code == 200
    assert "Kế hoạch đột xuất cần ghi căn cứ tổ chức" in page.content.decode()
    assert not Plan.objects.exists()
    client.post(url, {"agency": commune.pk, "year": 2026, "kind": "ad_hoc",
                      "ad_hoc_basis": "voters"})
    plan = Plan.objects.get()
    assert plan.kind == "ad_hoc" and plan.ad_hoc_basis == "voters"
    assert "đột xuất" in plan.title


@pytest.mark.parametrize(("year", "message"), [
    (1999, "Năm phải trong khoảng 2000–2100."), (2101, "Năm phải trong khoảng 2000–2100."),
    ("hai nghìn", "Hãy ghi năm bằng số, ví dụ 2026.")])
def test_a_year_out_of_range_is_refused(client, clerk, commune, year, message):
    client.force_login(clerk)
    page = client.post(reverse("dialogues:plan_new"),
                       {"agency": commune.pk, "year": year, "kind": "periodic"})
    text = page.content.decode()
    assert page.status_code == 200
    assert message in text
    assert not Plan.objects.exists()


def test_a_clerk_cannot_plan_for_another_commune(client, clerk, outsider, commune):
    client.force_login(clerk)
    other = outsider.memberships.get().agency
    page = client.post(reverse("dialogues:plan_new"),
                       {"agency": other.pk, "year": 2026, "kind": "periodic"})
    assert page.status_code == 200 and not Plan.objects.exists()


def test_read_only_roles_cannot_make_a_plan(client, supervisor, overseer, commune):
    for user in (supervisor, overseer):
        client.force_login(user)
        response = client.post(reverse("dialogues:plan_new"),
                               {"agency": commune.pk, "year": 2026, "kind": "periodic"})
        assert response.status_code == 403
    assert not Plan.objects.exists()


# --- the plan page -------------------------------------------------------------------------

def test_the_plan_reads_like_the_seed_plan(client, clerk, plan, conference):
    client.force_login(clerk)
    text = client.get(_detail(plan)).content.decode()
    assert "<em>Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15" in text
    for heading in ("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu",
                    "II. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN", "2. Thành phần",
                    "III. HÌNH THỨC, NỘI DUNG, CHƯƠNG TRÌNH", "3. Chương trình hội nghị",
                    "4. Nội dung trang trí khánh tiết", "5. Nội quy hội nghị",
                    "IV. TỔ CHỨC THỰC HIỆN", "Công tác phối hợp", "V. KINH PHÍ THỰC HIỆN",
                    "Nơi nhận:", "Thời hạn các bước"):
        assert heading in text, heading
    assert text.index("Đại biểu xã") < text.index("Đại biểu thôn") < text.index(
        "Đại diện Nhân dân —")
    villages = plan.agency.villages.filter(is_active=True).count()
    assert "3 người/thôn" in text and f"{villages} thôn: {3 * villages} người" in text
    assert "Công an xã" in text and "kế hoạch bảo đảm an ninh trật tự" in text
    assert "Lý Thị Dương" in text and "TM." in text and "CHỦ TỊCH" in text
    assert "Tiến hành đối thoại với Nhân dân" in text
    assert "18/12/2026" in text  # its conference
    assert "theo luật" in text and "theo thực tiễn" in text
    assert reverse("audit:history", args=["dialogues.plan", plan.pk]) in text
    assert reverse("dialogues:plan_edit", args=[plan.pk]) in text


def test_a_draft_lists_what_is_missing_before_issue(client, clerk, plan):
    plans.update_plan(actor=clerk, plan=plan, data={"signer": None}, version=plan.version)
    client.force_login(clerk)
    text = client.get(_detail(plan)).content.decode()
    assert "Chưa ban hành được, còn thiếu:" in text and "Người ký" in text
    assert "Chưa chọn người ký" in text


def _issue_url(plan):
    return reverse("documents:issue", args=["ke-hoach", plan.pk])


def test_issue_through_the_register_publish_and_history(client, clerk, plan):
    client.force_login(clerk)
    response = client.post(_issue_url(plan), {"da_ky": "on", "ngay": "2026-11-20",
                                              "next": _detail(plan)})
    assert response.status_code == 302
    plan.refresh_from_db()
    # The register's first KH number of 2026, with its leading zero.
    assert (plan.state, plan.number, plan.issued_on) == ("issued", "01/KH-UBND",
                                                         dt.date(2026, 11, 20))
    text = client.get(_detail(plan)).content.decode()
    assert "số 01/KH-UBND" in text and "Công khai kế hoạch" in text
    client.post(reverse("dialogues:plan_publish", args=[plan.pk]), {"version": plan.version})
    plan.refresh_from_db()
    assert plan.state == "published" and plan.published_on is not None
    actions = set(AuditEvent.objects.filter(object_id=str(plan.pk), object_type="dialogues.plan")
                  .values_list("action", flat=True))
    assert {"plan.create", "plan.issue", "plan.publish"} <= actions
    history = client.get(reverse("audit:history", args=["dialogues.plan", plan.pk]))
    assert history.status_code == 200


def test_a_draft_points_to_the_register_not_to_a_typed_number(client, clerk, plan):
    client.force_login(clerk)
    text = client.get(_detail(plan)).content.decode()
    assert "Ban hành (cấp số và lưu bản chính thức)" in text
    assert 'name="number"' not in text


def test_issuing_with_a_missing_signer_lists_it_and_changes_nothing(client, clerk, plan):
    plans.update_plan(actor=clerk, plan=plan, data={"signer": None}, version=plan.version)
    client.force_login(clerk)
    before = _snapshot(plan)
    page = client.post(_issue_url(plan), {"da_ky": "on", "ngay": "2026-11-20",
                                          "next": _detail(plan)}, follow=True)
    text = page.content.decode()
    assert "Chưa ban hành được, còn thiếu:" in text and "người ký" in text
    assert _snapshot(plan) == before


def test_the_register_follows_the_paper_register(client, clerk, plan):
    """The office had reached 27 in its paper register: the plan is 27/KH-UBND."""
    from doithoai.documents.actions import register as register_actions

    register_actions.set_next_number(actor=clerk, agency=plan.agency, year=2026, code="KH",
                                     next_number=27, reason="Khớp sổ giấy")
    client.force_login(clerk)
    client.post(_issue_url(plan), {"da_ky": "on", "ngay": "2026-11-20"})
    plan.refresh_from_db()
    assert plan.number == "27/KH-UBND"


def test_issuing_twice_is_refused(client, clerk, plan):
    client.force_login(clerk)
    client.post(_issue_url(plan), {"da_ky": "on", "ngay": "2026-11-20"})
    plan.refresh_from_db()
    before = _snapshot(plan)
    page = client.post(_issue_url(plan), {"da_ky": "on", "ngay": "2026-11-20",
                                          "next": _detail(plan)}, follow=True)
    assert "Đã ban hành số 01/KH-UBND" in page.content.decode()
    assert _snapshot(plan) == before


def test_completing_needs_closed_conferences(client, clerk, plan, conference):
    plans.issue_plan(actor=clerk, plan=plan, number="27/KH-UBND", issued_on=ISSUED_ON)
    plan.refresh_from_db()
    client.force_login(clerk)
    response = client.post(reverse("dialogues:plan_complete", args=[plan.pk]),
                           {"version": plan.version}, follow=True)
    assert "Còn hội nghị chưa hoàn thành việc trả lời ý kiến." in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == "issued"


# --- edit ----------------------------------------------------------------------------------

def test_clerk_edits_a_section(client, clerk, plan):
    client.force_login(clerk)
    page = client.get(reverse("dialogues:plan_edit", args=[plan.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Theo luật: thông báo công khai chậm nhất 07 ngày" in text
    assert "Theo thực tiễn các kế hoạch mẫu: gửi giấy mời" in text
    assert f'name="version" value="{plan.version}"' in text
    response = client.post(reverse("dialogues:plan_edit", args=[plan.pk]),
                           _edit_data(plan, venue="Nhà Văn hoá xã Điềm He",
                                      announce_days_before=10))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.venue == "Nhà Văn hoá xã Điềm He" and plan.announce_days_before == 10
    assert AuditEvent.objects.filter(action="plan.update", object_id=str(plan.pk)).exists()


def test_a_stale_edit_is_refused_with_a_message(client, clerk, plan):
    client.force_login(clerk)
    data = _edit_data(plan, venue="Hội trường")
    plans.update_plan(actor=clerk, plan=plan, data={"venue": "Nhà văn hóa"},
                      version=plan.version)
    before = _snapshot(plan)
    page = client.post(reverse("dialogues:plan_edit", args=[plan.pk]), data)
    assert page.status_code == 400
    assert "Người khác vừa cập nhật mục này" in page.content.decode()
    assert _snapshot(plan) == before and plan.venue == "Nhà văn hóa"


def test_edit_refuses_an_ad_hoc_plan_without_basis_and_empty_sections(client, clerk, plan):
    client.force_login(clerk)
    before = _snapshot(plan)
    page = client.post(reverse("dialogues:plan_edit", args=[plan.pk]),
                       _edit_data(plan, kind="ad_hoc", ad_hoc_basis="", budget=""))
    text = page.content.decode()
    assert page.status_code == 400
    assert "Kế hoạch đột xuất cần ghi căn cứ tổ chức." in text
    assert "Chưa lưu được" in text
    assert _snapshot(plan) == before


def test_after_issue_only_settings_move_with_a_reason(client, clerk, plan):
    plans.issue_plan(actor=clerk, plan=plan, number="27/KH-UBND", issued_on=ISSUED_ON)
    plan.refresh_from_db()
    client.force_login(clerk)
    url = reverse("dialogues:plan_edit", args=[plan.pk])
    text = client.get(url).content.decode()
    assert 'name="purposes"' not in text and 'name="invite_workdays_before"' in text
    settings = {name: getattr(plan, name) for name in plans.PLAN_SETTINGS}
    before = _snapshot(plan)
    page = client.post(url, {**settings, "invite_workdays_before": 10, "version": plan.version,
                             "purposes": "Khác"})
    assert page.status_code == 400 and "Lý do thay đổi" in page.content.decode()
    assert _snapshot(plan) == before
    response = client.post(url, {**settings, "invite_workdays_before": 10, "purposes": "Khác",
                                 "version": plan.version,
                                 "reason": "Thôn ở xa cần thêm thời gian nhận giấy mời"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.invite_workdays_before == 10 and plan.purposes != "Khác"
    event = AuditEvent.objects.filter(action="plan.update").latest("seq")
    assert event.reason == "Thôn ở xa cần thêm thời gian nhận giấy mời"


def test_signer_choices_are_the_agencys_people(client, clerk, plan, outsider):
    client.force_login(clerk)
    stranger = Person.objects.exclude(agency=plan.agency).first()
    before = _snapshot(plan)
    page = client.post(reverse("dialogues:plan_edit", args=[plan.pk]),
                       _edit_data(plan, signer=stranger.pk))
    assert page.status_code == 400 and _snapshot(plan) == before


# --- who may do what -----------------------------------------------------------------------

def _pages(plan):
    group, task = plan.groups.first(), plan.tasks.first()
    return {
        "detail": (reverse("dialogues:plan_detail", args=[plan.pk]), {}),
        "edit": (reverse("dialogues:plan_edit", args=[plan.pk]), _edit_data(plan, venue="X")),
        "issue": (reverse("documents:issue", args=["ke-hoach", plan.pk]),
                  {"da_ky": "on", "ngay": "2026-11-20"}),
        "publish": (reverse("dialogues:plan_publish", args=[plan.pk]), {}),
        "complete": (reverse("dialogues:plan_complete", args=[plan.pk]), {}),
        "groups": (reverse("dialogues:plan_groups", args=[plan.pk]),
                   {"new-side": "extra", "new-label": "Khách", "new-seats": 1}),
        "group": (reverse("dialogues:plan_group", args=[plan.pk, group.pk]), {"op": "remove"}),
        "tasks": (reverse("dialogues:plan_tasks", args=[plan.pk]),
                  {"new-unit": task.unit_id, "new-text": "Việc mới"}),
        "task": (reverse("dialogues:plan_task", args=[plan.pk, task.pk]), {"op": "remove"}),
    }


GET_PAGES = ("detail", "edit", "groups", "tasks")


@pytest.mark.parametrize("role", ["supervisor", "overseer"])
def test_read_only_roles_see_every_page_and_change_nothing(client, plan, request, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    before = _snapshot(plan)
    for name, (url, data) in _pages(plan).items():
        if name in GET_PAGES:
            page = client.get(url)
            assert page.status_code == 200, name
            text = page.content.decode()
            assert 'method="post"' not in text.split('id="main"')[1].split("<footer")[0], name
        if name != "detail":
            assert client.post(url, data).status_code == 403, name
    assert _snapshot(plan) == before


def test_other_roles_of_the_commune_see_but_cannot_act(client, plan, commune):
    unit_officer = User.objects.get(username="kinhte")
    client.force_login(unit_officer)
    before = _snapshot(plan)
    assert client.get(_detail(plan)).status_code == 200
    for name, (url, data) in _pages(plan).items():
        if name != "detail":
            assert client.post(url, data).status_code == 403, name
    assert _snapshot(plan) == before


def test_another_commune_gets_404_everywhere(client, plan, outsider):
    client.force_login(outsider)
    before = _snapshot(plan)
    for name, (url, data) in _pages(plan).items():
        if name in GET_PAGES:
            assert client.get(url).status_code == 404, name
        if name != "detail":
            assert client.post(url, data).status_code == 404, name
    assert _snapshot(plan) == before


def test_a_village_head_of_the_commune_sees_the_plan(client, plan, commune):
    head = user_with_role(Role.VILLAGE_HEAD, agency=commune,
                          village=commune.villages.first())
    client.force_login(head)
    assert client.get(_detail(plan)).status_code == 200
    assert "Ban hành kế hoạch" not in client.get(_detail(plan)).content.decode()
