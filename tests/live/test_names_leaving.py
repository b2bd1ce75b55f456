"""Names that could still leave the product after the session, and did not: the conclusion
form shows the staff the public copy before the notice is issued (nothing written by the
preview); the notice masks the session's outcome as well as the conclusion; the public results
page leaves out a denunciation known only by what its speaker registered to say, and does not
place a confidential speaker; the reply letter is not made for an opinion whose words
denounce. Documents are read back from the produced .docx."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.dialogues.actions import outcome
from doithoai.dialogues.models import Conference
from doithoai.documents.kinds import cong_van_tra_loi
from doithoai.documents.render import render_docx
from doithoai.live.actions import minutes as minutes_actions
from doithoai.live.actions import registrations, sessions, speeches
from doithoai.live.models import Registration
from doithoai.live.selectors import minutes
from doithoai.org.models import Unit, User, Village
from doithoai.petitions.actions import answers
from doithoai.petitions.models import Petition
from tests.live.test_confidential_documents import absent, docx_text

Source = Registration.Source
# A denunciation known only by the words its speaker registered with (typed without marks);
# what he said, recorded, reads as an ordinary opinion.
TOPIC = "to cao chu tich xa giao dat sai"
SAID = "Đề nghị xã xem xét lại việc giao đất ở khu đồi Phja Đeng."
NEVER = ("Lò Văn Tố", "Phja Đeng", "Hà Thị Mai", "Khòn Pát", "Bản Thẳm")


@pytest.fixture
def held(session, clerk, commune, conference):
    """A denouncer by his registered topic (Thôn Bản Thẳm), a speaker who asked not to be
    named (Thôn Khòn Pát), an ordinary one answered in the hall; the minutes adopted."""
    villages = {v.name: v for v in Village.objects.filter(agency=commune)}
    unit = Unit.objects.get(agency=commune, code="kinh-te")
    denouncer = registrations.register_by_phone(
        session=session, client="10.0.0.9", key="dev-9", full_name="Lò Văn Tố",
        village_pk=str(villages["Thôn Bản Thẳm"].pk), topic=TOPIC)
    quiet = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                   full_name="Hà Thị Mai", village=villages["Thôn Khòn Pát"],
                                   topic="Đường vào bản", confidential=True)
    plain = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                   full_name="Nông Văn Sáng", village=villages["Thôn Nà Pàn"],
                                   topic="Nước sạch")
    registrations.call_next(actor=clerk, session=session)
    speeches.record_speech(actor=clerk, registration=denouncer, text=SAID)
    speeches.assign_for_answer(actor=clerk, registration=denouncer, unit=unit)
    registrations.call_next(actor=clerk, session=session)
    speeches.record_speech(actor=clerk, registration=quiet, text="Đường vào bản bị sạt lở.")
    speeches.assign_for_answer(actor=clerk, registration=quiet, unit=unit)
    registrations.call_next(actor=clerk, session=session)
    speeches.record_speech(actor=clerk, registration=plain, text="Đề nghị có nước sạch.")
    speeches.answer_on_the_spot(actor=clerk, registration=plain,
                                answered_by="Ông Hoàng Văn Tuấn, Phó Chủ tịch UBND xã",
                                text="Trả lời ông Nông Văn Sáng: năm sau có dự án nước sạch.")
    sessions.close_session(actor=clerk, session=session)
    record = minutes.minutes_of(session)
    minutes_actions.edit(actor=clerk, session=session, version=record.version,
                         conclusion="Cảm ơn bà Hà Thị Mai, ông Lò Văn Tố và các đại biểu.",
                         notes="")
    minutes_actions.adopt(actor=clerk, session=session,
                          version=minutes.minutes_of(session).version)
    # The session's outcome, as a secretary might have written it by hand.
    Conference.objects.filter(pk=conference.pk).update(
        outcome="Hội nghị nghe 03 ý kiến; ông Lò Văn Tố và bà Hà Thị Mai phát biểu về đất đai.")
    conference.refresh_from_db()
    return {"denouncer": Registration.objects.get(pk=denouncer.pk),
            "quiet": Registration.objects.get(pk=quiet.pk),
            "plain": Registration.objects.get(pk=plain.pk)}


def test_the_conclusion_form_shows_the_public_copy_before_issuing(held, conference, client):
    assert conference.state == Conference.State.HELD
    client.force_login(User.objects.get(username="vanphong"))
    detail = reverse("dialogues:conference_detail", args=[conference.pk])
    page = client.get(detail).content.decode()
    # the conclusion the minutes gave, and the outcome, as the public will read them
    assert "Bản công khai (in trong Thông báo kết luận" in page
    # those never to be named are not given initials (in a commune they would name them)
    assert "Cảm ơn một công dân, một công dân và các đại biểu." in page
    assert "bà Hà Thị Mai → một công dân" in page and "ông Lò Văn Tố → một công dân" in page
    assert "một công dân và một công dân phát biểu" in page
    # the staff type another text and look at its public copy: nothing is written
    events, version = AuditEvent.objects.count(), conference.version
    typed = "Giao Phòng Kinh tế trả lời anh Nông Văn Sáng và chị Mai trong tháng."
    response = client.post(reverse("dialogues:conference_conclude", args=[conference.pk]), {
        "preview": "1", "concluded_on": timezone.localdate().isoformat(),
        "conclusion": typed, "version": conference.version})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Giao Phòng Kinh tế trả lời anh N. V. S. và một công dân trong tháng." in page
    assert "Nông Văn Sáng → N. V. S." in page and "chị Mai → một công dân" in page
    assert typed in page  # the form keeps what was typed
    conference.refresh_from_db()
    assert conference.state == Conference.State.HELD and conference.version == version
    assert conference.conclusion.startswith("Cảm ơn bà Hà Thị Mai")
    assert AuditEvent.objects.count() == events
    # a reader may not even look
    client.force_login(User.objects.get(username="giamsat"))
    refused = client.post(reverse("dialogues:conference_conclude", args=[conference.pk]), {
        "preview": "1", "conclusion": typed, "version": conference.version})
    assert refused.status_code == 403


def test_the_notice_masks_the_outcome_and_the_conclusion(held, conference):
    text = docx_text(render_docx("thong-bao-ket-luan", conference).docx)
    absent(NEVER + ("Nông Văn Sáng",), text, "Thông báo kết luận")
    assert "một công dân và một công dân phát biểu về đất đai" in text
    assert "Một nội dung tố cáo (không nêu thông tin người tố cáo)." in text
    # the citizen answered by his initials; the official who answered, in office, by name
    assert ("Đã trả lời tại hội nghị (Ông Hoàng Văn Tuấn, Phó Chủ tịch UBND xã): Trả lời ông "
            "N. V. S.: năm sau có dự án nước sạch.") in text
    # the staff's record keeps the original
    assert "ông Lò Văn Tố" in Conference.objects.get(pk=conference.pk).outcome


def test_the_results_page_leaves_out_a_denunciation_known_by_its_topic(held, conference,
                                                                      clerk, client):
    Conference.objects.filter(pk=conference.pk).update(plan=None)  # public without a plan
    conference.refresh_from_db()
    outcome.issue_conclusion(actor=clerk, conference=conference, number="12/TB-UBND",
                             concluded_on=timezone.localdate(),
                             conclusion=conference.conclusion, version=conference.version)
    denounced = Petition.objects.get(pk=held["denouncer"].petition_id)
    assert denounced.kind == "opinion" and "tố cáo" not in denounced.text.lower()
    page = client.get(reverse("dialogues_public:results", args=[conference.pk]))
    page = page.content.decode()
    absent(NEVER + ("Nông Văn Sáng", "khu đồi"), page, "kết quả hội nghị")
    assert "Cảm ơn một công dân, một công dân" in page
    assert "Đường vào bản bị sạt lở." in page  # the confidential speaker's matter, unplaced
    assert "Thôn Nà Pàn" in page  # an ordinary speaker's village stays


def test_no_reply_letter_for_an_opinion_whose_words_denounce(receive_opinion, clerk):
    petition = receive_opinion("Tôi tố cáo cán bộ địa chính Lò Văn Sình nhận tiền của dân.",
                               sender="Lò Văn Tố")
    assert petition.kind == "opinion"
    reason = cong_van_tra_loi.withheld(petition)
    assert reason and "tố cáo" in reason
    assert cong_van_tra_loi.missing(petition) == [reason]
    text = docx_text(render_docx("cong-van-tra-loi", petition).docx)
    absent(("Lò Văn Tố", "Lò Văn Sình", "địa chính"), text, "công văn trả lời")


def test_a_reply_letter_names_its_own_petitioner(receive_opinion, clerk):
    """It goes to him: his name and village are on it, as the law wants."""
    petition = receive_opinion("Đề nghị sửa đường vào thôn.", sender="Nông Văn Sáng")
    text = docx_text(render_docx("cong-van-tra-loi", petition).docx)
    assert "Ông/Bà Nông Văn Sáng" in text and "Đề nghị sửa đường vào thôn" in text


@pytest.fixture
def receive_opinion(commune, clerk):
    from doithoai.petitions.actions import assignments, intake

    unit = Unit.objects.get(agency=commune, code="kinh-te")
    village = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    leader = User.objects.get(username="chutich")

    def make(text, sender):
        p = intake.receive(intake.Intake(
            agency=commune, text=text, channel="office", received_on=timezone.localdate(),
            village_id=village.pk,
            petitioners=[intake.PetitionerData(full_name=sender, village_id=village.pk)]),
            actor=clerk)
        p = assignments.classify(actor=clerk, petition=p, kind="opinion", field=None,
                                 urgency=p.urgency)
        p = assignments.assign(actor=clerk, petition=p, unit=unit)
        p = answers.draft_answer(actor=clerk, petition=p, text="UBND xã đã kiểm tra.").petition
        return answers.approve_answer(actor=leader, petition=p)
    return make


def test_a_complaint_not_heard_is_concluded_by_its_procedure(session, clerk, commune,
                                                             conference, client):
    """A registrant not heard whose topic is a complaint becomes a complaint at the close; the
    notice and the results page conclude it by its procedure, never as an opinion to answer in
    writing, and print neither his words nor his village."""
    village = Village.objects.get(agency=commune, name="Thôn Khòn Pát")
    registrations.register(actor=clerk, session=session, source=Source.PAPER,
                           full_name="Hoàng Văn Khiếu", village=village,
                           topic="Khiếu nại quyết định thu hồi đất vườn nhà tôi")
    sessions.close_session(actor=clerk, session=session)
    complaint = Petition.objects.get(conference=conference, channel="registered")
    assert complaint.kind == "complaint" and complaint.state == "received"
    minutes_actions.edit(actor=clerk, session=session,
                         version=minutes.minutes_of(session).version,
                         conclusion="Cảm ơn các đại biểu.", notes="")
    minutes_actions.adopt(actor=clerk, session=session,
                          version=minutes.minutes_of(session).version)
    conference.refresh_from_db()
    text = docx_text(render_docx("thong-bao-ket-luan", conference).docx)
    absent(("Hoàng Văn Khiếu", "thu hồi đất vườn", "Khòn Pát"), text, "Thông báo kết luận")
    assert "Một nội dung khiếu nại, tố cáo (không nêu thông tin người gửi)" in text
    assert "được tiếp nhận, xử lý theo quy định của pháp luật về khiếu nại, tố cáo" in text
    assert "trả lời bằng văn bản; thời hạn" not in text
    Conference.objects.filter(pk=conference.pk).update(plan=None)  # public without a plan
    conference.refresh_from_db()
    outcome.issue_conclusion(actor=clerk, conference=conference, number="13/TB-UBND",
                             concluded_on=timezone.localdate(),
                             conclusion="Cảm ơn các đại biểu.", version=conference.version)
    page = client.get(reverse("dialogues_public:results", args=[conference.pk]))
    absent(("Hoàng Văn Khiếu", "thu hồi đất vườn", "Khòn Pát"), page.content.decode(),
           "kết quả hội nghị")


def test_a_denunciation_is_not_grouped_and_a_confidential_topic_titles_nothing(
        session, clerk, commune, conference):
    """Grouped with an opinion, a denouncer's words or a confidential speaker's topic would
    title an issue read in public: a denunciation is refused the grouping (nothing recorded),
    a confidential speaker's issue takes the other opinion's words."""
    village = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    first = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                   full_name="Nông Văn Một", village=village,
                                   topic="Đường liên thôn")
    denouncer = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                       full_name="Lò Văn Tố", village=village,
                                       topic="Tố cáo cán bộ địa chính thu tiền")
    quiet = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                   full_name="Hà Thị Kín", village=village,
                                   topic="Lấn chiếm hành lang đường tỉnh", confidential=True)
    registrations.call_next(actor=clerk, session=session)
    road = speeches.record_speech(actor=clerk, registration=first,
                                  text="Đề nghị sửa đường liên thôn.")
    registrations.call_next(actor=clerk, session=session)
    with pytest.raises(ValidationError, match="không gộp với ý kiến khác"):
        speeches.record_speech(actor=clerk, registration=denouncer, same_as=road,
                               text="Cán bộ địa chính thu tiền.", kind="opinion")
    assert not Registration.objects.get(pk=denouncer.pk).petition_id
    speeches.record_speech(actor=clerk, registration=denouncer, kind="denunciation",
                           text="Cán bộ địa chính thu tiền.")
    registrations.call_next(actor=clerk, session=session)
    speeches.record_speech(actor=clerk, registration=quiet, same_as=road,
                           text="Đường tỉnh bị lấn chiếm hành lang.")
    road.refresh_from_db()
    assert road.issue.title == "Đề nghị sửa đường liên thôn."


def test_another_petitions_answer_never_names_the_conferences_secret_people(held, commune,
                                                                            conference, clerk,
                                                                            client):
    """An opinion of the conference answered in writing that names its denouncer or its
    confidential speaker (typed without marks, split by a line break): its publish preview and
    its tracking page know the whole conference, not only its own senders."""
    from doithoai.petitions.actions import assignments, intake

    unit = Unit.objects.get(agency=commune, code="kinh-te")
    p = intake.receive(intake.Intake(
        agency=commune, text="Đề nghị làm rãnh thoát nước.", channel="conference",
        received_on=timezone.localdate(), conference=conference,
        petitioners=[intake.PetitionerData(full_name="Vi Văn Khoa")]), actor=clerk)
    p = assignments.classify(actor=clerk, petition=p, kind="opinion", field=None,
                             urgency=p.urgency)
    p = assignments.assign(actor=clerk, petition=p, unit=unit)
    text = ("Trả lời ông Vi Văn Khoa: ông Lo Van To và bà Hà Thị\nMai cùng ông Nông Văn Sáng "
            "sẽ được mời họp thôn.")
    p = answers.draft_answer(actor=clerk, petition=p, text=text).petition
    leader = User.objects.get(username="chutich")
    p = answers.approve_answer(actor=leader, petition=p)
    client.force_login(leader)
    page = client.get(reverse("petitions:detail", args=[p.pk])).content.decode()
    preview = page[page.index('class="public-preview"'):]
    preview = preview[:preview.index("</div>")]
    expected = ("Trả lời ông V. V. K.: một công dân và một công dân cùng ông N. V. S. sẽ được "
                "mời họp thôn.")
    assert expected in " ".join(preview.replace("<br>", " ").split())
    p = answers.publish_answer(actor=leader, petition=Petition.objects.get(pk=p.pk))
    page = client.get(reverse("public:track_code", args=[p.tracking_code])).content.decode()
    absent(("Lo Van To", "L. V. T.", "H. T. M.", "Hà Thị"), page, "tra cứu")
    assert expected in " ".join(page.replace("<br>", " ").split())
