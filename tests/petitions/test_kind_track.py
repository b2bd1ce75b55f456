"""A complaint or a denunciation is never answered, approved or published as an opinion: the
actions refuse it whatever the entry point (the page, a crafted POST, the queue's bulk action,
an import), and the page stops offering it. Found to be one after an answer was published
(the kind corrected by transferring it), the answer is withdrawn with the reason, audited,
and no longer shown to the public."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.core.petition_flow import ANSWER_TRACK, Action, State
from doithoai.petitions.actions import answers, assignments, issues, procedures
from doithoai.petitions.models import Answer, Issue, Kind, Petition
from doithoai.petitions.selectors import petitions as petition_selectors
from doithoai.public.selectors import public_view

REFUSED = "được giải quyết theo thủ tục"


def _act(p, action):
    return reverse("petitions:act", args=[p.pk, action])


def _answered_states(receive, people):
    """An opinion in each state of the answer track, then (as a kind fixed outside the
    actions would leave it) recorded as a complaint."""
    clerk, leader, officer = people["clerk"], people["leader"], people["officer"]
    made = {}
    made[State.CLASSIFIED] = assignments.classify(actor=clerk, petition=receive(), kind="opinion",
                                                  field=None, urgency="normal")
    p = assignments.assign(actor=clerk, petition=receive(), unit=people["unit"])
    made[State.ASSIGNED] = p
    p = assignments.assign(actor=clerk, petition=receive(), unit=people["unit"])
    answers.draft_answer(actor=officer, petition=p, text="Sẽ sửa trong quý I.")
    made[State.ANSWER_DRAFTED] = Petition.objects.get(pk=p.pk)
    p = assignments.assign(actor=clerk, petition=receive(), unit=people["unit"])
    answers.draft_answer(actor=officer, petition=p, text="Sẽ sửa trong quý I.")
    made[State.ANSWER_APPROVED] = answers.approve_answer(actor=leader, petition=p)
    p = answers.answer_at_conference(actor=clerk, petition=receive(), text="Đã trả lời.",
                                     answered_by="Chủ tịch UBND xã")
    made[State.ANSWERED_AT_CONFERENCE] = p
    for state, p in made.items():
        Petition.objects.filter(pk=p.pk).update(kind=Kind.COMPLAINT)
        made[state] = Petition.objects.get(pk=p.pk)
        assert made[state].state == state
    return made


# What each answering form posts (the page's field names, the action's prefix).
POSTS = {
    Action.ASSIGN: lambda people: {"unit": people["unit"].pk},
    Action.ANSWER_AT_CONFERENCE: lambda people: {
        "text": "Chủ tịch trả lời: sẽ xem xét.", "answered_by": "Chủ tịch UBND xã"},
    Action.DRAFT_ANSWER: lambda people: {"text": "Trả lời như ý kiến."},
    Action.APPROVE: lambda people: {},
    Action.SEND_BACK: lambda people: {"reason": "Sửa lại"},
    Action.PUBLISH: lambda people: {},
    Action.EXTEND: lambda people: {"new_due_date": "2027-03-01", "reason": "Cần thêm thời gian"},
    Action.REOPEN: lambda people: {"reason": "Công dân chưa đồng ý"},
}


def test_every_answering_endpoint_refuses_a_crafted_post_and_changes_nothing(
        client, receive, people):
    assert set(POSTS) == set(ANSWER_TRACK)
    made = _answered_states(receive, people)
    for role in ("clerk", "leader", "officer"):
        client.force_login(people[role])
        for p in made.values():
            for action, data in POSTS.items():
                before = Petition.objects.get(pk=p.pk)
                answers_before = list(Answer.objects.filter(petition=p).values())
                events = AuditEvent.objects.count()
                posted = {f"{action.value}-{k}": v for k, v in data(people).items()}
                posted[f"{action.value}-version"] = before.version
                response = client.post(_act(p, action.value), posted)
                assert response.status_code in (400, 403, 404), (role, p.state, action)
                after = Petition.objects.get(pk=p.pk)
                assert (after.state, after.version, after.kind) == (
                    before.state, before.version, Kind.COMPLAINT)
                assert list(Answer.objects.filter(petition=p).values()) == answers_before
                assert AuditEvent.objects.count() == events
                if response.status_code == 400 and role != "officer":
                    text = response.content.decode()
                    assert REFUSED in text or "hãy chuyển theo thủ tục" in text, (
                        role, p.state, action)


def test_the_page_offers_no_answering_action_for_a_complaint(client, receive, people):
    made = _answered_states(receive, people)
    for role in ("clerk", "leader"):
        client.force_login(people[role])
        for p in made.values():
            offered = {f["action"] for f in client.get(
                reverse("petitions:detail", args=[p.pk])).context["action_forms"]}
            assert not offered & {a.value for a in ANSWER_TRACK}, (role, p.state, offered)
    client.force_login(people["clerk"])
    offered = {f["action"] for f in client.get(reverse(
        "petitions:detail", args=[made[State.ANSWER_APPROVED].pk])).context["action_forms"]}
    assert Action.TRANSFER.value in offered


@pytest.mark.parametrize("kind", [Kind.COMPLAINT, Kind.DENUNCIATION])
def test_the_actions_refuse_a_complaint_or_denunciation_from_any_caller(receive, people, kind):
    """Called directly (an import, a command, the live room): the same refusal."""
    p = receive(kind=kind)
    calls = [
        lambda: answers.answer_at_conference(actor=people["clerk"], petition=p, text="Trả lời",
                                             answered_by="Chủ tịch UBND xã"),
        lambda: answers.draft_answer(actor=people["clerk"], petition=p, text="Trả lời"),
        lambda: answers.approve_answer(actor=people["leader"], petition=p),
        lambda: answers.publish_answer(actor=people["clerk"], petition=p),
        lambda: assignments.assign(actor=people["clerk"], petition=p, unit=people["unit"]),
    ]
    for call in calls:
        with pytest.raises(ValidationError) as exc:
            call()
        assert "thủ tục" in exc.value.messages[0]
    fresh = Petition.objects.get(pk=p.pk)
    assert fresh.state == State.RECEIVED and fresh.version == p.version
    assert not fresh.answers.exists()


def test_the_queues_bulk_action_refuses_a_complaint_and_does_the_rest(client, receive, people):
    ok, bad = receive(), receive(kind=Kind.COMPLAINT)
    client.force_login(people["clerk"])
    response = client.post(reverse("petitions:queue_action"), {
        "ids": [ok.pk, bad.pk], "unit": people["unit"].pk, "op": "assign"},
        follow=True)
    assert response.status_code == 200
    assert Petition.objects.get(pk=ok.pk).state == State.ASSIGNED
    bad_after = Petition.objects.get(pk=bad.pk)
    assert (bad_after.state, bad_after.unit_id) == (State.RECEIVED, None)
    assert any("Khiếu nại" in str(m) for m in response.context["messages"])


def test_the_kind_corrected_after_publication_withdraws_the_answer(receive, people):
    clerk = people["clerk"]
    p = assignments.assign(actor=clerk, petition=receive(), unit=people["unit"])
    answers.draft_answer(actor=people["officer"], petition=p, text="Đất của ông đúng quy hoạch.")
    p = answers.approve_answer(actor=people["leader"], petition=p)
    p = answers.publish_answer(actor=clerk, petition=p)
    assert public_view(p).answer is not None
    p = procedures.transfer_to_procedure(
        actor=clerk, petition=p, kind=Kind.COMPLAINT, version=p.version,
        reason="Công dân khiếu nại quyết định thu hồi đất", remark="Gửi đơn tại bộ phận một cửa")
    assert (p.state, p.kind) == (State.TRANSFERRED, Kind.COMPLAINT)
    assert petition_selectors.current_answer(p) is None
    assert public_view(p).answer is None
    assert "Luật Khiếu nại năm 2011" in p.public_note
    view = public_view(p)
    assert view.note == p.public_note  # the tracking page tells the citizen where to go
    assert view.timeline[-1].label == ("Rút lại câu trả lời đã công khai; chuyển giải quyết "
                                       "theo thủ tục khiếu nại, tố cáo")
    assert view.state_label == "Chuyển theo thủ tục khiếu nại, tố cáo"
    assert p.public_note.endswith("Chủ trì hướng dẫn thêm: Gửi đơn tại bộ phận một cửa")
    answer = Answer.objects.get(petition=p)
    assert answer.published_at is not None and not answer.is_current  # history kept
    event = AuditEvent.objects.get(object_type="petitions.answer", object_id=str(answer.pk),
                                   action="answer.withdrawn")
    assert event.actor_id == clerk.pk
    assert "Rút lại câu trả lời đã công khai" in event.reason
    assert "thu hồi đất" in event.reason
    # Not to be answered again as an opinion.
    with pytest.raises(ValidationError):
        procedures.reopen(actor=clerk, petition=p, reason="Mở lại")


def test_an_answer_given_in_the_hall_is_withdrawn_when_the_kind_is_corrected(receive, people):
    p = answers.answer_at_conference(actor=people["clerk"], petition=receive(),
                                     text="Sẽ cấp lại giấy.", answered_by="Chủ tịch UBND xã")
    p = procedures.close(actor=people["clerk"], petition=p)
    p = procedures.transfer_to_procedure(actor=people["clerk"], petition=p,
                                         kind=Kind.DENUNCIATION, reason="Nội dung là tố cáo")
    assert p.state == State.TRANSFERRED and p.hide_from_public
    assert petition_selectors.answer_on_the_spot(p) is None
    assert AuditEvent.objects.filter(action="answer.withdrawn").count() == 1


def test_an_imported_complaint_offers_only_its_procedure(client, receive, people):
    """Intake and imports receive a complaint like any petition; from there on, nothing
    answers it."""
    p = receive(kind=Kind.COMPLAINT, received_on=dt.date(2026, 11, 3))
    client.force_login(people["clerk"])
    page = client.get(reverse("petitions:detail", args=[p.pk]))
    offered = {f["action"] for f in page.context["action_forms"]}
    assert Action.TRANSFER.value in offered
    assert not offered & {a.value for a in ANSWER_TRACK}
    assert page.context["opened"] == Action.TRANSFER.value  # the next step, open


@pytest.mark.parametrize("words", [None, "Tôi tố cáo cán bộ địa chính thu tiền của dân."])
def test_a_denunciation_is_never_grouped_with_an_opinion(client, receive, people, words):
    """Grouped, its words or the issue's title would be read in public as an opinion's: by
    its kind or by its words, the action refuses — the queue's bulk group too."""
    ok = receive()
    bad = receive(kind=Kind.DENUNCIATION) if words is None else receive(text=words)
    with pytest.raises(ValidationError) as refused:
        issues.group_into_issue(actor=people["clerk"], petitions=[ok, bad],
                                title="Cán bộ địa chính thu tiền của dân")
    assert "không gộp" in refused.value.messages[0]
    client.force_login(people["clerk"])
    response = client.post(reverse("petitions:queue_action"), {
        "ids": [ok.pk, bad.pk], "op": "group", "title": "Cán bộ địa chính thu tiền của dân"},
        follow=True)
    assert response.status_code == 200
    assert not Issue.objects.exists()
    assert Petition.objects.filter(pk__in=[ok.pk, bad.pk], issue__isnull=False).count() == 0
    assert any("không gộp" in str(m) for m in response.context["messages"])


def test_words_decide_the_kind_left_unsaid_and_the_page_warns_of_a_kind_chosen_against_them(
        client, receive, people):
    """Received without a kind (the public form, a sheet's blank cell), a complaint typed as
    such is one from the start; taken in as an opinion by choice, its page warns before anyone
    answers it as one."""
    said = receive(text="Tôi khiếu nại việc xã thu hồi đất vườn nhà tôi.")
    assert said.kind == Kind.COMPLAINT and said.due_date is None
    chosen = receive(text="Tôi khiếu nại việc xã thu hồi đất vườn nhà tôi.", kind=Kind.OPINION)
    plain = receive()
    client.force_login(people["clerk"])
    warning = "Nội dung có thể là <strong>Khiếu nại</strong>"
    assert warning in client.get(reverse("petitions:detail", args=[chosen.pk])).content.decode()
    for quiet in (said, plain):
        page = client.get(reverse("petitions:detail", args=[quiet.pk])).content.decode()
        assert "Nội dung có thể là" not in page


@pytest.mark.parametrize("how", ["classify", "transfer"])
def test_a_grouped_opinion_found_to_be_a_complaint_leaves_its_issue(receive, people, how):
    a, b = receive(), receive()
    issue = issues.group_into_issue(actor=people["clerk"], petitions=[a, b], title="Đường")
    if how == "classify":
        assignments.classify(actor=people["clerk"], petition=b, kind=Kind.COMPLAINT,
                             field=None, urgency=b.urgency)
    else:
        procedures.transfer_to_procedure(actor=people["clerk"], petition=b,
                                         kind=Kind.COMPLAINT, reason="Khiếu nại thu hồi đất")
    assert Petition.objects.get(pk=b.pk).issue_id is None
    assert list(issue.petitions.all()) == [a]


def test_an_opinion_whose_words_complain_is_published_only_when_the_staff_confirm(
        client, receive, people):
    """Kept an opinion against its words, it is not published as an answered opinion by a
    click: the page asks the staff to confirm they read it (the action refuses without)."""
    clerk = people["clerk"]
    p = receive(text="Tôi khiếu nại quyết định xử phạt của xã.", kind=Kind.OPINION)
    p = assignments.assign(actor=clerk, petition=p, unit=people["unit"])
    answers.draft_answer(actor=people["officer"], petition=p, text="Xã giữ nguyên quyết định.")
    p = answers.approve_answer(actor=people["leader"], petition=Petition.objects.get(pk=p.pk))
    with pytest.raises(ValidationError) as refused:
        answers.publish_answer(actor=clerk, petition=p, version=p.version)
    assert "có thể là khiếu nại" in refused.value.messages[0]
    fresh = Petition.objects.get(pk=p.pk)
    assert fresh.state == State.ANSWER_APPROVED and fresh.version == p.version
    client.force_login(clerk)
    page = client.get(reverse("petitions:detail", args=[p.pk])).content.decode()
    assert "Tôi đã đọc: đây là ý kiến, kiến nghị, không phải khiếu nại, tố cáo." in page
    url = reverse("petitions:act", args=[p.pk, Action.PUBLISH])
    response = client.post(url, {"publish-version": p.version})
    assert response.status_code == 400
    assert Petition.objects.get(pk=p.pk).state == State.ANSWER_APPROVED
    response = client.post(url, {"publish-version": p.version, "publish-not_a_procedure": "on"})
    assert response.status_code == 302
    assert Petition.objects.get(pk=p.pk).state == State.PUBLISHED


def test_an_issue_is_not_titled_as_a_denunciation(receive, people):
    """Its title heads the opinions in what is published: an accusation there would name an
    accused's post for all to read."""
    a, b = receive(), receive()
    with pytest.raises(ValidationError) as refused:
        issues.group_into_issue(actor=people["clerk"], petitions=[a, b],
                                title="Tố cáo trưởng thôn Nà Hu thu tiền trái phép")
    assert "Tên vấn đề được công khai" in refused.value.messages[0]
    assert not Issue.objects.exists()
