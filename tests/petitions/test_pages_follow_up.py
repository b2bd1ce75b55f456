"""Follow-up (đôn đốc): per unit, what is due soon and overdue, and one click to urge the
unit — by e-mail and text message, recorded as an Urge, a Reminder per petition and in the
audit log (the urges' own rules: tests/petitions/test_follow_up_urges.py)."""

import datetime as dt

import pytest
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.core.petition_flow import State
from doithoai.org.models import Role
from doithoai.petitions import reminder_letters
from doithoai.petitions.actions import answers, assignments, urges
from doithoai.petitions.models import Kind, Petition, Reminder
from doithoai.petitions.selectors import follow_up
from doithoai.petitions.selectors.deadlines import today_info
from tests.factories import AgencyFactory, ProvinceFactory, UnitFactory, user_with_role
from tests.petitions.test_queue_office import make

FOLLOW_UP = reverse("petitions:follow_up")
REMIND = reverse("petitions:follow_up_remind")


@pytest.fixture
def today():
    return today_info()


@pytest.fixture
def due(receive, people, today):
    """Assigned petitions: two overdue and one due soon at the unit, one calm, one overdue at
    the other unit, and one overdue but still waiting for the office."""
    def assigned(due_date, unit=None, text="Đường liên thôn xuống cấp"):
        p = assignments.assign(actor=people["clerk"], petition=receive(text=text),
                               unit=unit or people["unit"])
        Petition.objects.filter(pk=p.pk).update(due_date=due_date)
        return Petition.objects.get(pk=p.pk)
    late = today.today - dt.timedelta(days=3)
    d = {
        "late1": assigned(late),
        "late2": assigned(late - dt.timedelta(days=1)),
        "soon": assigned(today.soon_limit),
        "calm": assigned(today.soon_limit + dt.timedelta(days=30)),
        "other": assigned(late, people["other_unit"]),
        "office": receive(),
    }
    Petition.objects.filter(pk=d["office"].pk).update(due_date=late)
    people["officer"].email = "kinhte@example.vn"
    people["officer"].save()
    return d


def test_the_table_per_unit_and_the_lists(client, due, people):
    client.force_login(people["clerk"])
    response = client.get(FOLLOW_UP)
    rows = {r.unit.name: (r.due_soon, r.overdue, [p.pk for p in r.petitions])
            for r in response.context["rows"]}
    assert rows == {
        "Phòng Kinh tế": (1, 2, [due["late2"].pk, due["late1"].pk, due["soon"].pk]),
        "Phòng Văn hóa - Xã hội": (0, 1, [due["other"].pk]),
    }
    assert [r.unit.name for r in response.context["rows"]][0] == "Phòng Kinh tế"
    stages = {s.stage: (s.overdue, s.due_soon) for s in response.context["stages"]}
    assert stages == {"office": (1, 0), "unit": (3, 1), "leader": (0, 0), "publish": (0, 0)}
    body = response.content.decode()
    assert due["calm"].tracking_code not in body
    assert body.count('name="unit"') == 2 and body.count('name="petition"') == 4
    assert "Quá hạn</span>" in body and "Sắp đến hạn</span>" in body


def test_remind_a_unit_sends_one_mail_and_records_it(client, due, people, mailoutbox, today):
    client.force_login(people["clerk"])
    response = client.post(REMIND, {"unit": people["unit"].pk, "next": FOLLOW_UP}, follow=True)
    assert response.redirect_chain[-1][0] == FOLLOW_UP
    assert ("Đã đôn đốc Phòng Kinh tế về 3 ý kiến (thư điện tử (1 địa chỉ), công văn đôn "
            "đốc).") in [str(m) for m in response.context["messages"]]
    [mail] = mailoutbox
    assert mail.to == ["kinhte@example.vn"]
    for key in ("late1", "late2", "soon"):
        assert due[key].tracking_code in mail.body
    assert due["calm"].tracking_code not in mail.body
    reminders = Reminder.objects.filter(kind=Reminder.Kind.MANUAL)
    assert set(reminders.values_list("petition_id", flat=True)) == {
        due["late1"].pk, due["late2"].pk, due["soon"].pk}
    assert {r.sent_by for r in reminders} == {people["clerk"]}
    assert {r.sent_on for r in reminders} == {today.today}
    event = AuditEvent.objects.get(action="urge.create")
    assert event.object_type == "petitions.urge" and event.actor == people["clerk"]
    assert sorted(event.after["petitions"]) == sorted(
        due[k].tracking_code for k in ("late1", "late2", "soon"))
    on_petitions = AuditEvent.objects.filter(action="petition.urge")
    assert sorted(int(e.object_id) for e in on_petitions) == sorted(
        due[k].pk for k in ("late1", "late2", "soon"))


def test_remind_one_petition(client, due, people, mailoutbox):
    client.force_login(people["leader"])
    client.post(REMIND, {"petition": due["late1"].pk})
    [mail] = mailoutbox
    assert due["late1"].tracking_code in mail.body and due["late2"].tracking_code not in mail.body
    assert Reminder.objects.get().petition_id == due["late1"].pk


def test_a_petition_no_longer_waiting_for_the_unit_is_not_reminded(client, due, people,
                                                                  mailoutbox):
    p = due["late1"]
    answers.draft_answer(actor=people["officer"], petition=p, text="Dự thảo trả lời")
    client.force_login(people["clerk"])
    assert not client.get(reverse("petitions:detail", args=[p.pk])).context["can_remind"]
    response = client.post(REMIND, {"petition": p.pk}, follow=True)
    assert f"Ý kiến {p.tracking_code} không còn chờ đơn vị trả lời: không cần nhắc." in [
        str(m) for m in response.context["messages"]]
    assert mailoutbox == [] and not Reminder.objects.exists()


def test_a_unit_without_an_address_is_urged_all_the_same(client, due, people, mailoutbox):
    client.force_login(people["clerk"])
    response = client.post(REMIND, {"unit": people["other_unit"].pk}, follow=True)
    assert ("Đã đôn đốc Phòng Văn hóa - Xã hội về 1 ý kiến (công văn đôn đốc).") in [
        str(m) for m in response.context["messages"]]
    assert mailoutbox == []
    assert Reminder.objects.get().petition_id == due["other"].pk
    assert AuditEvent.objects.filter(action="petition.urge").count() == 1


def test_a_unit_with_nothing_due_is_told_so(client, due, people, mailoutbox):
    spare = UnitFactory(agency=people["unit"].agency, name="Trạm Y tế")
    client.force_login(people["clerk"])
    response = client.post(REMIND, {"unit": spare.pk}, follow=True)
    assert "Trạm Y tế không còn ý kiến nào cần nhắc." in [
        str(m) for m in response.context["messages"]]
    assert mailoutbox == []


@pytest.mark.parametrize("role", ["supervisor", "overseer"])
def test_read_only_roles_see_but_cannot_remind(client, due, people, commune, role, mailoutbox):
    if role == "overseer":
        province = ProvinceFactory()
        commune.parent = province
        commune.save()
        people["overseer"] = user_with_role(Role.OVERSEER, agency=province)
    client.force_login(people[role])
    response = client.get(FOLLOW_UP, {"agency": commune.pk})
    assert response.status_code == 200 and response.context["rows"]
    assert not response.context["can_remind"]
    assert 'action="/y-kien/don-doc/gui-nhac/"' not in response.content.decode()
    assert client.post(REMIND, {"unit": people["unit"].pk}).status_code == 403
    assert client.post(REMIND, {"petition": due["late1"].pk}).status_code == 403
    assert mailoutbox == [] and not Reminder.objects.exists()


def test_the_unit_officer_cannot_remind(client, due, people, mailoutbox):
    client.force_login(people["officer"])
    response = client.post(REMIND, {"unit": people["unit"].pk}, follow=True)
    assert "Chỉ Văn phòng hoặc Lãnh đạo được gửi nhắc." in [
        str(m) for m in response.context["messages"]]
    assert mailoutbox == [] and not Reminder.objects.exists()


def test_another_communes_units_and_petitions_are_404(client, due, people):
    agency = AgencyFactory()
    unit = UnitFactory(agency=agency)
    theirs = make(agency, unit=unit, state=State.ASSIGNED, due_date=dt.date(2020, 1, 1))[0]
    client.force_login(people["clerk"])
    assert client.post(REMIND, {"unit": unit.pk}).status_code == 404
    assert client.post(REMIND, {"petition": theirs.pk}).status_code == 404
    assert unit.name not in client.get(FOLLOW_UP).content.decode()


def test_the_overseer_chooses_a_commune(client, due, people, commune):
    province = ProvinceFactory()
    commune.parent = province
    commune.save()
    AgencyFactory(parent=province)
    client.force_login(user_with_role(Role.OVERSEER, agency=province))
    response = client.get(FOLLOW_UP)
    assert response.context["several"] and response.context["agency"] is None
    assert response.context["rows"] == []
    assert client.get(FOLLOW_UP, {"agency": commune.pk}).context["agency"] == commune


# --- the composer and the sender, reused by `doithoai remind` --------------------------------

def test_compose_names_each_petition_its_due_date_and_link(due, people, today, settings):
    settings.PUBLIC_BASE_URL = "https://doithoai.example.vn"
    subject, body = reminder_letters.compose_unit_reminder(
        people["unit"], [due["soon"], due["late1"]], today=today.today)
    assert subject == "Đôn đốc trả lời 2 ý kiến, kiến nghị — Phòng Kinh tế"
    assert body.startswith("Kính gửi: Phòng Kinh tế")
    assert "(1 ý kiến đã quá hạn)" in body
    first, second = body.index(due["late1"].tracking_code), body.index(due["soon"].tracking_code)
    assert first < second  # the most urgent first
    assert f"hạn trả lời {due['late1'].due_date:%d/%m/%Y}, đã quá hạn" in body
    assert f"https://doithoai.example.vn/y-kien/{due['late1'].pk}/" in body
    assert "Đường liên thôn xuống cấp" in body


def test_compose_never_mails_a_complaints_or_denunciations_text(receive, people, today):
    p = receive(text="Tố cáo ông X nhận tiền của dân")
    Petition.objects.filter(pk=p.pk).update(kind=Kind.DENUNCIATION, unit=people["unit"],
                                            state=State.ASSIGNED)
    p = Petition.objects.get(pk=p.pk)
    _, body = reminder_letters.compose_unit_reminder(people["unit"], [p], today=today.today)
    assert "nhận tiền" not in body and "(Tố cáo — nội dung xem trên hệ thống)" in body


def test_a_failed_send_from_the_page_is_a_warning_and_the_urge_stands(client, due, people,
                                                                      monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")
    monkeypatch.setattr(urges, "send_mail", broken)
    client.force_login(people["clerk"])
    response = client.post(REMIND, {"unit": people["unit"].pk}, follow=True)
    assert any("Không gửi được: thư điện tử" in str(m) for m in response.context["messages"])
    assert Reminder.objects.count() == 3


def test_queries_do_not_grow_with_the_rows(client, due, people, commune,
                                           django_assert_max_num_queries):
    client.force_login(people["clerk"])
    with django_assert_max_num_queries(25) as few:
        client.get(FOLLOW_UP)
    make(commune, 40, unit=people["unit"], state=State.ASSIGNED, due_date=dt.date(2020, 1, 1),
         village=people["village"])
    make(commune, 40, unit=UnitFactory(agency=commune), state=State.ASSIGNED,
         due_date=dt.date(2020, 1, 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(FOLLOW_UP)
    assert max(len(r.petitions) for r in response.context["rows"]) == follow_up.LIST_LIMIT
    assert response.context["rows"][0].more == 43 - follow_up.LIST_LIMIT
