"""The level above: yearly figures (R30), the province's roll-up (R29), requests to plan (R03)."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.dialogues.actions import plan_requests, plans
from doithoai.dialogues.models import PlanRequest
from doithoai.dialogues.selectors import oversight
from doithoai.org.models import Agency, Role, User
from tests.dialogues.oversight_fixtures import (
    conclude,
    held_conference,
    petitions_in_every_state,
)
from tests.factories import AgencyFactory, ProvinceFactory, user_with_role


@pytest.fixture
def commune(db, load_organisation):
    """Loaded per test here: one test needs real commits (the mail goes after commit), which
    the module-wide organisation of conftest.py cannot give."""
    load_organisation()
    return Agency.objects.get(code="ubnd-xa-diem-he")


@pytest.fixture
def province(commune):
    return commune.parent


@pytest.fixture
def van_quan(commune):
    return Agency.objects.get(code="ubnd-xa-van-quan")


@pytest.fixture
def overseer(commune):
    return User.objects.get(username="tinh")


@pytest.fixture
def world(commune, clerk, leader):
    plan, conference = held_conference(commune, clerk, leader)
    conference = conclude(conference, clerk)
    made = petitions_in_every_state(commune, conference, clerk, leader)
    return {"plan": plan, "conference": conference, **made}


def day_after_due(world):
    return world["open_assigned"].due_date + dt.timedelta(days=1)


# -- yearly figures ---------------------------------------------------------------------------


def test_yearly_figures_hand_counted(world, commune):
    today = day_after_due(world)
    assert world["open_complex"].due_date > today  # complex: 30 working days
    f = oversight.yearly_figures(commune, 2026, today=today)
    assert f.plan == world["plan"] and f.plan.number == "27/KH-UBND"
    assert [c.conference for c in f.held] == [world["conference"]]
    assert f.attendance == 120
    assert f.conferences[0].received == 10
    c = f.of_conferences.counts
    assert (c.received, c.answered, c.answered_at_conference, c.answered_in_writing) == \
        (10, 4, 2, 2)
    assert (c.answered_on_time, c.answered_late, c.answered_in_writing_on_time) == (3, 1, 1)
    assert (c.escalated, c.transferred, c.not_accepted) == (1, 1, 1)
    assert (c.open, c.open_overdue, c.open_not_overdue) == (3, 2, 1)
    # Every petition in exactly one bucket.
    assert c.answered + c.escalated + c.transferred + c.not_accepted + c.open == c.received
    assert c.on_time_percent == round(100 * 3 / 6)
    y = f.of_year.counts
    assert (y.received, y.open, y.open_overdue, y.answered) == (11, 4, 3, 4)
    kinds = {line.label: line.count for line in f.of_conferences.by_kind}
    assert kinds == {"Ý kiến, kiến nghị": 9, "Tố cáo": 1}
    assert sum(line.count for line in f.of_year.by_field) == 11
    table = {label: (a, b) for label, a, b in f.table()}
    assert table["Đã trả lời bằng văn bản quá hạn"] == (1, 1)
    assert table["Đang giải quyết, đã quá hạn"] == (2, 3)


def test_answer_published_late_evening_of_due_day_is_on_time(world, commune):
    """On time is judged on the local (Vietnam) day, not the UTC one."""
    from doithoai.petitions.models import Answer
    from tests.dialogues.oversight_fixtures import at_local

    late = world["late"]
    Answer.objects.filter(petition=late).update(published_at=at_local(late.due_date, 23))
    c = oversight.yearly_figures(commune, 2026, today=day_after_due(world)).of_conferences.counts
    assert (c.answered_on_time, c.answered_late) == (4, 0)


def test_yearly_figures_of_an_empty_year(commune):
    f = oversight.yearly_figures(commune, 2031, today=dt.date(2031, 1, 5))
    assert f.plan is None and f.conferences == []
    assert f.of_year.counts.received == 0 and f.of_year.counts.on_time_percent is None


def test_yearly_figures_page_for_the_office_and_the_overseer(client, world, commune, clerk,
                                                             overseer):
    url = reverse("dialogues:yearly_figures", args=[commune.pk, 2026])
    for user in (clerk, overseer):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert "27/KH-UBND" in body and "Đã trả lời bằng văn bản quá hạn" in body
        assert "Hoàng Văn Bí Mật" not in body


def test_yearly_figures_page_scope(client, world, commune, outsider, van_quan):
    client.force_login(outsider)  # Văn Quan's clerk
    assert client.get(reverse("dialogues:yearly_figures",
                              args=[commune.pk, 2026])).status_code == 404
    assert client.get(reverse("dialogues:yearly_figures",
                              args=[van_quan.pk, 2026])).status_code == 200
    other_overseer = user_with_role(Role.OVERSEER, agency=ProvinceFactory())
    client.force_login(other_overseer)
    assert client.get(reverse("dialogues:yearly_figures",
                              args=[commune.pk, 2026])).status_code == 404
    village_head = User.objects.get(username="truongthon")
    client.force_login(village_head)
    assert client.get(reverse("dialogues:yearly_figures",
                              args=[commune.pk, 2026])).status_code == 403


# -- roll-up ----------------------------------------------------------------------------------


def test_rollup_per_commune(world, province, commune, van_quan):
    data = oversight.rollup(province, 2026, today=day_after_due(world))
    rows = {r.agency: r for r in data.rows}
    assert set(rows) == {commune, van_quan}
    dh, vq = rows[commune], rows[van_quan]
    assert dh.plan == world["plan"] and dh.held_on == [world["conference"].held_on]
    assert (dh.counts.received, dh.counts.answered_on_time, dh.counts.open_overdue) == (10, 3, 2)
    assert not vq.has_plan and vq.counts.received == 0 and vq.held_on == []
    assert data.without_plan == 1 and data.totals.received == 10
    assert data.held_conferences == 1


def test_rollup_page(client, world, overseer, province, commune, van_quan):
    client.force_login(overseer)
    response = client.get(reverse("dialogues:rollup"), {"nam": 2026})
    assert response.status_code == 200
    body = response.content.decode()
    assert commune.name in body and van_quan.name in body
    assert reverse("dialogues:plan_detail", args=[world["plan"].pk]) in body
    assert "12/06/2026" in body
    only = client.get(reverse("dialogues:rollup"), {"nam": 2026, "loc": "chua-ke-hoach"})
    rows = [r.agency for r in only.context["rows"]]
    assert rows == [van_quan]
    overdue = client.get(reverse("dialogues:rollup"), {"nam": 2026, "loc": "qua-han"})
    assert [r.agency for r in overdue.context["rows"]] == [commune]
    by_count = client.get(reverse("dialogues:rollup"), {"nam": 2026, "sap": "y-kien"})
    assert [r.agency for r in by_count.context["rows"]] == [commune, van_quan]
    # The request form offers only the commune without a plan, with the message prefilled.
    assert [a.pk for a in response.context["without_plan"]] == [van_quan.pk]
    message = response.context["form"]["message"].value()
    assert "Điều 43 Luật Tổ chức chính quyền địa phương" in message


def test_rollup_refused_to_commune_staff(client, commune, clerk, leader):
    for user in (clerk, leader):
        client.force_login(user)
        assert client.get(reverse("dialogues:rollup")).status_code == 403


def test_rollup_needs_login(client, commune):
    response = client.get(reverse("dialogues:rollup"))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_overseer_of_another_province(client, world, province, commune):
    other = ProvinceFactory()
    AgencyFactory(parent=other, name="Ủy ban nhân dân xã Khác Tỉnh")
    user = user_with_role(Role.OVERSEER, agency=other)
    client.force_login(user)
    response = client.get(reverse("dialogues:rollup"), {"nam": 2026})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Khác Tỉnh" in body and commune.name not in body
    assert response.context["data"].totals.received == 0
    assert client.get(reverse("dialogues:rollup"),
                      {"tinh": province.pk}).status_code == 404


def test_admin_chooses_the_province(client, world, province, commune):
    admin = User.objects.get(is_superuser=True)
    client.force_login(admin)
    response = client.get(reverse("dialogues:rollup"),
                          {"tinh": province.pk, "nam": 2026})
    assert response.status_code == 200 and commune.name in response.content.decode()


def test_rollup_query_count(django_assert_max_num_queries, world, province, overseer):
    """A handful of queries however many communes and petitions."""
    from doithoai.petitions.actions import intake
    for i in range(6):
        agency = AgencyFactory(parent=province)
        intake.receive(intake.Intake(agency=agency, text=f"Ý kiến {i}", channel="office",
                                     received_on=dt.date(2026, 6, 1)))
        if i % 2:
            plans.create_plan(actor=user_with_role(Role.CLERK, agency=agency),
                              agency=agency, year=2026)
    with django_assert_max_num_queries(5):
        data = oversight.rollup(province, 2026)
        assert len(data.rows) == 8


def test_rollup_page_query_count(client, django_assert_max_num_queries, world, province,
                                 overseer):
    for _i in range(6):
        AgencyFactory(parent=province)
    client.force_login(overseer)
    client.get(reverse("dialogues:rollup"))  # warm the session
    with django_assert_max_num_queries(16):
        assert client.get(reverse("dialogues:rollup"), {"nam": 2026}).status_code == 200


# -- requests to plan -------------------------------------------------------------------------


def test_request_plans(world, overseer, province, van_quan):
    mail.outbox.clear()
    before = AuditEvent.objects.count()
    message = oversight.default_request_message(province, 2026)
    requests = plan_requests.request_plans(actor=overseer, province_agency=province,
                                           agencies=[van_quan], year=2026, message=message)
    assert [r.agency for r in requests] == [van_quan]
    assert PlanRequest.objects.get().requested_by == overseer
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.order_by("-seq").first().action == "plan_request.create"


@pytest.mark.django_db(transaction=True)
def test_request_plans_mails_the_office_and_leaders(commune, overseer, van_quan):
    mail.outbox.clear()
    plan_requests.request_plans(actor=overseer, province_agency=commune.parent,
                                agencies=[van_quan], year=2027, message="Đề nghị lập kế hoạch.")
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    clerk = User.objects.get(username="vanphong.vanquan")
    assert clerk.email in sent.to
    assert all("vanphong@" not in to for to in sent.to)  # not Điềm He's office
    assert "2027" in sent.subject and "Đề nghị lập kế hoạch." in sent.body


def test_request_refusals(world, overseer, province, commune, van_quan, clerk):
    def ask(actor=overseer, agencies=(van_quan,), message="Đề nghị.", prov=province):
        return plan_requests.request_plans(actor=actor, province_agency=prov,
                                           agencies=list(agencies), year=2026, message=message)

    with pytest.raises(ValidationError, match="Đã có kế hoạch năm 2026"):
        ask(agencies=[commune, van_quan])  # Điềm He has its plan
    foreign = AgencyFactory(parent=ProvinceFactory(), name="Ủy ban nhân dân xã Ngoài Tỉnh")
    with pytest.raises(ValidationError, match="Ngoài Tỉnh"):
        ask(agencies=[van_quan, foreign])
    with pytest.raises(ValidationError, match="nội dung"):
        ask(message="  ")
    with pytest.raises(ValidationError, match="ít nhất một xã"):
        ask(agencies=[])
    with pytest.raises(PermissionDenied):
        ask(actor=clerk)  # a commune clerk
    with pytest.raises(PermissionDenied):
        ask(actor=user_with_role(Role.OVERSEER, agency=ProvinceFactory()))
    with pytest.raises(PermissionDenied):
        ask(prov=commune)  # not a province
    assert not PlanRequest.objects.exists()


def test_request_from_the_page(client, world, overseer, province, commune, van_quan):
    client.force_login(overseer)
    url = reverse("dialogues:rollup")
    refused = client.post(url, {"tinh": province.pk, "nam": 2026,
                                "agencies": [commune.pk, van_quan.pk], "message": "Đề nghị."})
    assert refused.status_code == 400
    assert "Đã có kế hoạch năm 2026" in refused.content.decode()
    assert not PlanRequest.objects.exists()
    empty = client.post(url, {"tinh": province.pk, "nam": 2026, "message": "Đề nghị."})
    assert empty.status_code == 400 and "Hãy chọn ít nhất một xã." in empty.content.decode()
    response = client.post(url, {"tinh": province.pk, "nam": 2026, "agencies": [van_quan.pk],
                                 "message": "Đề nghị xã lập kế hoạch."}, follow=True)
    assert response.status_code == 200
    assert "Đã gửi đề nghị xây dựng kế hoạch năm 2026 đến 1 xã." in response.content.decode()
    assert PlanRequest.objects.get().agency == van_quan
    assert "Đã đề nghị" in response.content.decode()


def test_supervisor_cannot_request(client, world, province, van_quan, supervisor):
    client.force_login(supervisor)
    assert client.post(reverse("dialogues:rollup"),
                       {"tinh": province.pk, "agencies": [van_quan.pk],
                        "message": "x"}).status_code == 403


def test_open_plan_requests(world, overseer, province, van_quan, outsider, clerk):
    plan_requests.request_plans(actor=overseer, province_agency=province, agencies=[van_quan],
                                year=2027, message="Đề nghị lập kế hoạch năm 2027.")
    assert [r.agency for r in oversight.open_plan_requests(outsider)] == [van_quan]
    assert oversight.open_plan_requests(clerk) == []  # Điềm He was not asked
    assert oversight.open_plan_requests(overseer) == []  # the home card is the commune's
    plans.create_plan(actor=outsider, agency=van_quan, year=2027)
    assert oversight.open_plan_requests(outsider) == []  # answered by the plan
