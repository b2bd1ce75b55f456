"""Participants actions: the list from the plan, the villages' lists and quotas; every refusal
leaves everything as it was and every change is audited. Invitations, answers and check-in:
test_invitations.py; the demo's participants: test_demo_participants.py."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.dialogues.actions import delegates as delegates_actions
from doithoai.dialogues.actions import invitations
from doithoai.dialogues.models import (
    Delegate,
    Milestone,
    VillageReturn,
)
from doithoai.dialogues.selectors import delegates as delegates_reads
from doithoai.org.models import Village
from tests.dialogues.participants_helpers import Side, add_citizens, untouched, village_of

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
    conference, village = built, village_of(commune)
    add_citizens(conference, clerk, village, 3)
    before = untouched(conference)
    with pytest.raises(ValidationError, match="chỉ được cử 3 đại diện"):
        add_citizens(conference, clerk, village, 1, start=3)
    assert untouched(conference) == before


def test_the_office_sets_a_quota_within_the_hall(built, clerk, commune, leader):
    conference, village = built, village_of(commune)
    add_citizens(conference, clerk, village, 3)
    vr = delegates_actions.set_village_quota(actor=leader, conference=conference, village=village,
                                             seats=5)
    assert vr.citizen_seats == 5 and delegates_reads.citizen_seats(conference, village) == 5
    add_citizens(conference, clerk, village, 2, start=3)
    before = untouched(conference)
    with pytest.raises(ValidationError, match="đã nhập 5 đại diện"):
        delegates_actions.set_village_quota(actor=clerk, conference=conference, village=village,
                                            seats=4)
    from doithoai.dialogues.selectors.conferences import planned_seats
    type(conference).objects.filter(pk=conference.pk).update(
        hall_capacity=planned_seats(conference) + 10)
    conference.refresh_from_db()
    before = untouched(conference)
    with pytest.raises(ValidationError, match="hội trường chỉ có"):
        delegates_actions.set_village_quota(actor=clerk, conference=conference, village=village,
                                            seats=50)
    with pytest.raises(ValidationError):
        delegates_actions.set_village_quota(actor=clerk, conference=conference, village=village,
                                            seats=-1)
    assert untouched(conference) == before
    assert AuditEvent.objects.filter(action="delegates.quota").count() == 1


def test_village_head_keeps_to_his_own_village(built, village_head, commune):
    conference = built
    own, other = village_of(commune), village_of(commune, "Thôn Bản Chu")
    d = delegates_actions.add_delegate(actor=village_head, conference=conference, side=Side.CITIZEN,
                                       village=own, full_name="Lương Thị Mai",
                                       position="Hội Phụ nữ")
    assert d.added_by == village_head
    before = untouched(conference)
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
    assert untouched(conference) == before


def test_front_officer_enters_any_village_and_supervisor_reads_only(built, front, supervisor,
                                                                   commune):
    conference = built
    village = village_of(commune, "Thôn Bản Thẳm")
    delegates_actions.add_delegate(actor=front, conference=conference, side=Side.CITIZEN,
                                   village=village,
                   full_name="Vi Văn Hợp")
    before = untouched(conference)
    with pytest.raises(PermissionDenied):
        delegates_actions.add_delegate(actor=supervisor, conference=conference, side=Side.CITIZEN,
                                       village=village, full_name="Vi Văn Khác")
    with pytest.raises(PermissionDenied):
        delegates_actions.set_village_quota(actor=front, conference=conference, village=village,
                                            seats=4)
    assert untouched(conference) == before


def test_bad_delegate_input_is_refused(built, clerk, commune):
    conference, village = built, village_of(commune)
    before = untouched(conference)
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
        conference.villages.set([village_of(commune, "Thôn Bản Chu")])
        delegates_actions.add_delegate(actor=clerk, conference=conference, side=Side.CITIZEN,
                                       village=village,
                       full_name="Hà Văn B")
    assert untouched(conference) == before


def test_submitting_a_list_on_time_late_and_all_in(built, clerk, village_head, commune):
    conference = built
    villages = list(Village.objects.filter(agency=commune, is_active=True))
    own = village_of(commune)
    before = untouched(conference)
    with pytest.raises(ValidationError, match="chưa có đại diện Nhân dân"):
        delegates_actions.submit_village_list(actor=village_head, conference=conference,
                                              village=own)
    assert untouched(conference) == before
    add_citizens(conference, village_head, own, 3)
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
        add_citizens(conference, clerk, village, 1)
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


def test_another_communes_clerk_is_refused(built, outsider, commune):
    conference = built
    before = untouched(conference)
    with pytest.raises(PermissionDenied):
        add_citizens(conference, outsider, village_of(commune), 1)
    with pytest.raises(PermissionDenied):
        invitations.prepare_invitations(actor=outsider, conference=conference)
    assert untouched(conference) == before
