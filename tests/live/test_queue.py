"""The speaker queue (R20): registration from paper, QR and opinions sent before; called in
registration order; the chair moves someone only with a reason; nothing registered twice;
nothing after the session ends; every change audited."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from doithoai.audit.models import AuditEvent
from doithoai.live.actions import registrations, sessions
from doithoai.live.models import Registration
from doithoai.live.selectors.sessions import queue, speaking
from doithoai.org.models import Role, Village
from doithoai.petitions.actions import intake
from doithoai.petitions.models import Channel
from tests.factories import AgencyFactory, VillageFactory, user_with_role

Source, State = Registration.Source, Registration.State


def paper(clerk, session, name, village=None, **kw):
    return registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                  full_name=name, village=village, **kw)


def test_the_session_opens_on_the_day_once_and_is_audited(conference, clerk):
    first = sessions.open_session(actor=clerk, conference=conference)
    assert sessions.open_session(actor=clerk, conference=conference) == first
    assert AuditEvent.objects.filter(action="live.open").count() == 1
    conference.held_on += dt.timedelta(days=1)
    conference.save()
    with pytest.raises(ValidationError, match="vào ngày tổ chức"):
        sessions.open_session(actor=clerk, conference=conference)


def test_speakers_are_called_in_registration_order(session, clerk, commune):
    na_pan = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    a = paper(clerk, session, "Hoàng Văn Pản", na_pan, topic="Đường liên thôn")
    b = registrations.register(actor=None, session=session, source=Source.QR,
                               full_name="Lý Thị Hoa", topic="Nước sạch", client_key="phone-1")
    c = paper(clerk, session, "Nông Văn Cường")
    assert [r.number for r in (a, b, c)] == [1, 2, 3]
    assert list(queue(session)) == [a, b, c]
    assert registrations.call_next(actor=clerk, session=session) == a
    assert speaking(session) == a
    assert registrations.call_next(actor=clerk, session=session) == b
    a.refresh_from_db()
    assert a.state == State.DONE and a.finished_at is not None
    assert registrations.call_next(actor=clerk, session=session) == c
    assert registrations.call_next(actor=clerk, session=session) is None
    assert speaking(session) is None
    assert AuditEvent.objects.filter(action="live.call").count() == 3


def test_a_retried_registration_is_stored_once(session, clerk):
    first = registrations.register(actor=None, session=session, source=Source.QR,
                                   full_name="Lý Thị Hoa", client_key="offline-7f3a")
    again = registrations.register(actor=None, session=session, source=Source.QR,
                                   full_name="Lý Thị Hoa", client_key="offline-7f3a")
    assert again == first and session.registrations.count() == 1
    assert AuditEvent.objects.filter(action="live.register").count() == 1


def test_the_same_person_waiting_twice_is_refused(session, clerk, commune):
    na_pan = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    first = paper(clerk, session, "Hoàng Văn Pản", na_pan)
    with pytest.raises(ValidationError, match="đã đăng ký phát biểu"):
        paper(clerk, session, "HOANG VAN PAN", na_pan)  # typed without diacritics
    registrations.call_next(actor=clerk, session=session)
    registrations.finish(actor=clerk, registration=first)
    assert paper(clerk, session, "Hoàng Văn Pản", na_pan).number == 2  # may ask again later


def test_the_chair_moves_someone_only_with_a_reason(session, clerk):
    a, b, c = (paper(clerk, session, name) for name in ("An", "Bình", "Chi"))
    with pytest.raises(ValidationError, match="lý do"):
        registrations.move(actor=clerk, registration=c, after=None, reason=" ")
    registrations.move(actor=clerk, registration=c, after=None, reason="Người cao tuổi, sức yếu")
    assert list(queue(session)) == [c, a, b]
    registrations.move(actor=clerk, registration=b, after=c, reason="Cùng nội dung với bà Chi")
    assert list(queue(session)) == [c, b, a]
    event = AuditEvent.objects.filter(action="live.move").latest("seq")
    assert event.reason == "Cùng nội dung với bà Chi"
    assert registrations.call_next(actor=clerk, session=session) == c


def test_an_opinion_sent_before_is_heard_once(session, clerk, commune, conference):
    na_pan = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    sent = intake.receive(intake.Intake(
        agency=commune, text="Đề nghị sửa ngầm tràn Khuổi Slằng.", channel=Channel.ONLINE,
        received_on=conference.held_on - dt.timedelta(days=5), village_id=na_pan.pk,
        conference=conference,
        petitioners=[intake.PetitionerData(full_name="Vy Thị Liên")]), actor=clerk)
    heard = registrations.register(actor=clerk, session=session, source=Source.PRIOR,
                                   full_name="", petition=sent)
    assert (heard.full_name, heard.topic, heard.village) == ("Vy Thị Liên", sent.text, na_pan)
    with pytest.raises(ValidationError, match="đã có trong danh sách"):
        registrations.register(actor=clerk, session=session, source=Source.PRIOR, full_name="",
                               petition=sent)


def test_bad_input_changes_nothing(session, clerk):
    other_village = VillageFactory(agency=AgencyFactory())
    with pytest.raises(ValidationError, match="họ và tên"):
        paper(clerk, session, "   ")
    with pytest.raises(ValidationError, match="Thôn không thuộc xã"):
        paper(clerk, session, "An", other_village)
    with pytest.raises(ValidationError, match="Nguồn đăng ký"):
        registrations.register(actor=clerk, session=session, source="fax", full_name="An")
    supervisor = user_with_role(Role.SUPERVISOR, session.conference.agency)
    with pytest.raises(PermissionDenied):
        paper(supervisor, session, "An")
    with pytest.raises(PermissionDenied):  # only the QR form registers without an account
        registrations.register(actor=None, session=session, source=Source.PAPER, full_name="An")
    assert not session.registrations.exists()


def test_after_the_session_nothing_more(session, clerk):
    a = paper(clerk, session, "An")
    registrations.call_next(actor=clerk, session=session)
    sessions.close_session(actor=clerk, session=session)
    a.refresh_from_db()
    assert a.state == State.DONE  # whoever spoke has finished
    with pytest.raises(ValidationError, match="Phiên họp đã kết thúc"):
        registrations.register(actor=None, session=session, source=Source.QR, full_name="Bình")
    with pytest.raises(ValidationError, match="Phiên họp đã kết thúc"):
        sessions.close_session(actor=clerk, session=session)
    assert session.registrations.count() == 1


def test_moving_many_times_keeps_an_exact_order(session, clerk):
    people = [paper(clerk, session, f"Người số {i}") for i in range(1, 7)]
    last = people[-1]
    for _ in range(40):  # back and forth between the same two: no rounding, no tie
        registrations.move(actor=clerk, registration=last, after=people[0], reason="Đổi chỗ")
        registrations.move(actor=clerk, registration=last, after=None, reason="Đổi chỗ")
    assert list(queue(session)) == [last, *people[:-1]]
    positions = [r.position for r in queue(session)]
    assert positions == sorted(set(positions))


def test_the_programme_moves_on_and_back(session, clerk, conference):
    from doithoai.dialogues.models import AgendaItem

    for order, (title, minutes) in enumerate((("Khai mạc", 5), ("Báo cáo tình hình", 15),
                                              ("Đối thoại", 90)), start=1):
        AgendaItem.objects.create(conference=conference, order=order, title=title,
                                  minutes=minutes)
    with pytest.raises(ValidationError, match="mục đầu tiên"):
        sessions.move_item(actor=clerk, session=session, step=1)  # starts the first item
        sessions.move_item(actor=clerk, session=session, step=-1)
    session.refresh_from_db()
    assert session.current_item.title == "Khai mạc" and session.item_started_at
    for _ in range(2):
        sessions.move_item(actor=clerk, session=session, step=1)
    session.refresh_from_db()
    assert session.current_item.title == "Đối thoại"
    with pytest.raises(ValidationError, match="mục cuối cùng"):
        sessions.move_item(actor=clerk, session=session, step=1)
    sessions.move_item(actor=clerk, session=session, step=-1)
    session.refresh_from_db()
    assert session.current_item.title == "Báo cáo tình hình"
    assert AuditEvent.objects.filter(action="live.item").count() == 4


def test_the_same_name_with_and_without_a_village_is_one_person(session, clerk, commune):
    village = Village.objects.filter(agency=commune).first()
    registrations.register(actor=clerk, session=session, source=Source.PAPER,
                           full_name="Phạm Văn Một", village=village)
    with pytest.raises(ValidationError, match="đang chờ"):
        registrations.register(actor=clerk, session=session, source=Source.PAPER,
                               full_name="phạm văn một")
    with pytest.raises(ValidationError, match="tối đa 120 ký tự"):
        registrations.register(actor=None, session=session, source=Source.QR, full_name="A" * 121)
    assert session.registrations.count() == 1


def test_going_back_resumes_the_items_clock(session, clerk, conference):
    from django.utils import timezone

    from doithoai.dialogues.models import AgendaItem

    for order, title in enumerate(("Khai mạc", "Đối thoại"), 1):
        AgendaItem.objects.create(conference=conference, order=order, title=title, minutes=30)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sessions.move_item(actor=clerk, session=session, step=1)
    with time_machine.travel(start + dt.timedelta(minutes=12), tick=False):
        sessions.move_item(actor=clerk, session=session, step=1)
    with time_machine.travel(start + dt.timedelta(minutes=20), tick=False):
        back = sessions.move_item(actor=clerk, session=session, step=-1)
    assert back.current_item.title == "Khai mạc"
    assert back.item_started_at == start + dt.timedelta(minutes=8)  # 12 minutes already used
