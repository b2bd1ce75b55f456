# ruff: noqa: E501 -- the duties are kept whole, as the plan prints them
"""The plan's "Tổ chức thực hiện": every body's duties with their deadlines, as the seed plans
write them (the Điềm He plan's order: the office, the Front, each unit, the departments, the
village heads). One source for the plan's page and its document.

A duty is a unit's task of the plan (`PlanTask`, its deadline in days from the conference) or
one of the conference's statutory steps (`core.milestones`), whose deadline is the plan's
setting (`Plan.announce_days_before` …): change the setting and every text says the new one.
With the plan's one conference dated, each deadline is the date of its milestone (moved to the
working day before when off, `core.milestones`).

The wording of the steps is the seeds' (plain Vietnamese data, as `dialogues.defaults`): the
document prints it and the page shows the document's content.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from doithoai.core import dates, decree30
from doithoai.core import milestones as rules
from doithoai.core.text import fold
from doithoai.dialogues.defaults import short_name
from doithoai.dialogues.models import Conference, Milestone, Plan
from doithoai.org.models import Unit, Village
from doithoai.org.selectors import office_of

K = Milestone.Kind

# Which unit answers for a statutory step, by unit kind (first match of the agency; else
# the office). The milestones are assigned the same way.
RESPONSIBLE_KIND = {
    K.ANNOUNCEMENT: (Unit.Kind.SERVICE_CENTRE, ("dịch vụ công ích", "truyền thanh")),
    K.INVITATIONS: (Unit.Kind.OFFICE, ()),
    K.VILLAGE_OPINIONS: (Unit.Kind.FRONT, ()),
    K.DELEGATE_LISTS: (Unit.Kind.FRONT, ()),
    K.PREPARED_ANSWERS: (Unit.Kind.OFFICE, ()),
    K.CONCLUSION_NOTICE: (Unit.Kind.OFFICE, ()),
    K.RESULTS_ANNOUNCED: (Unit.Kind.OFFICE, ()),
    K.WRITTEN_ANSWERS: (Unit.Kind.OFFICE, ()),
}
# Bodies the committee does not direct: the plan asks them ("Đề nghị …") instead of assigning.
REQUESTED_KINDS = {"front", "mass", "party", "council", "external"}

# What each body is to do for a statutory step ({short}: "xã Điềm He"; {office}: the office's
# name; {front}: the Front's, or the People's Committee when the agency has none).
ANNOUNCE = "Thông báo rộng rãi trên các phương tiện thông tin đại chúng về nội dung, thời gian, địa điểm và cách thức tham gia hội nghị để Nhân dân biết."
OFFICE = [
    (K.INVITATIONS, "Phát hành giấy mời đại biểu dự hội nghị."),
    (None, "Chuyển ý kiến, kiến nghị của Nhân dân đến các cơ quan, đơn vị liên quan ngay khi nhận được bản tổng hợp; tổng hợp nội dung trả lời của các đơn vị, báo cáo Chủ tịch UBND {short} trước hội nghị."),
    (K.CONCLUSION_NOTICE, "Tham mưu ban hành Thông báo kết luận hội nghị để chỉ đạo xử lý các ý kiến, kiến nghị của Nhân dân theo thẩm quyền; báo cáo cấp trên những nội dung vượt quá thẩm quyền (nếu có)."),
    (K.RESULTS_ANNOUNCED, "Công khai kết quả hội nghị trên trang thông tin điện tử, niêm yết tại trụ sở UBND {short} và gửi Trưởng các {villages}."),
    (None, "Theo dõi, đôn đốc các đơn vị trả lời bằng văn bản cho đến khi mọi ý kiến, kiến nghị được trả lời."),
]
YEARLY_REPORT = "Định kỳ hằng năm tổng hợp, báo cáo kết quả tổ chức hội nghị đối thoại năm {year} gửi {above} (qua Sở Nội vụ) theo quy định."
# The province sets the yearly report's date (`Plan.yearly_report_due_on`); until the office
# records it, the plan says when the report comes, not a number of its own.
YEARLY_REPORT_WHEN = "sau hội nghị cuối cùng của năm {year}, theo thời hạn báo cáo của {above}"
FRONT = [
    (K.VILLAGE_OPINIONS, "Chỉ đạo Ban Công tác Mặt trận các {villages} phối hợp với Trưởng {villages} phát phiếu lấy ý kiến; tổng hợp, phân loại ý kiến, kiến nghị của Nhân dân, gửi UBND {short} (qua {office})."),
    (K.DELEGATE_LISTS, "Tổng hợp danh sách đại biểu và đại diện Nhân dân các {villages} tham dự hội nghị, gửi UBND {short} (qua {office})."),
]
DEPARTMENTS_HEADING = "Các phòng chuyên môn, đơn vị trực thuộc UBND {short}"
DEPARTMENTS = [
    (K.PREPARED_ANSWERS, "Chuẩn bị nội dung trả lời các ý kiến, kiến nghị thuộc lĩnh vực phụ trách để trao đổi trực tiếp tại hội nghị khi chủ trì yêu cầu; gửi nội dung dự kiến trả lời về {office} để tổng hợp, báo cáo Chủ tịch UBND {short}."),
    (K.WRITTEN_ANSWERS, "Tham mưu giải quyết, trả lời bằng văn bản các ý kiến, kiến nghị được giao sau hội nghị, gửi người có ý kiến và báo cáo kết quả về {office}."),
]
VILLAGES_HEADING = "Trưởng các {villages}"
VILLAGES = [
    (K.ANNOUNCEMENT, "Tuyên truyền mục đích, nội dung, thời gian, địa điểm hội nghị để Nhân dân trong {village} biết; mời các đại biểu của {village} tham dự hội nghị."),
    (K.VILLAGE_OPINIONS, "Phối hợp với Ban Công tác Mặt trận {village} phát phiếu lấy ý kiến; tổng hợp, phân loại ý kiến, kiến nghị của Nhân dân và danh sách đại biểu của {village}, gửi {front}."),
    (K.RESULTS_ANNOUNCED, "Thông báo kết quả hội nghị đến Nhân dân trong {village} khi nhận được từ UBND {short}."),
]


@dataclass(frozen=True)
class Deadline:
    """By when: `days` (working days when `workdays`) before or after the conference, and the
    date itself when the conference is dated."""

    days: int
    after: bool = False
    workdays: bool = False
    due_on: dt.date | None = None
    complex_days: int | None = None  # written answers: the limit for a complex case

    def relative(self) -> str:
        """"03 ngày trước hội nghị", "05 ngày làm việc sau hội nghị"."""
        if not self.days:
            return "ngày hội nghị"
        unit = "ngày làm việc" if self.workdays else "ngày"
        return f"{decree30.number_text(self.days)} {unit} {'sau' if self.after else 'trước'} hội nghị"

    def text(self) -> str:
        """"Thời hạn: chậm nhất 03 ngày trước hội nghị." or, dated, "… chậm nhất ngày
        04/12/2026."."""
        if not self.days:
            when = f"trong ngày hội nghị {dates.day(self.due_on)}" if self.due_on else "trong ngày hội nghị"
        elif self.due_on:
            when = f"chậm nhất ngày {dates.day(self.due_on)}"
        else:
            when = f"chậm nhất {self.relative()}"
        if self.complex_days:
            complex_ = f"{decree30.number_text(self.complex_days)} ngày làm việc"
            when += (f" (vụ việc phức tạp không quá {complex_} sau hội nghị)" if self.due_on
                     else f" (vụ việc phức tạp không quá {complex_})")
        return f"Thời hạn: {when}."


@dataclass
class Duty:
    text: str
    deadline: Deadline | None = None
    when: str = ""  # by when, in words, for a duty not counted from the conference

    @property
    def by_when(self) -> str:
        """"Thời hạn: …." ("" when the duty has none)."""
        if self.deadline is not None:
            return self.deadline.text()
        return f"Thời hạn: {self.when}." if self.when else ""

    @property
    def sentence(self) -> str:
        text = self.text.strip()
        return text if text[-1:] in ".;:!?" else text + "."

    @property
    def line(self) -> str:
        """The duty as the plan prints it: its text, then by when."""
        return f"{self.sentence} {self.by_when}" if self.by_when else self.sentence


@dataclass
class Section:
    heading: str
    unit: Unit | None = None
    duties: list[Duty] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return [d.line for d in self.duties]


def responsible(agency_id: int, kind: str) -> Unit | None:
    """The unit that answers for a statutory step: the first of its kind (named with one of
    the words, when given), else the office."""
    unit_kind, words = RESPONSIBLE_KIND[kind]
    for unit in Unit.objects.filter(agency_id=agency_id, kind=unit_kind,
                                    is_active=True).order_by("order", "name"):
        if not words or any(fold(w) in fold(unit.name) for w in words):
            return unit
    return office_of(agency_id)


def the_conference(plan: Plan) -> Conference | None:
    """The plan's one dated conference (a yearly plan as it is issued); None when it has
    none or several (each then has its own dates, on its page)."""
    if not plan.pk:
        return None
    dated = list(plan.conferences.exclude(held_on=None)[:2])
    return dated[0] if len(dated) == 1 else None


def statutory_deadlines(s: rules.Settings) -> dict[str, Deadline]:
    """Each statutory step's deadline from the plan's settings (core.milestones counts them
    the same way)."""
    return {
        K.ANNOUNCEMENT: Deadline(s.announce_days_before),
        K.INVITATIONS: Deadline(s.invite_workdays_before, workdays=True),
        K.VILLAGE_OPINIONS: Deadline(s.village_days_before),
        K.DELEGATE_LISTS: Deadline(s.village_days_before),
        K.PREPARED_ANSWERS: Deadline(rules.PREPARED_ANSWERS_WORKDAYS_BEFORE, workdays=True),
        K.CONCLUSION_NOTICE: Deadline(s.conclusion_workdays_after, after=True, workdays=True),
        K.RESULTS_ANNOUNCED: Deadline(s.results_days_after, after=True),
        K.WRITTEN_ANSWERS: Deadline(s.answer_workdays, after=True, workdays=True,
                                    complex_days=s.complex_answer_workdays),
    }


def _village_word(plan: Plan) -> tuple[str, str]:
    """("thôn", "thôn"), ("tổ dân phố", "tổ dân phố") or, with both, ("thôn, tổ dân phố",
    "thôn, tổ dân phố"): what the plan calls its villages' heads."""
    kinds = set(Village.objects.filter(agency_id=plan.agency_id, is_active=True)
                .values_list("kind", flat=True))
    urban = {Village.Kind.TO_DAN_PHO, Village.Kind.KHU_PHO}
    if kinds and kinds <= urban:
        return "tổ dân phố", "tổ dân phố"
    if kinds & urban:
        return "thôn, tổ dân phố", "thôn, tổ dân phố"
    return "thôn", "thôn"


def _above(plan: Plan) -> str:
    parent = plan.agency.parent
    if parent is None:
        return "UBND tỉnh"
    return parent.name.replace("Ủy ban nhân dân", "UBND", 1)


def sections(plan: Plan, conference: Conference | None = None) -> list[Section]:
    """Every body's duties in the seeds' order, each with its deadline (dated when
    `conference`, the plan's one dated conference, is given)."""
    agency_id = plan.agency_id
    office = office_of(agency_id)
    settings = plan.settings
    if conference is not None:
        settings = replace(settings, answer_workdays=conference.answer_workdays,
                           complex_answer_workdays=conference.complex_answer_workdays)
    due = statutory_deadlines(settings)
    task_dates: dict[int, dt.date] = {}
    if conference is not None:
        dated = conference.milestones.exclude(due_on=None).values_list("kind", "task_id", "due_on")
        for kind, task_id, due_on in dated:
            if kind == K.TASK:
                task_dates[task_id] = due_on
            elif kind in due:
                due[kind] = replace(due[kind], due_on=due_on)

    villages, village = _village_word(plan)
    short = short_name(plan.agency)
    front = responsible(agency_id, K.VILLAGE_OPINIONS)
    has_front = front is not None and front.kind == Unit.Kind.FRONT
    words = {"short": short, "villages": villages, "village": village,
             "office": office.name if office else f"UBND {short}", "year": plan.year,
             "front": front.name if has_front else f"UBND {short}", "above": _above(plan)}

    by_unit: dict[int, Section] = {}

    def section(unit: Unit) -> Section:
        if unit.pk not in by_unit:
            heading = f"Đề nghị {unit.name}" if unit.kind in REQUESTED_KINDS else unit.name
            by_unit[unit.pk] = Section(heading, unit)
        return by_unit[unit.pk]

    def steps(target: Section, table) -> None:
        for kind, text in table:
            target.duties.append(Duty(text.format(**words), due.get(kind)))

    # The office and the Front first, as every seed plan orders them.
    if office is not None:
        section(office)
    if has_front:
        section(front)
    for task in plan.tasks.select_related("unit"):
        if not task.text.strip():
            continue
        deadline = None
        if task.offset_days is not None:
            deadline = Deadline(abs(task.offset_days), after=task.offset_days > 0,
                                due_on=task_dates.get(task.pk))
        section(task.unit).duties.append(Duty(task.text, deadline))
    if office is not None:
        steps(by_unit[office.pk], OFFICE)
    if has_front:
        steps(by_unit[front.pk], FRONT)
    announcer = responsible(agency_id, K.ANNOUNCEMENT)
    if announcer is not None:
        section(announcer).duties.insert(0, Duty(ANNOUNCE, due[K.ANNOUNCEMENT]))
    if office is not None:
        report_due = plan.yearly_report_due_on
        when = (f"chậm nhất ngày {dates.day(report_due)}" if report_due
                else YEARLY_REPORT_WHEN.format(**words))
        by_unit[office.pk].duties.append(Duty(YEARLY_REPORT.format(**words), when=when))
    result = [s for s in by_unit.values() if s.duties]
    departments = Section(DEPARTMENTS_HEADING.format(**words))
    steps(departments, DEPARTMENTS)
    heads = Section(VILLAGES_HEADING.format(**words))
    steps(heads, VILLAGES)
    return [*result, departments, heads]
