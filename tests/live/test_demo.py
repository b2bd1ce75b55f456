"""The demo's conference in progress (demo.live): xã Điềm He's thematic conference held
today, its session open at the dialogue, nine speakers from the three sources, three heard
with the three outcomes, one at the floor, the others waiting. The whole demo is slow to load:
the checks run in the run's one build of it (tests/conftest.py::demo_scenarios, on the dialogue
tests' fixed day) and the test reports what they found."""

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.core.petition_flow import State as PetitionState
from doithoai.demo import live as demo
from doithoai.dialogues.models import Conference, Plan
from doithoai.dialogues.selectors import conference_links
from doithoai.dialogues.selectors.milestones import milestone_status
from doithoai.live.models import Registration, Session
from doithoai.live.selectors import screen as screens
from doithoai.live.selectors.sessions import queue, speaking
from doithoai.org.models import User
from doithoai.petitions.models import Channel, Kind
from tests.conftest import LIVE_TITLE, run_checks

Source, State = Registration.Source, Registration.State
DAY = dt.date(2026, 11, 23)  # FROZEN_NOW's day, a Monday


def rows(session):
    return {r.number: r for r in session.registrations.select_related("petition", "village")}


def check_conference(conference, output):
    assert "hội nghị chuyên đề về đất đai, xây dựng ngày 23/11/2026 đang diễn ra" in output
    assert conference.held_on == DAY == timezone.localdate()
    assert conference.state == Conference.State.PLANNED
    assert conference.agency.code == "ubnd-xa-diem-he"
    assert conference.plan == Plan.objects.get(agency=conference.agency, year=2026,
                                               kind=Plan.Kind.PERIODIC)
    assert conference.starts_at == dt.time(8, 0) and conference.venue == demo.VENUE
    assert conference.chair.full_name == "Lý Thị Dương"
    assert conference.secretary == User.objects.get(username="vanphong").person
    assert conference.speaker_minutes == 5
    titles = [item.title for item in conference.agenda.order_by("order")]
    assert len(titles) == 4 and "khai mạc" in titles[0] and titles[1].startswith("Báo cáo")
    assert titles[2] == "Tiến hành đối thoại với Nhân dân" and "kết luận" in titles[3]
    # prepared as a conference is: nothing before the day left undone, villages' returns in
    statuses = [milestone_status(m) for m in conference.milestones.filter(due_on__lt=DAY)]
    assert statuses and set(statuses) == {"done"}
    assert not conference.village_returns.filter(opinions_sent_at=None).exists()
    assert conference.delegates.exists()


def meeting_labels(conference) -> list[str]:
    """The state badge of today's conference on its page, its plan's page, the plans, the
    commune's yearly figures and the province's roll-up."""
    client = Client()
    client.force_login(User.objects.get(username="vanphong"))
    pages = [reverse("dialogues:conference_detail", args=[conference.pk]),
             reverse("dialogues:plan_detail", args=[conference.plan_id]),
             reverse("dialogues:plan_list"),
             reverse("dialogues:yearly_figures", args=[conference.agency_id,
                                                       conference.held_on.year])]
    labels = []
    for url in pages:
        page = client.get(url).content.decode()
        labels.append("Đang họp" if ("— Đang họp" in page or
                                     '<span class="badge state">Đang họp</span>' in page
                                     or "<td>Đang họp</td>" in page)
                      else "Chuẩn bị")
    # the province's roll-up: in session, not "Sắp tới"
    province = Client()
    province.force_login(User.objects.get(username="tinh"))
    page = province.get(reverse("dialogues:rollup")).content.decode()
    day = conference.held_on.strftime("%d/%m/%Y")
    labels.append("Đang họp" if f'<span class="badge on">Đang họp</span> {day}' in page
                  and f"Sắp tới: {day}" not in page else "Chuẩn bị")
    return labels


def check_session(conference, session):
    assert session.is_open and session.opened_by.username == "vanphong"
    assert session.current_item == conference.agenda.get(order=2)
    events = AuditEvent.objects.filter(action="live.item", object_id=str(session.pk))
    assert events.count() == 3


def check_registrations(conference, session):
    registrations = rows(session)
    assert sorted(registrations) == list(range(1, 10))
    sources = [r.source for r in registrations.values()]
    assert (sources.count(Source.PAPER), sources.count(Source.QR),
            sources.count(Source.PRIOR)) == (4, 3, 2)
    for r in registrations.values():
        assert r.village.agency_id == conference.agency_id and r.topic
        if r.source == Source.QR:
            assert r.created_by is None and r.client_key
        else:
            assert r.created_by.username == "vanphong"
        if r.source == Source.PRIOR:  # an opinion sent before, by its sender
            assert conference_links.of_petition(r.petition) == conference
            assert r.petition.channel != Channel.CONFERENCE
            assert r.full_name == r.petition.petitioners.get().full_name
    # three opinions were sent before: two invited to speak, one left on the console's list
    assert conference.petitions.exclude(channel=Channel.CONFERENCE).count() == 3


def check_heard(conference, session):
    registrations = rows(session)
    answered, assigned, complaint = (registrations[n] for n in (1, 2, 3))
    assert {r.state for r in (answered, assigned, complaint)} == {State.DONE}

    assert answered.petition.state == PetitionState.ANSWERED_AT_CONFERENCE
    answer = answered.petition.answers.get(is_current=True)
    assert answer.at_conference and answer.answered_by == "Bà Lý Thị Dương, Chủ tịch UBND xã"
    assert answered.petition.channel == Channel.CONFERENCE
    assert answered.petition.petitioners.get().full_name == answered.full_name

    assert assigned.source == Source.PRIOR
    assert assigned.petition.state == PetitionState.ASSIGNED
    assert assigned.petition.unit.code == "kinh-te" and assigned.petition.due_date > DAY

    assert complaint.source == Source.QR
    assert complaint.petition.state == PetitionState.TRANSFERRED
    assert complaint.petition.kind == Kind.COMPLAINT
    # sent to its procedure with the law's guidance and the chair's remark, never answered
    note = complaint.petition.public_note
    assert note.startswith("Giải quyết theo Luật Khiếu nại năm 2011.")
    assert "Chủ trì hướng dẫn thêm: " + demo.COMPLAINT_REMARK in note
    assert not complaint.petition.answers.exists()
    assert complaint.petition.due_date is None

    assert answered.conclusion and assigned.conclusion and not complaint.conclusion
    assert conference.petitions.filter(channel=Channel.CONFERENCE).count() == 2


def check_floor_and_queue(session):
    registrations = rows(session)
    assert speaking(session) == registrations[4]
    assert [r.number for r in queue(session)] == [8, 5, 6, 7, 9]
    moved = AuditEvent.objects.get(action="live.move", object_id=str(registrations[8].pk))
    assert moved.reason == "Người cao tuổi, sức khỏe yếu"
    assert moved.actor.username == "chutich"
    assert not session.registrations.filter(state=State.WITHDRAWN).exists()


def check_times_and_screen(conference, session):
    registrations = rows(session)
    now = timezone.now()
    opened, started = session.opened_at, session.item_started_at
    created = [r.created_at for r in registrations.values()]
    calls = [(registrations[n].called_at, registrations[n].finished_at) for n in (1, 2, 3)]
    current = registrations[4].called_at
    assert timezone.localtime(opened).date() == DAY
    assert opened <= min(created) and max(created) <= started
    assert started <= calls[0][0]
    following = [c for c, _f in calls[1:]] + [current]
    for (called, finished), next_called in zip(calls, following, strict=True):
        assert called < finished <= next_called
    assert dt.timedelta(minutes=1) < now - current < dt.timedelta(minutes=5)

    screen = screens.screen(conference)
    assert screen.item == "Tiến hành đối thoại với Nhân dân" and not screen.item_over
    assert (screen.speaker, screen.village) == ("Vi Văn Khoa", "Thôn Khòn Pát")
    assert not screen.over
    assert screen.elapsed.startswith(("01:", "02:", "03:", "04:")) and screen.allowed == "05:00"
    # the next three: one who asked not to be named, a denouncer (by the words he registered
    # by phone), one named
    assert screen.following == ["Người phát biểu số 8", "Người phát biểu số 5",
                                "Lăng Văn Tòng — Thôn Bản Chặng"]


# Nothing of the two confidential speakers may reach the hall: names, villages, topics.
SECRETS = ("Lộc Thị Tám", "Pác Lùng", "Diện tích trên giấy", "Hoàng Văn Slao", "Kéo Coong",
           "Tố cáo", "địa chính")


def check_confidential(conference, session):
    """Among the next three in the queue: a denunciation registered by QR, confidential by
    its words without asking, and a paper registrant who asked not to be named. The hall
    screen (its page and every poll) never names them; the console marks them."""
    registrations = rows(session)
    denouncer, unnamed = registrations[5], registrations[8]
    assert [r.number for r in queue(session)][:3] == [8, 5, 6]
    assert denouncer.source == Source.QR and denouncer.created_by is None
    assert denouncer.is_denunciation and denouncer.confidential
    assert unnamed.source == Source.PAPER and unnamed.confidential
    assert not unnamed.is_denunciation
    assert not registrations[6].is_confidential and not registrations[4].is_confidential
    client = Client()
    client.force_login(User.objects.get(username="vanphong"))
    for name in ("live:screen", "live:screen_fragment"):
        page = client.get(reverse(name, args=[conference.pk])).content.decode()
        assert "Vi Văn Khoa" in page or name == "live:screen"
        for secret in SECRETS:
            assert secret not in page, (name, secret)
    fragment = client.get(reverse("live:screen_fragment", args=[conference.pk])).content
    assert "Người phát biểu số 8" in fragment.decode()
    assert "Người phát biểu số 5" in fragment.decode()
    # the secretary's console knows who they are, and says they are confidential
    console = client.get(reverse("live:console", args=[conference.pk])).content.decode()
    assert "Hoàng Văn Slao" in console and "Lộc Thị Tám" in console


def check_pages(client, conference):
    for username in ("vanphong", "chutich"):
        client.force_login(User.objects.get(username=username))
        response = client.get(reverse("dialogues:conference_detail", args=[conference.pk]))
        assert response.status_code == 200 and LIVE_TITLE in response.content.decode()
        response = client.get(reverse("live:screen", args=[conference.pk]))
        assert response.status_code == 200
        response = client.get(reverse("live:screen_fragment", args=[conference.pk]))
        assert "Vi Văn Khoa" in response.content.decode()


def check_loading_again_adds_nothing(conference, session):
    events = AuditEvent.objects.count()
    out = StringIO()
    call_command("demo_data", stdout=out)
    assert "Kế hoạch, hội nghị mẫu: đã có" in out.getvalue()
    assert Conference.objects.filter(title=LIVE_TITLE).count() == 1
    assert Session.objects.filter(conference=conference).count() == 1
    assert session.registrations.count() == 9
    assert conference.petitions.count() == 5
    assert AuditEvent.objects.count() == events


def scenario(out: dict) -> None:
    """Runs in the run's one build of the full demo (tests/conftest.py::demo_scenarios)."""
    def checks():
        conference = Conference.objects.get(title=LIVE_TITLE)
        out["meeting_labels"] = meeting_labels(conference)
        session = conference.live_session
        check_conference(conference, out["demo_output"])
        check_session(conference, session)
        check_registrations(conference, session)
        check_heard(conference, session)
        check_floor_and_queue(session)
        check_times_and_screen(conference, session)
        check_confidential(conference, session)
        check_pages(Client(), conference)
        check_loading_again_adds_nothing(conference, session)

    run_checks(out, checks)


def test_demo_conference_in_progress(db, demo_scenarios):
    failure = demo_scenarios[__name__]["failure"]
    assert failure is None, failure


def test_a_conference_in_session_is_said_to_be_meeting(db, demo_scenarios):
    """Its state stays "planned" until the minutes are adopted, but pages say "Đang họp"."""
    assert demo_scenarios[__name__]["meeting_labels"] == ["Đang họp"] * 5
