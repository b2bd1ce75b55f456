"""Conference pages: schedule under a plan, the conference page, its state moves, the scope.

Dates are counted from the real today (the pages check against it), on working days of the
calendar in force, so these tests hold whatever day they run.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.dialogues.actions import conferences, milestones, outcome
from doithoai.dialogues.models import Conference, Milestone
from doithoai.dialogues.selectors import schedule as schedule_reads
from doithoai.documents.models import Document
from doithoai.org.models import Person, Role, Unit
from doithoai.petitions.actions import answers, assignments
from doithoai.petitions.actions import intake as petition_intake
from doithoai.workdays.calendar import get_calendar
from tests.factories import user_with_role


def today() -> dt.date:
    return timezone.localdate()


def workday_ahead(n: int) -> dt.date:
    return get_calendar().add_workdays(today(), n)


def holiday_ahead() -> dt.date:
    """The next day off that is not a weekend (a public holiday)."""
    calendar, day = get_calendar(), today() + dt.timedelta(days=1)
    while True:
        status = calendar.day_status(day)
        if not status.working and status.source != "weekend":
            return day
        day += dt.timedelta(days=1)


def saturday_ahead() -> dt.date:
    day = today() + dt.timedelta(days=21)
    while day.weekday() != 5 or not schedule_reads.check_date(day).warnings:
        day += dt.timedelta(days=1)
    return day


def schedule(plan, clerk, held_on, **data):
    """A conference through the service; one in the past is scheduled as of its eve."""
    return conferences.schedule_conference(
        actor=clerk, plan=plan, data={"held_on": held_on, **data},
        today=min(held_on, today()) if held_on else None)


def past_conference(plan, clerk, days_ago=40):
    held_on = get_calendar().subtract_workdays(today(), days_ago)
    return schedule(plan, clerk, held_on, hall_capacity=400)


def receive_for(conference, text="Đường liên thôn xuống cấp, đề nghị sửa chữa.", **kw):
    intake = petition_intake.Intake(agency=conference.agency, text=text, channel="survey_form",
                                    received_on=kw.pop("received_on", conference.held_on),
                                    conference=conference, **kw)
    return petition_intake.receive(intake, actor=None)


def answer_at_conference(petition, clerk, text="Đã trả lời tại hội nghị."):
    field = petition.agency.fields.first()
    assignments.classify(actor=clerk, petition=petition, kind="opinion", field=field,
                         urgency="normal")
    petition.refresh_from_db()
    return answers.answer_at_conference(actor=clerk, petition=petition, text=text,
                                        answered_by="Chủ tịch UBND")


def new_url(plan):
    return reverse("dialogues:conference_new", args=[plan.pk])


def detail_url(conference):
    return reverse("dialogues:conference_detail", args=[conference.pk])


def form_data(**overrides):
    data = {"title": "Hội nghị đối thoại năm 2026", "held_on": workday_ahead(20).isoformat(),
            "starts_at": "07:30", "venue": "Hội trường UBND xã", "mode": "in_person",
            "online_link": "", "hall_capacity": "400", "chair": "", "co_chair": "",
            "secretary": "", "topics": "Giao thông nông thôn", "speaker_minutes": "5"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# -- schedule ---------------------------------------------------------------------------------


def test_the_form_offers_the_plan_defaults(client, clerk, plan):
    client.force_login(clerk)
    response = client.get(new_url(plan))
    assert response.status_code == 200
    form = response.context["form"]
    assert "xã Điềm He năm 2026" in form.initial["title"]
    assert form.initial["venue"] == plan.venue
    chairs = form.fields["chair"].queryset
    assert chairs.filter(full_name="Lý Thị Dương").exists()
    assert not chairs.exclude(agency=plan.agency).exists()


def test_the_clerk_schedules_a_conference(client, clerk, plan, commune):
    client.force_login(clerk)
    chair = Person.objects.get(agency=commune, full_name="Lý Thị Dương")
    village = commune.villages.order_by("pk").first()
    response = client.post(new_url(plan), form_data(
        chair=chair.pk, villages=[village.pk], mode="hybrid",
        online_link="https://hop.example.vn/dh"))
    conference = Conference.objects.get(plan=plan)
    assert response.status_code == 302 and response.url == detail_url(conference)
    assert conference.chair == chair and list(conference.villages.all()) == [village]
    assert conference.mode == "hybrid" and conference.starts_at == dt.time(7, 30)
    assert conference.milestones.exclude(due_on=None).count() >= 8
    assert conference.agenda.count() == len(plan.programme.splitlines())
    assert AuditEvent.objects.filter(action="conference.create").exists()
    page = client.get(response.url).content.decode()
    assert "Lý Thị Dương" in page and village.name in page


def test_a_date_to_be_announced_is_allowed(client, clerk, plan):
    client.force_login(clerk)
    response = client.post(new_url(plan), form_data(held_on=""))
    conference = Conference.objects.get(plan=plan)
    assert response.status_code == 302 and conference.held_on is None
    assert not conference.milestones.exclude(due_on=None).filter(kind="announcement").exists()
    assert "Thời gian thông báo sau" in client.get(response.url).content.decode()


@pytest.mark.parametrize("case", ["past", "holiday", "hall", "online"])
def test_bad_schedules_are_refused_with_nothing_created(client, clerk, plan, case):
    client.force_login(clerk)
    data = {
        "past": form_data(held_on=(today() - dt.timedelta(days=3)).isoformat()),
        "holiday": form_data(held_on=holiday_ahead().isoformat()),
        "hall": form_data(hall_capacity="20"),
        "online": form_data(mode="online"),
    }[case]
    response = client.post(new_url(plan), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    expected = {"past": ("held_on", "đã qua"), "holiday": ("held_on", "ngày nghỉ"),
                "hall": ("hall_capacity", "hội trường chỉ có 20 chỗ"),
                "online": ("online_link", "đường dẫn")}[case]
    assert expected[1] in " ".join(errors[expected[0]])
    assert not Conference.objects.filter(plan=plan).exists()


def test_a_weekend_needs_a_confirmation(client, clerk, plan):
    client.force_login(clerk)
    saturday = saturday_ahead().isoformat()
    response = client.post(new_url(plan), form_data(held_on=saturday))
    assert response.status_code == 200
    assert "cuối tuần" in response.content.decode()
    assert "confirmed" in response.context["form"].errors
    assert not Conference.objects.filter(plan=plan).exists()
    response = client.post(new_url(plan), form_data(held_on=saturday, confirmed="on"))
    assert response.status_code == 302
    assert Conference.objects.get(plan=plan).held_on.isoformat() == saturday


# -- the conference page and its state moves ------------------------------------------------


def test_the_page_shows_facts_milestones_and_links(client, clerk, plan):
    conference = schedule(plan, clerk, workday_ahead(20), hall_capacity=400)
    client.force_login(clerk)
    page = client.get(detail_url(conference)).content.decode()
    assert conference.title in page
    assert reverse("dialogues:timeline", args=[conference.pk]) in page
    assert reverse("dialogues:carry_over", args=[conference.pk]) in page
    assert reverse("dialogues:conference_edit", args=[conference.pk]) in page
    assert "Ghi nhận đã tổ chức" in page  # the outcome form, for the office
    assert "Việc sắp đến hạn" in page


def test_outcome_conclusion_and_close(client, clerk, plan):
    conference = past_conference(plan, clerk)
    first = receive_for(conference)
    second = receive_for(conference, text="Đề nghị lắp đèn chiếu sáng đường thôn.")
    answer_at_conference(first, clerk)
    client.force_login(clerk)

    # An empty outcome is refused, nothing changes.
    response = client.post(reverse("dialogues:conference_outcome", args=[conference.pk]),
                           {"outcome": "", "attendance": "", "version": conference.version})
    assert response.status_code == 400
    conference.refresh_from_db()
    assert conference.state == Conference.State.PLANNED

    response = client.post(reverse("dialogues:conference_outcome", args=[conference.pk]),
                           {"outcome": "Hội nghị đã đối thoại 12 ý kiến.", "attendance": "",
                            "version": conference.version})
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.state == Conference.State.HELD and conference.attendance == 0

    # A conclusion dated before the conference is refused.
    url = reverse("dialogues:conference_conclude", args=[conference.pk])
    bad = {"concluded_on": (conference.held_on - dt.timedelta(days=1))
           .isoformat(), "conclusion": "Kết luận.", "version": conference.version,
           "da_ky": "on"}
    response = client.post(url, bad)
    assert response.status_code == 400 and "Ngày thông báo" in response.content.decode()
    conference.refresh_from_db()
    assert conference.conclusion == "" and not Document.objects.exists()  # nothing kept
    response = client.post(url, {**bad, "concluded_on": conference.held_on.isoformat()})
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.state == Conference.State.CONCLUDED
    assert conference.milestones.get(kind=Milestone.Kind.CONCLUSION_NOTICE).done_on
    # Numbered by the register and kept as issued; the panel shows it frozen.
    notice = Document.objects.get(kind="thong-bao-ket-luan")
    assert (notice.number_text, notice.issued_on) == (conference.conclusion_number,
                                                      conference.concluded_on)
    assert notice.number_text.endswith("/TB-UBND") and notice.object_id == conference.pk
    page = client.get(reverse("dialogues:conference_detail", args=[conference.pk]))
    assert f"Số {notice.number_text}" in page.content.decode()
    # The register finds it by its kind, with or without diacritics.
    for words in ("kết luận", "KET LUAN"):
        found = client.get(reverse("documents:register"), {"q": words}).content.decode()
        assert notice.number_text in found

    # One petition is still open: closing is refused with the count.
    close = reverse("dialogues:conference_close", args=[conference.pk])
    response = client.post(close, {"version": conference.version})
    assert response.status_code == 400
    assert "Còn 1 ý kiến" in response.content.decode()
    conference.refresh_from_db()
    assert conference.state == Conference.State.CONCLUDED

    answer_at_conference(second, clerk, "Sẽ lắp đèn trong quý I.")
    response = client.post(close, {"version": conference.version})
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.state == Conference.State.CLOSED and conference.closed_at


def test_progress_per_unit_links_to_the_queue(client, clerk, plan, commune):
    conference = past_conference(plan, clerk)
    unit = Unit.objects.filter(agency=commune, kind=Unit.Kind.DEPARTMENT).first()
    late = receive_for(conference, received_on=conference.held_on)
    assignments.classify(actor=clerk, petition=late, kind="opinion",
                         field=commune.fields.first(), urgency="normal")
    late.refresh_from_db()
    assignments.assign(actor=clerk, petition=late, unit=unit)
    late.refresh_from_db()
    late.due_date = today() - dt.timedelta(days=1)
    late.save(update_fields=["due_date"])
    answer_at_conference(receive_for(conference), clerk)
    outcome.record_outcome(actor=clerk, conference=conference, outcome="Đã họp.",
                           attendance=100)
    client.force_login(clerk)
    response = client.get(detail_url(conference))
    rows = {r.unit_name: r for r in response.context["progress"]}
    assert rows[unit.name].total == 1 and rows[unit.name].overdue == 1
    assert rows[""].settled == 1
    page = response.content.decode()
    queue = reverse("petitions:queue")
    assert f"{queue}?conference={conference.pk}&amp;unit={unit.pk}&amp;due=overdue" in page
    listed = client.get(f"{queue}?conference={conference.pk}&unit={unit.pk}&due=overdue")
    assert late.tracking_code in listed.content.decode()


# -- scope ------------------------------------------------------------------------------------


def _every_post(conference, milestone, item):
    return [
        (reverse("dialogues:conference_new", args=[conference.plan_id]), form_data()),
        (reverse("dialogues:conference_edit", args=[conference.pk]),
         form_data(version=conference.version, confirmed="on", reason="x")),
        (reverse("dialogues:conference_outcome", args=[conference.pk]),
         {"outcome": "x", "version": conference.version}),
        (reverse("dialogues:conference_conclude", args=[conference.pk]),
         {"concluded_on": today().isoformat(), "conclusion": "x",
          "version": conference.version}),
        (reverse("dialogues:conference_close", args=[conference.pk]),
         {"version": conference.version}),
        (reverse("dialogues:agenda", args=[conference.pk]), {"op": "up", "item": item.pk}),
        (reverse("dialogues:agenda", args=[conference.pk]),
         {"op": "add", "new-title": "x", "new-minutes": "5"}),
        (reverse("dialogues:milestone_done", args=[conference.pk, milestone.pk]),
         {f"m{milestone.pk}-proof": "x"}),
        (reverse("dialogues:milestone_undo", args=[conference.pk, milestone.pk]),
         {f"u{milestone.pk}-reason": "x"}),
    ]


GET_NAMES = ["conference_detail", "conference_edit", "agenda", "timeline", "carry_over",
             "briefing"]


def test_read_only_roles_see_but_every_post_is_403(client, clerk, plan, commune, supervisor):
    conference = past_conference(plan, clerk)
    milestone = conference.milestones.get(kind=Milestone.Kind.ANNOUNCEMENT)
    milestones.mark_done(actor=clerk, milestone=milestone, proof="Niêm yết tại UBND")
    item = conference.agenda.last()
    overseer = user_with_role(Role.OVERSEER, agency=commune)
    events = AuditEvent.objects.count()
    for user in (supervisor, overseer):
        client.force_login(user)
        for name in GET_NAMES:
            assert client.get(reverse(f"dialogues:{name}", args=[conference.pk])
                              ).status_code == 200, name
        page = client.get(detail_url(conference)).content.decode()
        assert "Ghi nhận đã tổ chức" not in page
        for url, data in _every_post(conference, milestone, item):
            assert client.post(url, data).status_code == 403, url
    assert AuditEvent.objects.count() == events
    conference.refresh_from_db()
    assert conference.state == Conference.State.PLANNED
    assert Conference.objects.filter(plan=plan).count() == 1
    milestone.refresh_from_db()
    assert milestone.done_on is not None


def test_another_commune_gets_404_everywhere(client, clerk, plan, outsider):
    conference = past_conference(plan, clerk)
    milestone = conference.milestones.first()
    item = conference.agenda.first()
    client.force_login(outsider)
    for name in GET_NAMES:
        assert client.get(reverse(f"dialogues:{name}", args=[conference.pk])
                          ).status_code == 404, name
    assert client.get(new_url(plan)).status_code == 404
    for url, data in _every_post(conference, milestone, item):
        assert client.post(url, data).status_code == 404, url
    assert Conference.objects.filter(plan=plan).count() == 1


def test_a_notice_numbered_outside_the_register_is_not_numbered_again(client, clerk, plan):
    """A conference concluded with a number typed from the paper register (before the
    product numbered notices): the panel reprints it, it does not number it a second time."""
    conference = past_conference(plan, clerk)
    outcome.record_outcome(actor=clerk, conference=conference, outcome="Đã đối thoại.",
                           attendance=40)
    outcome.issue_conclusion(actor=clerk, conference=conference, number="45/TB-UBND",
                             concluded_on=conference.held_on, conclusion="Kết luận.")
    client.force_login(clerk)
    page = client.get(reverse("dialogues:conference_detail", args=[conference.pk]))
    text = page.content.decode()
    assert "Thông báo kết luận đã ban hành ngoài sổ với số 45/TB-UBND" in text
    issue = reverse("documents:issue", args=["thong-bao-ket-luan", conference.pk])
    assert issue not in text
    response = client.post(issue, {"da_ky": "on", "ngay": today().isoformat()}, follow=True)
    assert "ngoài sổ" in response.content.decode()
    assert not Document.objects.exists()


def test_the_home_page_names_the_next_step_without_a_doubled_full_stop(client, clerk,
                                                                      conference):
    """A task's title ends with a full stop; inside "Việc tiếp theo: …, hạn …." it has none."""
    step = conference.milestones.filter(done_on=None).exclude(due_on=None).order_by(
        "due_on", "order").first()
    step.title = "Cử phóng viên ghi hình, đưa tin về hội nghị."
    step.save(update_fields=["title"])
    client.force_login(clerk)
    page = client.get("/").content.decode()
    assert "Việc tiếp theo: Cử phóng viên ghi hình, đưa tin về hội nghị, hạn" in page
    assert ".," not in page
