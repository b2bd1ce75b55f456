"""A complaint or a denunciation owes no opinion's answer: no opinion's due date runs for it
from the moment its kind says so (received as one, or classified as one), none is shown
overdue or due soon, in the queues or on the public pages, before or after it is sent to its
procedure; the queue marks an opinion whose words say complaint or denunciation. The clock is
pinned: the petitions were received long enough ago for an opinion to be overdue."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from doithoai.core.petition_flow import State
from doithoai.petitions.actions import assignments, procedures
from doithoai.petitions.actions import deadlines as deadline_actions
from doithoai.petitions.models import Kind, Petition
from doithoai.petitions.selectors.deadlines import today_info

# Received on Monday 2 November 2026; 15 working days later (23/11) an opinion is due, so on
# Wednesday 9 December it is overdue.
RECEIVED = dt.date(2026, 11, 2)
NOW = "2026-12-09 10:00 +07:00"
QUEUE = reverse("petitions:queue")
COMPLAINT = "Tôi khiếu nại quyết định thu hồi đất vườn của gia đình tôi."
DENUNCIATION = "Tôi tố cáo cán bộ địa chính thu tiền của dân khi làm sổ đỏ."
OPINION = "Đường liên thôn Nà Pàn xuống cấp, đề nghị sửa chữa."


@pytest.fixture
def pinned():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def received(receive, people, pinned):
    """An opinion, a complaint received as one, one classified as one after it came in as an
    opinion, a denunciation, and an opinion whose words say complaint."""
    clerk = people["clerk"]
    opinion = receive(OPINION, received_on=RECEIVED)
    complaint = receive(COMPLAINT, received_on=RECEIVED, kind=Kind.COMPLAINT)
    classified = receive(COMPLAINT.replace("vườn", "ruộng"), received_on=RECEIVED,
                         kind=Kind.OPINION)
    assert classified.due_date is not None  # recorded first as an opinion
    classified = assignments.classify(actor=clerk, petition=classified, kind=Kind.COMPLAINT,
                                      field=None, urgency=classified.urgency)
    denunciation = receive(DENUNCIATION, received_on=RECEIVED, kind=Kind.DENUNCIATION)
    worded = receive("Gia đình tôi khiếu nại việc cấp giấy chứng nhận chậm.",
                     received_on=RECEIVED, kind=Kind.OPINION)
    return {"opinion": opinion, "complaint": complaint, "classified": classified,
            "denunciation": denunciation, "worded": worded}


def test_no_opinion_due_date_for_a_complaint_or_denunciation(received):
    opinion = received["opinion"]
    assert opinion.due_date == dt.date(2026, 11, 23)
    assert today_info().flag(opinion) == "overdue"
    for key, law in (("complaint", "Luật Khiếu nại 2011"), ("classified", "Luật Khiếu nại 2011"),
                     ("denunciation", "Luật Tố cáo 2018")):
        p = Petition.objects.get(pk=received[key].pk)
        assert p.state in (State.RECEIVED, State.CLASSIFIED)
        assert (p.due_date, p.due_rule) == (None, deadline_actions.PROCEDURE_RULE), key
        assert p.due_rule_label == f"Giải quyết theo {law}"
        assert today_info().flag(p) is None


def test_the_kind_corrected_back_to_an_opinion_gets_its_due_date_again(received, people):
    p = Petition.objects.get(pk=received["classified"].pk)
    p = assignments.classify(actor=people["clerk"], petition=p, kind=Kind.OPINION, field=None,
                             urgency=p.urgency, reason="Nhầm loại")
    assert p.due_date == dt.date(2026, 11, 23) and today_info().flag(p) == "overdue"


def test_the_queue_never_shows_a_complaint_overdue(client, received, people):
    client.force_login(people["clerk"])
    page = client.get(QUEUE, {"due": "overdue"})
    codes = {p.tracking_code for p in page.context["page"].rows}
    assert received["opinion"].tracking_code in codes
    assert received["worded"].tracking_code in codes  # recorded as an opinion
    for key in ("complaint", "classified", "denunciation"):
        assert received[key].tracking_code not in codes
    rows = {p.tracking_code: p for p in client.get(QUEUE).context["page"].rows}
    assert rows[received["complaint"].tracking_code].flag is None
    assert rows[received["opinion"].tracking_code].flag == "overdue"


def test_sent_to_its_procedure_nothing_is_overdue_anywhere(client, received, people):
    clerk = people["clerk"]
    for key in ("complaint", "classified", "denunciation"):
        p = Petition.objects.get(pk=received[key].pk)
        procedures.transfer_to_procedure(actor=clerk, petition=p, kind=p.kind,
                                         reason="Chuyển theo thủ tục")
    # a complaint still carrying an opinion's date from before (recorded earlier): the pages
    # do not count it either
    stale = Petition.objects.get(pk=received["complaint"].pk)
    Petition.objects.filter(pk=stale.pk).update(due_date=dt.date(2026, 11, 23))
    stale.refresh_from_db()
    assert today_info().flag(stale) is None
    client.force_login(clerk)
    for due in ("overdue", "soon"):
        codes = {p.tracking_code for p in client.get(QUEUE, {"due": due}).context["page"].rows}
        assert stale.tracking_code not in codes
    page = client.get(reverse("public:track_code", args=[stale.tracking_code]))
    assert "quá hạn" not in page.content.decode().lower()
    # a calendar change takes the old date away
    deadline_actions.recompute_due_dates()
    stale.refresh_from_db()
    assert stale.due_date == dt.date(2026, 11, 23)  # transferred: not open, left as it is
    open_one = received["opinion"]
    Petition.objects.filter(pk=open_one.pk).update(kind=Kind.COMPLAINT)
    assert deadline_actions.recompute_due_dates() == 1
    open_one.refresh_from_db()
    assert open_one.due_date is None and open_one.due_rule == deadline_actions.PROCEDURE_RULE


def test_the_queue_marks_an_opinion_whose_words_say_complaint_or_denunciation(
        client, received, receive, people):
    denounced = receive("Đề nghị xã xem xét, tôi to cao truong thon thu tien trai phep.",
                        received_on=RECEIVED, kind=Kind.OPINION)
    client.force_login(people["clerk"])
    response = client.get(QUEUE)
    rows = {p.tracking_code: p for p in response.context["page"].rows}
    assert rows[received["worded"].tracking_code].kind_hint == Kind.COMPLAINT
    assert rows[denounced.tracking_code].kind_hint == Kind.DENUNCIATION
    for key in ("opinion", "complaint", "classified", "denunciation"):
        assert rows[received[key].tracking_code].kind_hint is None, key
    page = response.content.decode()
    assert page.count("Có thể là khiếu nại") == 1 and page.count("Có thể là tố cáo") == 1
    # once the kind is set as the words say, the mark goes
    p = Petition.objects.get(pk=received["worded"].pk)
    assignments.classify(actor=people["clerk"], petition=p, kind=Kind.COMPLAINT, field=None,
                         urgency=p.urgency)
    assert "Có thể là khiếu nại" not in client.get(QUEUE).content.decode()


def test_the_unit_queue_marks_it_too(client, receive, people, pinned):
    p = receive("Gia đình tôi khiếu nại việc sửa đường làm hỏng cổng nhà.", received_on=RECEIVED)
    p = assignments.classify(actor=people["clerk"], petition=p, kind=Kind.OPINION, field=None,
                             urgency=p.urgency)
    assignments.assign(actor=people["clerk"], petition=p, unit=people["unit"])
    client.force_login(people["officer"])
    page = client.get(reverse("petitions:unit_queue")).content.decode()
    assert p.tracking_code in page and "Có thể là khiếu nại" in page
