"""A petition from acknowledgement to closure through the services, with every rule enforced
and every move in the audit log."""

import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from doithoai.audit.conflicts import Conflict
from doithoai.audit.models import AuditEvent
from doithoai.core.petition_flow import State
from doithoai.dialogues.models import Conference
from doithoai.petitions.actions import answers, assignments, intake, issues, procedures
from doithoai.petitions.actions import deadlines as petition_deadlines
from doithoai.petitions.models import Field, Kind, Petition, Petitioner
from doithoai.petitions.selectors import petitions as petition_selectors


def _field(commune, code="giao-thong"):
    return Field.objects.get(agency=commune, code=code)


def test_receive_gives_a_code_a_due_date_and_an_audit_event(receive):
    nfd = unicodedata.normalize("NFD", "Đề nghị làm đường điện chiếu sáng")
    p = receive(text=nfd, petitioners=[intake.PetitionerData(full_name="Hoàng Văn A",
                                                             phone="0912345678")])
    assert p.state == State.RECEIVED and len(p.tracking_code) == 9
    assert p.text == unicodedata.normalize("NFC", nfd)
    assert p.search_text == "de nghi lam duong dien chieu sang"
    # 15 working days after Monday 2/11/2026 (24/11 is a working day by default).
    assert p.due_date == dt.date(2026, 11, 23)
    assert "15 ngày làm việc" in p.due_rule_label
    assert Petitioner.objects.get(petition=p).full_name == "Hoàng Văn A"
    assert AuditEvent.objects.filter(object_type="petitions.petition",
                                     action="petition.receive").count() == 1


def test_conference_petitions_count_from_the_conference(receive, commune):
    conf = Conference.objects.create(agency=commune, title="Hội nghị đối thoại 2026",
                                     held_on=dt.date(2026, 2, 10))
    p = receive(conference=conf)
    assert p.due_date == dt.date(2026, 3, 10)  # Tết skipped


def test_empty_or_oversized_text_is_refused(receive):
    with pytest.raises(ValidationError):
        receive(text="   ")
    with pytest.raises(ValidationError):
        receive(text="x" * 10_001)
    assert not Petition.objects.exists()


def test_a_retried_submission_lands_once(receive):
    first = receive(submission_key="abc123")
    again = receive(submission_key="abc123")
    assert first.pk == again.pk and Petition.objects.count() == 1


def test_the_whole_path_with_roles(receive, commune, people):
    p = receive()
    p = assignments.classify(actor=people["clerk"], petition=p, kind=Kind.OPINION,
                             field=_field(commune), urgency="pressing", version=p.version)
    p = assignments.assign(actor=people["clerk"], petition=p, unit=people["unit"])
    with pytest.raises(PermissionDenied):  # another unit cannot answer
        answers.draft_answer(actor=people["other_officer"], petition=p, text="x")
    answers.draft_answer(actor=people["officer"], petition=p, text="Đã khảo sát, sẽ sửa.",
                         document_number="12/UBND-KT", document_date=dt.date(2026, 11, 20))
    p.refresh_from_db()
    with pytest.raises(PermissionDenied):  # only a leader approves
        answers.approve_answer(actor=people["officer"], petition=p)
    with pytest.raises(ValidationError):  # not published before approval
        answers.publish_answer(actor=people["clerk"], petition=p)
    p = answers.approve_answer(actor=people["leader"], petition=p)
    p = answers.publish_answer(actor=people["clerk"], petition=p)
    assert p.state == State.PUBLISHED
    assert petition_selectors.current_answer(p).published_at is not None
    p = procedures.close(actor=people["clerk"], petition=p)
    actions = list(AuditEvent.objects.filter(object_type="petitions.petition",
                                             object_id=str(p.pk))
                   .order_by("seq").values_list("action", flat=True))
    assert actions == ["petition.receive", "petition.classify", "petition.assign",
                       "petition.draft_answer", "petition.approve", "petition.publish",
                       "petition.close"]


def test_read_only_roles_cannot_move_a_petition(receive, people):
    p = receive()
    with pytest.raises(PermissionDenied):
        assignments.assign(actor=people["supervisor"], petition=p, unit=people["unit"])
    p.refresh_from_db()
    assert p.state == State.RECEIVED


def test_second_clerk_with_a_stale_version_gets_a_conflict(receive, commune, people):
    p = receive()
    seen = p.version
    assignments.assign(actor=people["clerk"], petition=p, unit=people["unit"], version=seen)
    with pytest.raises(Conflict) as exc:
        assignments.assign(actor=people["leader"], petition=p, unit=people["other_unit"],
                           version=seen)
    assert "vừa được người khác cập nhật" in exc.value.messages[0]
    p.refresh_from_db()
    assert p.unit == people["unit"]


def test_return_extend_escalate_reopen(receive, people):
    p = assignments.assign(actor=people["clerk"], petition=receive(), unit=people["unit"])
    with pytest.raises(ValidationError):
        assignments.return_to_office(actor=people["officer"], petition=p, reason="")
    p = assignments.return_to_office(actor=people["officer"], petition=p,
                                     reason="Không thuộc lĩnh vực Kinh tế")
    assert p.state == State.RETURNED and p.unit is None
    p = assignments.assign(actor=people["clerk"], petition=p, unit=people["other_unit"])
    old_due = p.due_date
    with pytest.raises(ValidationError):
        petition_deadlines.extend(actor=people["clerk"], petition=p, new_due_date=old_due,
                                  reason="x")
    p = petition_deadlines.extend(actor=people["clerk"], petition=p,
                                  new_due_date=old_due + dt.timedelta(days=14),
                                  reason="Cần xác minh")
    assert p.due_date == old_due + dt.timedelta(days=14) and p.extensions.count() == 1
    p = procedures.escalate(actor=people["clerk"], petition=p, receiving_agency="Sở Xây dựng",
                            follow_up_on=dt.date(2026, 12, 15), reason="Vượt thẩm quyền")
    assert p.state == State.ESCALATED and "Sở Xây dựng" in p.public_note
    p = procedures.close(actor=people["clerk"], petition=p)
    p = procedures.reopen(actor=people["clerk"], petition=p, reason="Công dân chưa đồng ý")
    assert p.state == State.ASSIGNED and p.due_rule == "reopened"


def test_reopened_after_an_answer_in_the_hall_waits_with_the_office(receive, people):
    p = answers.answer_at_conference(actor=people["clerk"], petition=receive(),
                                     text="Xã sẽ sửa trong tháng sau.",
                                     answered_by="Chủ tịch UBND xã")
    assert p.unit is None
    p = procedures.reopen(actor=people["clerk"], petition=p, reason="Công dân chưa đồng ý")
    assert p.state == State.CLASSIFIED and p.unit is None and p.due_rule == "reopened"
    due = p.due_date
    p = assignments.assign(actor=people["clerk"], petition=p, unit=people["unit"])
    assert p.state == State.ASSIGNED and p.due_date == due


def test_complaints_go_to_their_procedure_never_to_a_unit(receive, people):
    p = receive(kind=Kind.DENUNCIATION)
    assert p.hide_from_public
    with pytest.raises(ValidationError):
        assignments.assign(actor=people["clerk"], petition=p, unit=people["unit"])
    p = procedures.transfer_to_procedure(actor=people["clerk"], petition=p,
                                         kind=Kind.DENUNCIATION, reason="Nội dung tố cáo")
    assert p.state == State.TRANSFERRED and p.due_date is None
    assert "Luật Tố cáo" in p.due_rule_label


def test_not_accepted_says_where_to_go(receive, people):
    p = procedures.not_accept(actor=people["clerk"], petition=receive(),
                              reason="Tranh chấp dân sự", where_to_go="Tòa án nhân dân khu vực")
    assert p.state == State.NOT_ACCEPTED and p.public_note == "Tòa án nhân dân khu vực"


def test_bulk_assign_reports_refusals_and_keeps_the_rest(receive, people):
    ok1, ok2 = receive(), receive()
    bad = receive(kind=Kind.COMPLAINT)
    done, refused = assignments.bulk_assign(actor=people["clerk"], petitions=[ok1, bad, ok2],
                                            unit=people["unit"])
    assert [p.pk for p in done] == [ok1.pk, ok2.pk]
    assert refused[0][0].pk == bad.pk and "Khiếu nại" in refused[0][1]


def test_grouping_keeps_every_petitioner_and_history(receive, people):
    a = receive(petitioners=[intake.PetitionerData(full_name="A")])
    b = receive(petitioners=[intake.PetitionerData(full_name="B")])
    issue = issues.group_into_issue(actor=people["clerk"], petitions=[a, b],
                                    title="Đường liên thôn xuống cấp")
    assert issue.petitions.count() == 2
    c = receive()
    assert issues.group_into_issue(actor=people["clerk"], petitions=[a, c], title="") == issue
    issues.remove_from_issue(actor=people["clerk"], petition=c, reason="Khác nội dung")
    assert issue.petitions.count() == 2
    assert Petitioner.objects.filter(petition__in=[a, b]).count() == 2


def test_calendar_change_recomputes_open_due_dates(receive, people):
    from doithoai.workdays.models import CalendarOverride

    p = receive()  # due 23/11/2026
    assert p.due_date == dt.date(2026, 11, 23)
    CalendarOverride.objects.create(date=dt.date(2026, 11, 10), kind="off",
                                    reason="Nghỉ thử nghiệm", legal_basis="thử")
    assert petition_deadlines.recompute_due_dates() == 1
    p.refresh_from_db()
    assert p.due_date == dt.date(2026, 11, 24)
