"""Petitioners are told by e-mail and text message when they left contact details; a
denunciation's messages never carry its text; a failing mail server or SMS provider is
logged and never breaks the clerk's work."""

import datetime as dt
import logging
import smtplib

import pytest

from doithoai.org.models import Role
from doithoai.petitions import notify
from doithoai.petitions.actions import answers, assignments, intake, procedures
from doithoai.petitions.actions import deadlines as petition_deadlines
from doithoai.petitions.models import Field, Kind
from doithoai.petitions.sms import LogGateway

SECRET = "cán bộ địa chính nhận tiền của hộ ông Hoàng Văn Pản"


@pytest.fixture(autouse=True)
def sms_log():
    LogGateway.sent.clear()
    yield LogGateway.sent
    LogGateway.sent.clear()


class BrokenGateway:
    def send(self, phone, text):
        raise ConnectionError("provider down")


class RecordingGateway:
    sent: list = []

    def send(self, phone, text):
        RecordingGateway.sent.append((phone, text))


def _person(**kw):
    data = {"full_name": "Lương Thị Lan", "phone": "0912345678",
            "email": "luongthilan@example.com"}
    data.update(kw)
    return intake.PetitionerData(**data)


def _receive(receive, capture, **kw):
    with capture(execute=True):
        return receive(**kw)


def test_receipt_goes_by_email_and_by_sms(receive, mailoutbox, sms_log,
                                          django_capture_on_commit_callbacks):
    p = _receive(receive, django_capture_on_commit_callbacks, petitioners=[_person()])
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["luongthilan@example.com"]
    assert p.tracking_code in mail.subject and "đã được tiếp nhận" in mail.subject
    assert "Kính gửi Lương Thị Lan" in mail.body
    assert "Hạn trả lời: 23/11/2026" in mail.body
    assert f"/tra-cuu/{p.tracking_code}/" in mail.body
    assert sms_log == [("0912345678", notify.message_for(p, "received"))]
    assert p.tracking_code in sms_log[0][1]


def test_nothing_is_sent_without_contact_details(receive, mailoutbox, sms_log,
                                                 django_capture_on_commit_callbacks):
    _receive(receive, django_capture_on_commit_callbacks,
             petitioners=[intake.PetitionerData(full_name="Vi Văn Thuận")])
    assert mailoutbox == [] and sms_log == []


def test_each_petitioner_gets_their_own_message(receive, mailoutbox, sms_log,
                                                django_capture_on_commit_callbacks):
    _receive(receive, django_capture_on_commit_callbacks, petitioners=[
        _person(), _person(full_name="Chu Văn Đạt", email="chuvandat@example.com",
                           phone="")])
    assert sorted(m.to[0] for m in mailoutbox) == ["chuvandat@example.com",
                                                   "luongthilan@example.com"]
    assert all(len(m.to) == 1 for m in mailoutbox)
    assert [phone for phone, _text in sms_log] == ["0912345678"]


def test_answer_and_extension_and_closure_are_told(receive, commune, people, mailoutbox,
                                                   sms_log,
                                                   django_capture_on_commit_callbacks):
    p = _receive(receive, django_capture_on_commit_callbacks, petitioners=[_person()])
    field = Field.objects.get(agency=commune, code="giao-thong")
    with django_capture_on_commit_callbacks(execute=True):
        p = assignments.classify(actor=people["clerk"], petition=p, kind=Kind.OPINION,
                                 field=field, urgency="normal")
        p = assignments.assign(actor=people["clerk"], petition=p, unit=people["unit"])
    with django_capture_on_commit_callbacks(execute=True):
        p = petition_deadlines.extend(actor=people["officer"], petition=p,
                                      new_due_date=dt.date(2026, 12, 4),
                                      reason="Cần khảo sát thực địa")
    with django_capture_on_commit_callbacks(execute=True):
        answers.draft_answer(actor=people["officer"], petition=p,
                             text="Xã sẽ vá mặt đường trong tháng 12/2026.",
                             document_number="88/UBND-KT")
        p.refresh_from_db()
        p = answers.approve_answer(actor=people["leader"], petition=p)
        p = answers.publish_answer(actor=people["clerk"], petition=p)
    with django_capture_on_commit_callbacks(execute=True):
        procedures.close(actor=people["clerk"], petition=p)
    subjects = [m.subject for m in mailoutbox]
    assert len(subjects) == 4  # received, extended, answered, closed (not classify/assign)
    assert "gia hạn trả lời đến 04/12/2026" in subjects[1]
    assert "Cần khảo sát thực địa" in mailoutbox[1].body
    assert "Xã sẽ vá mặt đường trong tháng 12/2026." in mailoutbox[2].body
    assert "88/UBND-KT" in mailoutbox[2].body
    assert "đã kết thúc" in subjects[3]
    assert len(sms_log) == 4
    assert "đã có trả lời" in sms_log[2][1]


def test_a_denunciation_never_travels_in_a_message(receive, people, mailoutbox, sms_log,
                                                   django_capture_on_commit_callbacks):
    p = _receive(receive, django_capture_on_commit_callbacks, text=f"Tôi tố cáo {SECRET}.",
                 kind=Kind.DENUNCIATION, petitioners=[_person()])
    with django_capture_on_commit_callbacks(execute=True):
        procedures.transfer_to_procedure(actor=people["clerk"], petition=p,
                                         kind=Kind.DENUNCIATION, reason="Đơn tố cáo")
    assert len(mailoutbox) == 2 and len(sms_log) == 2
    for text in [m.subject for m in mailoutbox] + [m.body for m in mailoutbox] + \
            [t for _phone, t in sms_log]:
        assert p.tracking_code in text
        assert "nhận tiền" not in text and "Pản" not in text
    assert "thủ tục khiếu nại, tố cáo" in mailoutbox[1].subject


def test_a_denunciation_recorded_as_an_opinion_keeps_its_text_off_the_mail(
        receive, commune, people, mailoutbox, sms_log, django_capture_on_commit_callbacks):
    """Its words say what it is, whatever kind was recorded: neither its unit nor its sender
    reads its text or its answer in a message."""
    people["officer"].email = "kinhte@example.com"
    people["officer"].save()
    p = _receive(receive, django_capture_on_commit_callbacks,
                 text=f"Tôi to cao {SECRET}.", petitioners=[_person()], kind=Kind.OPINION)
    assert p.kind == Kind.OPINION
    p = assignments.classify(actor=people["clerk"], petition=p, kind=Kind.OPINION,
                             field=Field.objects.get(agency=commune, code="dat-dai"),
                             urgency="normal")
    with django_capture_on_commit_callbacks(execute=True):
        p = assignments.assign(actor=people["clerk"], petition=p, unit=people["unit"])
    p = answers.draft_answer(actor=people["officer"], petition=p,
                             text="Đã kiểm tra việc cán bộ nhận tiền của hộ ông Pản.").petition
    p = answers.approve_answer(actor=people["leader"], petition=p)
    with django_capture_on_commit_callbacks(execute=True):  # confirmed an opinion by the staff
        answers.publish_answer(actor=people["clerk"], petition=p, not_a_procedure=True)
    assert [m.to for m in mailoutbox] == [["luongthilan@example.com"], ["kinhte@example.com"],
                                          ["luongthilan@example.com"]]
    assert "(Nội dung tố cáo không gửi qua thư điện tử; xem trên hệ thống.)" in \
        mailoutbox[1].body
    for text in [m.body for m in mailoutbox] + [t for _phone, t in sms_log]:
        assert "nhận tiền" not in text and "Pản" not in text


def test_a_failing_mail_server_is_logged_and_the_sms_still_goes(
        receive, monkeypatch, sms_log, caplog, django_capture_on_commit_callbacks):
    def broken(*args, **kwargs):
        raise smtplib.SMTPException("mail server down")

    monkeypatch.setattr(notify, "send_mail", broken)
    with caplog.at_level(logging.ERROR, logger="doithoai.petitions.notify"):
        p = _receive(receive, django_capture_on_commit_callbacks, petitioners=[_person()])
    assert p.pk is not None  # acknowledged all the same
    assert len(sms_log) == 1
    assert any("E-mail about petition" in r.getMessage() for r in caplog.records)


def test_a_failing_sms_provider_is_logged_and_the_email_still_goes(
        receive, settings, mailoutbox, caplog, django_capture_on_commit_callbacks):
    settings.SMS_GATEWAY = "tests.petitions.test_notify.BrokenGateway"
    with caplog.at_level(logging.ERROR, logger="doithoai.petitions.notify"):
        _receive(receive, django_capture_on_commit_callbacks, petitioners=[_person()])
    assert len(mailoutbox) == 1
    assert any("SMS about petition" in r.getMessage() for r in caplog.records)


def test_the_configured_gateway_is_the_one_used(receive, settings, sms_log,
                                                django_capture_on_commit_callbacks):
    settings.SMS_GATEWAY = "tests.petitions.test_notify.RecordingGateway"
    RecordingGateway.sent.clear()
    _receive(receive, django_capture_on_commit_callbacks, petitioners=[_person()])
    assert [phone for phone, _t in RecordingGateway.sent] == ["0912345678"]
    assert sms_log == []


def test_a_vanished_petition_is_logged_not_raised(db, caplog):
    with caplog.at_level(logging.ERROR, logger="doithoai.petitions.notify"):
        notify.petitioner_told(987654, "received")
        notify.unit_assigned(987654)
    assert len(caplog.records) == 2


def test_muted_sends_nothing(receive, mailoutbox, sms_log,
                             django_capture_on_commit_callbacks):
    with notify.muted():
        _receive(receive, django_capture_on_commit_callbacks, petitioners=[_person()])
    assert mailoutbox == [] and sms_log == []
    _receive(receive, django_capture_on_commit_callbacks, petitioners=[_person()])
    assert len(mailoutbox) == 1


def test_the_unit_is_told_of_an_assignment(receive, commune, people, mailoutbox,
                                           django_capture_on_commit_callbacks):
    people["officer"].email = "kinhte@example.com"
    people["officer"].save()
    p = receive()
    p = assignments.classify(actor=people["clerk"], petition=p, kind=Kind.OPINION,
                             field=Field.objects.get(agency=commune, code="giao-thong"),
                             urgency="normal")
    with django_capture_on_commit_callbacks(execute=True):
        assignments.assign(actor=people["clerk"], petition=p, unit=people["unit"])
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["kinhte@example.com"]
    assert "Đường liên thôn Nà Pàn" in mailoutbox[0].body
    assert "Hạn trả lời: 23/11/2026" in mailoutbox[0].body


def test_a_unit_without_officers_is_written_at_its_own_address(
        receive, commune, people, mailoutbox, django_capture_on_commit_callbacks):
    from tests.factories import UnitFactory, user_with_role

    unit = UnitFactory(agency=commune, email="tramyte@example.com")
    user_with_role(Role.UNIT_OFFICER, agency=commune, unit=unit)  # no e-mail address
    p = receive()
    with django_capture_on_commit_callbacks(execute=True):
        assignments.assign(actor=people["clerk"], petition=p, unit=unit)
    assert [m.to for m in mailoutbox] == [["tramyte@example.com"]]


def test_many_petitions_are_told_in_few_queries(receive, mailoutbox, sms_log,
                                                django_assert_max_num_queries):
    told = [receive(petitioners=[_person(email=f"nguoi{i}@example.com",
                                         phone=f"091234567{i}")]) for i in range(6)]
    silent = receive(petitioners=[intake.PetitionerData(full_name="Vi Văn Thuận")])
    mailoutbox.clear()
    sms_log.clear()
    with django_assert_max_num_queries(4):
        notify.petitioners_told([p.pk for p in told] + [silent.pk], "received",
                                chunk_size=4)
    assert sorted(m.to[0] for m in mailoutbox) == [f"nguoi{i}@example.com" for i in range(6)]
    for mail, p in zip(sorted(mailoutbox, key=lambda m: m.to[0]), told, strict=True):
        assert p.tracking_code in mail.subject
    assert len(sms_log) == 6
    with notify.muted():
        notify.petitioners_told([told[0].pk], "received")
    assert len(mailoutbox) == 6
