"""Xã Điềm He's dialogue year of 2026, built through the actions for the tests that read whole
documents and every scoped row — on the base organisation (tests/base_organisation.py) and on
the day the dialogue tests live on (tests/conftest.py::FROZEN_NOW, Monday 23/11/2026):

- `yearly_plan`: the plan 27/KH-UBND, issued on 15/05/2026 and made public, every section
  prefilled;
- `june_conference`: the conference held on Friday 12/06/2026 — its delegates invited and
  mostly checked in, the opinions spoken there and what became of each (answered on the spot,
  kept from the public, given to a unit and extended, drafted, answered in writing, sent up to
  the province, a complaint sent to its procedure), its outcome and its conclusion notice;
- `upcoming_conference`: the conference ahead on Friday 11/12/2026 — its delegates invited,
  the opinions four villages sent, one answer prepared by a unit;
- `letters`: petitions answered in writing or on their way, outside any conference — one
  answered, one answered under the number of its own letter (sent before the register
  numbered letters), two grouped into one issue, a denunciation, a complaint sent to its
  procedure, an anonymous opinion answered, an answer drafted, one assigned.

The opinions' texts are the demo's (`doithoai.demo.dialogues`): the documents' tests read the
same words the demo shows. Nothing here is random."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from doithoai.demo.dialogues import (
    JUNE_COMPLAINANT,
    JUNE_COMPLAINT_REASON,
    JUNE_COMPLAINT_REMARK,
    JUNE_SPEECHES,
    UPCOMING_OPINIONS,
    UPCOMING_UNITS,
    VILLAGES_SENT_OPINIONS,
    conclude_numbered,
    issue_numbered,
)
from doithoai.dialogues.actions import (
    check_in,
    conferences,
    delegates,
    invitations,
    milestones,
    outcome,
    plans,
    prepared_answers,
    village_opinions,
)
from doithoai.dialogues.models import Conference, Milestone, ParticipantGroup, Plan
from doithoai.dialogues.selectors.conferences import covered_villages
from doithoai.dialogues.selectors.delegates import citizen_seats
from doithoai.org.models import Agency, Person, Unit, User, Village
from doithoai.petitions.actions import answers, assignments, deadlines, intake, issues, procedures
from doithoai.petitions.actions.fields import ensure_default_fields
from doithoai.petitions.models import Channel, Kind, Petition, Urgency

COMMUNE = "ubnd-xa-diem-he"
TODAY = dt.date(2026, 11, 23)
PLAN_NUMBER, PLAN_ISSUED_ON = "27/KH-UBND", dt.date(2026, 5, 15)
JUNE_TITLE = "Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân năm 2026"
JUNE_HELD_ON = dt.date(2026, 6, 12)
CONCLUSION_NUMBER, CONCLUDED_ON = "58/TB-UBND", dt.date(2026, 6, 18)
CONCLUSION = ("Giao Phòng Kinh tế kiểm tra, đề xuất sửa chữa các tuyến đường liên thôn xuống cấp "
              "và trả lời bằng văn bản trong 15 ngày làm việc. Giao Phòng Văn hóa - Xã hội rà "
              "soát hồ sơ hỗ trợ hộ nghèo. Văn phòng HĐND và UBND xã theo dõi, đôn đốc.")
UPCOMING_TITLE = "Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân cuối năm 2026"
UPCOMING_HELD_ON = dt.date(2026, 12, 11)
# Answered by the chair in the hall: (village, field, speaker or "", asked not to be named,
# text, answer) — enough of one field for its list to run past "đ" in a notice.
JUNE_ON_THE_SPOT = [
    ("Thôn Bản Chu", "giao-thong", "", False,
     "Đề nghị xã hướng dẫn thủ tục làm đường bê tông theo phương thức Nhà nước và Nhân dân "
     "cùng làm.",
     "Văn phòng UBND xã hướng dẫn các thôn lập hồ sơ trong tháng 7."),
    ("Thôn Nà Pàn", "giao-thong", "Hoàng Văn Thắng", False,
     "Đề nghị lắp biển báo giao thông ngã ba chợ phiên Điềm He.",
     "UBND xã sẽ lắp biển báo tại ngã ba chợ trong tháng 7."),
    ("Thôn Khòn Pát", "giao-thong", "Lục Thị Nhung", True,
     "Đề nghị phát quang hai bên đường vào thôn Khòn Pát.",
     "Xã huy động đoàn viên thanh niên phát quang trong tháng 6."),
    ("Thôn Bản Thẳm", "giao-thong", "Vi Văn Hùng", False,
     "Đề nghị sửa cống qua đường đầu thôn Bản Thẳm.",
     "Phòng Kinh tế kiểm tra và sửa cống trước mùa mưa."),
    ("Thôn Nà Hu", "giao-thong", "Lương Thị Hoa", False,
     "Đề nghị làm gờ giảm tốc trước điểm trường thôn Nà Hu.",
     "UBND xã làm gờ giảm tốc trong tháng 8."),
    ("Thôn Pác Lùng", "y-te", "Hà Văn Minh", False,
     "Đề nghị Trạm Y tế xã khám bệnh lưu động tại thôn Pác Lùng mỗi quý.",
     "Trạm Y tế xã khám lưu động tại nhà văn hóa thôn vào tuần đầu mỗi quý."),
]


def office() -> tuple[Agency, User, User]:
    """The commune, its office clerk and its chairman."""
    return (Agency.objects.get(code=COMMUNE), User.objects.get(username="vanphong"),
            User.objects.get(username="chutich"))


def _person(agency: Agency, position_start: str) -> Person:
    return Person.objects.filter(agency=agency, position__startswith=position_start) \
        .order_by("pk").first()


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def yearly_plan(year: int = 2026, number: str = PLAN_NUMBER,
                issued_on: dt.date = PLAN_ISSUED_ON) -> Plan:
    agency, clerk, leader = office()
    plan = plans.create_plan(actor=clerk, agency=agency, year=year)
    plan = issue_numbered(leader, plan, number, issued_on)  # as the demo's office does
    return plans.publish_plan(actor=clerk, plan=plan,
                              published_on=issued_on + dt.timedelta(days=3))


def schedule(plan: Plan, title: str, held_on: dt.date, today: dt.date) -> Conference:
    agency, clerk, _leader = office()
    data = {"title": title, "held_on": held_on, "starts_at": dt.time(8, 0),
            "venue": "Hội trường UBND xã Điềm He", "hall_capacity": 300,
            "chair": _person(agency, "Chủ tịch UBND"),
            "co_chair": _person(agency, "Phó Chủ tịch HĐND"),
            "secretary": _person(agency, "Chuyên viên Văn phòng")
            or _person(agency, "Công chức Văn phòng")}
    return conferences.schedule_conference(actor=clerk, plan=plan, data=data, today=today)


def invite(conference: Conference, *, check_in_all_but: int | None = None) -> None:
    """Every covered village but the last two (they have not sent yet) names its seats and
    its citizens and sends its list; the invitations are prepared and sent.
    `check_in_all_but`: on the day, everyone but every n-th invitee comes through the door."""
    _agency, clerk, _leader = office()
    delegates.build_delegates(actor=clerk, conference=conference)
    n = 0
    for village in covered_villages(conference)[:-2]:
        for seat in conference.delegates.filter(side=ParticipantGroup.Side.VILLAGE,
                                                village=village, full_name=""):
            n += 1
            delegates.update_delegate(actor=clerk, delegate=seat, full_name=f"Hoàng Văn Tổ {n}",
                                      position=seat.position, phone=seat.phone)
        for _seat in range(citizen_seats(conference, village)):
            n += 1
            delegates.add_delegate(actor=clerk, conference=conference,
                                   side=ParticipantGroup.Side.CITIZEN, village=village,
                                   full_name=f"Nông Thị Dân {n}",
                                   position="Đại diện hộ gia đình", phone="0912 345 678")
        delegates.submit_village_list(actor=clerk, conference=conference, village=village)
    invitations.prepare_invitations(actor=clerk, conference=conference)
    invitations.send_invitations(actor=clerk, conference=conference, late_ok=True)
    if check_in_all_but:
        for i, invitation in enumerate(conference.delegates.exclude(invitation=None)
                                       .order_by("pk")):
            if i % check_in_all_but:
                check_in.check_in(actor=clerk, conference=conference,
                                  code=invitation.invitation.code)


def _receive(conference: Conference | None, text: str, *, village: str, field: str,
             channel: str, received_on: dt.date, key: str, kind: str = Kind.OPINION,
             urgency: str = Urgency.NORMAL, people=(), address: str = "") -> Petition:
    agency, clerk, _leader = office()
    fields = {f.code: f for f in ensure_default_fields(agency)}
    where = Village.objects.get(agency=agency, name=village)
    return intake.receive(intake.Intake(
        agency=agency, text=text, channel=channel, received_on=received_on, kind=kind,
        field=fields[field], urgency=urgency, village_id=where.pk, conference=conference,
        submission_key=key,
        petitioners=[intake.PetitionerData(full_name=name, village_id=where.pk, address=address,
                                           anonymous_to_public=hidden)
                     for name, hidden in people]), actor=clerk)


def _unit(agency: Agency, code: str) -> Unit:
    return Unit.objects.get(agency=agency, code=code)


def june_conference(plan: Plan) -> Conference:
    """Held on 12/06/2026 and concluded (see the module's docstring)."""
    agency, clerk, leader = office()
    officer = User.objects.get(username="kinhte")
    june = schedule(plan, JUNE_TITLE, JUNE_HELD_ON, today=PLAN_ISSUED_ON + dt.timedelta(days=4))
    invite(june, check_in_all_but=8)
    for i, (village, code, speaker, unnamed, text, said) in enumerate(JUNE_ON_THE_SPOT):
        p = _receive(june, text, village=village, field=code, channel=Channel.CONFERENCE,
                     received_on=JUNE_HELD_ON, key=f"june-spot-{i}",
                     people=[(speaker, unnamed)] if speaker else ())
        answers.answer_at_conference(actor=clerk, petition=p, text=said,
                                     answered_by="Chủ tịch UBND xã")
    for i, (village, code, text, path) in enumerate(JUNE_SPEECHES):
        complaint = path == "complaint"
        p = _receive(june, text, village=village, field=code, channel=Channel.CONFERENCE,
                     received_on=JUNE_HELD_ON, key=f"june-{i}",
                     kind=Kind.COMPLAINT if complaint else Kind.OPINION,
                     people=[(JUNE_COMPLAINANT, False)] if complaint else ())
        if complaint:
            procedures.transfer_to_procedure(actor=leader, petition=p, kind=Kind.COMPLAINT,
                                             reason=JUNE_COMPLAINT_REASON,
                                             remark=JUNE_COMPLAINT_REMARK)
            continue
        if path == "escalated":
            procedures.escalate(actor=clerk, petition=p,
                                receiving_agency="Ủy ban nhân dân tỉnh Lạng Sơn",
                                follow_up_on=JUNE_HELD_ON + dt.timedelta(days=60),
                                reason="Việc bồi thường đường tỉnh thuộc thẩm quyền của tỉnh.")
            continue
        unit = _unit(agency, "van-hoa-xa-hoi" if code == "chinh-sach-xa-hoi" else "kinh-te")
        p = assignments.assign(actor=clerk, petition=p, unit=unit)
        if path == "extended":
            p = deadlines.extend(actor=officer, petition=p,
                                 new_due_date=TODAY + dt.timedelta(days=14),
                                 reason="Cần khảo sát hiện trạng kênh với thôn.")
        if path in ("drafted", "published"):
            p = answers.draft_answer(
                actor=officer if unit.code == "kinh-te" else clerk, petition=p,
                text="UBND xã đã kiểm tra và sẽ bố trí kinh phí sửa chữa trong quý I năm "
                     "2027.").petition
        if path == "published":
            p = answers.approve_answer(actor=leader, petition=p)
            answers.publish_answer(actor=clerk, petition=p)
    _prepared_as_planned(june)
    june = outcome.record_outcome(actor=clerk, conference=june, attendance=None,
                                  outcome="Hội nghị diễn ra đúng chương trình.")
    conclude_numbered(clerk, june, CONCLUSION_NUMBER, CONCLUDED_ON, CONCLUSION)
    return Conference.objects.get(pk=june.pk)


def _prepared_as_planned(june: Conference) -> None:
    """Every step before the day done, with its proof; every village's opinions sent four
    days before, one village's two days late."""
    _agency, clerk, _leader = office()
    day, kinds = june.held_on, Milestone.Kind
    for kind, days_before, proof in (
            (kinds.ANNOUNCEMENT, 9, "Thông báo số 52/TB-UBND; phát trên Đài truyền thanh xã 3 "
                                    "buổi, đăng trang thông tin điện tử xã"),
            (kinds.INVITATIONS, 10, "Giấy mời gửi qua trưởng thôn và các đơn vị"),
            (kinds.DELEGATE_LISTS, 2, "Danh sách đại biểu do Ủy ban MTTQ xã tổng hợp"),
            (kinds.PREPARED_ANSWERS, 1, "Các đơn vị đã gửi nội dung trả lời")):
        for milestone in june.milestones.filter(kind=kind, done_on=None):
            milestones.mark_done(actor=clerk, milestone=milestone, proof=proof,
                                 done_on=day - dt.timedelta(days=days_before))
    for milestone in june.milestones.filter(kind=kinds.TASK, done_on=None):
        milestones.mark_done(actor=clerk, milestone=milestone, proof="Đã thực hiện theo kế hoạch",
                             done_on=milestone.due_on or june.plan.published_on)
    villages = covered_villages(june)
    for village in villages:
        late = village == villages[-1]
        village_opinions.send_village_opinions(
            actor=clerk, conference=june, village=village,
            now=_at(day - dt.timedelta(days=2 if late else 4), 9))


def upcoming_conference(plan: Plan) -> Conference:
    """Ahead on 11/12/2026, prepared as of today (see the module's docstring)."""
    agency, clerk, _leader = office()
    upcoming = schedule(plan, UPCOMING_TITLE, UPCOMING_HELD_ON, today=TODAY)
    invite(upcoming)
    for i, (village, code, text, urgency) in enumerate(UPCOMING_OPINIONS):
        p = _receive(upcoming, text, village=village, field=code, channel=Channel.SURVEY_FORM,
                     received_on=TODAY - dt.timedelta(days=2), key=f"upcoming-{i}",
                     urgency=urgency)
        if code not in UPCOMING_UNITS:
            continue  # left for the office to assign
        p = assignments.assign(actor=clerk, petition=p, unit=_unit(agency, UPCOMING_UNITS[code]))
        if i == 0:
            prepared_answers.save_prepared_answer(
                actor=User.objects.get(username="kinhte"), conference=upcoming, petition=p,
                text="Phòng Kinh tế đã khảo sát cầu tràn đầu thôn Nà Pàn; đề xuất đưa vào kế "
                     "hoạch sửa chữa năm 2027, trước mắt cắm biển cảnh báo mùa mưa.")
    for village in Village.objects.filter(agency=agency, name__in=VILLAGES_SENT_OPINIONS):
        village_opinions.send_village_opinions(actor=clerk, conference=upcoming,
                                               village=village)
    return upcoming


def letters() -> dict[str, Petition]:
    """Petitions of the year outside any conference, by what became of them."""
    agency, clerk, leader = office()
    public_service = _unit(agency, "dvci")
    made = {}

    def received(key, text, *, people=(("Hoàng Văn Lợi", False),), kind=Kind.OPINION,
                 village="Thôn Nà Hu"):
        return _receive(None, text, village=village, field="giao-thong",
                        channel=Channel.SURVEY_FORM, received_on=dt.date(2026, 9, 7),
                        key=f"letter-{key}", kind=kind, people=people,
                        address=f"{village}, xã Điềm He")

    def answered(p, text, number=""):
        p = assignments.assign(actor=clerk, petition=p, unit=public_service)
        answers.draft_answer(actor=clerk, petition=p, text=text, document_number=number,
                             document_date=dt.date(2026, 9, 25) if number else None)
        p = answers.approve_answer(actor=leader, petition=p)
        return answers.publish_answer(actor=clerk, petition=p)

    made["sent"] = answered(
        received("sent", "Đề nghị sửa biển tên thôn Nà Hu bị đổ."),
        "Trung tâm Dịch vụ công ích dựng lại biển tên thôn trong tháng 10.",
        number="88/UBND-DVCI")
    made["published"] = answered(
        received("published", "Đề nghị thu gom rác thải dọc đường trục thôn Nà Hu hai lần mỗi "
                              "tuần."),
        "Trung tâm Dịch vụ công ích bố trí xe thu gom rác tại thôn Nà Hu vào thứ Ba và thứ Sáu "
        "hằng tuần.")
    grouped = [received(f"grouped-{i}", text, people=((name, False),)) for i, (name, text) in
               enumerate([("Chu Văn Toản", "Đề nghị sửa đèn đường ngã tư thôn Nà Hu bị hỏng."),
                          ("Lăng Thị Mai", "Đèn đường ngã tư Nà Hu hỏng đã hai tháng.")])]
    issue = issues.group_into_issue(actor=clerk, petitions=grouped,
                                    title="Sửa đèn đường ngã tư thôn Nà Hu")
    made["grouped"] = answered(Petition.objects.get(pk=grouped[0].pk),
                               "Trung tâm Dịch vụ công ích đã thay bóng đèn ngã tư thôn Nà Hu.")
    made["issue"] = issue
    denunciation = received("denunciation", "Tôi tố cáo cán bộ địa chính Lường Văn Tố nhận tiền "
                            "của dân khi làm sổ đỏ.", kind=Kind.DENUNCIATION,
                            people=(("Người tố cáo Hà Văn Kín", False),))
    made["denunciation"] = procedures.transfer_to_procedure(
        actor=clerk, petition=denunciation, kind=Kind.DENUNCIATION, reason="Đơn tố cáo.")
    complaint = received("complaint", "Tôi khiếu nại quyết định thu hồi đất vườn của gia đình.",
                         kind=Kind.COMPLAINT, people=(("Mã Văn Khiếu", False),))
    made["complaint"] = procedures.transfer_to_procedure(
        actor=clerk, petition=complaint, kind=Kind.COMPLAINT,
        reason="Khiếu nại quyết định hành chính về đất đai.")
    made["anonymous"] = answered(
        received("anonymous", "Đề nghị bố trí thùng rác công cộng ở chợ phiên.", people=()),
        "Trung tâm Dịch vụ công ích đặt 4 thùng rác tại chợ phiên.")
    drafted = assignments.assign(actor=clerk, petition=received(
        "drafted", "Đề nghị nạo vét rãnh thoát nước thôn Nà Hu."), unit=public_service)
    answers.draft_answer(actor=clerk, petition=drafted,
                         text="Trung tâm Dịch vụ công ích nạo vét rãnh trong tháng 12.")
    made["drafted"] = Petition.objects.get(pk=drafted.pk)
    made["assigned"] = assignments.assign(actor=clerk, petition=received(
        "assigned", "Đề nghị cắt tỉa cây xanh che khuất biển báo đầu thôn."),
        unit=public_service)
    return made
