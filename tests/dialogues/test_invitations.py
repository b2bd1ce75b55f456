"""Participants actions, the invitations: codes, sending on time or late, answers, and the
check-in at the door; every refusal leaves everything as it was and every change is audited.
The list itself (plan, villages, quotas): test_participants.py."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.dialogues.actions import check_in, invitations
from doithoai.dialogues.actions import delegates as delegates_actions
from doithoai.dialogues.models import (
    Invitation,
    Milestone,
)
from doithoai.dialogues.selectors import delegates as delegates_reads
from tests.dialogues.participants_helpers import Side, add_citizens, untouched, village_of

# -- invitations ---------------------------------------------------------------------------------


def test_prepare_gives_every_delegate_a_unique_code(built, clerk):
    conference = built
    n = invitations.prepare_invitations(actor=clerk, conference=conference)
    assert n == delegates_reads.addressable(conference.delegates.all()).count()
    codes = list(Invitation.objects.filter(delegate__conference=conference)
                 .values_list("code", flat=True))
    assert len(set(codes)) == len(codes)
    from doithoai.core import tracking
    assert all(tracking.normalise(c) == c for c in codes)
    assert invitations.prepare_invitations(actor=clerk, conference=conference) == 0


def test_seats_without_a_name_or_unit_get_no_invitation_until_named(built, clerk):
    conference = built
    seats = delegates_reads.unnamed(conference.delegates.all())
    assert seats.exists()  # village seats nobody was named for yet
    n_seats = seats.count()
    invitations.prepare_invitations(actor=clerk, conference=conference)
    assert not Invitation.objects.filter(delegate__in=seats).exists()
    assert delegates_reads.sending_summary(conference).unnamed == n_seats
    event = AuditEvent.objects.filter(action="invitations.prepare").latest("seq")
    assert event.after["unnamed_skipped"] == n_seats
    # Once the seats are named and every named delegate's invitation is sent, the
    # milestone is confirmed even while other seats stay unnamed.
    result = invitations.send_invitations(actor=clerk, conference=conference)
    assert result.all_sent
    seat = delegates_reads.unnamed(conference.delegates.all()).first()
    delegates_actions.update_delegate(actor=clerk, delegate=seat, full_name="Lộc Văn Tài",
                                      position=seat.position)
    assert invitations.prepare_invitations(actor=clerk, conference=conference) == 1
    assert Invitation.objects.get(delegate=seat).sent_at is None
    assert delegates_reads.sending_summary(conference).unnamed == n_seats - 1


def test_a_code_collision_is_retried(built, clerk, monkeypatch):
    conference = built
    delegates = list(conference.delegates.order_by("pk")[:2])
    Invitation.objects.create(delegate=delegates[0], code="AAAA-AAAA")
    codes = iter(["AAAA-AAAA", "AAAA-AAAA", "BBBB-BBBB"])
    from doithoai.core import tracking
    monkeypatch.setattr(tracking, "new_code", lambda: next(codes))
    conference.delegates.exclude(pk__in=[d.pk for d in delegates]).delete()
    assert invitations.prepare_invitations(actor=clerk, conference=conference) == 1
    assert Invitation.objects.get(delegate=delegates[1]).code == "BBBB-BBBB"


def test_sending_on_time_confirms_the_milestone(built, clerk):
    conference = built
    invitations.prepare_invitations(actor=clerk, conference=conference)
    result = invitations.send_invitations(actor=clerk, conference=conference)
    assert not result.late and result.all_sent
    invs = Invitation.objects.filter(delegate__conference=conference)
    assert not invs.filter(sent_at=None).exists()
    assert set(invs.values_list("state", flat=True)) == {Invitation.State.SENT}
    m = conference.milestones.get(kind=Milestone.Kind.INVITATIONS)
    assert m.done_on == timezone.localdate() and m.done_by == clerk
    before = untouched(conference)
    with pytest.raises(ValidationError, match="Không có giấy mời nào cần gửi"):
        invitations.send_invitations(actor=clerk, conference=conference)
    assert untouched(conference) == before


def test_sending_late_needs_confirmation_and_is_flagged(built, clerk):
    conference = built
    invitations.prepare_invitations(actor=clerk, conference=conference)
    due = timezone.localdate() - dt.timedelta(days=2)
    conference.milestones.filter(kind=Milestone.Kind.INVITATIONS).update(due_on=due)
    assert delegates_reads.sending_late(conference) == due
    before = untouched(conference)
    with pytest.raises(ValidationError, match="sau hạn"):
        invitations.send_invitations(actor=clerk, conference=conference, late_ok=False)
    assert untouched(conference) == before
    first = list(conference.delegates.order_by("pk")[:2])
    result = invitations.send_invitations(actor=clerk, conference=conference,
                                                  delegates=first,
                                late_ok=True)
    assert result.late and result.count == 2 and not result.all_sent
    assert Invitation.objects.filter(sent_late=True).count() == 2
    assert conference.milestones.get(kind=Milestone.Kind.INVITATIONS).done_on is None
    event = AuditEvent.objects.filter(action="invitations.send").latest("seq")
    assert event.after["late"] is True


def test_a_date_change_flags_resend_and_sending_clears_it(built, clerk):
    from doithoai.dialogues.actions import conferences
    conference = built
    invitations.prepare_invitations(actor=clerk, conference=conference)
    invitations.send_invitations(actor=clerk, conference=conference)
    conference.refresh_from_db()
    conferences.update_conference(actor=clerk, conference=conference,
                                  data={"venue": "Nhà văn hóa thôn Bản Chu"},
                                  reason="Sửa hội trường",
                                  confirmed=True)
    assert Invitation.objects.filter(needs_resend=True).count() == delegates_reads.addressable(
        conference.delegates.all()).count()
    invitations.send_invitations(actor=clerk, conference=conference)
    assert not Invitation.objects.filter(needs_resend=True).exists()


def test_responses(built, clerk, front, supervisor):
    conference = built
    invitations.prepare_invitations(actor=clerk, conference=conference)
    inv = Invitation.objects.filter(delegate__conference=conference).first()
    before = untouched(conference)
    with pytest.raises(ValidationError, match="chưa được gửi"):
        invitations.record_response(actor=clerk, invitation=inv, confirmed=True)
    invitations.send_invitations(actor=clerk, conference=conference)
    before = untouched(conference)
    with pytest.raises(PermissionDenied):
        invitations.record_response(actor=supervisor, invitation=inv, confirmed=True)
    assert untouched(conference) == before
    invitations.record_response(actor=front, invitation=inv, confirmed=False)
    inv.refresh_from_db()
    assert inv.state == Invitation.State.DECLINED and inv.responded_at
    invitations.record_response(actor=clerk, invitation=inv, confirmed=True)
    inv.refresh_from_db()
    assert inv.state == Invitation.State.CONFIRMED
    assert AuditEvent.objects.filter(action="invitation.respond").count() == 2


# -- at the door ----------------------------------------------------------------------------------


def test_check_in_by_code_any_way_it_is_typed(built, clerk):
    conference = built
    invitations.prepare_invitations(actor=clerk, conference=conference)
    inv = Invitation.objects.filter(delegate__conference=conference).first()
    typed = " " + inv.code.replace("-", "").lower() + " "
    got = check_in.check_in(actor=clerk, conference=conference, code=typed)
    assert got.pk == inv.pk and got.checked_in_at and got.checked_in_by == clerk
    assert delegates_reads.counts(conference)["checked_in"] == 1
    assert AuditEvent.objects.filter(action="invitation.check_in").count() == 1


def test_a_second_check_in_changes_nothing(built, clerk):
    conference = built
    invitations.prepare_invitations(actor=clerk, conference=conference)
    inv = Invitation.objects.filter(delegate__conference=conference).first()
    first = check_in.check_in(actor=clerk, conference=conference, code=inv.code)
    before = untouched(conference)
    at = timezone.localtime(first.checked_in_at).strftime("%H:%M")
    with pytest.raises(check_in.AlreadyCheckedIn, match=f"đã điểm danh lúc {at}"):
        check_in.check_in(actor=clerk, conference=conference, code=inv.code)
    with pytest.raises(check_in.AlreadyCheckedIn):
        check_in.check_in(actor=clerk, conference=conference, delegate=inv.delegate)
    assert untouched(conference) == before


def test_unknown_and_malformed_codes(built, clerk, commune, outsider):
    conference = built
    invitations.prepare_invitations(actor=clerk, conference=conference)
    before = untouched(conference)
    with pytest.raises(ValidationError, match="Không có giấy mời mã ZZZZ-ZZZZ"):
        check_in.check_in(actor=clerk, conference=conference, code="zzzz zzzz")
    with pytest.raises(ValidationError, match="không phải mã giấy mời"):
        check_in.check_in(actor=clerk, conference=conference, code="12")
    with pytest.raises(ValidationError, match="quét mã"):
        check_in.check_in(actor=clerk, conference=conference, code="")
    with pytest.raises(PermissionDenied):
        check_in.check_in(actor=outsider, conference=conference,
                          code=Invitation.objects.first().code)
    assert untouched(conference) == before


def test_check_in_by_name_without_invitation_and_remove_refused_after(built, clerk):
    conference = built
    d = conference.delegates.get(full_name="Lý Thị Dương")
    assert delegates_reads.find_by_name(conference.delegates.all(), "ly thi duong") == [d]
    inv = check_in.check_in(actor=clerk, conference=conference, delegate=d)
    assert inv.code and inv.checked_in_at
    before = untouched(conference)
    with pytest.raises(ValidationError, match="đã điểm danh"):
        delegates_actions.remove_delegate(actor=clerk, delegate=d)
    with pytest.raises(ValidationError, match="không ghi báo vắng"):
        inv.sent_at = timezone.now()
        inv.save()
        before = untouched(conference)
        invitations.record_response(actor=clerk, invitation=inv, confirmed=False)
    assert untouched(conference) == before


def test_walk_in(built, clerk, commune, supervisor):
    conference = built
    before = untouched(conference)
    with pytest.raises(ValidationError, match="họ và tên"):
        check_in.walk_in(actor=clerk, conference=conference, full_name=" ", position="")
    with pytest.raises(PermissionDenied):
        check_in.walk_in(actor=supervisor, conference=conference, full_name="Ai đó")
    assert untouched(conference) == before
    inv = check_in.walk_in(actor=clerk, conference=conference, full_name="Nông Văn Tài",
                           village=village_of(commune), position="")
    d = inv.delegate
    assert d.side == Side.EXTRA and d.position == "Người dân đến dự" and inv.checked_in_at
    assert AuditEvent.objects.filter(action="delegate.walk_in", object_id=str(d.pk)).exists()


def test_lists_close_after_the_conclusion(built, clerk, commune):
    conference = built
    conference.state = conference.State.CONCLUDED
    conference.save()
    before = untouched(conference)
    with pytest.raises(ValidationError, match="đã chốt"):
        add_citizens(conference, clerk, village_of(commune), 1)
    with pytest.raises(ValidationError, match="đã kết thúc"):
        check_in.walk_in(actor=clerk, conference=conference, full_name="Nông Văn Tài")
    assert untouched(conference) == before
