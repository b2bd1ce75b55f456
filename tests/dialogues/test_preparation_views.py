"""Before the conference (pages): scope (another commune 404, a village head his village
only), read-only roles 403 on every POST with nothing changed, refusals shown in Vietnamese."""

import pytest
from django.urls import reverse

from doithoai.dialogues.models import PreparedAnswer, VillageReturn
from tests.dialogues.test_preparation import build_prep


@pytest.fixture
def prep(commune, plan, clerk):
    return build_prep(commune, plan, clerk)


def _urls(prep):
    c, v = prep["conference"].pk, prep["na_pan"].pk
    return {
        "board": reverse("dialogues:opinion_board", args=[c]),
        "village": reverse("dialogues:village_opinions", args=[c, v]),
        "report": reverse("dialogues:front_report", args=[c]),
        "answers": reverse("dialogues:prepared_answers", args=[c]),
    }


def _send_url(prep, village):
    return reverse("dialogues:village_opinions_send", args=[prep["conference"].pk, village.pk])


def _answer_url(prep, petition):
    return reverse("dialogues:prepared_answer_save", args=[prep["conference"].pk, petition.pk])


def _texts(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_the_office_sees_every_page(client, prep):
    client.force_login(prep["users"]["vanphong"])
    pages = {name: client.get(url) for name, url in _urls(prep).items()}
    assert all(r.status_code == 200 for r in pages.values())
    board = pages["board"].content.decode()
    assert 'class="table-wrap" tabindex="0"' in board
    assert "Thôn chưa gửi ý kiến" in board and "Thôn Khòn Pát" in board
    conference, na_pan = prep["conference"].pk, prep["na_pan"].pk
    assert f"/y-kien/?conference={conference}&amp;village={na_pan}" in board
    field = prep["fields"]["giao-thong"].pk
    assert f"conference={conference}&amp;village={na_pan}&amp;field={field}" in board
    village = pages["village"].content.decode()
    assert "Đường liên thôn Nà Pàn" in village and reverse("intake:index") in village
    assert "Trạm y tế" not in village
    report = pages["report"].content.decode()
    assert "Đường thôn lầy lội mùa mưa" in report and "Nhiều thôn" in report
    assert 'class="subnav no-print"' in report and "print-sheet" in report
    answers = pages["answers"].content.decode()
    assert "Chưa có" in answers and "Chưa giao đơn vị" in answers


def test_another_commune_gets_404_everywhere(client, prep, outsider):
    client.force_login(outsider)
    for url in _urls(prep).values():
        assert client.get(url).status_code == 404
    assert client.post(_send_url(prep, prep["na_pan"])).status_code == 404
    response = client.post(_answer_url(prep, prep["p"]["road"]), {"text": "Trả lời"})
    assert response.status_code == 404
    assert not VillageReturn.objects.exclude(opinions_sent_at=None).exists()
    assert not PreparedAnswer.objects.exists()


def test_the_village_head_sees_and_sends_his_village_only(client, prep):
    client.force_login(prep["users"]["truongthon"])
    board = client.get(_urls(prep)["board"]).content.decode()
    assert "Thôn Nà Pàn" in board and "Thôn Bản Chu" not in board
    other = reverse("dialogues:village_opinions", args=[prep["conference"].pk,
                                                       prep["ban_chu"].pk])
    assert client.get(other).status_code == 404
    assert client.post(_send_url(prep, prep["ban_chu"])).status_code == 404
    page = client.get(_urls(prep)["village"]).content.decode()
    assert "Xác nhận đã gửi ý kiến" in page
    response = client.post(_send_url(prep, prep["na_pan"]), follow=True)
    assert "Đã ghi nhận Thôn Nà Pàn gửi ý kiến (2 ý kiến)." in _texts(response)
    assert VillageReturn.objects.get(village=prep["na_pan"]).opinions_sent_at is not None
    again = client.post(_send_url(prep, prep["na_pan"]), follow=True)
    assert any("đã gửi ý kiến lúc" in m for m in _texts(again))
    assert "Xác nhận đã gửi ý kiến" not in again.content.decode()
    report = client.get(_urls(prep)["report"]).content.decode()
    assert "trong phạm vi bạn được xem" in report and "Trạm y tế" not in report


def test_the_board_shows_the_missing_village_after_one_sent(client, prep):
    """Bản Chu said so; Nà Pàn's opinions are in (sent too); Bản Thẳm has neither."""
    client.force_login(prep["users"]["mattran"])
    response = client.post(_send_url(prep, prep["ban_chu"]),
                           {"next": _urls(prep)["board"]}, follow=True)
    assert response.redirect_chain[-1][0] == _urls(prep)["board"]
    board = response.context["board"]
    assert [r.label for r in board.missing] == ["Thôn Bản Thẳm"]
    assert [r.label for r in board.sent] == ["Thôn Bản Chu", "Thôn Nà Pàn"]
    html = response.content.decode()
    assert "2 ý kiến đã nhập, từ ngày" in html  # Nà Pàn: in, nobody said so


def test_a_village_not_covered_is_refused_on_the_page(client, prep):
    client.force_login(prep["users"]["vanphong"])
    khon_pat = prep["villages"]["Thôn Khòn Pát"]
    page = client.get(reverse("dialogues:village_opinions",
                              args=[prep["conference"].pk, khon_pat.pk]))
    assert "Ngoài phạm vi hội nghị" in page.content.decode()
    assert "Xác nhận đã gửi ý kiến" not in page.content.decode()
    response = client.post(_send_url(prep, khon_pat), follow=True)
    assert any("không thuộc phạm vi" in m for m in _texts(response))
    assert not VillageReturn.objects.filter(village=khon_pat).exists()


def test_read_only_roles_get_403_and_nothing_changes(client, prep):
    client.force_login(prep["users"]["giamsat"])
    for url in _urls(prep).values():
        assert client.get(url).status_code == 200
    answers = client.get(_urls(prep)["answers"]).content.decode()
    assert "<textarea" not in answers
    assert client.post(_send_url(prep, prep["na_pan"])).status_code == 403
    response = client.post(_answer_url(prep, prep["p"]["road"]), {"text": "Trả lời"})
    assert response.status_code == 403
    assert not VillageReturn.objects.exclude(opinions_sent_at=None).exists()
    assert not PreparedAnswer.objects.exists()


def test_the_unit_officer_writes_and_the_office_sees_it(client, prep):
    road, clinic = prep["p"]["road"], prep["p"]["clinic"]
    client.force_login(prep["users"]["kinhte"])
    page = client.get(_urls(prep)["answers"]).content.decode()
    assert road.tracking_code in page and clinic.tracking_code not in page
    assert client.post(_answer_url(prep, clinic), {"text": "X"}).status_code == 404
    empty = client.post(_answer_url(prep, road), {"text": "  ", "token": "new"})
    assert empty.status_code == 400
    assert "Hãy ghi nội dung dự kiến trả lời." in empty.content.decode()
    assert not PreparedAnswer.objects.exists()
    response = client.post(_answer_url(prep, road),
                           {"text": "Phòng Kinh tế sẽ sửa đường trong quý I/2027.",
                            "token": "new"})
    assert response.status_code == 302 and response.url.endswith(f"#y-kien-{road.pk}")
    stale = client.post(_answer_url(prep, road), {"text": "Bản khác", "token": "new"})
    assert stale.status_code == 400 and "Bản khác" in stale.content.decode()
    assert PreparedAnswer.objects.get().text.startswith("Phòng Kinh tế sẽ sửa")

    client.force_login(prep["users"]["vanphong"])
    response = client.get(_urls(prep)["answers"])
    office = response.content.decode()
    assert "Phòng Kinh tế sẽ sửa đường trong quý I/2027." in office
    assert clinic.tracking_code in office
    # the one opinion nobody was given yet is counted, so the office sees why it waits
    assert response.context["unassigned"] == 1 and "Chưa giao đơn vị trả lời" in office


@pytest.mark.parametrize("name", ["board", "village", "report", "answers"])
def test_pages_need_a_login(client, prep, name):
    response = client.get(_urls(prep)[name])
    assert response.status_code == 302 and "dang-nhap" in response.url
