"""Whether a village sent its opinions late is recorded when it sends, against the due day
that applied then: a conference brought forward afterwards does not turn an on-time village
into a late one. A milestone done after its due day shows as done late."""

import datetime as dt

import pytest
from django.urls import reverse

from doithoai.dialogues.actions import milestones, village_opinions
from doithoai.dialogues.models import Conference, Milestone, VillageReturn
from doithoai.dialogues.selectors import milestones as milestones_reads
from doithoai.dialogues.selectors import village_opinions as village_opinions_reads
from tests.dialogues.test_preparation import LATE, ON_TIME, build_prep

SOONER = dt.date(2026, 12, 11)  # the conference brought forward: opinions due before 10/12


@pytest.fixture
def prep(commune, plan, clerk):
    return build_prep(commune, plan, clerk)


def _bring_forward(conference: Conference) -> dt.date:
    Conference.objects.filter(pk=conference.pk).update(held_on=SOONER)
    conference.refresh_from_db()
    milestones.sync_milestones(conference)
    due = village_opinions_reads.opinions_due(conference)
    assert due < ON_TIME.date()
    return due


def test_on_time_stays_on_time_after_the_conference_is_brought_forward(prep):
    conference, clerk = prep["conference"], prep["users"]["vanphong"]
    sent = village_opinions.send_village_opinions(actor=clerk, conference=conference,
                                                  village=prep["na_pan"], now=ON_TIME)
    assert not sent.late
    assert not VillageReturn.objects.get(conference=conference,
                                         village=prep["na_pan"]).opinions_late
    _bring_forward(conference)
    late = village_opinions.send_village_opinions(actor=clerk, conference=conference,
                                                  village=prep["ban_tham"], now=ON_TIME)
    assert late.late and late.all_sent  # Bản Chu's opinions are in: it has sent
    returns = {r.village_id: r for r in VillageReturn.objects.filter(conference=conference)}
    assert not returns[prep["na_pan"].pk].opinions_late
    assert returns[prep["ban_tham"].pk].opinions_late
    board = village_opinions_reads.opinion_board(clerk, conference)
    assert {r.label: r.status for r in board.covered_rows} == {
        "Thôn Nà Pàn": village_opinions_reads.SENT,
        "Thôn Bản Chu": village_opinions_reads.SENT,
        "Thôn Bản Thẳm": village_opinions_reads.SENT_LATE}


def test_the_pages_show_the_recorded_flag(client, prep):
    conference, clerk = prep["conference"], prep["users"]["vanphong"]
    village_opinions.send_village_opinions(actor=clerk, conference=conference,
                                           village=prep["na_pan"], now=ON_TIME)
    _bring_forward(conference)
    client.force_login(clerk)
    village = client.get(reverse("dialogues:village_opinions",
                                 args=[conference.pk, prep["na_pan"].pk])).content.decode()
    assert "Đã gửi" in village and "Gửi muộn" not in village
    board = client.get(reverse("dialogues:opinion_board", args=[conference.pk])).content.decode()
    assert "Gửi muộn" not in board


def test_a_milestone_done_after_its_due_day_shows_done_late(client, prep):
    conference, clerk = prep["conference"], prep["users"]["vanphong"]
    for village in (prep["na_pan"], prep["ban_chu"], prep["ban_tham"]):
        village_opinions.send_village_opinions(actor=clerk, conference=conference,
                                                       village=village,
                                          now=LATE)
    milestone = conference.milestones.get(kind=Milestone.Kind.VILLAGE_OPINIONS)
    assert milestone.done_on == LATE.date() > milestone.due_on
    assert milestones_reads.milestone_status(milestone) == "done_late"
    client.force_login(clerk)
    url = reverse("dialogues:opinion_board", args=[conference.pk])
    html = client.get(url).content.decode()
    assert "Hoàn thành muộn" in html
    assert f"ngày {LATE:%d/%m/%Y}, sau hạn {milestone.due_on:%d/%m/%Y}" in html
    assert "Đã hoàn thành ngày" not in html
    # Done on time: the plain "done" badge.
    conference.milestones.filter(pk=milestone.pk).update(done_on=milestone.due_on)
    html = client.get(url).content.decode()
    assert f"Đã hoàn thành ngày {milestone.due_on:%d/%m/%Y}" in html
    assert "Hoàn thành muộn" not in html
