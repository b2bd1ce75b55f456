"""The chair's tablet changes the queue by a tap (R20): call a waiting speaker now, move one a
place up or down, withdraw one — out of the registration order only with a reason, each
change audited with who and why, bad input refused in Vietnamese with nothing changed; and
the same changes through the console's one endpoint, each done once per device key."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.live.actions import registrations, sessions, turns
from doithoai.live.models import ConsoleRequest, Registration
from doithoai.live.selectors.sessions import queue, speaking
from doithoai.org.models import Role
from tests.factories import user_with_role
from tests.live.console import act

Source, State = Registration.Source, Registration.State


def paper(clerk, session, name, **kw):
    return registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                  full_name=name, **kw)


@pytest.fixture
def three(session, clerk):
    return [paper(clerk, session, name) for name in ("An", "Bình", "Chi")]


def test_calling_the_first_in_the_queue_needs_no_reason(session, clerk, three):
    a, b, _c = three
    assert turns.call_now(actor=clerk, registration=a, seen_speaker=0) == a
    assert speaking(session) == a
    event = AuditEvent.objects.filter(action="live.call").get()
    assert event.reason == "" and event.actor_id == clerk.pk
    # The next in order, called while An speaks: An's turn ends, Bình speaks.
    turns.call_now(actor=clerk, registration=b, seen_speaker=a.pk)
    a.refresh_from_db()
    assert a.state == State.DONE and speaking(session) == b


def test_calling_out_of_turn_needs_a_reason_and_keeps_it(session, clerk, three):
    a, _b, c = three
    with pytest.raises(ValidationError, match="lý do"):
        turns.call_now(actor=clerk, registration=c, reason="  ")
    assert speaking(session) is None
    turns.call_now(actor=clerk, registration=c, reason="Người cao tuổi, sức khỏe yếu")
    assert speaking(session) == c and list(queue(session))[0] == a
    event = AuditEvent.objects.filter(action="live.call_now").get()
    assert (event.reason, event.object_id) == ("Người cao tuổi, sức khỏe yếu", str(c.pk))


def test_a_tap_on_an_old_screen_cuts_nobody_off(session, clerk, three):
    a, b, _c = three
    registrations.call_next(actor=clerk, session=session)  # An speaks, called elsewhere
    with pytest.raises(ValidationError, match="thiết bị khác"):
        turns.call_now(actor=clerk, registration=b, seen_speaker=0)
    assert speaking(session) == a
    b.refresh_from_db()
    assert b.state == State.WAITING


def test_only_a_waiting_speaker_is_called_now(session, clerk, three):
    a, b, _c = three
    registrations.withdraw(actor=clerk, registration=b, reason="Người đăng ký xin rút")
    with pytest.raises(ValidationError, match="đang chờ"):
        turns.call_now(actor=clerk, registration=b, reason="Nhầm")
    registrations.call_next(actor=clerk, session=session)
    with pytest.raises(ValidationError, match="đang chờ"):
        turns.call_now(actor=clerk, registration=a, reason="Mời lại")


def test_one_step_up_or_down_with_a_reason(session, clerk, three):
    a, b, c = three
    turns.move_step(actor=clerk, registration=c, step=-1,
                    reason="Cùng nội dung với người phát biểu trước")
    assert list(queue(session)) == [a, c, b]
    turns.move_step(actor=clerk, registration=c, step=-1, reason="Người cao tuổi")
    assert list(queue(session)) == [c, a, b]
    turns.move_step(actor=clerk, registration=a, step=1, reason="Theo đề nghị")
    assert list(queue(session)) == [c, b, a]
    events = AuditEvent.objects.filter(action="live.move").order_by("seq")
    assert [e.reason for e in events] == ["Cùng nội dung với người phát biểu trước",
                                          "Người cao tuổi", "Theo đề nghị"]
    assert events[0].before["position"] != events[0].after["position"]
    assert registrations.call_next(actor=clerk, session=session) == c


def test_moving_again_and_again_keeps_an_exact_order(session, clerk):
    people = [paper(clerk, session, f"Người số {i}") for i in range(1, 5)]
    for _ in range(30):
        turns.move_step(actor=clerk, registration=people[3], step=-1, reason="Đổi chỗ")
        turns.move_step(actor=clerk, registration=people[3], step=1, reason="Đổi chỗ")
    assert list(queue(session)) == people
    positions = [r.position for r in queue(session)]
    assert positions == sorted(set(positions))


def test_bad_moves_change_nothing(session, clerk, three):
    a, b, c = three
    with pytest.raises(ValidationError, match="lý do"):
        turns.move_step(actor=clerk, registration=b, step=-1, reason="")
    with pytest.raises(ValidationError, match="đầu hàng chờ"):
        turns.move_step(actor=clerk, registration=a, step=-1, reason="Lên")
    with pytest.raises(ValidationError, match="cuối hàng chờ"):
        turns.move_step(actor=clerk, registration=c, step=1, reason="Xuống")
    with pytest.raises(ValidationError, match="một bậc"):
        turns.move_step(actor=clerk, registration=c, step=-2, reason="Lên hai bậc")
    registrations.call_next(actor=clerk, session=session)
    with pytest.raises(ValidationError, match="đang chờ"):
        turns.move_step(actor=clerk, registration=a, step=1, reason="Xuống")
    assert list(queue(session)) == [b, c]
    assert not AuditEvent.objects.filter(action="live.move").exists()


def test_who_may_and_when(session, clerk, three):
    _a, b, _c = three
    supervisor = user_with_role(Role.SUPERVISOR, session.conference.agency)
    with pytest.raises(PermissionDenied):
        turns.move_step(actor=supervisor, registration=b, step=-1, reason="Lên")
    with pytest.raises(PermissionDenied):
        turns.call_now(actor=supervisor, registration=b, reason="Mời")
    sessions.close_session(actor=clerk, session=session)
    with pytest.raises(ValidationError, match="Phiên họp đã kết thúc"):
        turns.move_step(actor=clerk, registration=b, step=-1, reason="Lên")
    with pytest.raises(ValidationError, match="Phiên họp đã kết thúc"):
        turns.call_now(actor=clerk, registration=b, reason="Mời")
    assert speaking(session) is None


def test_the_tablets_taps_through_the_console_endpoint(session, office, conference, three):
    a, b, c = three
    moved = act(office, conference, action="step", registration=c.pk, step="-1",
                reason="Theo đề nghị của người đăng ký", client_key="t-1")
    assert moved.status_code == 200 and "lên một bậc" in moved.json()["message"]
    assert list(queue(session)) == [a, c, b]
    again = act(office, conference, action="step", registration=c.pk, step="-1",
                reason="Theo đề nghị của người đăng ký", client_key="t-1")
    assert "đã được ghi nhận" in again.json()["message"]
    assert list(queue(session)) == [a, c, b]  # a tap resent after a dropped Wi-Fi: once

    asked = act(office, conference, action="withdraw", registration=b.pk, reason="",
                client_key="t-2")
    assert asked.status_code == 400 and "lý do" in asked.json()["error"]
    assert not ConsoleRequest.objects.filter(client_key="t-2").exists()
    gone = act(office, conference, action="withdraw", registration=b.pk,
               reason="Người đăng ký xin rút", client_key="t-3")
    assert gone.status_code == 200 and "rút đăng ký" in gone.json()["message"]
    assert AuditEvent.objects.get(action="live.withdraw").reason == "Người đăng ký xin rút"

    called = act(office, conference, action="call_now", registration=c.pk, seen_speaker="0",
                 reason="Người cao tuổi, sức khỏe yếu", client_key="t-4")
    assert called.status_code == 200 and called.json()["selected"] == c.pk
    assert speaking(session) == c

    hidden = act(office, conference, action="confidential", registration=a.pk,
                 client_key="t-5")
    assert hidden.status_code == 200
    assert Registration.objects.get(pk=a.pk).confidential

    for bad in ({"step": "2"}, {"step": "x"}):
        refused = act(office, conference, action="step", registration=a.pk, reason="Lên",
                      client_key="t-6", **bad)
        assert refused.status_code == 400 and "một bậc" in refused.json()["error"]
    foreign = act(office, conference, action="call_now", registration=999999,
                  client_key="t-7")
    assert foreign.status_code == 400 and "Không tìm thấy" in foreign.json()["error"]


def test_the_queue_offers_taps_not_numbers(session, office, conference, clerk, three):
    """Each waiting row is one button that opens one sheet of actions for the whole queue
    (the polled list stays small however long the queue is); no number to type; a
    confidential one stays marked on the staff's screens."""
    registrations.set_confidential(actor=clerk, registration=three[1])
    for name in ("live:console", "live:chair"):
        body = office.get(reverse(name, args=[conference.pk])).content.decode()
        assert body.count('id="row-sheet"') == 1
        assert body.count('class="queue-row queue-pick"') == 3
        for label in ("Mời phát biểu ngay", "Lên một bậc", "Xuống một bậc", "Rút đăng ký",
                      "Người đăng ký xin rút", "Lý do đã chọn hoặc tự ghi"):
            assert label in body
        assert 'id="move-who"' not in body and "Số thứ tự người" not in body
        assert "Không nêu tên trước hội trường" in body
    state = office.get(reverse("live:state", args=[conference.pk])).content.decode()
    assert "Rút đăng ký" not in state and "data-confidential" in state
    assert state.count("data-confidential") == 1


def test_the_consoles_messages_name_a_confidential_speaker_by_number(session, office,
                                                                    conference):
    """A message pops up on the secretary's screen, which the hall may see."""
    said = [act(office, conference, action="register", full_name=name, topic=topic,
                client_key=f"c-{i}").json()["message"]
            for i, (name, topic) in enumerate((("Lò Văn Tố", "Tố cáo cán bộ địa chính"),
                                                ("Hà Thị Mai", "Đường vào bản")))]
    first, second = session.registrations.order_by("number")
    said.append(act(office, conference, action="call_now", registration=first.pk,
                    seen_speaker="0", client_key="c-2").json()["message"])
    said.append(act(office, conference, action="finish", registration=first.pk,
                    client_key="c-3").json()["message"])
    assert said[0].startswith("Đã đăng ký phát biểu: số 1, không nêu tên")
    assert said[2:] == ["Mời người đăng ký số 1 phát biểu.",
                        "Người đăng ký số 1 đã kết thúc lượt phát biểu."]
    assert not any("Lò Văn Tố" in message for message in said)
    assert "Hà Thị Mai" in said[1]  # one not confidential is named as before
