"""The stages of the year played in tests/e2e/test_dialogues_year.py: its texts, its days, and
what each stage leaves behind, made through the actions for the stage after it."""

import datetime as dt

from django.utils import timezone

from doithoai.dialogues.actions import (
    check_in,
    conferences,
    delegates,
    invitations,
    plans,
    village_opinions,
)
from doithoai.dialogues.models import Conference, Plan
from doithoai.dialogues.selectors import village_opinions as village_opinions_reads
from doithoai.org.models import Person, User, Village
from doithoai.petitions.actions import intake
from doithoai.petitions.models import Channel
from doithoai.workdays.calendar import get_calendar

NA_PAN_OPINION = "Đường liên thôn Nà Pàn xuống cấp, mùa mưa lầy lội, đề nghị đổ bê tông."
BAN_CHU_OPINIONS = ("Kênh mương nội đồng thôn Bản Chu bị bồi lấp, đề nghị nạo vét trước vụ "
                    "xuân.", "Đề nghị lắp thêm đèn chiếu sáng đoạn đường qua trường học thôn "
                    "Bản Chu.")
ANSWER = ("Phòng Kinh tế đã khảo sát tuyến đường liên thôn Nà Pàn; UBND xã bố trí vốn đổ bê "
          "tông trong quý I năm sau.")
CITIZENS = [("Lương Văn Sáng", "Đại diện hộ gia đình"), ("Hoàng Thị Thoa", "Hội viên Hội Phụ nữ"),
            ("Vi Văn Kiên", "Cựu chiến binh")]


def stage_dates() -> tuple[dt.date, dt.date, dt.date]:
    """The day first chosen (a working day some five weeks ahead), the day it is brought
    forward to (within three days, so the villages' deadline has passed), and a recent past
    working day (when the session is taken to have been held)."""
    calendar, today = get_calendar(), timezone.localdate()
    first = calendar.roll_forward(today + dt.timedelta(days=32))
    near = [today + dt.timedelta(days=n) for n in (1, 2, 0)]
    sooner = next((d for d in near if calendar.is_workday(d)), None) or next(
        d for d in near if calendar.day_status(d).source == "weekend")
    return first, sooner, calendar.subtract_workdays(today, 1)


def issued_plan(commune, year: int) -> Plan:
    """Stage 1's outcome, through the actions: the plan 27/KH-UBND issued today, published."""
    clerk = User.objects.get(username="vanphong")
    plan = plans.create_plan(actor=clerk, agency=commune, year=year)
    plan = plans.issue_plan(actor=User.objects.get(username="chutich"), plan=plan,
                            number="27/KH-UBND", issued_on=timezone.localdate())
    return plans.publish_plan(actor=clerk, plan=plan)


def prepared_conference(commune, first_day: dt.date) -> Conference:
    """Stage 2's outcome, through the actions: the conference for Nà Pàn and Bản Chu, its
    three opinions, Nà Pàn's sent on time with its three citizens, Bản Chu's sent after its
    deadline, the invitations sent, two people checked in at the door."""
    clerk = User.objects.get(username="vanphong")
    villages = {v.name: v for v in Village.objects.filter(
        agency=commune, name__in=("Thôn Nà Pàn", "Thôn Bản Chu"))}
    conference = conferences.schedule_conference(
        actor=clerk, plan=issued_plan(commune, first_day.year), today=timezone.localdate(),
        villages=list(villages.values()),
        data={"held_on": first_day, "starts_at": dt.time(7, 30), "hall_capacity": 300,
              "chair": Person.objects.get(agency=commune, full_name="Lý Thị Dương")})
    delegates.build_delegates(actor=clerk, conference=conference)
    for village, texts in (("Thôn Nà Pàn", [NA_PAN_OPINION]), ("Thôn Bản Chu", BAN_CHU_OPINIONS)):
        for text in texts:
            intake.receive(intake.Intake(
                agency=commune, text=text, channel=Channel.SURVEY_FORM,
                received_on=timezone.localdate(), village_id=villages[village].pk,
                conference=conference), actor=clerk)
    na_pan = villages["Thôn Nà Pàn"]
    village_opinions.send_village_opinions(actor=clerk, conference=conference, village=na_pan)
    for name, role in CITIZENS:
        delegates.add_delegate(actor=clerk, conference=conference, side="citizen",
                               village=na_pan, full_name=name, position=role)
    delegates.submit_village_list(actor=clerk, conference=conference, village=na_pan)
    late = village_opinions_reads.opinions_due(conference) + dt.timedelta(days=1)
    village_opinions.send_village_opinions(
        actor=clerk, conference=conference, village=villages["Thôn Bản Chu"],
        now=timezone.make_aware(dt.datetime.combine(late, dt.time(9))))
    invitations.prepare_invitations(actor=clerk, conference=conference)
    invitations.send_invitations(actor=clerk, conference=conference, late_ok=True)
    for name, _role in CITIZENS[:2]:
        check_in.check_in(actor=clerk, conference=conference,
                          delegate=conference.delegates.get(full_name=name))
    return conference
