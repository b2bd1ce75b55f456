"""Issuing is the same everywhere: every numbered document is issued only with the signed
confirmation ("đã ký"), refused in the register's action whatever the page — the documents'
panel or the conference page's conclusion notice — and nothing is numbered, kept or changed
when it is missing. The conclusion notice is prefilled from the conclusions given in the
live room wherever it is opened: the conference page's form, the documents' draft, and the
issue from the documents' panel, by one function (`dialogues.conclusions.draft`)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.dialogues import conclusions
from doithoai.dialogues.actions import outcome
from doithoai.dialogues.models import Conference
from doithoai.documents.actions import register
from doithoai.documents.kinds import thong_bao_ket_luan
from doithoai.documents.models import Document, DocumentRegister
from doithoai.documents.registry import KINDS
from doithoai.documents.render import render_docx
from doithoai.live.actions import registrations, sessions, speeches
from doithoai.live.models import Registration
from doithoai.org.models import Unit, Village
from tests.live.test_adoption import ROAD, text_of

SAID = "Giao Phòng Kinh tế khảo sát, báo cáo trước ngày 15/12."
ROOM = f"Về đường liên thôn: {SAID}"
SIGNED = "Hãy đánh dấu xác nhận văn bản đã được ký trước khi ban hành"


@pytest.fixture
def held(session, clerk, commune, conference):
    """One matter concluded by the chair in the live room, the session closed, the conference
    recorded held from its page — the minutes not adopted, no conclusion written down."""
    village = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    speaker = registrations.register(actor=clerk, session=session,
                                     source=Registration.Source.PAPER,
                                     full_name="Hoàng Văn Pản", village=village,
                                     topic="Đường liên thôn")
    registrations.call_next(actor=clerk, session=session)
    speeches.record_speech(actor=clerk, registration=speaker, text=ROAD)
    speeches.assign_for_answer(actor=clerk, registration=speaker,
                               unit=Unit.objects.get(agency=commune, code="kinh-te"))
    speeches.conclude(actor=clerk, registration=speaker, text=SAID)
    sessions.close_session(actor=clerk, session=session)
    conference = outcome.record_outcome(actor=clerk, conference=conference,
                                        outcome="Hội nghị diễn ra đúng chương trình.",
                                        attendance=120)
    assert conference.conclusion == ""
    return conference


def _sources(conference):
    return {"dialogues.conference": conference, "dialogues.plan": conference.plan,
            "petitions.petition": conference.petitions.first()}


# Every numbered kind. The confirmation is asked before anything else: a kind whose source
# this conference has none of (one invitee's invitation, a written reminder) is tried on the
# conference itself, and refused for the same reason first.
@pytest.mark.parametrize("code", [k.code for k in KINDS.values() if k.numbered])
def test_every_issue_without_the_signed_confirmation_is_refused(held, clerk, code):
    obj = _sources(held).get(KINDS[code].source, held)
    numbers = list(DocumentRegister.objects.values_list("code", "last_number"))
    for signed in (False, None, "on"):
        with pytest.raises(ValidationError) as refused:
            register.issue(actor=clerk, kind_code=code, obj=obj, signed=signed)
        assert SIGNED in refused.value.messages[0]
    assert not Document.objects.exists()
    assert list(DocumentRegister.objects.values_list("code", "last_number")) == numbers
    assert not AuditEvent.objects.filter(action="document.issue").exists()


def test_the_conference_page_s_one_step_asks_it_too(held, clerk):
    with pytest.raises(ValidationError, match=SIGNED):
        register.issue_conclusion_notice(actor=clerk, conference=held, conclusion="Kết luận.",
                                         issued_on=held.held_on, signed=False)
    with pytest.raises(ValidationError, match=SIGNED):
        conclusions.issue(actor=clerk, conference=held, conclusion="Kết luận.",
                          concluded_on=held.held_on, signed=False, version=held.version)
    held.refresh_from_db()
    assert held.state == Conference.State.HELD and held.conclusion == ""
    assert not Document.objects.exists()


def test_the_conference_page_refuses_an_unsigned_notice_and_says_why(held, office):
    url = reverse("dialogues:conference_conclude", args=[held.pk])
    data = {"concluded_on": held.held_on.isoformat(), "conclusion": ROOM,
            "version": held.version}
    response = office.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert SIGNED in page
    held.refresh_from_db()
    assert (held.state, held.conclusion) == (Conference.State.HELD, "")
    assert not Document.objects.exists()
    response = office.post(url, {**data, "da_ky": "on"})
    assert response.status_code == 302
    held.refresh_from_db()
    notice = Document.objects.get(kind="thong-bao-ket-luan")
    assert held.state == Conference.State.CONCLUDED
    assert held.conclusion_number == notice.number_text and held.conclusion == ROOM


def test_the_preview_is_no_attempt(held, office):
    response = office.post(reverse("dialogues:conference_conclude", args=[held.pk]), {
        "preview": "1", "concluded_on": held.held_on.isoformat(), "conclusion": ROOM,
        "version": held.version})
    assert response.status_code == 200 and SIGNED not in response.content.decode()


def test_the_notice_is_prefilled_from_the_live_room_wherever_it_is_opened(held, office,
                                                                          clerk):
    assert conclusions.draft(held) == ROOM
    # The conference page (where the live room's "Soạn thông báo kết luận" leads).
    page = office.get(reverse("dialogues:conference_detail", args=[held.pk]))
    form = page.context["forms"]["conclusion"]
    assert form.initial["conclusion"] == ROOM and "da_ky" in form.fields
    assert ROOM in page.content.decode()
    # The documents' draft: nothing missing, the text there.
    assert "nội dung kết luận" not in thong_bao_ket_luan.missing(held)
    assert SAID in text_of(render_docx("thong-bao-ket-luan", held).docx)
    # Issued from the documents' panel: the conference concluded with the same text.
    issue = reverse("documents:issue", args=["thong-bao-ket-luan", held.pk])
    refused = office.post(issue, {"ngay": held.held_on.isoformat()}, follow=True)
    assert SIGNED in refused.content.decode() and not Document.objects.exists()
    office.post(issue, {"ngay": held.held_on.isoformat(), "da_ky": "on"})
    held.refresh_from_db()
    assert held.state == Conference.State.CONCLUDED and held.conclusion == ROOM
    notice = Document.objects.get(kind="thong-bao-ket-luan")
    assert SAID in text_of(notice.file.read())


def test_a_conclusion_written_down_comes_first(held, clerk):
    held = outcome.set_conclusion(actor=clerk, conference=held, conclusion="Kết luận đã sửa.")
    assert conclusions.draft(held) == "Kết luận đã sửa."
