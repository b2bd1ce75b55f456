"""Demo plans and conferences, on the demo's timeline (`demo.timeline`): xã Điềm He's
yearly conference of June, held and concluded, its petitions in every state; a thematic
conference held today with its session under way in the hall (`demo.live`), under this year's
plan; an upcoming one whose milestones are due, under the plan of its own year; last year's
conference told briefly when the June one is this year's; xã Văn Quan's conference of
September, so that the province's roll-up shows real figures (and the other communes of the
province show "no plan yet").

Everything goes through the real services with the demo accounts as actors. Loading twice on
the same day adds nothing: plans are found by agency and year, conferences by title.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from doithoai.core import dates
from doithoai.core.petition_flow import State
from doithoai.demo import live as live_demo
from doithoai.demo import participants
from doithoai.demo.petitions import conference_title
from doithoai.demo.timeline import PLAN_ISSUED, Timeline, workday_on_or_before
from doithoai.dialogues.actions import conferences, milestones, plans, prepared_answers
from doithoai.dialogues.actions import outcome as outcome_actions
from doithoai.dialogues.models import Conference, Milestone, Plan, VillageReturn
from doithoai.dialogues.selectors import delegates as delegates_reads
from doithoai.dialogues.selectors import village_opinions
from doithoai.documents.actions import register as documents
from doithoai.org.models import Agency, Person, User, Village
from doithoai.petitions import notify
from doithoai.petitions.actions import answers, assignments, intake, procedures
from doithoai.petitions.actions import deadlines as petition_deadlines
from doithoai.petitions.actions.fields import ensure_default_fields
from doithoai.petitions.models import Channel, Field, Kind, Petition, Urgency
from doithoai.workdays.calendar import get_calendar

DIEM_HE, VAN_QUAN = "ubnd-xa-diem-he", "ubnd-xa-van-quan"
PLAN_NUMBER = "27/KH-UBND"
CONCLUSION_NUMBER = "58/TB-UBND"
PREVIOUS_PLAN_NUMBER, PREVIOUS_CONCLUSION_NUMBER = "25/KH-UBND", "56/TB-UBND"
VAN_QUAN_PLAN_NUMBER, VAN_QUAN_CONCLUSION_NUMBER = "41/KH-UBND", "63/TB-UBND"
# Opinions the villages sent for the upcoming conference: (village, field, text, urgency).
UPCOMING_OPINIONS = [
    ("Thôn Nà Pàn", "giao-thong", "Đề nghị sửa cầu tràn đầu thôn Nà Pàn, mùa mưa nước ngập "
     "không đi lại được.", Urgency.PRESSING),
    ("Thôn Nà Pàn", "dien-nuoc", "Đề nghị lắp thêm bóng đèn chiếu sáng đoạn đường từ nhà văn "
     "hóa thôn ra đường tỉnh.", Urgency.NORMAL),
    ("Thôn Bản Chu", "nong-nghiep", "Đề nghị hỗ trợ giống ngô, phân bón cho các hộ bị thiệt hại "
     "do mưa đá tháng 10.", Urgency.PRESSING),
    ("Thôn Bản Chu", "dat-dai", "Đề nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho các hộ "
     "đã nộp hồ sơ từ năm 2025.", Urgency.NORMAL),
    ("Thôn Bản Thẳm", "y-te", "Đề nghị Trạm Y tế xã tổ chức khám sức khỏe định kỳ cho người "
     "cao tuổi tại thôn.", Urgency.NORMAL),
    ("Thôn Khòn Pát", "giao-duc", "Đề nghị sửa lại mái phòng học điểm trường thôn Khòn Pát bị "
     "dột.", Urgency.PRESSING),
    ("Thôn Khòn Pát", "chinh-sach-xa-hoi", "Đề nghị xem xét hỗ trợ nhà ở cho hộ nghèo bà Hoàng "
     "Thị Lìu.", Urgency.NORMAL),
]
# Which unit the office gives each field's opinions to (the social ones stay unassigned).
UPCOMING_UNITS = {"giao-thong": "kinh-te", "dien-nuoc": "kinh-te", "nong-nghiep": "kinh-te",
                  "dat-dai": "kinh-te", "y-te": "tram-y-te", "giao-duc": "van-hoa-xa-hoi"}
VILLAGES_SENT_OPINIONS = ("Thôn Nà Pàn", "Thôn Bản Chu", "Thôn Bản Thẳm", "Thôn Khòn Pát")
# Last year's conference, told briefly: (field, opinion, speaker), and the answers sent since.
PREVIOUS_OPINIONS = [
    ("giao-thong", "Đề nghị làm rãnh thoát nước dọc đường trục thôn Nà Pàn.", "Hoàng Văn Nhì"),
    ("y-te", "Đề nghị Trạm Y tế xã có thêm buổi tiêm chủng tại các thôn xa.", "Lục Thị Vân"),
    ("dat-dai", "Đề nghị công khai kết quả đo đạc lại bản đồ địa chính của xã.",
     "Nông Văn Thượng"),
]
PREVIOUS_LETTERS = {"y-te": 71, "dat-dai": 72}
PREVIOUS_ANSWERS = {
    "y-te": "Trạm Y tế xã tổ chức tiêm chủng lưu động tại nhà văn hóa các thôn xa vào tuần "
            "đầu mỗi quý; lịch tiêm được thông báo trên Đài truyền thanh xã.",
    "dat-dai": "Kết quả đo đạc lại bản đồ địa chính đã được niêm yết tại trụ sở UBND xã và nhà "
               "văn hóa các thôn; người dân có ý kiến gửi Phòng Kinh tế trong 30 ngày.",
}


@dataclass
class Outcome:
    created: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if not self.created:
            return "Kế hoạch, hội nghị mẫu: đã có, không tạo thêm."
        return "Kế hoạch, hội nghị mẫu: " + "; ".join(self.created) + "."


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _person(agency: Agency, position_start: str) -> Person | None:
    return Person.objects.filter(agency=agency, position__startswith=position_start).first()


def upcoming_title(day: dt.date) -> str:
    """The conference being prepared: "… cuối năm 2026" (đầu, giữa, cuối by its month)."""
    part = "đầu" if day.month <= 4 else "giữa" if day.month <= 8 else "cuối"
    return f"Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân {part} năm {day.year}"


def _plan(agency: Agency, clerk: User, leader: User, year: int, issued_on: dt.date,
          number: str | None, today: dt.date) -> tuple[Plan, bool]:
    """The yearly plan of `year`, issued (under `number`, or the register's next) and made
    public three days later (or today)."""
    existing = Plan.objects.filter(agency=agency, year=year, kind=Plan.Kind.PERIODIC).first()
    if existing:
        return existing, False
    plan = plans.create_plan(actor=clerk, agency=agency, year=year)
    plan = issue_numbered(leader, plan, number, issued_on)
    plan = plans.publish_plan(actor=clerk, plan=plan, published_on=min(
        issued_on + dt.timedelta(days=3), today))
    return plan, True


def _paper_register_reached(actor: User, agency: Agency, year: int, number: str) -> None:
    """The office's paper register had reached `number` ("27/KH-UBND"): the next document of
    that register gets 27."""
    documents.set_next_number(actor=actor, agency=agency, year=year,
                              code=number.split("/")[1].split("-")[0],
                              next_number=int(number.split("/")[0]),
                              reason="Khớp với sổ đăng ký văn bản đi của Văn phòng")


def issue_numbered(actor: User, plan: Plan, number: str | None, issued_on: dt.date) -> Plan:
    """Issue the plan through the register, as an office does: the register is first set to
    the number the paper register had reached ("27/KH-UBND" → next 27), when one is given."""
    if number:
        _paper_register_reached(actor, plan.agency, issued_on.year, number)
    documents.issue(actor=actor, kind_code="ke-hoach", obj=plan, issued_on=issued_on,
                    signed=True)  # the leader signed it (the demo tells it so)
    plan.refresh_from_db()
    return plan


def conclude_numbered(actor: User, conference: Conference, number: str, issued_on: dt.date,
                      conclusion: str) -> None:
    """The conclusion notice issued through the register (its paper number reached first)."""
    _paper_register_reached(actor, conference.agency, issued_on.year, number)
    documents.issue_conclusion_notice(actor=actor, conference=conference, conclusion=conclusion,
                                      issued_on=issued_on, signed=True)


def _schedule(plan: Plan, clerk: User, title: str, held_on: dt.date, today: dt.date,
              venue: str) -> Conference:
    agency = plan.agency
    data = {"title": title, "held_on": held_on, "starts_at": dt.time(8, 0), "venue": venue,
            "hall_capacity": 300, "chair": _person(agency, "Chủ tịch UBND"),
            "co_chair": _person(agency, "Phó Chủ tịch HĐND"),
            "secretary": _person(agency, "Chuyên viên Văn phòng")
            or _person(agency, "Công chức Văn phòng")}
    return conferences.schedule_conference(actor=clerk, plan=plan, data=data, today=today)


def _done(conference: Conference, kind: str, clerk: User, on: dt.date, proof: str) -> None:
    m = conference.milestones.filter(kind=kind, done_on=None).first()
    if m is not None:
        milestones.mark_done(actor=clerk, milestone=m, proof=proof, done_on=on)


def _villages_sent(conference: Conference, names, on: dt.datetime, user: User, *,
                   opinions: bool = True, delegates: bool = True) -> None:
    """The villages' returns as they came in (back-dated: the demo tells a past story), late
    or not against the deadline in force."""
    returns = VillageReturn.objects.filter(conference=conference, village__name__in=names)
    day = timezone.localdate(on)
    if opinions:
        due = village_opinions.opinions_due(conference)
        returns.update(opinions_sent_at=on, opinions_sent_by=user,
                       opinions_late=bool(due and day > due))
    if delegates:
        due = delegates_reads.delegate_lists_due(conference)
        returns.update(delegates_sent_at=on, delegates_sent_by=user,
                       delegates_late=bool(due and day > due))


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def prepare(timeline: Timeline) -> Outcome:
    """Before the demo petitions: the plan and the June conference they hang on."""
    outcome = Outcome()
    agency = Agency.objects.filter(code=DIEM_HE).first()
    if agency is None:
        return outcome
    clerk, leader = _user("vanphong"), _user("chutich")
    with transaction.atomic():
        plan, created = _plan(agency, clerk, leader, timeline.held_year,
                              timeline.plan_issued_on, PLAN_NUMBER, timeline.today)
        if created:
            outcome.created.append(f"kế hoạch số {PLAN_NUMBER} năm {plan.year} của xã Điềm He")
        title = conference_title(timeline.held_year)
        if not plan.conferences.filter(title=title).exists():
            _schedule(plan, clerk, title, timeline.held_on, timeline.plan_issued_on,
                      "Hội trường UBND xã Điềm He")
    return outcome


def finish(outcome: Outcome, timeline: Timeline) -> Outcome:
    """After the demo petitions: the June conference held and concluded, this year's plan
    with the conference in session today, the upcoming one with its opinions coming in, and
    xã Văn Quan's year."""
    today = timeline.today
    agency = Agency.objects.filter(code=DIEM_HE).first()
    if agency is None:
        return outcome
    clerk, leader, front = _user("vanphong"), _user("chutich"), _user("mattran")
    with notify.muted(), transaction.atomic():
        june = Conference.objects.get(agency=agency,
                                      title=conference_title(timeline.held_year))
        if june.state == Conference.State.PLANNED:
            _finish_june(june, clerk, front, timeline)
            outcome.created.append(f"hội nghị {dates.day(june.held_on)} đã tổ chức và thông "
                                   f"báo kết luận")
        current, created = _plan(agency, clerk, leader, timeline.year,
                                 timeline.current_plan_issued_on, None, today)
        if created:
            outcome.created.append(f"kế hoạch năm {current.year} của xã Điềm He")
        _in_progress(current, clerk, outcome, timeline)
        ahead_plan, created = _plan(agency, clerk, leader, timeline.ahead_on.year,
                                    timeline.ahead_plan_issued_on, None, today)
        if created:
            outcome.created.append(f"kế hoạch năm {ahead_plan.year} của xã Điềm He")
        title = upcoming_title(timeline.ahead_on)
        if not ahead_plan.conferences.filter(title=title).exists():
            upcoming = _schedule(ahead_plan, clerk, title, timeline.ahead_on, today,
                                 "Nhà văn hóa xã Điềm He")
            _upcoming_opinions(upcoming, clerk, front, today)
            participants.demo_participants(upcoming, clerk)
            outcome.created.append(
                f"hội nghị sắp tới ngày {dates.day(upcoming.held_on)} đang chuẩn bị")
        if timeline.previous_held_on:  # last year's registers: numbers of their own
            _previous_year(agency, clerk, leader, timeline, outcome)
        _van_quan(outcome, timeline)
    return outcome


def _in_progress(plan: Plan, clerk: User, outcome: Outcome, timeline: Timeline) -> None:
    """A conference held today, its session open in the hall (the live room's demo)."""
    line = live_demo.load(plan, clerk, _user("chutich"), timeline)
    if line:
        outcome.created.append(line)


def _finish_june(june: Conference, clerk: User, front: User, timeline: Timeline) -> None:
    day = june.held_on
    participants.demo_participants(june, clerk, held=True)
    villages = Village.objects.filter(agency=june.agency).values_list("name", flat=True)
    late = "Thôn Lùng Vài"
    _villages_sent(june, [v for v in villages if v != late], _at(day - dt.timedelta(days=4)),
                   front)
    _villages_sent(june, [late], _at(day - dt.timedelta(days=2)), front)
    _done(june, Milestone.Kind.ANNOUNCEMENT, clerk, day - dt.timedelta(days=9),
          "Thông báo số 52/TB-UBND; phát trên Đài truyền thanh xã 3 buổi, đăng trang thông tin "
          "điện tử xã")
    _done(june, Milestone.Kind.INVITATIONS, clerk, day - dt.timedelta(days=10),
          "Giấy mời gửi qua trưởng thôn và các đơn vị")
    _done(june, Milestone.Kind.VILLAGE_OPINIONS, clerk, day - dt.timedelta(days=2),
          "Báo cáo tổng hợp số 15/BC-MTTQ của Ủy ban MTTQ xã (Thôn Lùng Vài gửi muộn)")
    _done(june, Milestone.Kind.DELEGATE_LISTS, clerk, day - dt.timedelta(days=2),
          "Danh sách đại biểu 12 thôn do Ủy ban MTTQ xã tổng hợp")
    _done(june, Milestone.Kind.PREPARED_ANSWERS, clerk, day - dt.timedelta(days=1),
          "Phòng Kinh tế, Phòng Văn hóa - Xã hội, Công an xã đã gửi nội dung trả lời")
    for task in june.milestones.filter(kind=Milestone.Kind.TASK, done_on=None):
        milestones.mark_done(actor=clerk, milestone=task,
                                     proof="Đã thực hiện theo kế hoạch",
                           done_on=task.due_on or june.plan.published_on)
    _june_speeches(june, clerk, timeline)
    outcome_actions.record_outcome(
        actor=clerk, conference=june, attendance=None,  # from the check-ins at the door
        outcome=_june_outcome(june))
    conclusion_day = get_calendar().add_workdays(day, 4)
    conclude_numbered(
        clerk, june, CONCLUSION_NUMBER, conclusion_day,
        "Giao Phòng Kinh tế kiểm tra, đề xuất sửa chữa các tuyến đường liên thôn "
        "xuống cấp và trả lời bằng văn bản trong 15 ngày làm việc. Giao Phòng Văn "
        "hóa - Xã hội rà soát hồ sơ hỗ trợ hộ nghèo. Giao Công an xã tăng cường "
        "tuần tra khu vực chợ phiên. Văn phòng HĐND và UBND xã theo dõi, đôn đốc.")
    _done(june, Milestone.Kind.RESULTS_ANNOUNCED, clerk, conclusion_day + dt.timedelta(days=2),
          "Niêm yết tại trụ sở UBND xã, gửi trưởng 12 thôn, phát trên Đài truyền thanh xã")
    Conference.objects.filter(pk=june.pk).update(
        results_published_on=conclusion_day + dt.timedelta(days=2))


# Opinions spoken at the June conference and what became of them since: (village, field,
# text, path). Paths: assigned (and overdue), drafted, extended, published (late),
# escalated, complaint (moved to its procedure).
JUNE_SPEECHES = [
    ("Thôn Bản Giàng", "giao-thong", "Ông Chu Văn Pằn phản ánh ngầm tràn Khuổi Slằng bị sạt, "
     "đề nghị xã sửa trước mùa mưa.", "assigned"),
    ("Thôn Nà Hu", "chinh-sach-xa-hoi", "Bà Hoàng Thị Mỏ đề nghị xem xét chế độ cho người "
     "có công trong thôn còn sót hồ sơ.", "drafted"),
    ("Thôn Pác Lùng", "nong-nghiep", "Ông Lộc Văn Sáng đề nghị hỗ trợ kênh mương nội đồng "
     "cánh đồng Pác Lùng.", "extended"),
    ("Thôn Kéo Coong", "dien-nuoc", "Bà Triệu Thị Pết đề nghị sửa bể nước sinh hoạt tập trung "
     "của thôn.", "published"),
    ("Thôn Bản Chặng", "dat-dai", "Ông Lăng Văn Tư đề nghị tỉnh xem xét bồi thường đất làm "
     "đường tỉnh 232.", "escalated"),
    ("Thôn Nà Lầu", "dat-dai", "Bà Mã Thị Sinh khiếu nại việc thu hồi đất vườn của gia đình.",
     "complaint"),
]
# The complaint's speaker, known by name (so her name is written as initials wherever the
# public reads it), and what became of it: sent to its procedure as the live room sends one —
# the law's guidance to her, the chair's remark recorded as guidance, never as an answer.
JUNE_COMPLAINANT = "Mã Thị Sinh"
JUNE_COMPLAINT_REASON = "Nội dung là khiếu nại quyết định hành chính về đất đai."
JUNE_COMPLAINT_REMARK = ("Bà gửi đơn khiếu nại kèm quyết định thu hồi đất đến Chủ tịch UBND xã; "
                         "Văn phòng hướng dẫn bà viết đơn ngay sau hội nghị.")


def _june_outcome(june: Conference) -> str:
    """The secretary's summary, with the counts the record holds (the minutes, the notice and
    the report print the same figures)."""
    raised = Petition.objects.filter(conference=june)
    on_the_spot = raised.filter(answers__at_conference=True,
                                answers__is_current=True).distinct().count()
    procedure = raised.filter(state=State.TRANSFERRED).count()
    escalated = raised.filter(state=State.ESCALATED).count()
    routed = "".join([
        f"; chuyển {procedure} nội dung khiếu nại giải quyết theo thủ tục của Luật Khiếu nại"
        if procedure else "",
        f"; chuyển {escalated} kiến nghị đến cơ quan cấp trên" if escalated else ""])
    return (f"Hội nghị đã nghe {raised.count()} ý kiến, kiến nghị của Nhân dân về giao thông "
            f"nông thôn, đất đai, nước sinh hoạt và chính sách xã hội; Chủ tịch UBND xã trả "
            f"lời trực tiếp {on_the_spot} ý kiến{routed}; giao các đơn vị trả lời bằng văn bản "
            f"các ý kiến còn lại.")


def _june_speeches(june: Conference, clerk: User, timeline: Timeline) -> None:
    agency, day = june.agency, june.held_on
    fields = {f.code: f for f in Field.objects.filter(agency=agency)}
    villages = {v.name: v for v in Village.objects.filter(agency=agency)}
    units = {u.code: u for u in agency.units.all()}
    leader, officer = _user("chutich"), _user("kinhte")
    for i, (village, code, text, path) in enumerate(JUNE_SPEECHES):
        complaint = path == "complaint"
        p = intake.receive(intake.Intake(
            agency=agency, text=timeline.text(text), channel=Channel.CONFERENCE,
            received_on=day, field=fields[code], village_id=villages[village].pk,
            conference=june, kind=Kind.COMPLAINT if complaint else Kind.OPINION,
            petitioners=[intake.PetitionerData(full_name=JUNE_COMPLAINANT,
                                               village_id=villages[village].pk)]
            if complaint else [],
            submission_key=f"hoi-nghi-mau-06-{i}"), actor=clerk)
        p = assignments.classify(actor=clerk, petition=p, kind=p.kind, field=fields[code],
                                 urgency=Urgency.NORMAL)
        if complaint:
            procedures.transfer_to_procedure(
                actor=leader, petition=p, kind=Kind.COMPLAINT, reason=JUNE_COMPLAINT_REASON,
                remark=JUNE_COMPLAINT_REMARK)
            continue
        if path == "escalated":
            procedures.escalate(
                actor=clerk, petition=p, receiving_agency="Ủy ban nhân dân tỉnh Lạng Sơn",
                follow_up_on=day + dt.timedelta(days=60),
                reason="Việc bồi thường đường tỉnh thuộc thẩm quyền của tỉnh.")
            continue
        unit = units["van-hoa-xa-hoi"] if code == "chinh-sach-xa-hoi" else units["kinh-te"]
        p = assignments.assign(actor=clerk, petition=p, unit=unit)
        if path == "extended":
            petition_deadlines.extend(actor=officer, petition=p,
                                      new_due_date=get_calendar().add_workdays(
                                          timeline.today, 10),
                                      reason="Cần khảo sát hiện trạng kênh với thôn.")
        if path in ("drafted", "published"):
            drafter = officer if unit.code == "kinh-te" else clerk
            p = answers.draft_answer(
                actor=drafter, petition=p,
                text=timeline.text("UBND xã đã kiểm tra và sẽ bố trí kinh phí sửa chữa trong "
                                   "quý I năm 2027.")).petition
        if path == "published":
            p = answers.approve_answer(actor=leader, petition=p)
            answers.publish_answer(actor=clerk, petition=p)


def _upcoming_opinions(conference: Conference, clerk: User, front: User, today: dt.date
                       ) -> None:
    agency = conference.agency
    ensure_default_fields(agency)
    fields = {f.code: f for f in Field.objects.filter(agency=agency)}
    villages = {v.name: v for v in Village.objects.filter(agency=agency)}
    units = {u.code: u for u in agency.units.all()}
    for i, (village, field_code, text, urgency) in enumerate(UPCOMING_OPINIONS):
        p = intake.receive(intake.Intake(
            agency=agency, text=text, channel=Channel.SURVEY_FORM,
            received_on=today - dt.timedelta(days=2), kind=Kind.OPINION,
            field=fields[field_code], urgency=urgency, village_id=villages[village].pk,
            conference=conference, submission_key=f"hoi-nghi-mau-{i}"), actor=clerk)
        unit = units.get(UPCOMING_UNITS.get(field_code, ""))
        if unit is None:
            continue  # left for the office to classify and assign: the board shows it
        p = assignments.classify(actor=clerk, petition=p, kind=Kind.OPINION,
                                 field=fields[field_code], urgency=urgency)
        p = assignments.assign(actor=clerk, petition=p, unit=unit)
        if i == 0:  # the Phòng Kinh tế has written what it will say about the ford
            prepared_answers.save_prepared_answer(
                actor=_user("kinhte"), conference=conference, petition=p,
                text="Phòng Kinh tế đã khảo sát cầu tràn đầu thôn Nà Pàn; đề xuất đưa vào kế "
                     "hoạch sửa chữa năm 2027, trước mắt cắm biển cảnh báo mùa mưa.")
    _villages_sent(conference, VILLAGES_SENT_OPINIONS, _at(today - dt.timedelta(days=1)),
                   front, delegates=False)
    # The plan went on the commune's website when it was published.
    site = conference.milestones.filter(kind=Milestone.Kind.TASK, due_on=None).first()
    if site is not None:
        milestones.mark_done(actor=clerk, milestone=site,
                                     done_on=conference.plan.published_on,
                           proof="Đăng tại mục Thông báo của trang thông tin điện tử xã")


def _told_briefly(agency: Agency, clerk: User, plan: Plan, title: str, day: dt.date,
                  scheduled_on: dt.date, venue: str, opinions: list[tuple],
                  attendance: int, outcome_text: str, notice: str, conclusion: str,
                  key: str) -> Conference:
    """A conference of the past in a few lines: scheduled, its steps done on time, a few
    opinions raised there — (field, text[, speaker's name]) —, held, its conclusion notice
    issued a few working days later."""
    calendar = get_calendar()
    conference = _schedule(plan, clerk, title, day, scheduled_on, venue)
    ensure_default_fields(agency)
    fields = {f.code: f for f in Field.objects.filter(agency=agency)}
    village = Village.objects.filter(agency=agency).order_by("order", "name").first()
    for i, (code, text, *speaker) in enumerate(opinions):
        intake.receive(intake.Intake(
            agency=agency, text=text, channel=Channel.CONFERENCE, received_on=day,
            field=fields[code], village_id=village.pk, conference=conference,
            petitioners=[intake.PetitionerData(full_name=name, village_id=village.pk)
                         for name in speaker],
            submission_key=f"{key}-{i}"), actor=clerk)
    for m in conference.milestones.filter(due_on__lt=day):
        milestones.mark_done(actor=clerk, milestone=m, done_on=m.due_on,
                             proof="Đã thực hiện theo kế hoạch")
    outcome_actions.record_outcome(actor=clerk, conference=conference, attendance=attendance,
                                   outcome=outcome_text)
    conclude_numbered(clerk, conference, notice, calendar.add_workdays(day, 3), conclusion)
    return conference


def _previous_year(agency: Agency, clerk: User, leader: User, timeline: Timeline,
                   outcome: Outcome) -> None:
    """Last year's conference, so that this year's has a previous one to follow up."""
    day = timeline.previous_held_on
    plan, created = _plan(agency, clerk, leader, day.year, workday_on_or_before(
        get_calendar(), dt.date(day.year, *PLAN_ISSUED)), PREVIOUS_PLAN_NUMBER, timeline.today)
    title = conference_title(day.year)
    if not created or plan.conferences.filter(title=title).exists():
        return
    conference = _told_briefly(
        agency, clerk, plan, title, day, plan.issued_on, "Hội trường UBND xã Điềm He",
        PREVIOUS_OPINIONS, 118, "Hội nghị đã tổ chức, 3 ý kiến được giao trả lời bằng văn bản.",
        PREVIOUS_CONCLUSION_NUMBER, "Giao các phòng chuyên môn trả lời bằng văn bản các ý "
        "kiến của Nhân dân.", "hoi-nghi-mau-nam-truoc")
    # What became of them: two answered and published, the road's drain still waiting.
    fields = {f.code: f for f in Field.objects.filter(agency=agency)}
    units = {u.code: u for u in agency.units.all()}
    for p in conference.petitions.order_by("submission_key"):
        code = p.field.code
        p = assignments.classify(actor=clerk, petition=p, kind=Kind.OPINION,
                                 field=fields[code], urgency=Urgency.NORMAL)
        p = assignments.assign(actor=clerk, petition=p,
                               unit=units[UPCOMING_UNITS[code]])
        answer = PREVIOUS_ANSWERS.get(code)
        if answer:  # sent as a letter of its own three weeks after the conference
            p = answers.draft_answer(
                actor=clerk, petition=p, text=answer,
                document_number=f"{PREVIOUS_LETTERS[code]}/UBND-{p.unit.short_name or 'VP'}",
                document_date=day + dt.timedelta(days=21)).petition
            p = answers.approve_answer(actor=leader, petition=p)
            answers.publish_answer(actor=clerk, petition=p)
    outcome.created.append(f"kế hoạch và hội nghị {dates.day(day)} của năm trước")


def _van_quan(outcome: Outcome, timeline: Timeline) -> None:
    agency = Agency.objects.filter(code=VAN_QUAN).first()
    day = timeline.neighbour_held_on
    if agency is None or Plan.objects.filter(agency=agency, year=day.year).exists():
        return
    clerk = _user("vanphong.vanquan")
    plan = plans.create_plan(actor=clerk, agency=agency, year=day.year)
    plan = issue_numbered(clerk, plan, VAN_QUAN_PLAN_NUMBER, timeline.neighbour_plan_issued_on)
    _told_briefly(
        agency, clerk, plan, f"Hội nghị đối thoại với Nhân dân xã Văn Quan năm {day.year}",
        day, timeline.neighbour_scheduled_on, "Hội trường UBND xã Văn Quan",
        [("giao-thong", "Đề nghị nâng cấp đường vào thôn Bản Cảm."),
         ("dien-nuoc", "Đề nghị kéo điện lưới về các hộ cuối thôn Phai Trần."),
         ("dat-dai", "Đề nghị giải quyết tranh chấp ranh giới đất giữa hai hộ ở Nà Thín.")],
        94, "Hội nghị đã tổ chức, 3 ý kiến được giao trả lời bằng văn bản.",
        VAN_QUAN_CONCLUSION_NUMBER, "Giao các phòng chuyên môn trả lời bằng văn bản.",
        "hoi-nghi-mau-vq")
    outcome.created.append(f"kế hoạch và hội nghị {dates.day(day)} của xã Văn Quan")
