"""A complaint or denunciation in the hall: never answered as an opinion, from the console
or a crafted POST; its only outcome is its procedure, with the law's guidance to the citizen
and the chair's words recorded as guidance; the live room shows the state the petition is in,
wherever it was changed; the kind the words suggest is shown for the secretary to confirm."""

import pytest
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.core.petition_flow import State
from doithoai.documents.kinds import thong_bao_ket_luan
from doithoai.live.actions import registrations
from doithoai.live.models import Registration
from doithoai.live.selectors import minutes
from doithoai.org.models import Unit, Village
from doithoai.petitions.actions import procedures
from doithoai.petitions.models import Answer, Kind, Petition
from tests.live.console import act

Source = Registration.Source
LAND = "Tôi khiếu nại quyết định thu hồi đất của gia đình tôi ở thôn Nà Pàn."


def panel(client, conference, row):
    return client.get(reverse("live:speaker", args=[conference.pk, row.pk])).content.decode()


@pytest.fixture
def speaker(session, clerk, commune):
    village = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    row = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                 full_name="Mã Thị Sinh", village=village,
                                 topic="Khiếu nại việc thu hồi đất")
    registrations.call_next(actor=clerk, session=session)
    return row


def test_a_complaint_is_offered_its_procedure_not_an_answer(office, conference, speaker):
    page = panel(office, conference, speaker)
    # Suggested from the topic given at registration, preselected for the secretary.
    assert "Gợi ý từ nội dung đăng ký: <strong>Khiếu nại</strong>" in page
    assert '<option value="complaint" selected>' in page
    assert act(office, conference, action="speech", registration=speaker.pk, text=LAND,
               kind="complaint", client_key="s1").status_code == 200
    page = panel(office, conference, speaker)
    assert 'data-action="answer"' not in page and 'data-action="assign"' not in page
    assert 'data-action="procedure"' in page and "Luật Khiếu nại năm 2011" in page
    assert "Khiếu nại: chưa chuyển theo thủ tục" in page


def test_a_crafted_answer_from_the_console_is_refused_and_changes_nothing(
        office, conference, speaker, commune):
    act(office, conference, action="speech", registration=speaker.pk, text=LAND,
        kind="complaint", client_key="s1")
    petition = Petition.objects.get(conference=conference)
    version, events = petition.version, AuditEvent.objects.count()
    response = act(office, conference, action="answer", registration=speaker.pk,
                   text="Chủ tịch trả lời: đất đã thu hồi đúng quy định.",
                   answered_by="Chủ tịch UBND xã", client_key="a1")
    assert response.status_code == 400
    assert "thủ tục khiếu nại" in response.json()["error"]
    unit = Unit.objects.filter(agency=commune).first()
    response = act(office, conference, action="assign", registration=speaker.pk,
                   unit=unit.pk, client_key="a2")
    assert response.status_code == 400 and "Khiếu nại" in response.json()["error"]
    response = act(office, conference, action="addition", registration=speaker.pk,
                   addition="Bổ sung", client_key="a3")
    assert response.status_code == 400
    petition.refresh_from_db()
    assert (petition.state, petition.version) == (State.CLASSIFIED, version)
    assert not Answer.objects.filter(petition=petition).exists()
    # The console's key is kept only for changes done (the refused ones left nothing).
    assert AuditEvent.objects.count() == events


def test_sent_to_its_procedure_with_guidance_and_the_chairs_remark(office, conference,
                                                                    speaker):
    act(office, conference, action="speech", registration=speaker.pk, text=LAND,
        kind="complaint", client_key="s1")
    response = act(office, conference, action="procedure", registration=speaker.pk,
                   kind="complaint", remark="Bà làm đơn gửi Chủ tịch UBND xã trong tuần.",
                   client_key="p1")
    assert response.status_code == 200, response.content
    petition = Petition.objects.get(conference=conference)
    assert petition.state == State.TRANSFERRED and petition.kind == Kind.COMPLAINT
    assert "Luật Khiếu nại năm 2011" in petition.public_note
    assert "90 ngày" in petition.public_note and "10 ngày" in petition.public_note
    assert petition.public_note.endswith(
        "Chủ trì hướng dẫn thêm: Bà làm đơn gửi Chủ tịch UBND xã trong tuần.")
    assert not petition.answers.exists()  # guidance, not an answer
    page = panel(office, conference, speaker)
    assert "Chuyển thủ tục khiếu nại, tố cáo" in page and "Hướng dẫn người dân:" in page
    assert 'data-action="procedure"' not in page


def test_the_live_room_shows_the_kind_fixed_on_the_petition_page(office, clerk, conference,
                                                                 speaker):
    """Answered in the hall as an opinion, then found to be a complaint on the petition's
    page: the answer is withdrawn and the live room says where it went."""
    act(office, conference, action="speech", registration=speaker.pk,
        text="Đề nghị cấp lại sổ đỏ.", kind="opinion", client_key="s1")
    # (he registered "Khiếu nại…": answering as an opinion asks the confirmation)
    act(office, conference, action="answer", registration=speaker.pk, text="Sẽ cấp lại.",
        answered_by="Chủ tịch UBND xã", not_a_procedure="1", client_key="a1")
    assert "Đã trả lời tại hội nghị" in panel(office, conference, speaker)
    petition = Petition.objects.get(conference=conference)
    procedures.transfer_to_procedure(actor=clerk, petition=petition, kind=Kind.COMPLAINT,
                                     reason="Nội dung là khiếu nại quyết định hành chính")
    page = panel(office, conference, speaker)
    assert "Đã trả lời tại hội nghị" not in page
    assert "Chuyển thủ tục khiếu nại, tố cáo" in page
    state = office.get(reverse("live:state", args=[conference.pk])).content.decode()
    assert "Đã trả lời tại hội nghị" not in state
    # The conclusion notice and the minutes' draft read the same new state.
    outcomes = [entry["outcome"] for section in thong_bao_ket_luan.items(conference)
                for entry in section["entries"]]
    assert outcomes == ["Nội dung là khiếu nại, tố cáo: được tiếp nhận, xử lý theo quy định "
                        "của pháp luật về khiếu nại, tố cáo."]
    assert [s.reply for s in minutes.speakers(conference)] == [
        "Chủ trì tiếp nhận, chuyển giải quyết theo quy định của pháp luật về khiếu nại, tố cáo."]


def test_the_words_said_suggest_the_kind_and_the_secretary_confirms(office, conference,
                                                                    session, clerk):
    row = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                 full_name="Lò Văn Mạnh", topic="Đất đai")
    registrations.call_next(actor=clerk, session=session)
    act(office, conference, action="speech", registration=row.pk, kind="opinion",
        text="Tôi to cao truong thon thu tien trai phep.", client_key="s1")
    page = panel(office, conference, row)
    assert "có thể là <strong>Tố cáo</strong>" in page and 'data-action="kind"' in page
    response = act(office, conference, action="kind", registration=row.pk,
                   kind="denunciation", client_key="k1")
    assert response.status_code == 200, response.content
    petition = Petition.objects.get(conference=conference)
    assert petition.kind == Kind.DENUNCIATION and petition.hide_from_public
    page = panel(office, conference, row)
    assert 'data-action="kind"' not in page and 'data-action="answer"' not in page


def test_registering_says_the_kind_the_topic_suggests(office, conference, session):
    response = act(office, conference, action="register", full_name="Hà Văn Khiêm",
                   topic="Tố cáo cán bộ địa chính", client_key="r1")
    assert "có thể là tố cáo" in response.json()["message"]
    response = act(office, conference, action="register", full_name="Hà Văn Dũng",
                   topic="Đường liên thôn", client_key="r2")
    assert "có thể là" not in response.json()["message"]


def test_answered_as_an_opinion_it_can_still_be_sent_to_its_procedure(office, conference,
                                                                      speaker):
    # Recorded as an opinion and answered in the hall (confirmed as one); its words say
    # complaint: the live room still offers its procedure, which withdraws the answer (with
    # the reason).
    act(office, conference, action="speech", registration=speaker.pk, text=LAND,
        kind="opinion", client_key="s1")
    answered = act(office, conference, action="answer", registration=speaker.pk,
                   answered_by="Chủ tịch UBND xã", text="Xã sẽ xem xét.",
                   not_a_procedure="1", client_key="a1")
    assert answered.status_code == 200, answered.content
    page = panel(office, conference, speaker)
    assert "Đã trả lời như ý kiến, kiến nghị. Nếu thực ra là khiếu nại" in page
    assert 'data-action="procedure"' in page and 'data-action="answer"' not in page
    response = act(office, conference, action="procedure", registration=speaker.pk,
                   kind="complaint", remark="", client_key="p1")
    assert response.status_code == 200, response.content
    petition = Petition.objects.get(conference=conference)
    assert petition.state == State.TRANSFERRED and petition.kind == Kind.COMPLAINT
    assert not petition.answers.filter(published_at__isnull=False, is_current=True).exists()
    assert 'data-action="procedure"' not in panel(office, conference, speaker)


def test_the_minutes_name_no_complainant_where_they_leave_out_the_complaint(
        office, clerk, session, speaker):
    """The Biên bản records a complaint without its content or its sender ("Một công dân");
    the chair's conclusion on it says neither the topic nor her name."""
    from doithoai.live.actions import speeches

    act(office, session.conference, action="speech", registration=speaker.pk, text=LAND,
        kind="complaint", client_key="s1")
    speeches.conclude(actor=clerk, registration=Registration.objects.get(pk=speaker.pk),
                      text="Hướng dẫn bà Mã Thị Sinh gửi đơn đến Chủ tịch UBND xã.")
    line = minutes.draft_conclusion(session)
    assert line == ("Về một nội dung khiếu nại: Hướng dẫn một công dân gửi đơn đến Chủ tịch "
                    "UBND xã.")
    assert "Mã Thị Sinh" in minutes.confidential_names(session.conference)


def test_recorded_as_an_opinion_against_its_words_it_is_answered_only_when_confirmed(
        office, conference, speaker):
    """The secretary kept "Ý kiến, kiến nghị" though the words complain: answering in the hall
    (published at once) asks her to confirm she read it; without, nothing is answered."""
    act(office, conference, action="speech", registration=speaker.pk, text=LAND,
        kind="opinion", client_key="s1")
    page = panel(office, conference, speaker)
    assert 'name="not_a_procedure"' in page
    refused = act(office, conference, action="answer", registration=speaker.pk,
                  text="Xã giữ nguyên quyết định.", answered_by="Chủ tịch UBND xã",
                  client_key="a1")
    assert refused.status_code == 400 and "có thể là khiếu nại" in refused.json()["error"]
    petition = Petition.objects.get(conference=conference)
    assert not petition.answers.exists()
    done = act(office, conference, action="answer", registration=speaker.pk,
               text="Xã giữ nguyên quyết định.", answered_by="Chủ tịch UBND xã",
               not_a_procedure="1", client_key="a2")
    assert done.status_code == 200
    assert Petition.objects.get(pk=petition.pk).state == State.ANSWERED_AT_CONFERENCE


def test_a_complaint_by_its_registered_topic_is_answered_only_when_confirmed(
        office, conference, speaker):
    """He registered to complain ("Khiếu nại việc thu hồi đất"), his recorded words are
    neutral and kept an opinion: the hall's answer still asks the confirmation."""
    act(office, conference, action="speech", registration=speaker.pk,
        text="Đề nghị xã xem lại việc đo đạc đất ruộng.", kind="opinion", client_key="s1")
    assert 'name="not_a_procedure"' in panel(office, conference, speaker)
    refused = act(office, conference, action="answer", registration=speaker.pk,
                  text="Xã sẽ đo lại.", answered_by="Chủ tịch UBND xã", client_key="a1")
    assert refused.status_code == 400
    assert not Petition.objects.get(conference=conference).answers.exists()


def test_grouped_in_the_hall_a_complaint_topic_does_not_title_the_issue(
        office, clerk, conference, session, speaker, commune):
    """Kept an opinion, grouped with an opinion on the same matter: the issue takes the other
    opinion's words, never the registered "Khiếu nại…" (the title is published)."""
    from doithoai.petitions.actions import intake

    other = intake.receive(intake.Intake(
        agency=commune, text="Đề nghị đo đạc lại ruộng khu Nà Pàn.", channel="office",
        received_on=conference.held_on, conference=conference, kind=Kind.OPINION), actor=clerk)
    done = act(office, conference, action="speech", registration=speaker.pk,
               text="Đề nghị xã đo lại ruộng nhà tôi.", kind="opinion", same_as=other.pk,
               client_key="s1")
    assert done.status_code == 200, done.content
    issue = Petition.objects.get(pk=other.pk).issue
    assert issue is not None and issue.title == "Đề nghị đo đạc lại ruộng khu Nà Pàn."
