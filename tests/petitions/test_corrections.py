"""Changes that move no state, made for the live room and the documents through the
petitions' own actions: the text as heard, the chair's addition to an answer given in the
hall, the reply letter's number. Each is audited, and the first two move the version."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from doithoai.audit.conflicts import Conflict
from doithoai.audit.models import AuditEvent
from doithoai.petitions.actions import answers, assignments, corrections, intake
from doithoai.petitions.models import Field, Kind
from doithoai.petitions.selectors import petitions as petition_selectors


def _events(action, obj):
    return AuditEvent.objects.filter(action=action, object_id=str(obj.pk))


def test_the_text_as_heard_is_corrected_once_and_audited(receive, people):
    p = receive(text="Ông Pằn nói về cầu tràn")
    corrected = corrections.correct_text(actor=people["clerk"], petition=p,
                                         text="Ông Pằn đề nghị sửa cầu tràn Khuổi Slằng.",
                                         reason="Thư ký hoàn chỉnh nội dung phát biểu",
                                         version=p.version)
    assert corrected.text == "Ông Pằn đề nghị sửa cầu tràn Khuổi Slằng."
    assert corrected.version == p.version + 1 and corrected.state == p.state
    event = _events("petition.text_corrected", p).get()
    assert event.reason == "Thư ký hoàn chỉnh nội dung phát biểu"
    # the same text again changes nothing; a stale device is refused; an empty text too
    again = corrections.correct_text(actor=people["clerk"], petition=corrected,
                                     text=corrected.text, reason="x")
    assert again.version == corrected.version and _events("petition.text_corrected", p).count() == 1
    with pytest.raises(Conflict):
        corrections.correct_text(actor=people["clerk"], petition=p, text="Khác", reason="x",
                                 version=p.version)
    with pytest.raises(ValidationError):
        corrections.correct_text(actor=people["clerk"], petition=p, text="  ", reason="x")


def test_the_chair_adds_to_the_answer_given_in_the_hall(receive, people, commune):
    p = receive()
    p = assignments.classify(actor=people["clerk"], petition=p, kind=Kind.OPINION,
                             field=Field.objects.filter(agency=commune).first(), urgency="normal")
    with pytest.raises(ValidationError, match="chưa được trả lời tại hội nghị"):
        corrections.add_to_conference_answer(actor=people["leader"], petition=p,
                                             addition="Giao thôn theo dõi.")
    p = answers.answer_at_conference(actor=people["clerk"], petition=p,
                                     text="Xã sẽ sửa trong quý I.", answered_by="Chủ tịch")
    with pytest.raises(ValidationError):
        corrections.add_to_conference_answer(actor=people["leader"], petition=p, addition=" ")
    after = corrections.add_to_conference_answer(actor=people["leader"], petition=p,
                                                 addition="Giao thôn theo dõi.",
                                                 version=p.version)
    answer = petition_selectors.current_answer(after)
    assert answer.text == "Xã sẽ sửa trong quý I.\nChủ trì bổ sung: Giao thôn theo dõi."
    assert after.version == p.version + 1
    assert _events("answer.addition", answer).count() == 1


def test_the_reply_letter_is_noted_on_the_answer_unless_it_has_its_own(receive, people,
                                                                      commune):
    p = receive()
    p = assignments.classify(actor=people["clerk"], petition=p, kind=Kind.OPINION,
                             field=Field.objects.filter(agency=commune).first(), urgency="normal")
    p = assignments.assign(actor=people["clerk"], petition=p, unit=people["unit"])
    assert corrections.note_reply_letter(actor=people["clerk"], petition=p, number="12/UBND-KT",
                                         issued_on=dt.date(2026, 11, 20)) is None  # no answer
    answer = answers.draft_answer(actor=people["officer"], petition=p, text="Trả lời.")
    noted = corrections.note_reply_letter(actor=people["clerk"], petition=p, number="12/UBND-KT",
                                          issued_on=dt.date(2026, 11, 20))
    assert (noted.document_number, noted.document_date) == ("12/UBND-KT",
                                                            dt.date(2026, 11, 20))
    assert _events("answer.letter_issued", answer).count() == 1
    # another letter does not overwrite it; its correction does
    assert corrections.note_reply_letter(actor=people["clerk"], petition=p, number="13/UBND-KT",
                                         issued_on=dt.date(2026, 11, 21)) is None
    corrected = corrections.note_reply_letter(actor=people["clerk"], petition=p,
                                              number="14/UBND-KT", issued_on=dt.date(2026, 11, 23),
                                              replaces="12/UBND-KT")
    assert corrected.document_number == "14/UBND-KT"


# --- who may, the version, who hears of it -----------------------------------------------------

def _classified(receive, people, commune, **kw):
    p = receive(**kw)
    return assignments.classify(actor=people["clerk"], petition=p, kind=Kind.OPINION,
                                field=Field.objects.filter(agency=commune).first(),
                                urgency="normal")


def test_only_the_office_corrects_a_petition_for_the_other_apps(receive, people, commune):
    p = _classified(receive, people, commune)
    p = assignments.assign(actor=people["clerk"], petition=p, unit=people["unit"])
    answers.draft_answer(actor=people["officer"], petition=p, text="Trả lời.")
    for who in ("officer", "supervisor"):
        with pytest.raises(PermissionDenied):
            corrections.correct_text(actor=people[who], petition=p, text="Khác hẳn.",
                                     reason="x")
        with pytest.raises(PermissionDenied):
            corrections.note_reply_letter(actor=people[who], petition=p, number="12/UBND-KT",
                                          issued_on=dt.date(2026, 11, 20))
    assert _events("petition.text_corrected", p).count() == 0
    assert corrections.note_reply_letter(actor=people["leader"], petition=p,
                                         number="12/UBND-KT",
                                         issued_on=dt.date(2026, 11, 20)) is not None
    q = _classified(receive, people, commune)
    q = answers.answer_at_conference(actor=people["clerk"], petition=q, text="Xã sẽ sửa.",
                                     answered_by="Chủ tịch")
    with pytest.raises(PermissionDenied):
        corrections.add_to_conference_answer(actor=people["officer"], petition=q,
                                             addition="Giao thôn theo dõi.")


def test_the_reply_letter_is_refused_on_a_stale_petition(receive, people, commune):
    p = _classified(receive, people, commune)
    stale = p.version
    p = assignments.assign(actor=people["clerk"], petition=p, unit=people["unit"])
    answers.draft_answer(actor=people["officer"], petition=p, text="Trả lời.")
    with pytest.raises(Conflict):
        corrections.note_reply_letter(actor=people["clerk"], petition=p, number="12/UBND-KT",
                                      issued_on=dt.date(2026, 11, 20), version=stale)


def test_the_chairs_addition_reaches_the_petitioner(receive, people, commune, mailoutbox,
                                                    django_capture_on_commit_callbacks):
    person = intake.PetitionerData(full_name="Lương Thị Lan",
                                   email="luongthilan@example.com")
    p = _classified(receive, people, commune, petitioners=[person])
    p = answers.answer_at_conference(actor=people["clerk"], petition=p,
                                     text="Xã sẽ sửa trong quý I.", answered_by="Chủ tịch")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        corrections.add_to_conference_answer(actor=people["leader"], petition=p,
                                             addition="Giao thôn theo dõi.")
    assert len(mailoutbox) == 1
    assert "bổ sung nội dung trả lời" in mailoutbox[0].subject
    assert "Chủ trì bổ sung: Giao thôn theo dõi." in mailoutbox[0].body


def test_a_completed_text_reaches_the_unit_answering_it(receive, people, commune, mailoutbox,
                                                        django_capture_on_commit_callbacks):
    people["officer"].email = "ketoan@example.com"
    people["officer"].save()
    p = _classified(receive, people, commune, text="Ông Pằn nói về cầu tràn")
    p = assignments.assign(actor=people["clerk"], petition=p, unit=people["unit"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        corrections.correct_text(actor=people["clerk"], petition=p,
                                 text="Ông Pằn đề nghị sửa cầu tràn Khuổi Slằng.", reason="x")
    assert [m.to for m in mailoutbox] == [["ketoan@example.com"]]
    assert "đã được hoàn chỉnh" in mailoutbox[0].subject
    assert "cầu tràn Khuổi Slằng" in mailoutbox[0].body
