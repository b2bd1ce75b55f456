"""Demo petitions for the demo commune (xã Điềm He): about 300 opinions of a year, in every
state, so that every queue, filter and reminder has something to show.

Every petition goes through the real services with the demo accounts as actors (the clerk
`vanphong`, the chairwoman `chutich`, the Phòng Kinh tế officer `kinhte`, the village head
`truongthon`, the Front's `mattran`), so its audit log, due dates and answers are real. The
wording is drawn from templates about the matters citizens of a mountain commune raise, by a
random generator with a fixed seed: the same data on every run (only the tracking codes,
which must stay unguessable, differ). Dates follow the demo's timeline (`demo.timeline`):
spread from the first week of the held conference's year up to today, the open petitions
placed so that some are overdue, some due soon and some still in time; years named in the
texts move with the story.

Loading twice adds nothing: petitions carry the submission keys "demo-<n>".
"""

from __future__ import annotations

import datetime as dt
import random

from django.conf import settings
from django.db import transaction

from doithoai.audit.services import record, snapshot
from doithoai.core import dates
from doithoai.core.deadlines import DUE_SOON, OVERDUE, urgency_flag
from doithoai.core.petition_flow import OPEN_STATES, PROCEDURE_KINDS, State
from doithoai.core.procedure_guidance import LAW_NAMES
from doithoai.core.text import fold
from doithoai.demo.petition_specs import PLAN, Outcome, Spec
from doithoai.demo.petition_texts import (
    ANSWER_TEMPLATES,
    CLOSINGS,
    COMPLAINTS,
    DENUNCIATIONS,
    ESCALATE_TO,
    EXTEND_REASONS,
    ISSUES,
    MEN,
    NOT_ACCEPTED,
    OPENINGS,
    PLACES,
    SURNAMES,
    TOPICS,
    WOMEN,
    answer_of,
)
from doithoai.demo.timeline import Timeline
from doithoai.dialogues.models import Conference
from doithoai.org.models import Agency, Person, Unit, User, Village
from doithoai.petitions import notify
from doithoai.petitions.actions import answers as petition_answers
from doithoai.petitions.actions import assignments, procedures
from doithoai.petitions.actions import deadlines as petition_deadlines
from doithoai.petitions.actions import intake as petition_intake
from doithoai.petitions.actions import issues as petition_issues
from doithoai.petitions.actions.fields import ensure_default_fields
from doithoai.petitions.models import (
    AnswerTemplate,
    Channel,
    IntakeBatch,
    Kind,
    Petition,
    Urgency,
)
from doithoai.workdays.calendar import get_calendar

AGENCY_CODE = "ubnd-xa-diem-he"
TOTAL = 300
SEED = 2026
KEY_PREFIX = "demo-"
DEMO_REASON = "Tạo dữ liệu mẫu"


def conference_title(year: int) -> str:
    """The yearly conference of `year` (the held one of the story)."""
    return f"Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân năm {year}"


class _Loader:
    def __init__(self, agency: Agency, timeline: Timeline):
        self.agency, self.timeline, self.today = agency, timeline, timeline.today
        self.rng = random.Random(SEED)
        self.calendar = get_calendar()
        self.fields = {f.code: f for f in ensure_default_fields(agency)}
        self.units = {u.code: u for u in Unit.objects.filter(agency=agency)}
        self.villages = list(Village.objects.filter(agency=agency, is_active=True)
                             .order_by("order", "name"))
        self.users = {u.username: u for u in User.objects.filter(username__in=[
            "vanphong", "chutich", "kinhte", "truongthon", "mattran"])}
        self.clerk, self.leader = self.users["vanphong"], self.users["chutich"]
        self.batches: dict[tuple, IntakeBatch] = {}
        self.conference = self._conference()

    # -- people and places ------------------------------------------------------------------
    def _conference(self) -> Conference:
        title = conference_title(self.timeline.held_year)
        conf = Conference.objects.filter(agency=self.agency, title=title).first()
        if conf is None:
            conf = Conference.objects.create(
                agency=self.agency, title=title, held_on=self.timeline.held_on,
                venue="Hội trường UBND xã Điềm He")
            record(actor=self.clerk, action="conference.create", obj=conf,
                   after=snapshot(conf), reason=DEMO_REASON)
        return conf

    def _batch(self, channel: str, village: Village | None, day: dt.date) -> IntakeBatch:
        """One stack of paper per village (or the Front's sheet) and day."""
        key = (channel, village.pk if village else None, day)
        if key not in self.batches:
            if channel == Channel.SURVEY_FORM:
                name = f"Phiếu lấy ý kiến {self._in_text(village)} ngày {dates.day(day)}"
                head = Person.objects.filter(agency=self.agency, village=village,
                                             position="Trưởng thôn").first()
                brought = (f"{head.full_name}, Trưởng thôn" if head
                           else f"Trưởng {self._in_text(village)}")
            else:
                name = f"Tổng hợp ý kiến cử tri của Mặt trận ngày {dates.day(day)}"
                brought, village = "Vy Văn Sơn, Chủ tịch Ủy ban MTTQ xã", None
            batch, created = IntakeBatch.objects.get_or_create(
                agency=self.agency, name=name, defaults={
                    "channel": channel, "village": village, "received_on": day,
                    "brought_by": brought, "created_by": self.clerk})
            if created:
                record(actor=self.clerk, action="intake_batch.create", obj=batch,
                       after=snapshot(batch), reason=DEMO_REASON)
            self.batches[key] = batch
        return self.batches[key]

    def _name(self) -> str:
        woman = self.rng.random() < 0.45
        given = self.rng.choice(WOMEN if woman else MEN)
        return f"{self.rng.choice(SURNAMES)} {'Thị' if woman else 'Văn'} {given}"

    def _phone(self) -> str:
        return self.rng.choice(["091", "098", "097", "086", "035", "036", "083"]) + \
            "".join(str(self.rng.randrange(10)) for _ in range(7))

    @staticmethod
    def _in_text(village: Village) -> str:
        name = village.name
        return "thôn " + name[5:] if name.startswith("Thôn ") else name

    def _text(self, spec: Spec) -> str:
        values = {"thon": self._in_text(spec.village), "thon2": self._in_text(spec.other_village),
                  "cho": self.rng.choice(PLACES), "km": self.rng.choice(["1,5", "2", "3,2", "4"]),
                  "ha": self.rng.choice([3, 5, 8, 12]), "ho": self.rng.choice([26, 34, 41, 58]),
                  "nam": self.rng.choice([2021, 2022, 2023, 2024]),
                  "thang": self.rng.choice([2, 3, 4, 5]), "dt": self.rng.choice([120, 250, 480])}
        if spec.kind == Kind.COMPLAINT:
            body = COMPLAINTS[spec.template]
        elif spec.kind == Kind.DENUNCIATION:
            body = DENUNCIATIONS[spec.template]
        else:
            body = spec.topic[3][spec.template]
        text = self.timeline.text(body.format(**values))
        if spec.kind in (Kind.OPINION, Kind.REPORT) and "tôi" not in body.lower() \
                and not body.startswith(("Đề nghị", "Kiến nghị")):
            opening = self.rng.choice(OPENINGS).format(**values)
            text = opening + text
        return text + (self.rng.choice(CLOSINGS) if spec.kind == Kind.OPINION else "")

    def _petitioners(self, spec: Spec) -> list[petition_intake.PetitionerData]:
        if spec.channel == Channel.FRONT_SUMMARY and self.rng.random() < 0.6:
            return []  # the Front's sheet speaks for voters of a village, without names
        count = 2 if self.rng.random() < 0.1 else 1
        people = []
        for _i in range(count):
            name = self._name()
            phone = self._phone() if spec.channel in (Channel.ONLINE, Channel.HOTLINE) \
                or self.rng.random() < 0.5 else ""
            email = ""
            if spec.channel == Channel.ONLINE and self.rng.random() < 0.5:
                email = fold(name).replace(" ", "") + f"{spec.n}@example.com"
            people.append(petition_intake.PetitionerData(
                full_name=name, village_id=spec.village.pk,
                address=f"{spec.village.name}, xã Điềm He", phone=phone, email=email,
                anonymous_to_public=spec.kind == Kind.DENUNCIATION or self.rng.random() < 0.1,
                name_public=bool(email)))  # who left an e-mail online agreed to be named
        return people

    # -- dates ------------------------------------------------------------------------------
    def _workday_on_or_before(self, day: dt.date) -> dt.date:
        while not self.calendar.is_workday(day):
            day -= dt.timedelta(days=1)
        return day

    def _answer_days(self, spec: Spec) -> int:
        return (settings.PETITION_COMPLEX_ANSWER_WORKDAYS if spec.complex_case
                else settings.PETITION_ANSWER_WORKDAYS)

    def _received_on(self, spec: Spec) -> dt.date:
        cal, today, days = self.calendar, self.today, self._answer_days(spec)
        start = self.timeline.petitions_from
        if spec.conference:
            return self.timeline.held_on
        if spec.timing == "soon":  # due in 1..3 working days from today
            due = cal.add_workdays(today, self.rng.randint(1, settings.PETITION_DUE_SOON_WORKDAYS))
            return cal.subtract_workdays(due, days)
        if spec.timing == "fresh":  # due later than the due-soon window
            return cal.subtract_workdays(self._workday_on_or_before(today),
                                         self.rng.randint(0, days - 5))
        if spec.timing == "overdue" or spec.extend:
            latest = cal.subtract_workdays(self._workday_on_or_before(today), days + 2)
        else:
            latest = cal.subtract_workdays(self._workday_on_or_before(today), 3)
        latest = max(latest, start)
        day = start + dt.timedelta(days=self.rng.randrange((latest - start).days + 1))
        if spec.channel != Channel.ONLINE:
            day = max(self._workday_on_or_before(day), start)
        return day

    # -- the plan ---------------------------------------------------------------------------
    def plan(self) -> list[Spec]:
        rng, topics = self.rng, {t[0]: t for t in TOPICS}
        by_name = {v.name: v for v in self.villages}
        states = [s for s, count in PLAN.items() for _i in range(count)]
        # the issues' members first, so that their states are taken from the plan
        specs: list[Spec] = []
        for i, (_title, topic, template, villages, state, count) in enumerate(ISSUES):
            for k in range(count):
                states.remove(state)
                village = by_name.get(villages[k % len(villages)], self.villages[0])
                other = by_name.get(villages[(k + 1) % len(villages)], village)
                if other == village:
                    other = self.villages[(self.villages.index(village) + 1)
                                          % len(self.villages)]
                specs.append(Spec(0, state, topics[topic], template, village, other,
                                  [Channel.SURVEY_FORM, Channel.FRONT_SUMMARY, Channel.OFFICE,
                                   Channel.ONLINE][k % 4], issue=i))
        rng.shuffle(states)
        # Not the live room's own: those registered and not heard come from a session.
        channels = [c for c in Channel if c != Channel.REGISTERED]
        for k, state in enumerate(states):
            topic = TOPICS[k % len(TOPICS)]
            village = self.villages[(k * 5) % len(self.villages)]
            other = self.villages[(k * 5 + 1) % len(self.villages)]
            channel = channels[k % len(channels)] if k < 3 * len(channels) else rng.choice(
                [Channel.SURVEY_FORM] * 4 + [Channel.FRONT_SUMMARY] * 2 + [Channel.OFFICE] * 2
                + [Channel.ONLINE] * 2 + [Channel.HOTLINE, Channel.INSPECTORATE])
            specs.append(Spec(0, state, topic, rng.randrange(len(topic[3])), village, other,
                              channel))
        for n, spec in enumerate(specs, start=1):
            spec.n = n
            self._decorate(spec)
        return specs

    def _decorate(self, spec: Spec) -> None:
        rng, s = self.rng, spec.state
        if spec.channel == Channel.CONFERENCE or s == State.ANSWERED_AT_CONFERENCE:
            spec.channel, spec.conference = Channel.CONFERENCE, True
        if spec.channel == Channel.HOTLINE or rng.random() < 0.2:
            spec.kind = Kind.REPORT
        spec.urgency = rng.choices([Urgency.NORMAL, Urgency.PRESSING, Urgency.URGENT],
                                   [80, 15, 5])[0]
        spec.complex_case = spec.topic[0] == "land" and rng.random() < 0.4
        if s == State.TRANSFERRED:
            spec.kind = Kind.DENUNCIATION if spec.n % 3 == 0 else Kind.COMPLAINT
            spec.channel, spec.conference = rng.choice([Channel.OFFICE, Channel.INSPECTORATE]), \
                False
        elif s == State.RECEIVED and spec.n % 9 == 0 and spec.issue is None:
            spec.kind = Kind.DENUNCIATION if spec.n % 2 else Kind.COMPLAINT
            spec.channel, spec.conference = Channel.OFFICE, False
        if s in OPEN_STATES and not spec.conference:
            spec.timing = rng.choices(["overdue", "soon", "fresh"], [35, 25, 40])[0]
        if s in OPEN_STATES and spec.conference:
            spec.timing = "overdue"
        if s in (State.ASSIGNED, State.ANSWER_DRAFTED, State.ANSWER_APPROVED) \
                and rng.random() < 0.25 and spec.issue is None:
            spec.extend = rng.choice(["soon", "fresh", "late"])
        spec.send_back = s in (State.ANSWER_DRAFTED, State.ASSIGNED) and rng.random() < 0.15
        spec.reroute = s == State.ASSIGNED and rng.random() < 0.1
        spec.reopen = (s == State.ASSIGNED and not spec.extend and not spec.send_back
                       and rng.random() < 0.08)
        if s == State.CLOSED:
            spec.close_from = rng.choices(
                [State.PUBLISHED, State.ANSWERED_AT_CONFERENCE, State.ESCALATED,
                 State.NOT_ACCEPTED, State.TRANSFERRED], [70, 10, 8, 7, 5])[0]
            if spec.issue is not None:
                spec.close_from = State.PUBLISHED
            if spec.close_from == State.ANSWERED_AT_CONFERENCE:
                spec.channel, spec.conference = Channel.CONFERENCE, True
            if spec.close_from == State.TRANSFERRED:
                spec.kind, spec.conference = Kind.COMPLAINT, False
                spec.channel = Channel.OFFICE
        if spec.kind in PROCEDURE_KINDS:
            # what the complaint or denunciation is about decides its field
            topics = {t[0]: t for t in TOPICS}
            about = (["land", "allowance", "construction"] if spec.kind == Kind.COMPLAINT
                     else ["land", "water"])
            spec.template = spec.n % len(about)
            spec.topic = topics[about[spec.template]]

    # -- driving the services ---------------------------------------------------------------
    def _unit_for(self, spec: Spec) -> Unit:
        return self.units.get(spec.topic[2]) or self.units["van-phong"]

    def _officer_for(self, unit: Unit) -> User:
        return self.users["kinhte"] if unit.code == "kinh-te" else self.clerk

    def _receive(self, spec: Spec) -> Petition:
        received_on = self._received_on(spec)
        actor, label = self.clerk, None
        batch = None
        if spec.channel == Channel.SURVEY_FORM:
            batch = self._batch(Channel.SURVEY_FORM, spec.village, received_on)
            if spec.village.name == "Thôn Nà Pàn":
                actor = self.users["truongthon"]
        elif spec.channel == Channel.FRONT_SUMMARY:
            batch, actor = self._batch(Channel.FRONT_SUMMARY, None, received_on), \
                self.users["mattran"]
        elif spec.channel == Channel.ONLINE:
            actor, label = None, "Công dân gửi trực tuyến"
        intake = petition_intake.Intake(
            agency=self.agency, text=self._text(spec), channel=spec.channel,
            received_on=received_on, petitioners=self._petitioners(spec), kind=spec.kind,
            field=self.fields[spec.topic[1]] if spec.channel == Channel.ONLINE else None,
            urgency=Urgency.NORMAL, village_id=spec.village.pk,
            conference=self.conference if spec.conference else None,
            batch_id=batch.pk if batch else None,
            submission_key=f"{KEY_PREFIX}{spec.n}")
        return petition_intake.receive(intake, actor=actor, actor_label=label)

    def _classify(self, spec: Spec, p: Petition) -> Petition:
        return assignments.classify(actor=self.clerk, petition=p, kind=spec.kind,
                                    field=self.fields[spec.topic[1]], urgency=spec.urgency,
                                    village_id=spec.village.pk, is_complex=spec.complex_case,
                                    version=p.version)

    def _assign(self, spec: Spec, p: Petition) -> Petition:
        unit = self._unit_for(spec)
        if spec.reroute or spec.state == State.RETURNED:
            wrong = self.units["kinh-te"] if unit.code != "kinh-te" else \
                self.units["van-hoa-xa-hoi"]
            p = assignments.assign(actor=self.clerk, petition=p, unit=wrong)
            p = assignments.return_to_office(
                actor=self._officer_for(wrong), petition=p, version=p.version,
                reason=f"Nội dung không thuộc lĩnh vực của {wrong.name}; đề nghị Văn phòng "
                       f"chuyển {unit.name}.")
            if spec.state == State.RETURNED:
                return p
        return assignments.assign(actor=self.clerk, petition=p, unit=unit, version=p.version)

    def _draft(self, spec: Spec, p: Petition, number: int) -> Petition:
        officer = self._officer_for(p.unit)
        day = min(self.today, max(p.received_on, (p.due_date or p.received_on)
                                  - dt.timedelta(days=self.rng.randint(1, 10))))
        # An answer already sent carries its letter's number; one still waiting for the
        # leader or for publication gets its letter from the register when it is issued.
        sent = spec.state not in (State.ASSIGNED, State.ANSWER_DRAFTED, State.ANSWER_APPROVED)
        letter = f"{number:02d}/UBND-{p.unit.short_name or 'VP'}" if sent else ""
        petition_answers.draft_answer(actor=officer, petition=p,
                                      text=self.timeline.text(answer_of(spec.topic, spec.template)),
                                      document_number=letter,
                                      document_date=day if sent else None, version=p.version)
        return Petition.objects.get(pk=p.pk)

    def _extend(self, spec: Spec, p: Petition) -> Petition:
        cal = self.calendar
        if spec.extend == "soon":
            new = cal.add_workdays(self.today, self.rng.randint(1, 3))
        elif spec.extend == "fresh":
            new = cal.add_workdays(self.today, self.rng.randint(8, 20))
        else:  # extended once, and late again
            new = cal.add_workdays(p.due_date, self.rng.randint(5, 10))
            if new >= self.today:
                new = cal.add_workdays(self.today, 10)
        if new <= p.due_date:
            new = cal.add_workdays(p.due_date, 5)
        return petition_deadlines.extend(actor=self._officer_for(p.unit), petition=p,
                                         new_due_date=new,
                                         reason=self.rng.choice(EXTEND_REASONS), version=p.version)

    def _escalate(self, p: Petition) -> Petition:
        return procedures.escalate(
            actor=self.clerk, petition=p, receiving_agency=self.rng.choice(ESCALATE_TO),
            follow_up_on=max(self.today, p.received_on) + dt.timedelta(
                days=self.rng.randint(10, 40)),
            reason="Nội dung vượt thẩm quyền giải quyết của UBND xã.", version=p.version)

    def _not_accept(self, p: Petition) -> Petition:
        reason, where = (self.timeline.text(t) for t in self.rng.choice(NOT_ACCEPTED))
        return procedures.not_accept(actor=self.clerk, petition=p, reason=reason,
                                     where_to_go=where, version=p.version)

    def _transfer(self, spec: Spec, p: Petition) -> Petition:
        what = "khiếu nại" if spec.kind == Kind.COMPLAINT else "tố cáo"
        law = LAW_NAMES[spec.kind]
        return procedures.transfer_to_procedure(
            actor=self.clerk, petition=p, kind=spec.kind, version=p.version,
            reason=f"Đơn có nội dung {what}, chuyển giải quyết theo {law}.")

    def _answer_at_conference(self, spec: Spec, p: Petition) -> Petition:
        return petition_answers.answer_at_conference(
            actor=self.clerk, petition=p,
            text=self.timeline.text(answer_of(spec.topic, spec.template)), version=p.version,
            answered_by="Bà Lý Thị Dương, Chủ tịch UBND xã")

    def build(self, spec: Spec) -> Petition:
        s, target = spec.state, spec.state
        if s == State.CLOSED:
            target = spec.close_from
        p = self._receive(spec)
        if target == State.RECEIVED:
            return p
        p = self._classify(spec, p)
        if target == State.CLASSIFIED:
            return p
        if target == State.NOT_ACCEPTED:
            p = self._not_accept(p)
        elif target == State.TRANSFERRED:
            p = self._transfer(spec, p)
        elif target == State.ANSWERED_AT_CONFERENCE:
            if self.rng.random() < 0.5:
                p = self._assign(spec, p)
            p = self._answer_at_conference(spec, p)
        elif target == State.ESCALATED:
            if self.rng.random() < 0.4:
                p = self._assign(spec, p)
            p = self._escalate(p)
        else:
            p = self._assign(spec, p)
            if target in (State.RETURNED, State.ASSIGNED) and not spec.reopen \
                    and not spec.send_back:
                return self._extend(spec, p) if spec.extend else p
            p = self._draft(spec, p, spec.n)
            if spec.send_back:
                p = petition_answers.send_back(actor=self.leader, petition=p, version=p.version,
                                               reason="Đề nghị nêu rõ thời gian thực hiện và nguồn "
                                                      "kinh phí.")
                if target == State.ASSIGNED:
                    return self._extend(spec, p) if spec.extend else p
                p = self._draft(spec, p, spec.n + 1000)
            if spec.extend:
                p = self._extend(spec, p)
            if target == State.ANSWER_DRAFTED:
                return p
            p = petition_answers.approve_answer(actor=self.leader, petition=p, version=p.version)
            if target == State.ANSWER_APPROVED:
                return p
            p = petition_answers.publish_answer(actor=self.clerk, petition=p, version=p.version)
            if spec.reopen:
                return procedures.reopen(
                    actor=self.clerk, petition=p, version=p.version,
                    reason="Công dân cho biết việc sửa chữa chưa được thực hiện như trả lời.")
        if s == State.CLOSED:
            p = procedures.close(actor=self.clerk, petition=p, version=p.version,
                                 reason="Công dân đã nhận kết quả, không có ý kiến thêm.")
        return p


def demo_petitions(agency: Agency):
    return Petition.objects.filter(agency=agency, submission_key__startswith=KEY_PREFIX)


def _answer_templates(agency: Agency) -> None:
    """A few starting texts so that "Bắt đầu từ mẫu trả lời" can be tried (idempotent)."""
    fields = {f.code: f for f in ensure_default_fields(agency)}
    for code, title, text in ANSWER_TEMPLATES:
        AnswerTemplate.objects.get_or_create(
            agency=agency, title=title,
            defaults={"field": fields.get(code) if code else None, "text": text})


def load_demo_petitions(timeline: Timeline) -> Outcome:
    """Create the demo petitions once (see the module's doc); the outcome says what is
    there. Sends nothing: the demo's citizens and units are not real people."""
    outcome = Outcome(conference_day=timeline.held_on)
    agency = Agency.objects.filter(code=AGENCY_CODE).first()
    if agency is None:
        outcome.missing_commune = True
        return outcome
    _answer_templates(agency)
    existing = demo_petitions(agency).count()
    if existing:
        outcome.existing = existing
        return outcome
    today = timeline.today
    with notify.muted(), transaction.atomic():
        loader = _Loader(agency, timeline)
        members: dict[int, list[Petition]] = {}
        for spec in loader.plan():
            petition = loader.build(spec)
            if spec.issue is not None:
                members.setdefault(spec.issue, []).append(petition)
        for i, petitions in members.items():
            petition_issues.group_into_issue(actor=loader.clerk, petitions=petitions,
                                             title=timeline.text(ISSUES[i][0]),
                                             reason="Các ý kiến cùng phản ánh một việc.")
            outcome.issues += 1
    calendar = get_calendar()
    for state, due in demo_petitions(agency).values_list("state", "due_date"):
        outcome.created += 1
        outcome.states[state] += 1
        if state in OPEN_STATES:
            flag = urgency_flag(calendar, due, today, settings.PETITION_DUE_SOON_WORKDAYS)
            outcome.overdue += flag == OVERDUE
            outcome.due_soon += flag == DUE_SOON
    return outcome
