"""The console's record panel and QR box as the server renders them: a finished speaker's
record comes locked while another speaks (one tap opens it, nothing typed is lost: the
script keeps drafts); the QR box tells in plain Vietnamese what to do when phones cannot
open the address, with no setting's name on the page."""

from django.urls import reverse

from doithoai.live.actions import registrations, sessions, speeches
from doithoai.live.models import Registration

Source = Registration.Source


def record(client, conference, row, view="secretary"):
    url = reverse("live:speaker", args=[conference.pk, row.pk])
    return client.get(url, {"view": view}).content.decode()


def test_a_finished_speakers_record_is_locked_while_another_speaks(session, office, clerk,
                                                                   conference):
    first, second = (registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                            full_name=name, confidential=secret)
                     for name, secret in (("Lò Văn Tố", True), ("Hà Thị Mai", False)))
    registrations.call_next(actor=clerk, session=session)
    body = record(office, conference, first)
    assert 'fieldset class="record-lock">' in body and "Mở khóa" not in body
    speeches.record_speech(actor=clerk, registration=first, text="Về đất đai.")

    registrations.call_next(actor=clerk, session=session)  # his turn ends, Mai speaks
    for view in ("secretary", "chair"):
        body = record(office, conference, first, view)
        assert 'fieldset class="record-lock" disabled>' in body
        assert "Mở khóa để hoàn chỉnh bản ghi của người này" in body
        assert "Về đất đai." in body  # what was saved is shown, only locked
        assert "Không nêu tên trước hội trường" in body  # still marked confidential
    assert 'fieldset class="record-lock">' in record(office, conference, second)

    sessions.close_session(actor=clerk, session=session)  # nobody speaks: catching up
    assert 'fieldset class="record-lock">' in record(office, conference, first)


def test_the_qr_box_speaks_plain_vietnamese(session, office, conference, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8000"
    url = reverse("live:console", args=[conference.pk])
    local = office.get(url, HTTP_HOST="127.0.0.1:8000").content.decode()
    assert "Điện thoại của người dân chưa mở được địa chỉ trong mã QR" in local
    assert "hãy nhờ cán bộ kỹ thuật" in local.lower()
    assert "PUBLIC_BASE_URL" not in local

    hall = office.get(url, HTTP_HOST="192.168.1.10:8000").content.decode()
    assert "http://192.168.1.10:8000/" in hall
    assert "chưa mở được địa chỉ trong mã QR" not in hall
    assert "Nếu điện thoại của người dân không mở được địa chỉ này" in hall
    assert "PUBLIC_BASE_URL" not in hall
