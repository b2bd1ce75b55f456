"""The intake pages: start a batch, type forms (with htmx and without JavaScript), print,
download the template, upload a sheet — and who may do which (404 outside the commune or
the village, 403 for read-only roles)."""

import datetime as dt
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from doithoai.petitions import excel
from doithoai.petitions.actions import intake
from doithoai.petitions.models import Channel, IntakeBatch, Kind, Petition
from tests.petitions.intake_support import fill, make_commune, row, xlsx

DAY = dt.date(2026, 11, 2)


@pytest.fixture
def c(db):
    return make_commune()


@pytest.fixture
def batch(c):
    return intake.start_batch(actor=c["clerk"], agency=c["agency"], name="Phiếu thôn Nà Pàn",
                              channel=Channel.SURVEY_FORM, received_on=DAY,
                              village=c["na_pan"], brought_by="Lương Văn Khiêm")


def _as(client, user):
    client.force_login(user)
    return client


def _token(html: str) -> str:
    return re.search(r'name="token" value="([0-9a-f]{32})"', html).group(1)


def _form(client, batch) -> dict:
    html = client.get(reverse("intake:batch", args=[batch.pk])).content.decode()
    return {"token": _token(html), "text": "Đề nghị sửa cầu treo qua suối.",
            "full_name": "Hoàng Văn Pản", "phone": "0912345678",
            "village": str(batch.village_id or ""), "field": "", "kind": "opinion",
            "urgency": "normal"}


# --- the batch list and starting a batch ---------------------------------------------------

def test_the_clerk_starts_a_batch(client, c):
    _as(client, c["clerk"])
    page = client.get(reverse("intake:index"))
    assert page.status_code == 200
    assert "Bắt đầu một đợt nhập phiếu" in page.content.decode()
    response = client.post(reverse("intake:index"), {
        "agency": c["agency"].pk, "name": "Phiếu thôn Bản Chu", "channel": "survey_form",
        "village": c["ban_chu"].pk, "received_on": "2026-11-02", "brought_by": "Hoàng Văn Pản"})
    batch = IntakeBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:batch", args=[batch.pk])
    assert (batch.village, batch.brought_by, batch.created_by) == (
        c["ban_chu"], "Hoàng Văn Pản", c["clerk"])


def test_starting_a_batch_with_bad_input_shows_the_errors(client, c):
    _as(client, c["clerk"])
    response = client.post(reverse("intake:index"), {
        "agency": c["agency"].pk, "name": "", "channel": "online",
        "received_on": "2999-01-01"})
    html = response.content.decode()
    assert response.status_code == 200 and not IntakeBatch.objects.exists()
    assert "Mục này bắt buộc." in html and "online" not in re.findall(r'value="(\w+)"', html)


def test_a_future_date_is_refused_by_the_service(client, c):
    _as(client, c["clerk"])
    response = client.post(reverse("intake:index"), {
        "agency": c["agency"].pk, "name": "Đợt", "channel": "survey_form",
        "received_on": "2999-01-01"})
    assert "Ngày nhận không được sau hôm nay." in response.content.decode()
    assert not IntakeBatch.objects.exists()


def test_a_village_head_starts_a_batch_of_their_village_only(client, c):
    _as(client, c["head"])
    html = client.get(reverse("intake:index")).content.decode()
    assert "Thôn Nà Pàn" in html and "Thôn Bản Chu" not in html
    response = client.post(reverse("intake:index"), {
        "agency": c["agency"].pk, "name": "Đợt", "channel": "survey_form",
        "village": c["ban_chu"].pk, "received_on": "2026-11-02"})
    assert response.status_code == 200 and not IntakeBatch.objects.exists()


@pytest.mark.parametrize("who", ["supervisor", "officer"])
def test_read_only_roles_get_403_on_the_intake_pages(client, c, batch, who):
    _as(client, c[who])
    assert client.get(reverse("intake:index")).status_code == 403
    assert client.get(reverse("intake:upload")).status_code == 403
    assert client.get(reverse("intake:template")).status_code == 403
    assert client.get(reverse("intake:batch", args=[batch.pk])).status_code == 403
    assert client.post(reverse("intake:batch", args=[batch.pk]),
                       {"text": "x"}).status_code == 403
    assert not Petition.objects.exists()


def test_the_list_shows_only_batches_in_scope(client, c, batch):
    intake.start_batch(actor=c["other_clerk"], agency=c["other"], name="Đợt xã khác",
                       channel=Channel.OFFICE, received_on=DAY)
    other_village = intake.start_batch(actor=c["clerk"], agency=c["agency"],
                                       name="Phiếu thôn Bản Chu", channel=Channel.SURVEY_FORM,
                                       received_on=DAY, village=c["ban_chu"])
    html = _as(client, c["clerk"]).get(reverse("intake:index")).content.decode()
    assert batch.name in html and other_village.name in html and "Đợt xã khác" not in html
    html = _as(client, c["head"]).get(reverse("intake:index")).content.decode()
    assert batch.name in html and other_village.name not in html


def test_the_list_shows_the_latest_received_first(client, c, batch):
    """Typed in later, a stack received earlier still comes after the later ones."""
    older = intake.start_batch(actor=c["clerk"], agency=c["agency"], name="Phiếu tháng trước",
                               channel=Channel.SURVEY_FORM, received_on=DAY - dt.timedelta(30))
    newer = intake.start_batch(actor=c["clerk"], agency=c["agency"], name="Phiếu hôm nay",
                               channel=Channel.OFFICE, received_on=DAY + dt.timedelta(1))
    html = _as(client, c["clerk"]).get(reverse("intake:index")).content.decode()
    assert html.index(newer.name) < html.index(batch.name) < html.index(older.name)


def test_anonymous_users_are_sent_to_sign_in(client, batch):
    for url in (reverse("intake:index"), reverse("intake:batch", args=[batch.pk]),
                reverse("intake:upload"), reverse("intake:template")):
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


# --- the entry page ------------------------------------------------------------------------

def test_the_entry_page_offers_the_form_with_the_text_box_focused(client, c, batch):
    html = _as(client, c["clerk"]).get(reverse("intake:batch", args=[batch.pk])).content.decode()
    assert re.search(r"<textarea[^>]*autofocus", html)
    assert f'<option value="{c["na_pan"].pk}" selected>' in html
    assert "Lương Văn Khiêm" in html and "htmx" in html and "intake.js" in html
    assert "data-enter-submits" in html and "Ctrl+Enter" in html


def test_a_name_is_public_only_when_the_form_says_the_citizen_agreed(client, c, batch):
    _as(client, c["clerk"])
    html = client.get(reverse("intake:batch", args=[batch.pk])).content.decode()
    box = re.search(r'<input type="checkbox" name="name_public"[^>]*>', html).group(0)
    assert "checked" not in box and "Người kiến nghị đồng ý công khai tên" in html
    client.post(reverse("intake:batch", args=[batch.pk]), _form(client, batch))
    agreed = _form(client, batch) | {"name_public": "on", "text": "Đề nghị làm đường."}
    client.post(reverse("intake:batch", args=[batch.pk]), agreed)
    assert [p.petitioners.get().name_public for p in Petition.objects.order_by("pk")] == [
        False, True]


def test_without_javascript_a_save_redirects_and_shows_the_code(client, c, batch):
    _as(client, c["clerk"])
    data = _form(client, batch)
    data.update(village=str(c["ban_chu"].pk), kind="report")
    response = client.post(reverse("intake:batch", args=[batch.pk]), data)
    petition = Petition.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"?da-luu={petition.tracking_code}")
    html = client.get(response["Location"]).content.decode()
    assert f"Đã lưu: <strong class=\"code\">{petition.tracking_code}</strong>" in html
    assert "Đợt này có 1 ý kiến." in html
    # The next form remembers the choices and starts empty, with a new token.
    assert f'<option value="{c["ban_chu"].pk}" selected>' in html
    assert '<option value="report" selected>' in html
    assert _token(html) != data["token"]
    assert re.search(r"<textarea[^>]*>\s*</textarea>", html)
    assert petition.text[:40] in html  # listed under the form


def test_with_htmx_a_save_swaps_in_the_next_form(client, c, batch):
    _as(client, c["clerk"])
    data = _form(client, batch)
    response = client.post(reverse("intake:batch", args=[batch.pk]), {**data, "kind": "complaint"},
                           HTTP_HX_REQUEST="true")
    html = response.content.decode()
    petition = Petition.objects.get()
    assert response.status_code == 200 and html.startswith('<div id="entry"')
    assert "<html" not in html
    assert f"Đã lưu: <strong class=\"code\">{petition.tracking_code}</strong>" in html
    assert '<option value="complaint" selected>' in html
    assert re.search(r"<textarea[^>]*autofocus", html) and _token(html) != data["token"]
    assert petition.kind == Kind.COMPLAINT


def test_a_double_submit_makes_one_petition(client, c, batch):
    _as(client, c["clerk"])
    data = _form(client, batch)
    first = client.post(reverse("intake:batch", args=[batch.pk]), data)
    second = client.post(reverse("intake:batch", args=[batch.pk]), data)
    assert Petition.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_errors_are_shown_in_place_and_nothing_is_saved(client, c, batch):
    _as(client, c["clerk"])
    data = {**_form(client, batch), "text": "  ", "phone": "12345"}
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = client.post(reverse("intake:batch", args=[batch.pk]), data, **headers)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Hãy ghi nội dung ý kiến." in html and "Số điện thoại không hợp lệ" in html
        assert _token(html) == data["token"]  # the same form, sent again later, lands once
    assert not Petition.objects.exists()


def test_a_stale_token_is_explained(client, c, batch):
    _as(client, c["clerk"])
    data = {**_form(client, batch), "token": "not-a-token"}
    html = client.post(reverse("intake:batch", args=[batch.pk]), data).content.decode()
    assert "Phiếu nhập đã cũ" in html and not Petition.objects.exists()


def test_a_village_head_cannot_pick_another_village(client, c):
    own = intake.start_batch(actor=c["head"], agency=c["agency"], name="Phiếu của thôn",
                             channel=Channel.SURVEY_FORM, received_on=DAY, village=c["na_pan"])
    _as(client, c["head"])
    html = client.get(reverse("intake:batch", args=[own.pk])).content.decode()
    assert "Thôn Bản Chu" not in html
    data = {**_form(client, own), "village": str(c["ban_chu"].pk)}
    response = client.post(reverse("intake:batch", args=[own.pk]), data)
    assert response.status_code == 200 and not Petition.objects.exists()
    response = client.post(reverse("intake:batch", args=[own.pk]), _form(client, own))
    assert response.status_code == 302 and Petition.objects.get().village == c["na_pan"]


@pytest.mark.parametrize("who", ["other_clerk", "other_head"])
def test_another_communes_or_villages_batch_is_404(client, c, batch, who):
    _as(client, c[who])
    for name in ("intake:batch", "intake:batch_print"):
        assert client.get(reverse(name, args=[batch.pk])).status_code == 404
    assert client.post(reverse("intake:batch", args=[batch.pk]), {"text": "x"}).status_code == 404
    assert not Petition.objects.exists()


@pytest.mark.parametrize("who", ["front", "leader", "head"])
def test_front_officers_leaders_and_the_village_head_type_forms(client, c, batch, who):
    _as(client, c[who])
    response = client.post(reverse("intake:batch", args=[batch.pk]), _form(client, batch))
    assert response.status_code == 302 and Petition.objects.get().received_by == c[who]


def test_the_print_list_shows_every_petition_and_hides_denouncers(client, c, batch):
    _as(client, c["clerk"])
    for kind in ("opinion", "denunciation"):
        client.post(reverse("intake:batch", args=[batch.pk]),
                    {**_form(client, batch), "kind": kind, "full_name": f"Người {kind}"})
    html = client.get(reverse("intake:batch_print", args=[batch.pk])).content.decode()
    for p in Petition.objects.all():
        assert p.tracking_code in html
    assert "Người opinion" in html and "Người denunciation" not in html
    assert "(giữ bí mật)" in html and "Lương Văn Khiêm" in html


def test_a_supervisor_may_read_the_print_list(client, c, batch):
    assert _as(client, c["supervisor"]).get(
        reverse("intake:batch_print", args=[batch.pk])).status_code == 200


# --- template and upload -------------------------------------------------------------------

def test_the_template_downloads_as_xlsx(client, c):
    response = _as(client, c["clerk"]).get(reverse("intake:template"))
    assert response.status_code == 200
    assert response["Content-Type"] == intake_views_xlsx()
    assert f"mau-tong-hop-y-kien-{c['agency'].code}.xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [excel.SHEET_TITLE, excel.LISTS_TITLE]


def intake_views_xlsx() -> str:
    from doithoai.petitions.views.intake import XLSX

    return XLSX


def _upload(client, c, data, filename="tong-hop.xlsx", **extra):
    form = {"agency": c["agency"].pk, "name": "Tổng hợp của Mặt trận",
            "channel": "front_summary", "received_on": "2026-11-02",
            "brought_by": "Ủy ban MTTQ xã", "village": "", **extra}
    upload = io.BytesIO(data)
    upload.name = filename
    return client.post(reverse("intake:upload"), {**form, "file": upload})


def test_template_round_trip_through_the_pages(client, c):
    _as(client, c["clerk"])
    template = client.get(reverse("intake:template")).content
    data = fill(template, [
        [1, "Thôn Nà Pàn", "Hoàng Văn Pản", "0912345678", "Đường lầy lội.", "Giao thông",
         "", "", ""],
        [2, "Thôn Bản Chu", "", "", "Thiếu nước sạch.", "Điện, nước sạch và chiếu sáng",
         "Phản ánh", "Khẩn", ""],
        [3, "Thôn Khòn Pát", "", "", "Trường học xuống cấp.", "Giáo dục và đào tạo", "", "",
         ""],
    ])
    response = _upload(client, c, data)
    batch = IntakeBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:batch", args=[batch.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Đã nhập 3 ý kiến từ tệp “tong-hop.xlsx” vào đợt “Tổng hợp của Mặt trận”." in html
    got = {p.source_row: (p.village.name, p.field.code)
           for p in Petition.objects.select_related("village", "field")}
    assert got == {4: ("Thôn Nà Pàn", "giao-thong"), 5: ("Thôn Bản Chu", "dien-nuoc"),
                   6: ("Thôn Khòn Pát", "giao-duc")}
    assert batch.brought_by == "Ủy ban MTTQ xã" and batch.channel == Channel.FRONT_SUMMARY


def test_row_errors_are_listed_and_nothing_is_imported(client, c):
    _as(client, c["clerk"])
    rows = [row(f"Ý kiến {i}") for i in range(50)]
    rows[9] = row("Ý kiến 9", village="Thôn Mới")
    rows[20] = row("Ý kiến 20", phone="0123")
    html = _upload(client, c, xlsx(rows)).content.decode()
    assert not Petition.objects.exists() and not IntakeBatch.objects.exists()
    assert "Tệp có 2 dòng cần sửa" in html and "chưa nhập ý kiến nào" in html
    assert '<th scope="row" class="num">11</th><td>Thôn/Tổ dân phố</td>' in html
    assert '<th scope="row" class="num">22</th><td>Số điện thoại</td>' in html
    assert "Không có thôn, tổ dân phố “Thôn Mới”" in html
    assert 'value="Tổng hợp của Mặt trận"' in html  # the form keeps what was typed


def test_only_the_first_problems_are_shown(client, c, monkeypatch):
    from doithoai.petitions.views import intake as intake_views

    monkeypatch.setattr(intake_views, "PROBLEM_LIMIT", 3)
    html = _upload(_as(client, c["clerk"]), c,
                   xlsx([row(village="Thôn Mới")] * 5)).content.decode()
    assert "Chỉ hiện 3 lỗi đầu tiên trong 5 lỗi." in html


@pytest.mark.parametrize("data,filename,message", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "bang.xls", "định dạng Excel cũ (.xls)"),
    (b"%PDF-1.5\n", "bang.xlsx", "tệp PDF"),
    (b"hello", "bang.xlsx", "không phải là tệp Excel"),
])
def test_files_that_are_not_xlsx_get_a_clear_message(client, c, data, filename, message):
    html = _upload(_as(client, c["clerk"]), c, data, filename).content.decode()
    assert message in html and not Petition.objects.exists()


def test_a_file_over_the_limit_is_stopped_while_uploading(client, c, monkeypatch):
    monkeypatch.setattr(excel, "MAX_BYTES", 4096)
    data = xlsx([row(f"Ý kiến dài {i} " + "x" * 200) for i in range(60)])
    assert len(data) > 4096
    html = _upload(_as(client, c["clerk"]), c, data).content.decode()
    assert "Tệp quá lớn" in html and not IntakeBatch.objects.exists()
    assert 'value="Tổng hợp của Mặt trận"' in html  # fields before the file still arrived


def test_the_same_file_twice_is_refused_with_when_and_where(client, c):
    _as(client, c["clerk"])
    data = xlsx([row("Một"), row("Hai")])
    _upload(client, c, data)
    html = _upload(client, c, data, name="Lần hai").content.decode()
    batch = IntakeBatch.objects.get()
    assert "Tệp này đã được nhập lúc" in html and "vào đợt “Tổng hợp của Mặt trận”" in html
    assert reverse("intake:batch", args=[batch.pk]) in html
    assert Petition.objects.count() == 2


def test_a_missing_file_is_asked_for(client, c):
    _as(client, c["clerk"])
    response = client.post(reverse("intake:upload"), {
        "agency": c["agency"].pk, "name": "Đợt", "channel": "front_summary",
        "received_on": "2026-11-02"})
    assert "Hãy chọn tệp Excel." in response.content.decode()


def test_a_village_head_uploads_for_their_village(client, c):
    _as(client, c["head"])
    html = client.get(reverse("intake:upload")).content.decode()
    assert "Thôn Bản Chu" not in html
    response = _upload(client, c, xlsx([row(village="")]), village=c["na_pan"].pk)
    assert response.status_code == 302
    assert Petition.objects.get().village == c["na_pan"]
