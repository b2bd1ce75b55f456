"""The follow-up names every late petition by where it waits, with the queue's counts; urging a
unit or the leaders: once a day unless a reason is written, by e-mail and text message to
whoever has an address or a phone, recorded on each petition (its history says "Đôn đốc"),
shown as "last urged" on the page."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from doithoai.core.petition_flow import OPEN_STATES, WAITS_WITH, Stage, State
from doithoai.org.models import Person
from doithoai.petitions.actions import answers, assignments, urges
from doithoai.petitions.models import Field, Kind, Petition, Reminder, Urge
from doithoai.petitions.selectors import queues
from doithoai.petitions.selectors.deadlines import today_info
from doithoai.petitions.sms import LogGateway

FOLLOW_UP = reverse("petitions:follow_up")
URGE = reverse("petitions:follow_up_remind")


@pytest.fixture
def today():
    return today_info()


def _due(petition, day):
    Petition.objects.filter(pk=petition.pk).update(due_date=day)
    return Petition.objects.get(pk=petition.pk)


@pytest.fixture
def spread(receive, people, commune, today):
    """Late and due-soon petitions in every open state, a late complaint (its own
    procedure: counted nowhere), and one in time."""
    clerk, officer, leader = people["clerk"], people["officer"], people["leader"]
    late, soon = today.today - dt.timedelta(days=2), today.soon_limit
    field = Field.objects.filter(agency=commune).first()

    def assigned(**kw):
        return assignments.assign(actor=clerk, petition=receive(**kw), unit=people["unit"])

    received = receive()
    classified = assignments.classify(actor=clerk, petition=receive(), kind=Kind.OPINION,
                                      field=field, urgency="normal")
    returned = assignments.return_to_office(actor=officer, petition=assigned(),
                                            reason="Không thuộc lĩnh vực")
    drafted = answers.draft_answer(actor=officer, petition=assigned(), text="Dự thảo").petition
    approved = answers.approve_answer(
        actor=leader, petition=Petition.objects.get(pk=answers.draft_answer(
            actor=officer, petition=assigned(), text="Dự thảo 2").petition_id))
    d = {"received": _due(received, late), "classified": _due(classified, soon),
         "returned": _due(returned, late), "assigned": _due(assigned(), late),
         "assigned_soon": _due(assigned(), soon), "drafted": _due(drafted, late),
         "approved": _due(approved, soon), "calm": _due(assigned(), soon + dt.timedelta(30))}
    complaint = receive(text="Khiếu nại quyết định thu hồi đất")
    Petition.objects.filter(pk=complaint.pk).update(kind=Kind.COMPLAINT, due_date=late)
    people["officer"].email = "kinhte@example.vn"
    people["officer"].person = Person.objects.create(agency=commune, full_name="Chu Thị Mai",
                                                     phone="0912345678")
    people["officer"].save()
    people["leader"].email = "chutich@example.vn"
    people["leader"].save()
    return d


def test_every_open_state_waits_in_exactly_one_stage():
    assert set(WAITS_WITH) == set(OPEN_STATES)


def test_the_counts_by_where_it_waits_equal_the_queues(client, spread, people, commune, today):
    client.force_login(people["clerk"])
    response = client.get(FOLLOW_UP)
    stages = {s.stage: s for s in response.context["stages"]}
    assert {k: (s.overdue, s.due_soon) for k, s in stages.items()} == {
        Stage.OFFICE: (2, 1), Stage.UNIT: (1, 1), Stage.LEADER: (1, 0), Stage.PUBLISH: (0, 1)}
    # The queue on the same data, with its own "Quá hạn" and "Sắp đến hạn" filters.
    for due, attr in ((queues.DUE_OVERDUE, "overdue"), (queues.DUE_SOON_FILTER, "due_soon")):
        page = queues.office_queue(people["clerk"],
                                   queues.QueueFilters(agency=commune, due=due), today)
        for stage, row in stages.items():
            assert getattr(row, attr) == sum(page.counts[s] for s in row.states), (stage, due)
        assert sum(getattr(r, attr) for r in stages.values()) == page.total
    assert response.context["totals"] == {"overdue": 4, "due_soon": 3}
    # Every late one is named on the page, where it waits; nothing in time, no complaint.
    body = response.content.decode()
    for key, p in spread.items():
        assert (p.tracking_code in body) == (key != "calm"), key
    assert "Khiếu nại quyết định" not in body


def test_a_unit_is_urged_once_a_day_unless_a_reason_is_written(spread, people, today,
                                                               mailoutbox):
    LogGateway.sent.clear()
    first = urges.urge_unit(actor=people["clerk"], unit=people["unit"], today=today)
    assert (first.urge.overdue, first.urge.due_soon) == (1, 1)
    assert [m.to for m in mailoutbox] == [["kinhte@example.vn"]]
    assert [phone for phone, _text in LogGateway.sent] == ["0912345678"]
    with pytest.raises(ValidationError) as refused:
        urges.urge_unit(actor=people["clerk"], unit=people["unit"], today=today)
    first.urge.refresh_from_db()
    assert ("Phòng Kinh tế đã được đôn đốc lúc "
            f"{first.urge.urged_at.astimezone(dt.timezone(dt.timedelta(hours=7))):%H:%M %d/%m/%Y}"
            " hôm nay") in refused.value.messages[0]
    assert "hãy ghi lý do" in refused.value.messages[0]
    assert Urge.objects.count() == 1 and len(mailoutbox) == 1
    again = urges.urge_unit(actor=people["clerk"], unit=people["unit"], today=today,
                            reason="Chủ tịch yêu cầu báo cáo trước 16 giờ")
    assert again.urge.reason == "Chủ tịch yêu cầu báo cáo trước 16 giờ"
    tomorrow = today_info(today.today + dt.timedelta(days=1))
    assert urges.urge_unit(actor=people["clerk"], unit=people["unit"], today=tomorrow).urge
    assert Urge.objects.count() == 3
    assert Reminder.objects.filter(petition=spread["assigned"]).count() == 3


def test_a_reason_too_long_changes_nothing(spread, people, today):
    with pytest.raises(ValidationError):
        urges.urge_unit(actor=people["clerk"], unit=people["unit"], today=today,
                        reason="x" * 50_000)
    assert not Urge.objects.exists() and not Reminder.objects.exists()


def test_the_page_shows_who_urged_when_and_each_petitions_history_says_so(
        client, spread, people, today):
    client.force_login(people["clerk"])
    client.post(URGE, {"unit": people["unit"].pk})
    response = client.post(URGE, {"unit": people["unit"].pk}, follow=True)
    assert any("đã được đôn đốc lúc" in str(m) for m in response.context["messages"])
    [row] = response.context["rows"]
    assert row.last_urge.urged_by == people["clerk"]
    listed = {p.pk: p for p in row.petitions}
    assert listed[spread["assigned"].pk].last_urged_by_name == people["clerk"].full_name
    body = response.content.decode()
    assert reverse("petitions:urge_detail", args=[row.last_urge.pk]) in body
    assert "In công văn đôn đốc" in body
    history = client.get(reverse("audit:history",
                                 args=["petitions.petition", spread["assigned"].pk]))
    text = history.content.decode()
    assert "Đôn đốc" in text and people["clerk"].full_name in text
    assert "thư điện tử (1 địa chỉ), tin nhắn (1 số điện thoại), công văn đôn đốc" in text
    assert "Hạn khi đôn đốc" in text


def test_the_leaders_are_urged_about_approvals_the_same_way(client, spread, people, commune,
                                                            today, mailoutbox):
    client.force_login(people["clerk"])
    client.post(URGE, {"leaders": commune.pk})
    [mail] = mailoutbox
    assert mail.to == ["chutich@example.vn"]
    assert spread["drafted"].tracking_code in mail.body
    assert list(Reminder.objects.values_list("petition", flat=True)) == [spread["drafted"].pk]
    response = client.post(URGE, {"leaders": commune.pk}, follow=True)
    assert any("Lãnh đạo UBND đã được đôn đốc lúc" in str(m)
               for m in response.context["messages"])
    leader_row = next(s for s in response.context["stages"] if s.stage == Stage.LEADER)
    assert leader_row.last_urge.urged_by == people["clerk"] and len(mailoutbox) == 1


def test_an_urge_and_its_letter_are_none_of_a_village_heads_business(client, spread, people,
                                                                     commune, today):
    """An urge lists the commune's late petitions of every village: a village head (who reads
    only his village's petitions) gets neither its page nor its written reminder, and the
    urged unit's officer does; another unit's does not."""
    from doithoai.org.models import Role
    from tests.factories import user_with_role

    urge = urges.urge_unit(actor=people["clerk"], unit=people["unit"], today=today).urge
    page = reverse("petitions:urge_detail", args=[urge.pk])
    letter = reverse("documents:draft_docx", args=["cong-van-don-doc", urge.pk])
    head = user_with_role(Role.VILLAGE_HEAD, agency=commune, village=people["village"])
    for user, status in ((head, 404), (people["other_officer"], 404),
                         (people["officer"], 200), (people["clerk"], 200)):
        client.force_login(user)
        assert (client.get(page).status_code, client.get(letter).status_code) == (
            status, status), user


def test_the_urge_and_its_letter_write_a_name_in_the_words_as_initials(spread, people, today,
                                                                       mailoutbox):
    """The unit reads the petitions' words as the public would: nobody named in full, in the
    e-mail nor in the written reminder."""
    from doithoai.documents.selectors.drafts import render_draft
    from tests.documents.test_docs_command import docx_text

    Petition.objects.filter(pk=spread["assigned"].pk).update(
        text="Ông Chu Văn Pằn phản ánh đường liên thôn Nà Pàn xuống cấp")
    urge = urges.urge_unit(actor=people["clerk"], unit=people["unit"], today=today).urge
    [mail] = mailoutbox
    letter = docx_text(render_draft("cong-van-don-doc", urge).docx)
    for text in (mail.body, letter):
        assert "Chu Văn Pằn" not in text and "Ông C. V. P. phản ánh" in text


def test_one_petition_is_urged_again_the_same_day_with_a_reason(client, spread, people):
    """The row's and the petition page's "Đôn đốc" carry a reason box too."""
    client.force_login(people["clerk"])
    client.post(URGE, {"unit": people["unit"].pk})
    petition = spread["assigned"]
    page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert 'id="reason-remind"' in page
    assert f'id="reason-petition-{petition.pk}"' in client.get(FOLLOW_UP).content.decode()
    refused = client.post(URGE, {"petition": petition.pk}, follow=True)
    assert any("hãy ghi lý do" in str(m) for m in refused.context["messages"])
    client.post(URGE, {"petition": petition.pk, "reason": "Dân hỏi lại tại trụ sở"})
    assert Urge.objects.filter(reason="Dân hỏi lại tại trụ sở").count() == 1


def test_a_unit_without_address_nor_phone_is_told_to_get_the_letter(client, spread, people):
    people["officer"].email = ""
    people["officer"].save()
    people["officer"].person.phone = ""
    people["officer"].person.save()
    client.force_login(people["clerk"])
    response = client.post(URGE, {"unit": people["unit"].pk}, follow=True)
    assert any("hãy in công văn đôn đốc" in str(m) for m in response.context["messages"])
    assert Urge.objects.get().emails == 0


def test_read_only_roles_cannot_urge_the_leaders(client, spread, people, commune):
    client.force_login(people["supervisor"])
    assert client.post(URGE, {"leaders": commune.pk}).status_code == 403
    assert not Urge.objects.exists()


def test_an_urge_never_carries_a_complaint(spread, people, today):
    complaint = Petition.objects.get(kind=Kind.COMPLAINT)
    Petition.objects.filter(pk=complaint.pk).update(unit=people["unit"], state=State.ASSIGNED)
    urge = urges.urge_unit(actor=people["clerk"], unit=people["unit"], today=today).urge
    assert complaint.pk not in set(urge.reminders.values_list("petition", flat=True))
