"""`doithoai remind`: due-soon and overdue reminders, one message per unit (or office), never
the same reminder twice."""

import datetime as dt
import smtplib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from doithoai.audit.models import AuditEvent
from doithoai.org.models import Role
from doithoai.petitions.actions import answers, assignments, procedures, reminders
from doithoai.petitions.actions import deadlines as petition_deadlines
from doithoai.petitions.actions import intake as petition_intake
from doithoai.petitions.actions.fields import ensure_default_fields
from doithoai.petitions.models import Field, Kind, Reminder
from tests.factories import AgencyFactory, UnitFactory, user_with_role

# Received Monday 2/11/2026 → due Monday 23/11/2026 (15 working days).
FRIDAY = dt.date(2026, 11, 20)      # 23/11 is within 3 working days: due soon
SATURDAY = dt.date(2026, 11, 21)
TUESDAY = dt.date(2026, 11, 24)     # 23/11 has passed: overdue


@pytest.fixture
def staff(people):
    people["officer"].email = "kinhte@example.com"
    people["officer"].save()
    people["clerk"].email = "vanphong@example.com"
    people["clerk"].save()
    return people


@pytest.fixture
def assigned(receive, staff):
    def make(**kw):
        p = receive(**kw)
        return assignments.assign(actor=staff["clerk"], petition=p, unit=staff["unit"])
    return make


def _run(day, **kw):
    return reminders.run(today=day, **kw)


def _command(*args):
    out = StringIO()
    call_command("remind", *args, stdout=out)
    return out.getvalue()


def test_a_reminder_is_sent_once_per_kind_and_due_date(assigned, staff, mailoutbox):
    p = assigned()
    first = _run(FRIDAY)
    assert (first.due_soon, first.overdue, first.units, first.offices) == (1, 0, 1, 0)
    assert [m.to for m in mailoutbox] == [["kinhte@example.com"]]
    assert p.tracking_code in mailoutbox[0].body
    assert list(Reminder.objects.values_list("petition", "kind", "due_date", "sent_on")) == [
        (p.pk, "due_soon", dt.date(2026, 11, 23), FRIDAY)]

    assert _run(FRIDAY).reminders == 0            # the same day again
    assert _run(SATURDAY).reminders == 0          # the next day
    assert len(mailoutbox) == 1

    late = _run(TUESDAY)                          # overdue: a new kind of reminder
    assert (late.due_soon, late.overdue) == (0, 1)
    assert _run(TUESDAY).reminders == 0
    assert _run(dt.date(2026, 11, 25)).reminders == 0
    assert len(mailoutbox) == 2

    p.refresh_from_db()
    petition_deadlines.extend(actor=staff["officer"], petition=p, new_due_date=dt.date(2026, 12, 2),
                              reason="Cần khảo sát thực địa")
    thursday = dt.date(2026, 11, 26)              # 2/12 is 4 working days away: not yet
    assert _run(thursday).reminders == 0
    soon = _run(dt.date(2026, 11, 27))            # new due date → may remind again
    assert (soon.due_soon, soon.overdue) == (1, 0)
    assert _run(dt.date(2026, 11, 27)).reminders == 0
    assert _run(dt.date(2026, 12, 3)).overdue == 1
    assert Reminder.objects.filter(petition=p).count() == 4
    assert len(mailoutbox) == 4


def test_nothing_for_petitions_in_time_or_settled(assigned, receive, staff, mailoutbox):
    assigned(received_on=dt.date(2026, 11, 16))   # due 7/12: far away
    answered = receive()
    procedures.not_accept(actor=staff["clerk"], petition=answered, reason="Trùng",
                          where_to_go="Xem trả lời trước")
    assert _run(TUESDAY).reminders == 0 and mailoutbox == []


def test_the_office_is_reminded_of_what_is_not_with_a_unit(receive, assigned, commune,
                                                           staff, mailoutbox):
    fresh = receive()
    classified = assignments.classify(
        actor=staff["clerk"], petition=receive(), kind=Kind.OPINION, urgency="normal",
        field=Field.objects.get(agency=commune, code="giao-thong"))
    returned = assignments.return_to_office(actor=staff["officer"], petition=assigned(),
                                            reason="Không thuộc lĩnh vực của phòng")
    drafted = assigned()
    answers.draft_answer(actor=staff["officer"], petition=drafted, text="Dự thảo trả lời")
    with_unit = assigned()

    outcome = _run(FRIDAY)
    assert (outcome.offices, outcome.units, outcome.due_soon) == (1, 1, 5)
    by_address = {m.to[0]: m for m in mailoutbox}
    office, unit = by_address["vanphong@example.com"], by_address["kinhte@example.com"]
    for p in (fresh, classified, returned, drafted):
        assert p.tracking_code in office.body and p.tracking_code not in unit.body
    assert with_unit.tracking_code in unit.body and with_unit.tracking_code not in office.body
    assert "Đã có dự thảo trả lời" in office.body  # the office sees what each one waits for


def test_dry_run_sends_and_records_nothing(assigned, receive, mailoutbox):
    assigned()
    receive()
    out = _command("--date", "2026-11-20", "--dry-run")
    assert "Chạy thử ngày 20/11/2026" in out and "sẽ gửi 2 lượt nhắc" in out
    assert "1 đơn vị và 1 văn phòng" in out
    assert mailoutbox == [] and not Reminder.objects.exists()
    assert not AuditEvent.objects.filter(action="petition.remind").exists()
    out = _command("--date", "2026-11-20")
    assert "đã gửi 2 lượt nhắc (0 quá hạn, 2 sắp đến hạn) trong 2 thư" in out
    assert len(mailoutbox) == 2 and Reminder.objects.count() == 2
    assert AuditEvent.objects.filter(action="petition.remind").count() == 2
    assert "Không có ý kiến nào cần nhắc thêm" in _command("--date", "2026-11-20")


def test_a_bad_date_is_one_clear_error(db):
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        _command("--date", "20/11/2026")


def test_one_message_per_unit_and_office_across_agencies(commune, staff, assigned, receive,
                                                         mailoutbox):
    other_unit_mail = "vhxh@example.com"
    staff["other_officer"].email = other_unit_mail
    staff["other_officer"].save()
    a1, a2 = assigned(), assigned(received_on=dt.date(2026, 10, 20))  # due soon, overdue
    b1 = assignments.assign(actor=staff["clerk"], petition=receive(), unit=staff["other_unit"])
    office1 = receive()

    second = AgencyFactory()
    ensure_default_fields(second)
    unit2 = UnitFactory(agency=second)
    user_with_role(Role.UNIT_OFFICER, agency=second, unit=unit2, email="kt2@example.com")
    clerk2 = user_with_role(Role.CLERK, agency=second, email="vp2@example.com")
    intake = petition_intake.Intake(agency=second, text="Đề nghị sửa cầu tràn Khuổi Mạ.",
                                    channel="office", received_on=dt.date(2026, 11, 2))
    c1 = assignments.assign(actor=clerk2, petition=petition_intake.receive(intake, actor=clerk2),
                            unit=unit2)
    office2 = petition_intake.receive(intake, actor=clerk2)

    outcome = reminders.run(today=FRIDAY, chunk_size=1)
    assert (outcome.units, outcome.offices, outcome.overdue, outcome.due_soon) == (3, 2, 1, 5)
    bodies = {m.to[0]: m.body for m in mailoutbox}
    assert len(mailoutbox) == 5 and len(bodies) == 5
    expected = {"kinhte@example.com": {a1, a2}, other_unit_mail: {b1},
                "vanphong@example.com": {office1}, "kt2@example.com": {c1},
                "vp2@example.com": {office2}}
    everyone = {p for ps in expected.values() for p in ps}
    for address, mine in expected.items():
        for p in everyone:
            assert (p.tracking_code in bodies[address]) == (p in mine), (address, p)
    # overdue first in the unit's message
    body = bodies["kinhte@example.com"]
    assert body.index(a2.tracking_code) < body.index(a1.tracking_code)


def test_a_unit_without_address_is_reported_and_reminded_once_it_has_one(
        staff, receive, mailoutbox):
    silent = UnitFactory(agency=staff["unit"].agency, name="Trạm Y tế xã")
    officer = user_with_role(Role.UNIT_OFFICER, agency=silent.agency, unit=silent)
    p = assignments.assign(actor=staff["clerk"], petition=receive(), unit=silent)
    outcome = _run(FRIDAY)
    assert outcome.reminders == 0 and mailoutbox == []
    assert outcome.unreachable == [(f"Trạm Y tế xã ({silent.agency.name})", 1)]
    assert any("chưa có địa chỉ thư điện tử" in line for line in outcome.summary())
    officer.email = "tramyte@example.com"
    officer.save()
    assert _run(SATURDAY).due_soon == 1
    assert p.tracking_code in mailoutbox[0].body


def test_denunciation_and_complaint_texts_never_go_out(receive, staff, mailoutbox):
    """A complaint or a denunciation recorded as one owes no opinion's answer: no due date,
    no reminder to answer it (its procedure; docs/law.md#complaints-and-denunciations — it
    was reminded with an opinion's due date before). A denunciation recorded as an opinion
    is reminded, its text kept off the e-mail by its words."""
    secret = "cán bộ địa chính nhận tiền của hộ ông Hoàng Văn Pản"
    denunciation = receive(text=f"Tôi tố cáo {secret}.", kind=Kind.DENUNCIATION)
    complaint = receive(text="Tôi khiếu nại quyết định thu hồi đất số 12/QĐ-UBND.",
                        kind=Kind.COMPLAINT)
    worded = receive(text=f"Tôi tố cáo {secret} lần nữa.", kind=Kind.OPINION)
    opinion = receive(text="Đề nghị sửa đường ngõ xóm thôn Bản Chu.")
    _run(TUESDAY)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    for p in (worded, opinion):
        assert p.tracking_code in mail.body
    for p in (denunciation, complaint):
        assert p.due_date is None and p.tracking_code not in mail.body
    assert "nhận tiền" not in mail.body and "Pản" not in mail.body
    assert "12/QĐ-UBND" not in mail.body
    assert "(Tố cáo — nội dung xem trên hệ thống)" in mail.body
    assert "Đề nghị sửa đường ngõ xóm thôn Bản Chu." in mail.body


def test_a_failed_send_records_nothing_and_is_tried_again(assigned, monkeypatch,
                                                          mailoutbox):
    p = assigned()

    def broken(*args, **kwargs):
        raise smtplib.SMTPException("mail server down")

    monkeypatch.setattr(reminders, "send_mail", broken)
    with pytest.raises(CommandError, match="chưa gửi được"):
        _command("--date", "2026-11-20")
    assert not Reminder.objects.exists()
    monkeypatch.undo()
    assert _run(SATURDAY).due_soon == 1
    assert p.tracking_code in mailoutbox[0].body


def test_long_lists_are_cut_and_counted(assigned, monkeypatch, mailoutbox):
    monkeypatch.setattr(reminders, "MAX_LISTED", 2)
    petitions = [assigned() for _i in range(5)]
    outcome = reminders.run(today=FRIDAY, chunk_size=2)
    assert outcome.due_soon == 5 and Reminder.objects.count() == 5
    body = mailoutbox[0].body
    assert sum(p.tracking_code in body for p in petitions) == 2
    assert "3 ý kiến khác" in body


def test_queries_do_not_grow_with_the_petitions(assigned, monkeypatch,
                                                django_assert_max_num_queries):
    monkeypatch.setattr(reminders, "MAX_LISTED", 3)
    for _i in range(30):
        assigned()
    # recipients, agencies, units; then for the unit: addresses, two list reads (and the
    # composer's look at the calendar for each of the 3 listed), one chunk and the empty
    # one after it, the insert, the audit event — whatever the number of petitions.
    with django_assert_max_num_queries(20):
        assert reminders.run(today=FRIDAY).due_soon == 30


def test_a_unit_never_reads_a_denunciation_even_from_odd_data(assigned, mailoutbox):
    secret = assigned(text="Tôi tố cáo trưởng thôn nhận tiền hỗ trợ làm đường.",
                      kind=Kind.OPINION)
    # The services never assign a denunciation; data edited outside them could.
    type(secret).objects.filter(pk=secret.pk).update(kind=Kind.DENUNCIATION)
    _run(FRIDAY)
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["kinhte@example.com"]
    assert secret.tracking_code in mailoutbox[0].body
    assert "nhận tiền" not in mailoutbox[0].body
