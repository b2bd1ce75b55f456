"""Participants actions: the list from the plan, the villages' lists and quotas, invitations,
answers and check-in; every refusal leaves everything as it was and every change is audited."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.demo import participants
from doithoai.dialogues.actions import check_in, invitations
from doithoai.dialogues.actions import delegates as delegates_actions
from doithoai.dialogues.models import (
    Delegate,
    Invitation,
    Milestone,
    ParticipantGroup,
    VillageReturn,
)
from doithoai.dialogues.selectors import delegates as delegates_reads
from doithoai.org.models import Village

Side = ParticipantGroup.Side


def _village(commune, name="Thôn Nà Pàn"):
    return Village.objects.get(agency=commune, name=name)


def _state(conference):
    """Everything a refusal must leave untouched."""
    return (
        sorted(Delegate.objects.filter(conference=conference)
               .values_list("pk", "full_name", "position", "phone", "side")),
        sorted(Invitation.objects.filter(delegate__conference=conference)
               .values_list("pk", "code", "state", "sent_at", "sent_late", "needs_resend",
                            "responded_at", "checked_in_at")),
        sorted(VillageReturn.objects.filter(conference=conference)
               .values_list("pk", "citizen_seats", "delegates_sent_at")),
        AuditEvent.objects.count(),
    )


def _citizens(conference, clerk, village, n, start=0):
    return [delegates_actions.add_delegate(actor=clerk, conference=conference, side=Side.CITIZEN,
                                           village=village, full_name=f"Hoàng Văn Dân {start + i}",
                                           position="Đại diện hộ gia đình", phone="0912 345 678")
            for i in range(n)]


@pytest.fixture
def built(conference, clerk):
    delegates_actions.build_delegates(actor=clerk, conference=conference)
    return conference


@pytest.fixture
def village_head(commune):
    from doithoai.org.models import User
    return User.objects.get(username="truongthon")  # Thôn Nà Pàn


@pytest.fixture
def front(commune):
    from doithoai.org.models import User
    return User.objects.get(username="mattran")


# -- building -----------------------------------------------------------------------------------


def test_build_turns_the_composition_into_delegates(built, clerk):
    conference = built
    commune_side = conference.delegates.filter(side=Side.COMMUNE)
    names = set(commune_side.values_list("full_name", flat=True))
    # The chair group from the UBND leaders, units by their heads.
    assert {"Lý Thị Dương", "Hoàng Văn Tuấn", "Vi Thị Hằng"} <= names
    police = commune_side.get(unit__code="cong-an")
    assert police.full_name == "Nguyễn Văn Hùng" and police.position == "Trưởng Công an xã"
    economy = commune_side.get(unit__code="kinh-te")
    assert economy.full_name == "Hoàng Văn Lực"  # the head, not the officer Chu Thị Mai
    council = commune_side.get(group__label__contains="HĐND")
    assert council.full_name == "Hoàng Thị Nguyệt"
    school = commune_side.get(unit__code="mn-diem-he")  # no head known: the role only
    assert school.full_name == "" and school.position == "Đại diện lãnh đạo Trường Mầm non Điềm He"
    # Village seats for each of the 12 villages: 1 head + 1 Front + 4 associations + 1 elder.
    assert conference.delegates.filter(side=Side.VILLAGE).count() == 12 * 7
    head = conference.delegates.get(side=Side.VILLAGE, village__name="Thôn Nà Pàn",
                                    position="Trưởng thôn")
    assert head.full_name == "Lương Văn Khiêm"
    assert not conference.delegates.filter(side=Side.CITIZEN).exists()
    assert AuditEvent.objects.filter(action="delegates.build").count() == 1


def test_build_again_adds_only_what_is_missing(built, clerk):
    conference = built
    before = conference.delegates.count()
    assert delegates_actions.build_delegates(actor=clerk, conference=conference) == 0
    assert conference.delegates.count() == before
    conference.delegates.filter(unit__code="cong-an").delete()
    assert delegates_actions.build_delegates(actor=clerk, conference=conference) == 1
    assert conference.delegates.get(unit__code="cong-an").full_name == "Nguyễn Văn Hùng"
    assert conference.delegates.filter(full_name="Lý Thị Dương").count() == 1


def test_only_the_office_builds(conference, supervisor, front, outsider):
    for user in (supervisor, front, outsider):
        with pytest.raises(PermissionDenied):
            delegates_actions.build_delegates(actor=user, conference=conference)
    assert not conference.delegates.exists()


# -- village lists and quotas -------------------------------------------------------------------


def test_a_village_cannot_exceed_its_quota(built, clerk, commune):
    conference, village = built, _village(commune)
    _citizens(conference, clerk, village, 3)
    before = _state(conference)
    with pytest.raises(ValidationError, match="chỉ được cử 3 đại diện"):
        _citizens(conference, clerk, village, 1, start=3)
    assert _state(conference) == before


def test_the_office_sets_a_quota_within_the_hall(built, clerk, commune, leader):
    conference, village = built, _village(commune)
    _citizens(conference, clerk, village, 3)
    vr = delegates_actions.set_village_quota(actor=leader, conference=conference, village=village,
                                             seats=5)
    assert vr.citizen_seats == 5 and delegates_reads.citizen_seats(conference, village) == 5
    _citizens(conference, clerk, village, 2, start=3)
    before = _state(conference)
    with pytest.raises(ValidationError, match="đã nhập 5 đại diện"):
        delegates_actions.set_village_quota(actor=clerk, conference=conference, village=village,
                                            seats=4)
    from doithoai.dialogues.selectors.conferences import planned_seats
    type(conference).objects.filter(pk=conference.pk).update(
        hall_capacity=planned_seats(conference) + 10)
    conference.refresh_from_db()
    before = _state(conference)
    with pytest.raises(ValidationError, match="hội trường chỉ có"):
        delegates_actions.set_village_quota(actor=clerk, conference=conference, village=village,
                                            seats=50)
    with pytest.raises(ValidationError):
        delegates_actions.set_village_quota(actor=clerk, conference=conference, village=village,
                                            seats=-1)
    assert _state(conference) == before
    assert AuditEvent.objects.filter(action="delegates.quota").count() == 1


def test_village_head_keeps_to_his_own_village(built, village_head, commune):
    conference = built
    own, other = _village(commune), _village(commune, "Thôn Bản Chu")
    d = delegates_actions.add_delegate(actor=village_head, conference=conference, side=Side.CITIZEN,
                                       village=own, full_name="Lương Thị Mai",
                                       position="Hội Phụ nữ")
    assert d.added_by == village_head
    before = _state(conference)
    with pytest.raises(PermissionDenied):
        delegates_actions.add_delegate(actor=village_head, conference=conference, side=Side.CITIZEN,
                                       village=other, full_name="Hoàng Văn A")
    with pytest.raises(PermissionDenied):  # commune delegates are the office's
        delegates_actions.add_delegate(actor=village_head, conference=conference, side=Side.EXTRA,
                                       full_name="Khách")
    other_seat = conference.delegates.filter(village=other).first()
    with pytest.raises(PermissionDenied):
        delegates_actions.update_delegate(actor=village_head, delegate=other_seat, full_name="X",
                                          position="Y")
    with pytest.raises(PermissionDenied):
        delegates_actions.submit_village_list(actor=village_head, conference=conference,
                                              village=other)
    assert _state(conference) == before


def test_front_officer_enters_any_village_and_supervisor_reads_only(built, front, supervisor,
                                                                   commune):
    conference = built
    village = _village(commune, "Thôn Bản Thẳm")
    delegates_actions.add_delegate(actor=front, conference=conference, side=Side.CITIZEN,
                                   village=village,
                   full_name="Vi Văn Hợp")
    before = _state(conference)
    with pytest.raises(PermissionDenied):
        delegates_actions.add_delegate(actor=supervisor, conference=conference, side=Side.CITIZEN,
                                       village=village, full_name="Vi Văn Khác")
    with pytest.raises(PermissionDenied):
        delegates_actions.set_village_quota(actor=front, conference=conference, village=village,
                                            seats=4)
    assert _state(conference) == before


def test_bad_delegate_input_is_refused(built, clerk, commune):
    conference, village = built, _village(commune)
    before = _state(conference)
    with pytest.raises(ValidationError, match="họ và tên"):
        delegates_actions.add_delegate(actor=clerk, conference=conference, side=Side.CITIZEN,
                                       village=village,
                       full_name="  ", position="Đại diện hộ")
    with pytest.raises(ValidationError, match="điện thoại"):
        delegates_actions.add_delegate(actor=clerk, conference=conference, side=Side.CITIZEN,
                                       village=village,
                       full_name="Hà Văn B", phone="abc")
    with pytest.raises(ValidationError, match="chọn thôn"):
        delegates_actions.add_delegate(actor=clerk, conference=conference, side=Side.CITIZEN,
                                       full_name="Hà Văn B")
    with pytest.raises(ValidationError, match="không thuộc phạm vi"):
        conference.villages.set([_village(commune, "Thôn Bản Chu")])
        delegates_actions.add_delegate(actor=clerk, conference=conference, side=Side.CITIZEN,
                                       village=village,
                       full_name="Hà Văn B")
    assert _state(conference) == before


def test_submitting_a_list_on_time_late_and_all_in(built, clerk, village_head, commune):
    conference = built
    villages = list(Village.objects.filter(agency=commune, is_active=True))
    own = _village(commune)
    before = _state(conference)
    with pytest.raises(ValidationError, match="chưa có đại diện Nhân dân"):
        delegates_actions.submit_village_list(actor=village_head, conference=conference,
                                              village=own)
    assert _state(conference) == before
    _citizens(conference, village_head, own, 3)
    result = delegates_actions.submit_village_list(actor=village_head, conference=conference,
                                                   village=own)
    assert not result.late and not result.all_in
    vr = VillageReturn.objects.get(conference=conference, village=own)
    assert vr.delegates_sent_by == village_head and vr.delegates_sent_at
    with pytest.raises(ValidationError, match="đã gửi danh sách lúc"):
        delegates_actions.submit_village_list(actor=village_head, conference=conference,
                                              village=own)
    # The deadline has passed for the others: they are late, and the last one completes it.
    due = timezone.localdate() - dt.timedelta(days=1)
    conference.milestones.filter(kind=Milestone.Kind.DELEGATE_LISTS).update(due_on=due)
    VillageReturn.objects.filter(pk=vr.pk).update(  # that one had come before the deadline
        delegates_sent_at=vr.delegates_sent_at - dt.timedelta(days=2))
    rest = [v for v in villages if v != own]
    for village in rest:
        _citizens(conference, clerk, village, 1)
        result = delegates_actions.submit_village_list(actor=clerk, conference=conference,
                                                       village=village)
        assert result.late
    assert result.all_in
    m = conference.milestones.get(kind=Milestone.Kind.DELEGATE_LISTS)
    assert m.done_on == timezone.localdate() and "12 thôn" in m.proof
    rows = delegates_reads.village_rows(conference)
    assert sum(r.late for r in rows) == 11
    assert AuditEvent.objects.filter(action="delegates.submit").count() == 12


def test_remove_and_update(built, clerk, commune):
    conference = built
    seat = conference.delegates.filter(side=Side.VILLAGE, full_name="").first()
    delegates_actions.update_delegate(actor=clerk, delegate=seat, full_name="Lộc Thị Thêm",
                                      position=seat.position, phone="0987654321")
    seat.refresh_from_db()
    assert seat.full_name == "Lộc Thị Thêm"
    delegates_actions.remove_delegate(actor=clerk, delegate=seat)
    assert not Delegate.objects.filter(pk=seat.pk).exists()
    assert AuditEvent.objects.filter(action="delegate.remove", object_id=str(seat.pk)).exists()


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
    before = _state(conference)
    with pytest.raises(ValidationError, match="Không có giấy mời nào cần gửi"):
        invitations.send_invitations(actor=clerk, conference=conference)
    assert _state(conference) == before


def test_sending_late_needs_confirmation_and_is_flagged(built, clerk):
    conference = built
    invitations.prepare_invitations(actor=clerk, conference=conference)
    due = timezone.localdate() - dt.timedelta(days=2)
    conference.milestones.filter(kind=Milestone.Kind.INVITATIONS).update(due_on=due)
    assert delegates_reads.sending_late(conference) == due
    before = _state(conference)
    with pytest.raises(ValidationError, match="sau hạn"):
        invitations.send_invitations(actor=clerk, conference=conference, late_ok=False)
    assert _state(conference) == before
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
    before = _state(conference)
    with pytest.raises(ValidationError, match="chưa được gửi"):
        invitations.record_response(actor=clerk, invitation=inv, confirmed=True)
    invitations.send_invitations(actor=clerk, conference=conference)
    before = _state(conference)
    with pytest.raises(PermissionDenied):
        invitations.record_response(actor=supervisor, invitation=inv, confirmed=True)
    assert _state(conference) == before
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
    before = _state(conference)
    at = timezone.localtime(first.checked_in_at).strftime("%H:%M")
    with pytest.raises(check_in.AlreadyCheckedIn, match=f"đã điểm danh lúc {at}"):
        check_in.check_in(actor=clerk, conference=conference, code=inv.code)
    with pytest.raises(check_in.AlreadyCheckedIn):
        check_in.check_in(actor=clerk, conference=conference, delegate=inv.delegate)
    assert _state(conference) == before


def test_unknown_and_malformed_codes(built, clerk, commune, outsider):
    conference = built
    invitations.prepare_invitations(actor=clerk, conference=conference)
    before = _state(conference)
    with pytest.raises(ValidationError, match="Không có giấy mời mã ZZZZ-ZZZZ"):
        check_in.check_in(actor=clerk, conference=conference, code="zzzz zzzz")
    with pytest.raises(ValidationError, match="không phải mã giấy mời"):
        check_in.check_in(actor=clerk, conference=conference, code="12")
    with pytest.raises(ValidationError, match="quét mã"):
        check_in.check_in(actor=clerk, conference=conference, code="")
    with pytest.raises(PermissionDenied):
        check_in.check_in(actor=outsider, conference=conference,
                          code=Invitation.objects.first().code)
    assert _state(conference) == before


def test_check_in_by_name_without_invitation_and_remove_refused_after(built, clerk):
    conference = built
    d = conference.delegates.get(full_name="Lý Thị Dương")
    assert delegates_reads.find_by_name(conference.delegates.all(), "ly thi duong") == [d]
    inv = check_in.check_in(actor=clerk, conference=conference, delegate=d)
    assert inv.code and inv.checked_in_at
    before = _state(conference)
    with pytest.raises(ValidationError, match="đã điểm danh"):
        delegates_actions.remove_delegate(actor=clerk, delegate=d)
    with pytest.raises(ValidationError, match="không ghi báo vắng"):
        inv.sent_at = timezone.now()
        inv.save()
        before = _state(conference)
        invitations.record_response(actor=clerk, invitation=inv, confirmed=False)
    assert _state(conference) == before


def test_walk_in(built, clerk, commune, supervisor):
    conference = built
    before = _state(conference)
    with pytest.raises(ValidationError, match="họ và tên"):
        check_in.walk_in(actor=clerk, conference=conference, full_name=" ", position="")
    with pytest.raises(PermissionDenied):
        check_in.walk_in(actor=supervisor, conference=conference, full_name="Ai đó")
    assert _state(conference) == before
    inv = check_in.walk_in(actor=clerk, conference=conference, full_name="Nông Văn Tài",
                           village=_village(commune), position="")
    d = inv.delegate
    assert d.side == Side.EXTRA and d.position == "Người dân đến dự" and inv.checked_in_at
    assert AuditEvent.objects.filter(action="delegate.walk_in", object_id=str(d.pk)).exists()


def test_lists_close_after_the_conclusion(built, clerk, commune):
    conference = built
    conference.state = conference.State.CONCLUDED
    conference.save()
    before = _state(conference)
    with pytest.raises(ValidationError, match="đã chốt"):
        _citizens(conference, clerk, _village(commune), 1)
    with pytest.raises(ValidationError, match="đã kết thúc"):
        check_in.walk_in(actor=clerk, conference=conference, full_name="Nông Văn Tài")
    assert _state(conference) == before


# -- demo ---------------------------------------------------------------------------------------


def test_demo_participants_upcoming(conference, clerk):
    summary = participants.demo_participants(conference, clerk)
    assert summary["missing_villages"] == 2
    rows = delegates_reads.village_rows(conference)
    assert sum(1 for r in rows if not r.village_return.delegates_sent_at) == 2
    assert conference.delegates.filter(side=Side.CITIZEN).count() == 10 * 3
    invs = Invitation.objects.filter(delegate__conference=conference)
    # The two villages that have not sent left their seats unnamed: no invitation yet.
    assert invs.count() == delegates_reads.addressable(conference.delegates.all()).count()
    assert delegates_reads.sending_summary(conference).unnamed > 0
    assert not invs.filter(sent_at=None).exists()
    assert invs.filter(state=Invitation.State.CONFIRMED).exists()
    assert invs.filter(state=Invitation.State.DECLINED).exists()
    assert not invs.exclude(checked_in_at=None).exists()


def test_demo_participants_held(conference, clerk):
    # The conference day has come: the deadlines have passed, one list came late.
    day = timezone.localdate()
    type(conference).objects.filter(pk=conference.pk).update(held_on=day)
    conference.milestones.filter(kind=Milestone.Kind.DELEGATE_LISTS).update(
        due_on=day - dt.timedelta(days=3))
    conference.milestones.filter(kind=Milestone.Kind.INVITATIONS).update(
        due_on=day - dt.timedelta(days=9))
    conference.refresh_from_db()
    summary = participants.demo_participants(conference, clerk, held=True)
    rows = delegates_reads.village_rows(conference)
    assert sum(r.late for r in rows) == 1
    invs = Invitation.objects.filter(delegate__conference=conference)
    assert not invs.filter(sent_late=True).exists()
    checked = invs.exclude(checked_in_at=None).count()
    assert checked == summary["checked_in"] and checked > invs.count() * 0.6
    assert not invs.filter(state=Invitation.State.DECLINED).exclude(checked_in_at=None).exists()


def test_another_communes_clerk_is_refused(built, outsider, commune):
    conference = built
    before = _state(conference)
    with pytest.raises(PermissionDenied):
        _citizens(conference, outsider, _village(commune), 1)
    with pytest.raises(PermissionDenied):
        invitations.prepare_invitations(actor=outsider, conference=conference)
    assert _state(conference) == before

