"""The public form: no account, one petition per submission, nothing stored for bots,
refusals in plain Vietnamese."""

import datetime as dt
import unicodedata
from urllib.parse import parse_qs

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.core.qr import svg_data_uri
from doithoai.petitions.models import Channel, Petition, Petitioner
from doithoai.public.forms import new_token
from doithoai.public.models import Attempt
from doithoai.public.throttle import client_key
from doithoai.public.views import RECEIPT_SALT
from tests.factories import AgencyFactory, ProvinceFactory, VillageFactory
from tests.public.conftest import token_from

SUBMIT = reverse("public:submit")


def _stored():
    return Petition.objects.count(), Petitioner.objects.count(), AuditEvent.objects.filter(
        action="petition.receive").count()


def test_citizen_sends_an_opinion_and_gets_a_receipt(client, form_data, commune, village,
                                                      field):
    page = client.get(SUBMIT)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Gửi ý kiến, kiến nghị" in html and commune.name in html
    assert "Đồng ý công khai tên của tôi" in html
    assert 'name="name_public"' in html and "checked" not in html  # asked, never assumed

    response = client.post(SUBMIT, form_data(name_public="on"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("public:receipt"))

    petition = Petition.objects.get()
    assert petition.agency == commune and petition.village == village
    assert petition.field == field and petition.channel == Channel.ONLINE
    assert petition.received_on == timezone.localdate()
    assert petition.text.startswith("Đường liên thôn Bản Chu")
    assert petition.submission_key.startswith("web:")
    person = petition.petitioners.get()
    assert person.full_name == "Hoàng Văn An" and person.phone == "0912345678"
    assert person.email == "an@example.vn" and person.name_public
    assert not person.anonymous_to_public
    assert person.village == village
    event = AuditEvent.objects.get(action="petition.receive")
    assert event.actor is None and event.actor_label == "Công dân (trang công khai)"

    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert receipt.status_code == 200
    assert "Mã tra cứu của bạn" in html and petition.tracking_code in html
    assert petition.due_date.strftime("%d/%m/%Y") in html
    assert "/tra-cuu/" in html and "In giấy biên nhận" in html
    assert village.name in html and field.name in html
    # the printed receipt's QR code opens this petition's tracking page
    qr = svg_data_uri(f"http://testserver/tra-cuu/{petition.tracking_code}/")
    assert f'<img src="{qr}" width="160" height="160" alt="Mã QR mở trang tra cứu' in html


def test_without_contact_details_no_petitioner_row(client, form_data):
    client.post(SUBMIT, form_data(full_name="", phone="", email=""))
    assert Petition.objects.get().petitioners.count() == 0


def test_a_retried_post_with_the_same_token_lands_once(client, form_data):
    data = form_data()
    first = client.post(SUBMIT, data)
    second = client.post(SUBMIT, data)
    assert first.status_code == second.status_code == 302
    # The same receipt (its signature carries the second it was made: compare what it says).
    assert _receipt_of(first) == _receipt_of(second)
    assert _stored() == (1, 1, 1)


def _receipt_of(response) -> dict:
    path, query = response["Location"].split("?", 1)
    assert path == reverse("public:receipt")
    return signing.loads(parse_qs(query)["bn"][0], salt=RECEIPT_SALT)


def test_a_retry_is_not_counted_against_the_limit(client, form_data, settings):
    settings.PUBLIC_SUBMIT_LIMIT_HOUR = 1
    data = form_data()
    client.post(SUBMIT, data)
    again = client.post(SUBMIT, data)
    assert again.status_code == 302 and Petition.objects.count() == 1


def test_same_form_with_a_different_opinion_is_a_new_petition(client, form_data):
    """Back button, new text, send: that is a second opinion, not a retry."""
    data = form_data()
    client.post(SUBMIT, data)
    client.post(SUBMIT, {**data, "text": "Đề nghị lắp đèn đường ở ngã ba Bản Chu."})
    assert Petition.objects.count() == 2


def test_the_honeypot_gets_a_normal_receipt_and_nothing_is_stored(client, form_data):
    response = client.post(SUBMIT, form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("public:receipt"))
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200 and "Mã tra cứu của bạn" in receipt.content.decode()
    assert _stored() == (0, 0, 0)


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, form_data):
    html = client.get(SUBMIT).content.decode()
    start = html.index('<div class="visually-hidden" aria-hidden="true">')
    block = html[start:html.index("</div>", start)]
    assert 'name="website"' in block and 'tabindex="-1"' in block


def test_rate_limit_per_hour_refuses_and_stores_nothing(client, form_data, settings):
    settings.PUBLIC_SUBMIT_LIMIT_HOUR = 2
    for n in range(2):
        assert client.post(SUBMIT, form_data(text=f"Ý kiến số {n}")).status_code == 302
    refused = client.post(SUBMIT, form_data(text="Ý kiến thứ ba"))
    html = refused.content.decode()
    assert refused.status_code == 429
    assert "chưa được gửi" in html and "khoảng một giờ" in html
    assert "Ý kiến thứ ba" in html  # what the citizen wrote is kept on the page
    assert _stored() == (2, 2, 2)
    assert Attempt.objects.filter(bucket="submit").count() == 2
    # Another address is not affected.
    other = client.post(SUBMIT, form_data(text="Ý kiến từ nơi khác"), REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 302 and Petition.objects.count() == 3


def test_rate_limit_per_day_counts_hits_stored_by_other_processes(client, form_data,
                                                                   settings, rf):
    """The count lives in the database: hits written by another web process (here: rows
    written directly, three hours ago) count as well."""
    settings.PUBLIC_SUBMIT_LIMIT_HOUR = 5
    settings.PUBLIC_SUBMIT_LIMIT_DAY = 3
    key = client_key(rf.get("/", REMOTE_ADDR="127.0.0.1"))
    earlier = timezone.now() - dt.timedelta(hours=3)
    for _ in range(3):
        Attempt.objects.create(bucket="submit", client=key, at=earlier)
    refused = client.post(SUBMIT, form_data())
    assert refused.status_code == 429 and "ngày mai" in refused.content.decode()
    assert _stored() == (0, 0, 0)


def test_the_address_is_never_stored_and_old_hits_are_pruned(client, form_data, rf):
    old = Attempt.objects.create(bucket="submit", client="x" * 64,
                                 at=timezone.now() - dt.timedelta(days=2))
    client.post(SUBMIT, form_data(), REMOTE_ADDR="203.0.113.45")
    hit = Attempt.objects.get()
    assert hit.pk != old.pk
    assert "203.0.113.45" not in hit.client and len(hit.client) == 64
    assert hit.client == client_key(rf.get("/", REMOTE_ADDR="203.0.113.45"))


def test_ipv6_neighbours_in_one_64_share_a_limit(rf):
    one = client_key(rf.get("/", REMOTE_ADDR="2001:db8:1:2::10"))
    same = client_key(rf.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::1"))
    other = client_key(rf.get("/", REMOTE_ADDR="2001:db8:1:3::10"))
    assert one == same != other


@pytest.mark.parametrize("tamper", ["other_commune", "missing"])
def test_a_tampered_village_is_a_form_error(client, form_data, tamper):
    village_id = (VillageFactory().pk if tamper == "other_commune" else 987654)
    response = client.post(SUBMIT, form_data(village=village_id))
    assert response.status_code == 200
    assert "Thôn, tổ dân phố không có trong danh sách của xã" in response.content.decode()
    assert _stored() == (0, 0, 0)


@pytest.mark.parametrize("tamper", ["other_agency", "missing"])
def test_a_tampered_field_is_a_form_error(client, form_data, tamper):
    from doithoai.petitions.actions.fields import ensure_default_fields

    field_id = (ensure_default_fields(AgencyFactory())[0].pk if tamper == "other_agency"
                else 987654)
    response = client.post(SUBMIT, form_data(field=field_id))
    assert "Lĩnh vực không có trong danh sách" in response.content.decode()
    assert _stored() == (0, 0, 0)


def test_a_forged_token_is_refused_and_replaced(client, form_data):
    data = form_data(token="web:someone-elses-key")
    response = client.post(SUBMIT, data)
    html = response.content.decode()
    assert "Biểu mẫu đã cũ hoặc không hợp lệ" in html
    assert token_from(html) != data["token"]
    assert _stored() == (0, 0, 0)


def test_empty_text_is_refused(client, form_data):
    response = client.post(SUBMIT, form_data(text="   "))
    assert "Hãy viết ý kiến, kiến nghị của bạn." in response.content.decode()
    assert _stored() == (0, 0, 0)


def test_oversized_text_is_refused(client, form_data):
    response = client.post(SUBMIT, form_data(text="a" * 10_001))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ý kiến quá dài: tối đa 10.000 ký tự, bạn đã viết 10.001 ký tự" in html
    assert _stored() == (0, 0, 0)


def test_text_at_the_limit_counts_in_nfc(client, form_data):
    """10,000 characters as stored: the same text in NFD is longer, and still accepted."""
    text = ("ế" * 10_000)
    nfd = unicodedata.normalize("NFD", text)
    assert len(nfd) > 10_000
    assert client.post(SUBMIT, form_data(text=nfd)).status_code == 302
    assert Petition.objects.get().text == text


def test_oversized_name_is_refused(client, form_data):
    response = client.post(SUBMIT, form_data(full_name="Nguyễn " * 30))
    assert "Họ và tên quá dài" in response.content.decode()
    assert _stored() == (0, 0, 0)


@pytest.mark.parametrize("phone", ["0912 345 67", "12345678901", "0912-abc-678",
                                   "+1 212 555 0100", "(0912) 345 678", "01234567890"])
def test_a_malformed_phone_is_refused_in_vietnamese(client, form_data, phone):
    response = client.post(SUBMIT, form_data(phone=phone))
    html = response.content.decode()
    assert "Số điện thoại không đúng" in html and "0912 345 678" in html
    assert 'aria-invalid="true"' in html
    assert _stored() == (0, 0, 0)


def test_a_bad_email_is_refused(client, form_data):
    response = client.post(SUBMIT, form_data(email="an@"))
    assert "Địa chỉ thư điện tử không đúng" in response.content.decode()
    assert _stored() == (0, 0, 0)


def test_nfd_input_is_stored_nfc(client, form_data):
    text = "Đề nghị nạo vét mương thoát nước ở Thôn Bản Chu."
    name = "Nguyễn Thị Huệ"
    client.post(SUBMIT, form_data(text=unicodedata.normalize("NFD", text),
                                  full_name=unicodedata.normalize("NFD", name)))
    petition = Petition.objects.get()
    assert petition.text == text and unicodedata.is_normalized("NFC", petition.text)
    assert petition.petitioners.get().full_name == name


# --- which commune ---------------------------------------------------------------------------

def test_one_commune_goes_straight_to_the_form(client, commune, village):
    ProvinceFactory()  # provinces never take opinions here
    html = client.get(SUBMIT).content.decode()
    assert 'name="text"' in html and village.name in html


def test_several_communes_ask_first_and_the_printed_link_preselects(client, commune, village):
    other = AgencyFactory(name="Ủy ban nhân dân xã Khác Xa")
    other_village = VillageFactory(agency=other, name="Thôn Xa Lắm")
    AgencyFactory(name="Ủy ban nhân dân xã Đã Nghỉ", is_active=False)
    ProvinceFactory(name="Ủy ban nhân dân tỉnh Thử")
    html = client.get(SUBMIT).content.decode()
    assert 'name="text"' not in html
    assert commune.name in html and other.name in html
    assert "xã Đã Nghỉ" not in html and "tỉnh Thử" not in html

    html = client.get(SUBMIT, {"xa": other.code}).content.decode()
    assert 'name="text"' in html and other.name in html
    assert other_village.name in html and village.name not in html
    assert "Chọn xã, phường khác" in html


def test_an_unknown_commune_code_says_so(client, commune):
    AgencyFactory()
    html = client.get(SUBMIT, {"xa": "khong-co"}).content.decode()
    assert "Không tìm thấy xã, phường này" in html


def test_posting_to_another_commune_with_this_communes_village_is_refused(client, form_data,
                                                                           commune):
    other = AgencyFactory()
    response = client.post(SUBMIT, form_data(xa=other.code))
    assert "Thôn, tổ dân phố không có trong danh sách của xã" in response.content.decode()
    assert _stored() == (0, 0, 0)


def test_receipt_link_cannot_be_forged(client, commune):
    assert client.get(reverse("public:receipt"), {"bn": "abc"}).status_code == 404


def test_no_account_needed_and_nothing_signed_in(client, commune):
    response = client.get(SUBMIT)
    assert response.status_code == 200 and "Đăng xuất" not in response.content.decode()
    assert new_token() != new_token()


def test_a_post_without_a_commune_when_there_are_several_stores_nothing(client, form_data):
    data = form_data()
    AgencyFactory()
    del data["xa"]
    response = client.post(SUBMIT, data)
    assert "Bạn muốn gửi ý kiến đến xã, phường nào?" in response.content.decode()
    assert _stored() == (0, 0, 0)
