"""Confidential speakers (Law on Denunciations 2018): a registrant who asks not to be named,
and every denunciation, is "Người phát biểu số N" on the hall screen — in the queue and at the
floor, with neither name, village nor topic — and the data never reaches the screen's page.
The console and the chair's tablet mark the person; the mark is audited."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.live.actions import registrations, speeches
from doithoai.live.models import Registration
from doithoai.live.selectors.screen import screen
from doithoai.org.models import User, Village
from doithoai.petitions.actions import assignments
from doithoai.petitions.models import Kind

Source = Registration.Source
SECRET = ("Lò Văn Tố", "Thôn Nà Lầu", "trưởng thôn", "thu tiền trái phép")


@pytest.fixture
def na_lau(commune):
    return Village.objects.get(agency=commune, name="Thôn Nà Lầu")


def _polls(client, conference) -> list[str]:
    """What the hall's browser receives: the page and the fragment it polls every second."""
    return [client.get(reverse("live:screen", args=[conference.pk])).content.decode(),
            client.get(reverse("live:screen_fragment", args=[conference.pk])).content.decode()]


def _none_of(words, texts):
    leaks = [(w, i) for w in words for i, t in enumerate(texts) if w.casefold() in t.casefold()]
    assert not leaks, leaks


def test_a_denunciation_is_never_on_the_screen(client, session, clerk, conference, na_lau):
    """A paper registration whose topic denounces: confidential at once (nobody asked)."""
    client.force_login(clerk)
    row = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                 full_name="Lò Văn Tố", village=na_lau,
                                 topic="Tố cáo trưởng thôn Nà Lầu thu tiền trái phép của dân")
    assert row.confidential and row.is_denunciation
    na_pan = Village.objects.get(agency=conference.agency, name="Thôn Nà Pàn")
    registrations.register(actor=clerk, session=session, source=Source.PAPER,
                           full_name="Hà Thị Mai", village=na_pan, topic="Đường vào bản")
    polls = _polls(client, conference)
    _none_of(SECRET, polls)
    assert "Người phát biểu số 1" in polls[1] and "Hà Thị Mai" in polls[1]  # in the queue

    registrations.call_next(actor=clerk, session=session)  # at the floor
    polls = _polls(client, conference)
    _none_of(SECRET, polls)
    assert '<p class="hall-name">Người phát biểu số 1</p>' in polls[1]
    shown = screen(conference)  # the data the templates get
    assert (shown.speaker, shown.village, shown.topic) == ("Người phát biểu số 1", "", "")
    assert shown.following == ["Hà Thị Mai — Thôn Nà Pàn"]


def test_a_qr_denunciation_without_marks_is_confidential(client, session, conference, na_lau):
    row = registrations.register_by_phone(session=session, client="10.0.0.9", key="dev-1",
                                          full_name="Lò Văn Tố", village_pk=str(na_lau.pk),
                                          topic="to cao can bo dia chinh")
    assert row.confidential


def test_the_kind_set_later_hides_the_speaker(client, session, clerk, conference, na_lau):
    """Registered as an opinion, recorded, then classified as a denunciation: from that moment
    the screen no longer names him (the kind is read on every poll)."""
    client.force_login(clerk)
    row = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                 full_name="Lò Văn Tố", village=na_lau, topic="Về đất đai")
    registrations.call_next(actor=clerk, session=session)
    assert "Lò Văn Tố" in _polls(client, conference)[1]
    petition = speeches.record_speech(actor=clerk, registration=row,
                                      text="Cán bộ địa chính thu tiền cấp sổ")
    assert "Lò Văn Tố" in _polls(client, conference)[1]
    assignments.classify(actor=clerk, petition=petition, kind=Kind.DENUNCIATION, field=None,
                         urgency="normal")
    _none_of(SECRET[:2], _polls(client, conference))


def test_asked_after_being_shown(client, session, clerk, conference, na_lau):
    """Named in the queue, he asks not to be: the next poll (every second) no longer names
    him, and the change is in the history with who did it."""
    client.force_login(clerk)
    row = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                 full_name="Hà Thị Mai", village=na_lau, topic="Đường vào bản")
    assert "Hà Thị Mai" in _polls(client, conference)[1]
    response = client.post(reverse("live:act", args=[conference.pk]),
                           {"action": "confidential", "number": row.number,
                            "client_key": "k-conf-1"})
    assert response.status_code == 200, response.content
    _none_of(("Hà Thị Mai", "Thôn Nà Lầu"), _polls(client, conference))
    event = AuditEvent.objects.filter(action="live.confidential").get()
    assert event.actor_id == clerk.pk

    registrations.call_next(actor=clerk, session=session)
    _none_of(("Hà Thị Mai", "Thôn Nà Lầu", "Đường vào bản"), _polls(client, conference))
    # The secretary's console and the chair's tablet still name him, and mark him.
    for name in ("console", "chair"):
        page = client.get(reverse(f"live:{name}", args=[conference.pk])).content.decode()
        assert "Hà Thị Mai" in page and "Không nêu tên trước hội trường" in page


def test_a_denouncer_cannot_be_named_again(session, clerk, na_lau):
    row = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                 full_name="Lò Văn Tố", village=na_lau, topic="Tố cáo cán bộ")
    with pytest.raises(ValidationError, match="Luật Tố cáo"):
        registrations.set_confidential(actor=clerk, registration=row, confidential=False,
                                       reason="Người dân đồng ý")
    assert Registration.objects.get(pk=row.pk).confidential


def test_named_again_needs_a_reason(session, clerk, na_lau):
    row = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                 full_name="Hà Thị Mai", village=na_lau, confidential=True)
    with pytest.raises(ValidationError):
        registrations.set_confidential(actor=clerk, registration=row, confidential=False)
    registrations.set_confidential(actor=clerk, registration=row, confidential=False,
                                   reason="Bà Mai đồng ý nêu tên")
    assert not Registration.objects.get(pk=row.pk).confidential


def test_the_phone_asks_not_to_be_named(client, session, conference, na_lau, clerk):
    """From the QR form: the box ticked, or asked later from the confirmation."""
    page = reverse("live_public:register", args=[registrations_token(session)])
    client.get(page)  # the device cookie
    form = client.get(page).content.decode()
    nonce = form.split('name="nonce" value="')[1].split('"')[0]
    client.post(page, {"nonce": nonce, "full_name": "Hà Thị Mai", "village": na_lau.pk,
                       "topic": "Đường vào bản"})
    row = Registration.objects.get(full_name="Hà Thị Mai")
    assert not row.confidential
    done = client.get(f"{page}?so={row.number}").content.decode()
    assert "Tôi không muốn được nêu tên" in done
    response = client.post(page, {"an_danh": "1", "so": row.number})
    assert response.status_code == 302
    assert Registration.objects.get(pk=row.pk).confidential
    assert "Người phát biểu số" in client.get(f"{page}?so={row.number}").content.decode()
    nonce = client.get(page).content.decode().split('name="nonce" value="')[1].split('"')[0]
    client.post(page, {"nonce": nonce, "full_name": "Lò Thị Hoa", "village": na_lau.pk,
                       "confidential": "1"})
    assert Registration.objects.get(full_name="Lò Thị Hoa").confidential
    client.force_login(clerk)
    _none_of(("Hà Thị Mai", "Lò Thị Hoa"), _polls(client, conference))


def test_another_phone_cannot_hide_someone(client, session, na_lau):
    row = registrations.register_by_phone(session=session, client="10.0.0.9", key="other-1",
                                          full_name="Hà Thị Mai", village_pk=str(na_lau.pk),
                                          topic="")
    page = reverse("live_public:register", args=[registrations_token(session)])
    client.get(page)
    response = client.post(page, {"an_danh": "1", "so": row.number})
    assert response.status_code == 400
    assert not Registration.objects.get(pk=row.pk).confidential


def registrations_token(session):
    from doithoai.live.views.registrations import token

    return token(session)


def test_the_answer_in_the_hall_shows_its_public_copy(client, session, clerk, conference,
                                                      na_lau):
    """Answered in the hall, the answer is published at once: the console shows what the
    public reads, the names as initials."""
    row = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                 full_name="Nông Văn Sáng", village=na_lau, topic="Nước sạch")
    registrations.call_next(actor=clerk, session=session)
    speeches.record_speech(actor=clerk, registration=row, text="Xin nước sạch cho thôn.")
    speeches.answer_on_the_spot(actor=clerk, registration=row, answered_by="Chủ tịch UBND xã",
                                text="Trả lời ông Nông Văn Sáng: năm sau có dự án.")
    client.force_login(clerk)
    page = client.get(reverse("live:speaker", args=[conference.pk, row.pk])).content.decode()
    assert "Trả lời ông N. V. S.: năm sau có dự án." in page
    assert "Nông Văn Sáng → N. V. S." in page


def test_the_answer_being_typed_shows_its_public_copy(session, clerk, office, conference,
                                                      na_lau, client):
    """Recorded, an answer in the hall is published at once: while it is typed the panel shows
    what the public will read — an ordinary speaker by initials, a confidential one as "một
    công dân" — and nothing is written by looking."""
    plain = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                   full_name="Nông Văn Sáng", village=na_lau, topic="Nước sạch")
    quiet = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                   full_name="Hà Thị Mai", village=na_lau, topic="Đường",
                                   confidential=True)
    registrations.call_next(actor=clerk, session=session)
    speeches.record_speech(actor=clerk, registration=plain, text="Xin nước sạch cho thôn.")
    events = AuditEvent.objects.count()

    def preview(row, **query):
        url = reverse("live:answer_preview", args=[conference.pk, row.pk])
        response = office.get(url, query)
        assert response.status_code == 200
        return response.content.decode()

    page = preview(plain, text="Trả lời ông Nông Văn Sáng: năm sau có dự án.",
                   addition="Bà Mai cũng được báo.")
    assert "Trả lời ông N. V. S.: năm sau có dự án." in page
    # the confidential speaker, named in another's answer, is not given initials either
    assert "Chủ trì bổ sung: một công dân cũng được báo." in page
    assert "Nông Văn Sáng → N. V. S." in page
    page = preview(quiet, text="Trả lời bà Hà Thị Mai: sẽ sửa đường.")
    assert "Trả lời một công dân: sẽ sửa đường." in page and "H. T. M." not in page
    assert preview(plain, text="Năm sau có dự án.").strip() == ""  # nothing to mask
    assert AuditEvent.objects.count() == events
    # Only those who run the session may look.
    client.force_login(User.objects.get(username="giamsat"))
    refused = client.get(reverse("live:answer_preview", args=[conference.pk, plain.pk]),
                         {"text": "Trả lời ông Nông Văn Sáng"})
    assert refused.status_code in (403, 404)


@pytest.mark.parametrize("asked", ["phone", "secretary"])
def test_asking_not_to_be_named_after_the_words_were_recorded_reaches_the_petition(
        session, clerk, conference, na_lau, client, asked):
    """Asked at the floor, once his words are a petition: its public copies stop naming him
    (the tracking page, the results) — the sender's flag set, audited."""
    row = registrations.register_by_phone(
        session=session, client="10.0.0.5", key="dev-5", full_name="Nông Văn Tài",
        village_pk=str(na_lau.pk), topic="Đường vào bản")
    registrations.call_next(actor=clerk, session=session)
    petition = speeches.record_speech(actor=clerk, registration=row,
                                      text="Ông Nông Văn Tài đề nghị sửa đường vào bản.")
    if asked == "phone":
        registrations.confidential_by_phone(session=session, device="dev", number=row.number)
    else:
        registrations.set_confidential(actor=clerk, registration=row)
    sender = petition.petitioners.get()
    assert sender.anonymous_to_public
    assert AuditEvent.objects.filter(action="petition.senders_unnamed",
                                     object_id=str(petition.pk)).exists()
    page = client.get(reverse("public:track_code", args=[petition.tracking_code]))
    page = page.content.decode()
    assert "Nông" not in page and "N. V. T." not in page
    assert "Một công dân đề nghị sửa đường vào bản." in page


def test_a_speaker_already_heard_can_be_unnamed_from_his_record(session, clerk, office,
                                                                 conference, na_lau):
    """After his turn he is no longer in the queue: his record offers it."""
    row = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                 full_name="Nông Văn Tài", village=na_lau, topic="Đường")
    registrations.call_next(actor=clerk, session=session)
    petition = speeches.record_speech(actor=clerk, registration=row, text="Sửa đường.")
    registrations.call_next(actor=clerk, session=session)  # his turn ends
    url = reverse("live:speaker", args=[conference.pk, row.pk])
    assert 'data-action="confidential"' in office.get(url).content.decode()
    done = office.post(reverse("live:act", args=[conference.pk]),
                       {"action": "confidential", "registration": row.pk, "client_key": "c1"})
    assert done.status_code == 200
    assert petition.petitioners.get().anonymous_to_public
    assert 'data-action="confidential"' not in office.get(url).content.decode()
