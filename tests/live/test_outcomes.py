"""Every registrant has an outcome: when the session ends, those not heard (still waiting) and
those who withdrew with a topic become petitions of the conference — channel "registered to
speak", linked to the conference, due within the conference's answer time (pinned days around
Tết and the year's end), the kind their words suggest (a complaint or denunciation on its own
track, a denouncer anonymous) — once however often it is asked; the Biên bản lists them as
registered and not heard with what became of them, as adopted."""

import datetime as dt
import io
import re
import zipfile

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.core import decree30
from doithoai.dialogues.actions import plans
from doithoai.dialogues.models import Conference
from doithoai.dialogues.selectors import conference_links
from doithoai.documents.drawing import format_check
from doithoai.documents.kinds import cong_van_tra_loi
from doithoai.documents.registry import KINDS
from doithoai.documents.render import render_docx
from doithoai.live.actions import minutes as minutes_actions
from doithoai.live.actions import outcomes, registrations, sessions, speeches
from doithoai.live.models import Registration, Session
from doithoai.live.selectors import minutes
from doithoai.org.models import Person, Unit, Village
from doithoai.petitions.actions import assignments, intake
from doithoai.petitions.models import Channel, Kind, Petition
from doithoai.workdays.calendar import get_calendar

Source, State = Registration.Source, Registration.State
DENOUNCED = "to cao truong thon Na Lau thu tien trai phep"  # typed without marks
COMPLAINT = "Khiếu nại việc bồi thường đất làm đường"


def docx_text(docx: bytes) -> str:
    """Every word the document prints (paragraphs, tables, headers), runs joined."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        parts = [archive.read(n).decode() for n in archive.namelist()
                 if n.startswith("word/") and n.endswith(".xml")]
    return "\n".join(re.sub(r"<[^>]+>", "", re.sub(r"</w:p>", "\n", part)) for part in parts)


def paper(clerk, session, name, topic="", village=None, **extra):
    return registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                  full_name=name, topic=topic, village=village, **extra)


@pytest.fixture
def hall(session, clerk, commune):
    """One heard and recorded; then, waiting at the end: an opinion, a denunciation from a
    phone, a complaint, one who asked not to be named, one with no topic; withdrawn: one with
    a topic, one without."""
    na_pan = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    na_lau = Village.objects.get(agency=commune, name="Thôn Nà Lầu")
    rows = {"heard": paper(clerk, session, "Hoàng Văn Pản", "Đường liên thôn", na_pan)}
    registrations.call_next(actor=clerk, session=session)
    speeches.record_speech(actor=clerk, registration=rows["heard"],
                           text="Đường liên thôn xuống cấp, đề nghị sửa.")
    rows["road"] = paper(clerk, session, "Nông Văn Bình", "Sửa đường nội đồng", na_pan)
    rows["phone"] = registrations.register_by_phone(
        session=session, client="10.0.0.9", key="dev-1", full_name="Vi Thị Hằng",
        village_pk=str(na_lau.pk), topic=DENOUNCED)
    rows["complaint"] = paper(clerk, session, "Lương Văn Khiếu", COMPLAINT, na_lau)
    rows["quiet"] = paper(clerk, session, "Hà Thị Mai", "Đèn đường thôn Nà Lầu", na_lau,
                          confidential=True)
    rows["blank"] = paper(clerk, session, "Lục Văn Trống")
    rows["left"] = paper(clerk, session, "Chu Thị Lan", "Điện chiếu sáng", na_pan)
    rows["gone"] = paper(clerk, session, "Mã Văn Đi")
    for key in ("left", "gone"):
        registrations.withdraw(actor=clerk, registration=rows[key], reason="Về sớm")
    return rows


def fresh(rows):
    return {key: Registration.objects.select_related("petition").get(pk=row.pk)
            for key, row in rows.items()}


def test_the_close_makes_petitions_of_those_not_heard(hall, session, clerk, conference):
    before = AuditEvent.objects.filter(action="petition.receive").count()
    sessions.close_session(actor=clerk, session=session)
    rows = fresh(hall)
    made = ["road", "phone", "complaint", "quiet", "blank", "left"]
    assert rows["gone"].petition is None  # withdrew with nothing to say
    assert rows["heard"].petition.channel == Channel.CONFERENCE  # kept, not doubled
    due = get_calendar().add_workdays(conference.held_on, conference.answer_workdays)
    for key in made:
        petition = rows[key].petition
        assert petition.channel == Channel.REGISTERED, key
        assert conference_links.belongs(petition, conference.pk), key
        assert petition.received_on == conference.held_on
        assert petition.conference_day == conference.held_on
        assert petition.answer_workdays == conference.answer_workdays
        assert petition.submission_key == outcomes.KEY.format(session=session.pk,
                                                              number=rows[key].number)
        assert petition.received_by == clerk
    for key in ("road", "quiet", "blank", "left"):
        petition = rows[key].petition
        assert petition.kind == Kind.OPINION and petition.due_date == due, key
    assert rows["road"].petition.text == "Sửa đường nội đồng"
    assert rows["blank"].petition.text == outcomes.NO_TOPIC
    assert rows["road"].petition.village.name == "Thôn Nà Pàn"
    assert [p.full_name for p in rows["road"].petition.petitioners.all()] == ["Nông Văn Bình"]

    # The law's rules: the denouncer is anonymous, the denunciation hidden; a complaint is on
    # its own track (never assigned for an opinion's answer).
    denunciation = rows["phone"].petition
    assert denunciation.kind == Kind.DENUNCIATION and denunciation.hide_from_public
    assert all(p.anonymous_to_public for p in denunciation.petitioners.all())
    assert rows["quiet"].petition.petitioners.get().anonymous_to_public
    assert not rows["road"].petition.petitioners.get().anonymous_to_public
    complaint = rows["complaint"].petition
    assert complaint.kind == Kind.COMPLAINT
    kinh_te = Unit.objects.get(agency=conference.agency, code="kinh-te")
    with pytest.raises(ValidationError) as refused:
        assignments.assign(actor=clerk, petition=complaint, unit=kinh_te)
    assert "khiếu nại" in refused.value.messages[0].lower()

    # One event of the live room for all of them; each petition its own receipt.
    outcome = AuditEvent.objects.get(action="live.outcomes")
    assert outcome.actor == clerk and outcome.reason
    assert outcome.after["petitions"] == {str(rows[k].number): rows[k].petition_id
                                          for k in made}
    assert AuditEvent.objects.filter(action="petition.receive").count() == before + len(made)


def test_closing_twice_or_settling_again_makes_nothing_more(hall, session, clerk):
    sessions.close_session(actor=clerk, session=session)
    count, events = Petition.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        sessions.close_session(actor=clerk, session=session)
    assert "Phiên họp đã kết thúc" in refused.value.messages[0]
    with transaction.atomic():
        assert outcomes.settle(actor=clerk, session=Session.objects.get(pk=session.pk)) == []
    assert Petition.objects.count() == count and AuditEvent.objects.count() == events


def test_an_opinion_sent_before_keeps_its_petition(session, clerk, conference):
    sent = intake.receive(intake.Intake(
        agency=conference.agency, text="Đề nghị sửa ngầm tràn.", channel=Channel.ONLINE,
        received_on=conference.held_on - dt.timedelta(days=3), conference=conference,
        petitioners=[intake.PetitionerData(full_name="Lăng Văn Tòng")]), actor=clerk)
    prior = registrations.register(actor=clerk, session=session, source=Source.PRIOR,
                                   full_name="", petition=sent)
    sessions.close_session(actor=clerk, session=session)
    prior.refresh_from_db()
    assert prior.petition_id == sent.pk and Petition.objects.count() == 1
    assert not AuditEvent.objects.filter(action="live.outcomes").exists()


def _conference_on(commune, clerk, day: dt.date, workdays: int) -> Session:
    plan = plans.create_plan(actor=clerk, agency=commune, year=day.year)
    conference = Conference.objects.create(
        agency=commune, plan=plan, title="Hội nghị đối thoại với Nhân dân xã Điềm He",
        held_on=day, starts_at=dt.time(8, 0), venue="Hội trường UBND xã",
        answer_workdays=workdays,
        chair=Person.objects.get(agency=commune, position__startswith="Chủ tịch UBND"))
    return sessions.open_session(actor=clerk, conference=conference)


# The conference's own answer time, counted in working days over Tết 2027 (04–10/02 off) and
# over New Year's Day (01/01/2027 and the weekend off).
@pytest.mark.parametrize(("day", "workdays", "due"), [
    (dt.date(2027, 2, 3), 10, dt.date(2027, 2, 24)),
    (dt.date(2026, 12, 30), 10, dt.date(2027, 1, 14)),
    (dt.date(2026, 12, 31), 7, dt.date(2027, 1, 12)),
])
def test_the_due_date_is_the_conferences_answer_time(commune, clerk, day, workdays, due):
    with time_machine.travel(dt.datetime(day.year, day.month, day.day, 10, 30,
                                         tzinfo=timezone.get_current_timezone()), tick=False):
        session = _conference_on(commune, clerk, day, workdays)
        row = paper(clerk, session, "Nông Văn Bình", "Sửa đường nội đồng")
        sessions.close_session(actor=clerk, session=session)
    petition = Registration.objects.get(pk=row.pk).petition
    assert petition.received_on == day and petition.due_date == due
    assert petition.answer_workdays == workdays


def test_the_bien_ban_lists_them_as_adopted(hall, session, clerk, conference):
    sessions.close_session(actor=clerk, session=session)
    draft = minutes.minutes_of(session)
    minutes_actions.edit(actor=clerk, session=session, version=draft.version,
                         conclusion="Các đơn vị trả lời đúng hạn.", notes="")
    adopted = minutes_actions.adopt(actor=clerk, session=session)
    rows = fresh(hall)
    listed = adopted.content["not_heard"]
    assert [entry["who"] for entry in listed] == [
        "Ông Nông Văn Bình (thôn Nà Pàn)", f"Người đăng ký số {rows['phone'].number}",
        f"Người đăng ký số {rows['complaint'].number}",
        f"Người đăng ký số {rows['quiet'].number}", "Ông Lục Văn Trống",
        "Bà Chu Thị Lan (thôn Nà Pàn)", "Ông Mã Văn Đi"]
    conference.refresh_from_db()
    assert "7 người đăng ký chưa được trình bày" not in conference.outcome
    assert "6 người đăng ký chưa được trình bày" in conference.outcome

    docx = render_docx("bien-ban", conference).docx
    assert format_check.check(docx, KINDS["bien-ban"]) == []
    text = docx_text(docx)
    due = decree30.date_text(rows["road"].petition.due_date)
    assert "Những người đăng ký phát biểu nhưng chưa được trình bày tại hội nghị (07 người)" \
        in text
    assert "- Ông Nông Văn Bình (thôn Nà Pàn): Sửa đường nội đồng." in text
    assert ("Chưa được trình bày tại hội nghị; Ủy ban nhân dân xã tiếp nhận là ý kiến, kiến "
            "nghị, giao Văn phòng") in text
    assert f"trả lời bằng văn bản cho công dân trước {due}." in text
    assert "- Bà Chu Thị Lan (thôn Nà Pàn): Điện chiếu sáng." in text
    assert "Đã rút đăng ký phát biểu; Ủy ban nhân dân xã tiếp nhận" in text
    assert "- Ông Mã Văn Đi: Không ghi nội dung muốn phát biểu." in text
    assert "\nĐã rút đăng ký phát biểu.\n" in text
    assert text.count(minutes.SENSITIVE_TOPIC) == 2
    assert text.count(f"Chưa được trình bày tại hội nghị; {minutes.PROCEDURE_LINE}") == 2
    assert f"- Người đăng ký số {rows['quiet'].number}: Đèn đường thôn Nà Lầu." in text
    # Nobody confidential named, nor the denunciation's or the complaint's words.
    for word in ("Vi Thị Hằng", "Hà Thị Mai", "Lương Văn Khiếu", "truong thon", "bồi thường"):
        assert word.casefold() not in text.casefold(), word

    # Frozen at adoption: a later change to the petitions does not rewrite the Biên bản.
    kinh_te = Unit.objects.get(agency=conference.agency, code="kinh-te")
    assignments.assign(actor=clerk, petition=rows["road"].petition, unit=kinh_te)
    again = docx_text(render_docx("bien-ban", conference).docx)
    assert "giao Phòng Kinh tế xem xét" not in again and again.count("giao Văn phòng") >= 3


def test_the_draft_biên_bản_follows_the_record_before_adoption(hall, session, clerk,
                                                                conference):
    assert [r.outcome for r in minutes.registrants(conference)][-1] == \
        "Đã rút đăng ký phát biểu."
    sessions.close_session(actor=clerk, session=session)
    rows = fresh(hall)
    kinh_te = Unit.objects.get(agency=conference.agency, code="kinh-te")
    assignments.assign(actor=clerk, petition=rows["road"].petition, unit=kinh_te)
    first = minutes.registrants(conference)[0]
    assert first.outcome.startswith("Chưa được trình bày tại hội nghị; Ủy ban nhân dân xã "
                                    "tiếp nhận là ý kiến, kiến nghị, giao Phòng Kinh tế xem "
                                    "xét, giải quyết")


def test_nobody_heard_none_listed_as_heard(session, clerk, conference):
    """Those not heard are never read as opinions sent before (the minutes' list of a
    conference where nobody had the floor)."""
    row = paper(clerk, session, "Nông Văn Bình", "Sửa đường nội đồng")
    sessions.close_session(actor=clerk, session=session)
    assert Registration.objects.get(pk=row.pk).petition.channel == Channel.REGISTERED
    assert minutes.speakers(conference) == []
    assert [r.who for r in minutes.registrants(conference)] == ["Ông Nông Văn Bình"]


def test_a_session_closed_before_gets_its_outcomes_at_adoption(hall, session, clerk,
                                                               conference, monkeypatch):
    with monkeypatch.context() as patched:  # closed before every registrant had an outcome
        patched.setattr(outcomes, "settle", lambda **kwargs: [])
        sessions.close_session(actor=clerk, session=session)
    assert Petition.objects.filter(channel=Channel.REGISTERED).count() == 0
    draft = minutes.minutes_of(session)
    minutes_actions.edit(actor=clerk, session=session, version=draft.version,
                         conclusion="Các đơn vị trả lời đúng hạn.", notes="")
    adopted = minutes_actions.adopt(actor=clerk, session=session)
    assert Petition.objects.filter(channel=Channel.REGISTERED).count() == 6
    assert "Ủy ban nhân dân xã tiếp nhận là ý kiến" in adopted.content["not_heard"][0]["outcome"]


def test_the_reply_letter_and_the_results_report_know_the_channel(hall, session, clerk,
                                                                  conference):
    sessions.close_session(actor=clerk, session=session)
    petition = fresh(hall)["road"].petition
    said = cong_van_tra_loi.received_text(petition)
    assert said.startswith("đăng ký phát biểu tại hội nghị đối thoại với Nhân dân xã Điềm He")
    assert petition.tracking_code in said
    draft = minutes.minutes_of(session)
    minutes_actions.edit(actor=clerk, session=session, version=draft.version,
                         conclusion="Các đơn vị trả lời đúng hạn.", notes="")
    minutes_actions.adopt(actor=clerk, session=session)
    conference.refresh_from_db()
    report = docx_text(render_docx("bao-cao-ket-qua", conference).docx)
    assert ("gửi trước hội nghị 0, phát biểu tại hội nghị 01, đăng ký phát biểu nhưng chưa "
            "được trình bày 06)") in report


def test_the_key_is_the_recorded_speechs(session):
    assert outcomes.KEY == speeches.KEY


def test_the_consoles_close_message_says_what_became_of_those_not_heard(hall, session, clerk,
                                                                      conference, client):
    """Closed from the console: the message counts those not heard who became petitions and
    sends the secretary to the slips of those registered on paper (their phones show them
    nothing), a link to the slips' page with it."""
    client.force_login(clerk)
    closed = client.post(reverse("live:act", args=[conference.pk]),
                         {"action": "close", "client_key": "close-1"})
    assert closed.status_code == 200
    answer = closed.json()
    made = Registration.objects.filter(session=session, state__in=(
        State.WAITING, State.WITHDRAWN)).exclude(petition=None).count()
    paper_slips = Registration.objects.filter(session=session, source=Source.PAPER).exclude(
        petition=None).count()
    assert (made, paper_slips) == (6, 6)  # the phone's denouncer has no slip; the heard has
    assert answer["message"] == (
        "Phiên họp đã kết thúc. 6 người đăng ký chưa được trình bày đã được tiếp nhận thành ý "
        "kiến của hội nghị: ý kiến, kiến nghị được trả lời bằng văn bản trong thời hạn của hội "
        "nghị; khiếu nại, tố cáo được xử lý theo thủ tục của pháp luật. In 6 "
        "phiếu theo dõi ý kiến (mã tra cứu) để phát cho người đăng ký bằng phiếu giấy: bấm "
        "“In phiếu theo dõi ý kiến” ở đầu trang. Hãy hoàn chỉnh và thông qua biên bản.")
    assert answer["link"] == {"href": reverse("live:slips", args=[conference.pk]),
                              "label": "Mở trang in phiếu"}
    # The console's panel says it too, after the message has gone.
    panel = client.get(reverse("live:state", args=[conference.pk])).content.decode()
    assert "chưa được phát biểu: đã được tiếp nhận thành ý kiến của hội nghị" in panel
    assert "khiếu nại, tố cáo xử lý theo thủ tục của pháp luật" in panel
    assert "hướng dẫn gửi ý kiến bằng văn bản" not in panel


def test_a_close_with_nobody_left_says_only_what_is_next(session, clerk, conference, client):
    client.force_login(clerk)
    closed = client.post(reverse("live:act", args=[conference.pk]), {"action": "close"})
    assert closed.json()["message"] == ("Phiên họp đã kết thúc. Hãy hoàn chỉnh và thông qua "
                                        "biên bản.")
    assert closed.json()["link"] is None
