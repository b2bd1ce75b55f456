"""Before the conference (services and reads): the villages' opinions counted and sent, the
Front's summary report and the units' prepared answers."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from doithoai.audit.conflicts import Conflict
from doithoai.audit.models import AuditEvent
from doithoai.dialogues.actions import conferences, prepared_answers, village_opinions
from doithoai.dialogues.models import Milestone, PreparedAnswer, VillageReturn
from doithoai.dialogues.selectors import prepared_answers as prepared_answers_reads
from doithoai.dialogues.selectors import village_opinions as village_opinions_reads
from doithoai.org.models import Role, Unit, User, Village
from doithoai.petitions.actions import assignments
from doithoai.petitions.actions import intake as petition_intake
from doithoai.petitions.actions import issues as petition_issues
from doithoai.petitions.actions.fields import ensure_default_fields
from doithoai.petitions.models import Kind, Petition, Urgency
from tests.dialogues.conftest import HELD_ON, TODAY
from tests.factories import user_with_role

ON_TIME = timezone.make_aware(dt.datetime(2026, 12, 10, 9, 30))
LATE = timezone.make_aware(dt.datetime(2026, 12, 16, 15, 0))  # due 15/12 (3 days before 18/12)


@pytest.fixture
def prep(commune, plan, clerk):
    return build_prep(commune, plan, clerk)


def build_prep(commune, plan, clerk) -> dict:
    """A conference covering three villages (Nà Pàn, Bản Chu, Bản Thẳm) with six petitions:
    two of them one grouped issue, one unclassified, one from a village the conference does not
    cover; Bản Thẳm has none yet (the other two have sent theirs: their opinions are in)."""
    fields = {f.code: f for f in ensure_default_fields(commune)}
    villages = {v.name: v for v in Village.objects.filter(agency=commune)}
    units = {u.code: u for u in Unit.objects.filter(agency=commune)}
    na_pan, ban_chu = villages["Thôn Nà Pàn"], villages["Thôn Bản Chu"]
    ban_tham = villages["Thôn Bản Thẳm"]
    conference = conferences.schedule_conference(
        actor=clerk, plan=plan, data={"held_on": HELD_ON, "hall_capacity": 400},
        villages=[na_pan, ban_chu, ban_tham], today=TODAY)

    def receive(text, village, field, kind=Kind.OPINION, urgency=Urgency.NORMAL, people=1):
        intake = petition_intake.Intake(
            agency=commune, text=text, channel="survey_form", received_on=TODAY,
            village_id=village.pk, conference=conference, kind=kind,
            field=fields.get(field), urgency=urgency,
            petitioners=[petition_intake.PetitionerData(full_name=f"Người {i}",
                                                        village_id=village.pk)
                         for i in range(people)])
        return petition_intake.receive(intake, actor=clerk)

    p = {
        "road": receive("Đường liên thôn Nà Pàn – Khòn Pinh xuống cấp, đề nghị sửa chữa.",
                        na_pan, "giao-thong", urgency=Urgency.PRESSING, people=2),
        "mud": receive("Đường vào thôn Nà Pàn lầy lội mùa mưa.", na_pan, "giao-thong"),
        "mud2": receive("Đường ra đồng Bản Chu lầy lội, đi lại khó khăn.", ban_chu,
                        "giao-thong", kind=Kind.REPORT, people=3),
        "clinic": receive("Trạm y tế xã thiếu thuốc thông thường.", ban_chu, "y-te",
                          urgency=Urgency.URGENT),
        "allowance": receive("Đề nghị sớm chi trả trợ cấp cho người cao tuổi.", ban_chu, None),
        "outside": receive("Đề nghị hỗ trợ giống ngô vụ xuân.", villages["Thôn Khòn Pát"],
                           "nong-nghiep"),
    }
    petition_issues.group_into_issue(actor=clerk, petitions=[p["mud"], p["mud2"]],
                                     title="Đường thôn lầy lội mùa mưa")
    health = user_with_role(Role.UNIT_OFFICER, agency=commune, unit=units["tram-y-te"],
                            username="tramyte")
    for key, unit in (("road", "kinh-te"), ("mud", "kinh-te"), ("mud2", "kinh-te"),
                      ("clinic", "tram-y-te"), ("outside", "van-hoa-xa-hoi")):
        assignments.assign(actor=clerk, petition=Petition.objects.get(pk=p[key].pk),
                           unit=units[unit])
    p = {k: Petition.objects.get(pk=v.pk) for k, v in p.items()}
    users = {u.username: u for u in User.objects.filter(
        username__in=["vanphong", "chutich", "kinhte", "mattran", "truongthon", "giamsat"])}
    users["tramyte"] = health
    return {"conference": conference, "p": p, "villages": villages, "units": units,
            "fields": fields, "users": users, "na_pan": na_pan, "ban_chu": ban_chu,
            "ban_tham": ban_tham}


# --- the board -----------------------------------------------------------------------------

def test_the_board_counts_opinions_per_village_and_field(prep):
    board = village_opinions_reads.opinion_board(prep["users"]["vanphong"], prep["conference"],
                                                 today=TODAY)
    labels = [c.label for c in board.columns]
    assert labels == ["Giao thông", "Nông nghiệp, thủy lợi và lâm nghiệp", "Y tế",
                      "Chưa phân loại"]
    rows = {r.label: r for r in board.rows}
    assert list(rows) == ["Thôn Bản Chu", "Thôn Nà Pàn", "Thôn Bản Thẳm", "Thôn Khòn Pát"]
    assert rows["Thôn Nà Pàn"].cells == [2, 0, 0, 0] and rows["Thôn Nà Pàn"].pressing == 1
    assert rows["Thôn Bản Chu"].cells == [1, 0, 1, 1] and rows["Thôn Bản Chu"].total == 3
    assert rows["Thôn Khòn Pát"].covered is False and rows["Thôn Khòn Pát"].status == ""
    assert rows["Thôn Bản Thẳm"].total == 0 and rows["Thôn Bản Thẳm"].covered
    assert board.column_totals == [3, 1, 1, 1] and board.total == 6 and board.pressing == 2
    assert dict(board.by_kind) == {"Ý kiến, kiến nghị": 5, "Phản ánh": 1, "Khiếu nại": 0,
                                   "Tố cáo": 0}
    assert dict(board.by_urgency) == {"Thường": 4, "Cấp thiết": 1, "Khẩn": 1}
    assert board.due_on == dt.date(2026, 12, 15)
    # Their opinions are in: Bản Chu and Nà Pàn have sent, though nobody pressed "sent".
    assert [r.label for r in board.missing] == ["Thôn Bản Thẳm"]
    assert [r.label for r in board.sent] == ["Thôn Bản Chu", "Thôn Nà Pàn"]
    assert {r.status for r in board.sent} == {village_opinions_reads.SENT}
    assert not any(r.sending.marked for r in board.sent)
    assert rows["Thôn Nà Pàn"].sending.first_in == TODAY


def test_a_village_head_sees_only_his_village(prep):
    board = village_opinions_reads.opinion_board(prep["users"]["truongthon"], prep["conference"])
    assert [r.label for r in board.rows] == ["Thôn Nà Pàn"]
    assert board.total == 2 and [r.label for r in board.covered_rows] == ["Thôn Nà Pàn"]


def test_overdue_villages_are_told_apart(prep):
    board = village_opinions_reads.opinion_board(prep["users"]["vanphong"], prep["conference"],
                                                 today=dt.date(2026, 12, 16))
    assert {r.status for r in board.missing} == {village_opinions_reads.OVERDUE}


# --- sending a village's opinions ----------------------------------------------------------

def test_the_village_head_sends_his_village_once(prep):
    conference, na_pan = prep["conference"], prep["na_pan"]
    head = prep["users"]["truongthon"]
    sent = village_opinions.send_village_opinions(actor=head, conference=conference,
                                                  village=na_pan, now=ON_TIME)
    assert sent.opinions == 2 and not sent.late and not sent.all_sent
    ret = VillageReturn.objects.get(conference=conference, village=na_pan)
    assert ret.opinions_sent_at == ON_TIME and ret.opinions_sent_by == head
    event = AuditEvent.objects.get(action="village.opinions_sent", object_id=str(ret.pk))
    assert event.after["late"] is False and event.after["opinions"] == 2
    with pytest.raises(ValidationError, match="đã gửi ý kiến lúc"):
        village_opinions.send_village_opinions(actor=prep["users"]["mattran"],
                                               conference=conference, village=na_pan, now=LATE)
    ret.refresh_from_db()
    assert ret.opinions_sent_at == ON_TIME
    assert AuditEvent.objects.filter(action="village.opinions_sent").count() == 1


def test_a_village_head_cannot_send_for_another_village(prep):
    with pytest.raises(PermissionDenied):
        village_opinions.send_village_opinions(actor=prep["users"]["truongthon"],
                                               conference=prep["conference"],
                                               village=prep["ban_chu"], now=ON_TIME)
    assert not VillageReturn.objects.filter(conference=prep["conference"]).exclude(
        opinions_sent_at=None).exists()


@pytest.mark.parametrize("username", ["giamsat", "kinhte"])
def test_read_only_and_unit_officers_cannot_send(prep, username):
    with pytest.raises(PermissionDenied):
        village_opinions.send_village_opinions(actor=prep["users"][username],
                                               conference=prep["conference"],
                                               village=prep["na_pan"], now=ON_TIME)
    assert not VillageReturn.objects.exclude(opinions_sent_at=None).exists()


def test_another_commune_cannot_send(prep, outsider):
    with pytest.raises(PermissionDenied):
        village_opinions.send_village_opinions(actor=outsider, conference=prep["conference"],
                                               village=prep["na_pan"], now=ON_TIME)


def test_a_village_not_covered_is_refused(prep):
    khon_pat = prep["villages"]["Thôn Khòn Pát"]
    with pytest.raises(ValidationError, match="không thuộc phạm vi"):
        village_opinions.send_village_opinions(actor=prep["users"]["mattran"],
                                               conference=prep["conference"], village=khon_pat,
                                               now=ON_TIME)
    assert not VillageReturn.objects.filter(village=khon_pat).exists()


def test_late_opinions_are_flagged_and_the_last_village_confirms_the_milestone(prep):
    conference = prep["conference"]
    milestone = conference.milestones.get(kind=Milestone.Kind.VILLAGE_OPINIONS)
    first = village_opinions.send_village_opinions(actor=prep["users"]["mattran"],
                                                   conference=conference, village=prep["ban_chu"],
                                                   now=ON_TIME)
    assert not first.all_sent  # Bản Thẳm: no opinions, nobody said so
    milestone.refresh_from_db()
    assert milestone.done_on is None
    last = village_opinions.send_village_opinions(actor=prep["users"]["vanphong"],
                                                  conference=conference,
                                                  village=prep["ban_tham"], now=LATE)
    assert last.late and last.all_sent and last.due_on == dt.date(2026, 12, 15)
    event = AuditEvent.objects.filter(action="village.opinions_sent").order_by("seq").last()
    assert event.after["late"] is True and "Gửi sau hạn 15/12/2026" in event.reason
    milestone.refresh_from_db()
    assert milestone.done_on == LATE.date() and "Cả 3 thôn đã gửi ý kiến" in milestone.proof
    assert "thôn gửi cuối: Thôn Bản Thẳm" in milestone.proof
    board = village_opinions_reads.opinion_board(prep["users"]["vanphong"], conference)
    statuses = {r.label: r.status for r in board.covered_rows}
    assert statuses == {"Thôn Bản Chu": village_opinions_reads.SENT,
                        "Thôn Nà Pàn": village_opinions_reads.SENT,
                        "Thôn Bản Thẳm": village_opinions_reads.SENT_LATE}
    assert board.missing == []


def test_a_village_marked_late_whose_opinions_were_in_on_time_is_on_time(prep):
    """Its opinions came in before the due day: pressing "sent" later does not make it late."""
    sent = village_opinions.send_village_opinions(actor=prep["users"]["vanphong"],
                                                  conference=prep["conference"],
                                                  village=prep["na_pan"], now=LATE)
    assert sent.late  # what was recorded when it was said
    board = village_opinions_reads.opinion_board(prep["users"]["vanphong"], prep["conference"])
    row = next(r for r in board.rows if r.village == prep["na_pan"])
    assert row.status == village_opinions_reads.SENT and row.sending.marked


def test_no_opinions_after_the_conference(prep, clerk):
    conference = prep["conference"]
    conference.state = conference.State.HELD
    conference.save()
    with pytest.raises(ValidationError, match="đã diễn ra"):
        village_opinions.send_village_opinions(actor=clerk, conference=conference,
                                               village=prep["na_pan"], now=LATE)


# --- the Front's report --------------------------------------------------------------------

def test_the_front_report_groups_by_field_then_village(prep):
    report = village_opinions_reads.front_report_data(prep["conference"], today=TODAY)
    assert report.front_name == "Ủy ban MTTQ Việt Nam xã Điềm He"
    assert [f.name for f in report.fields] == [
        "Giao thông", "Nông nghiệp, thủy lợi và lâm nghiệp", "Y tế", "Chưa phân loại"]
    roads = report.fields[0]
    assert [v.name for v in roads.villages] == ["Thôn Nà Pàn", "Nhiều thôn"]
    issue = roads.villages[1].items[0]
    assert issue.is_issue and issue.text == "Đường thôn lầy lội mùa mưa"
    assert issue.petitions == 2 and issue.petitioners == 4  # 1 + 3 people, counted once
    assert issue.villages == ("Thôn Nà Pàn", "Thôn Bản Chu")
    assert len(issue.texts) == 2 and issue.kind == "Ý kiến, kiến nghị"
    road = roads.villages[0].items[0]
    assert road.text.startswith("Đường liên thôn Nà Pàn") and road.petitioners == 2
    assert road.urgency == "Cấp thiết"
    assert roads.items == 2 and roads.petitions == 3 and roads.petitioners == 6
    assert report.total_items == 5 and report.total_petitions == 6 and report.issues == 1
    assert report.total_petitioners == 2 + 4 + 1 + 1 + 1
    assert dict(report.by_village) == {"Thôn Bản Chu": 3, "Thôn Nà Pàn": 2, "Thôn Khòn Pát": 1}
    assert dict(report.by_urgency) == {"Thường": 3, "Cấp thiết": 1, "Khẩn": 1}
    assert report.villages_sent == ("Thôn Bản Chu", "Thôn Nà Pàn")
    assert report.villages_missing == ("Thôn Bản Thẳm",) and report.villages_late == ()


def test_the_front_report_can_be_narrowed_to_what_a_user_sees(prep):
    visible = village_opinions_reads.conference_petitions(prep["users"]["truongthon"],
                                                          prep["conference"])
    report = village_opinions_reads.front_report_data(prep["conference"], visible)
    assert report.total_petitions == 2
    assert {v.name for f in report.fields for v in f.villages} == {"Thôn Nà Pàn"}


# --- prepared answers ----------------------------------------------------------------------

def test_the_unit_writes_its_prepared_answer(prep):
    conference, road = prep["conference"], prep["p"]["road"]
    officer = prep["users"]["kinhte"]
    answer = prepared_answers.save_prepared_answer(actor=officer, conference=conference,
                                                   petition=road,
                                                   text="  Sẽ sửa trong quý I/2027. ",
                                                   token="new")
    assert answer.text == "Sẽ sửa trong quý I/2027." and answer.unit.code == "kinh-te"
    assert answer.submitted_by == officer
    assert AuditEvent.objects.filter(action="prepared_answer.save",
                                     object_id=str(answer.pk)).count() == 1
    token = prepared_answers_reads.answer_token(answer)
    updated = prepared_answers.save_prepared_answer(actor=prep["users"]["vanphong"],
                                                    conference=conference, petition=road,
                                                    text="Đã có kế hoạch sửa.", token=token)
    assert updated.pk == answer.pk and PreparedAnswer.objects.count() == 1
    with pytest.raises(Conflict):  # a stale form
        prepared_answers.save_prepared_answer(actor=officer, conference=conference, petition=road,
                                              text="Khác", token=token)
    assert PreparedAnswer.objects.get().text == "Đã có kế hoạch sửa."


def test_a_grouped_issue_has_one_prepared_answer(prep):
    conference, officer = prep["conference"], prep["users"]["kinhte"]
    prepared_answers.save_prepared_answer(actor=officer, conference=conference,
                                          petition=prep["p"]["mud2"], text="Sẽ rải cấp phối.")
    prepared_answers.save_prepared_answer(actor=officer, conference=conference,
                                          petition=prep["p"]["mud"], text="Sẽ đổ bê tông.")
    assert PreparedAnswer.objects.count() == 1
    assert PreparedAnswer.objects.get().petition == prep["p"]["mud"]  # the issue's first
    rows = prepared_answers_reads.prepared_answer_rows(prep["users"]["vanphong"], conference)
    issue_rows = [r for r in rows if r.issue_title]
    assert len(issue_rows) == 1 and issue_rows[0].ready
    assert issue_rows[0].answer.text == "Sẽ đổ bê tông."


@pytest.mark.parametrize("username", ["tramyte", "giamsat", "mattran", "truongthon"])
def test_only_the_assigned_unit_or_the_office_prepares(prep, username):
    with pytest.raises(PermissionDenied):
        prepared_answers.save_prepared_answer(actor=prep["users"][username],
                                              conference=prep["conference"],
                                              petition=prep["p"]["road"], text="Trả lời")
    assert not PreparedAnswer.objects.exists()


def test_prepared_answers_refuse_bad_input(prep, clerk, outsider):
    conference, p = prep["conference"], prep["p"]
    with pytest.raises(ValidationError, match="Hãy ghi nội dung"):
        prepared_answers.save_prepared_answer(actor=clerk, conference=conference,
                                              petition=p["road"], text="   ")
    with pytest.raises(ValidationError, match="chưa được giao"):
        prepared_answers.save_prepared_answer(actor=clerk, conference=conference,
                                              petition=p["allowance"], text="Trả lời")
    with pytest.raises(PermissionDenied):
        prepared_answers.save_prepared_answer(actor=outsider, conference=conference,
                                              petition=p["road"], text="Trả lời")
    other = conferences.schedule_conference(
        actor=clerk, plan=conference.plan, data={"held_on": dt.date(2026, 12, 22)},
        today=TODAY)
    with pytest.raises(ValidationError, match="không thuộc hội nghị"):
        prepared_answers.save_prepared_answer(actor=clerk, conference=other, petition=p["road"],
                                              text="Trả lời")
    # A complaint is never answered as an opinion, not even in preparation (whatever left it
    # with a unit).
    Petition.objects.filter(pk=p["road"].pk).update(kind=Kind.COMPLAINT)
    with pytest.raises(ValidationError, match="chuyển theo thủ tục"):
        prepared_answers.save_prepared_answer(actor=clerk, conference=conference,
                                              petition=p["road"], text="Trả lời")
    assert not PreparedAnswer.objects.exists()


def test_a_unit_officer_sees_only_his_units_petitions(prep):
    rows = prepared_answers_reads.prepared_answer_rows(prep["users"]["kinhte"], prep["conference"])
    assert {r.petition.unit.code for r in rows} == {"kinh-te"}
    assert len(rows) == 2 and all(r.can_write for r in rows)
    rows = prepared_answers_reads.prepared_answer_rows(prep["users"]["giamsat"], prep["conference"])
    assert len(rows) == 5 and not any(r.can_write for r in rows)
    office = prepared_answers_reads.prepared_answer_rows(prep["users"]["vanphong"],
                                                         prep["conference"])
    writable = {r.petition.tracking_code for r in office if r.can_write}
    assert prep["p"]["allowance"].tracking_code not in writable and len(writable) == 4


def missing(conference) -> list:
    """Assigned petitions (a grouped issue once) still without their unit's answer."""
    return [r for r in prepared_answers_reads.answer_rows(Petition.objects.all(), conference)
            if r.needed and not r.ready]


def test_the_last_prepared_answer_confirms_the_milestone(prep):
    conference, p, users = prep["conference"], prep["p"], prep["users"]
    milestone = conference.milestones.get(kind=Milestone.Kind.PREPARED_ANSWERS)
    assert len(missing(conference)) == 4
    prepared_answers.save_prepared_answer(actor=users["kinhte"], conference=conference,
                                          petition=p["road"], text="Sửa đường quý I/2027.")
    prepared_answers.save_prepared_answer(actor=users["kinhte"], conference=conference,
                                          petition=p["mud"], text="Rải cấp phối.")
    prepared_answers.save_prepared_answer(actor=users["tramyte"], conference=conference,
                                          petition=p["clinic"], text="Đã bổ sung thuốc.")
    milestone.refresh_from_db()
    assert milestone.done_on is None
    assert len(missing(conference)) == 1
    prepared_answers.save_prepared_answer(actor=users["vanphong"], conference=conference,
                                          petition=p["outside"], text="Hỗ trợ giống vụ xuân.")
    milestone.refresh_from_db()
    assert milestone.done_on is None  # the allowance opinion is not given to any unit yet
    allowance = assignments.assign(actor=users["vanphong"], petition=p["allowance"],
                                   unit=prep["units"]["van-hoa-xa-hoi"])
    prepared_answers.save_prepared_answer(actor=users["vanphong"], conference=conference,
                                          petition=allowance, text="Chi trả trong tháng 12.")
    milestone.refresh_from_db()
    assert milestone.done_on is not None and "cả 5 ý kiến" in milestone.proof

    units = prepared_answers_reads.prepared_answers_by_unit(conference)
    assert [u.unit_name for u in units] == ["Phòng Kinh tế", "Phòng Văn hóa - Xã hội",
                                            "Trạm Y tế xã"]
    economy = units[0]
    assert economy.ready == 2 and economy.missing == 0
    issue = next(i for i in economy.items if i.is_issue)
    assert issue.text == "Đường thôn lầy lội mùa mưa" and issue.petitions == 2
    assert issue.petitioners == 4 and issue.answer == "Rải cấp phối."


def test_a_reassigned_petition_needs_the_new_units_answer(prep, clerk):
    conference, clinic = prep["conference"], prep["p"]["clinic"]
    prepared_answers.save_prepared_answer(actor=prep["users"]["tramyte"], conference=conference,
                                          petition=clinic, text="Đã bổ sung thuốc.")
    assignments.assign(actor=clerk, petition=clinic, unit=prep["units"]["van-hoa-xa-hoi"])
    waiting = missing(conference)
    assert clinic.pk in {r.petition.pk for r in waiting}
    by_unit = {u.unit_name: u for u in prepared_answers_reads.prepared_answers_by_unit(conference)}
    assert "Trạm Y tế xã" not in by_unit
    assert by_unit["Phòng Văn hóa - Xã hội"].missing == 2
