"""Typing in a stack of paper survey forms: the batch remembers village, date and who brought
it; each form is one `actions.intake.receive`, and a form sent twice lands once."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from doithoai.audit.models import AuditEvent
from doithoai.org.models import Role
from doithoai.petitions import cleaning
from doithoai.petitions.actions import intake
from doithoai.petitions.models import Channel, Field, IntakeBatch, Kind, Petition, Urgency
from tests.factories import ProvinceFactory, user_with_role
from tests.petitions.intake_support import make_commune

DAY = dt.date(2026, 11, 2)


@pytest.fixture
def c(db):
    return make_commune()


def _batch(c, actor="clerk", **kw):
    kw.setdefault("name", "Phiếu thôn Nà Pàn")
    kw.setdefault("channel", Channel.SURVEY_FORM)
    kw.setdefault("received_on", DAY)
    kw.setdefault("village", c["na_pan"])
    return intake.start_batch(actor=c[actor], agency=c["agency"], **kw)


def _enter(c, batch, actor="clerk", **kw):
    kw.setdefault("token", uuid.uuid4().hex)
    kw.setdefault("text", "Đề nghị sửa đường vào thôn.")
    kw.setdefault("village", batch.village)
    return intake.enter_petition(actor=c[actor], batch=batch, **kw)


def test_a_batch_remembers_where_the_paper_came_from(c):
    batch = _batch(c, brought_by="  Lương Văn Khiêm,  Trưởng thôn ")
    assert (batch.agency, batch.village, batch.received_on, batch.created_by) == (
        c["agency"], c["na_pan"], DAY, c["clerk"])
    assert batch.brought_by == "Lương Văn Khiêm, Trưởng thôn"
    event = AuditEvent.objects.get(action="intake_batch.create")
    assert event.object_id == str(batch.pk) and event.actor == c["clerk"]


def test_each_form_becomes_a_petition_of_the_batch(c):
    batch = _batch(c)
    field = Field.objects.get(agency=c["agency"], code="giao-thong")
    p = _enter(c, batch, full_name=" Hoàng Văn Pản ", phone="0912.345.678", field=field,
               kind=Kind.REPORT, urgency=Urgency.PRESSING)
    assert (p.batch, p.channel, p.received_on, p.village, p.field, p.kind, p.urgency) == (
        batch, Channel.SURVEY_FORM, DAY, c["na_pan"], field, Kind.REPORT, Urgency.PRESSING)
    assert p.received_by == c["clerk"] and p.due_date is not None
    person = p.petitioners.get()
    assert (person.full_name, person.phone, person.village) == (
        "Hoàng Văn Pản", "0912345678", c["na_pan"])
    assert AuditEvent.objects.filter(action="petition.receive", object_id=str(p.pk)).exists()


def test_a_form_without_name_or_phone_has_no_petitioner(c):
    assert not _enter(c, _batch(c)).petitioners.exists()


def test_the_same_form_sent_twice_lands_once(c):
    batch = _batch(c)
    token = uuid.uuid4().hex
    first = _enter(c, batch, token=token)
    again = _enter(c, batch, token=token, text="Bấm lưu hai lần")
    assert first.pk == again.pk and Petition.objects.count() == 1


def test_a_token_is_bound_to_its_batch_and_user(c):
    token = uuid.uuid4().hex
    batch = _batch(c)
    other_batch = _batch(c, name="Đợt khác")
    _enter(c, batch, token=token)
    _enter(c, other_batch, token=token)
    _enter(c, batch, actor="leader", token=token)
    assert Petition.objects.count() == 3


@pytest.mark.parametrize("token", ["", "abc", "Z" * 32, "0" * 31 + "'"])
def test_a_malformed_token_is_refused(c, token):
    with pytest.raises(ValidationError):
        _enter(c, _batch(c), token=token)
    assert not Petition.objects.exists()


def test_bad_input_on_a_form(c):
    batch = _batch(c)
    other_field = Field.objects.get(agency=c["other"], code="giao-thong")
    with pytest.raises(ValidationError) as caught:
        _enter(c, batch, phone="12345", field=other_field, kind="bogus", urgency="soon",
               full_name="N" * 121)
    assert set(caught.value.message_dict) == {"phone", "field", "kind", "urgency", "full_name"}
    with pytest.raises(ValidationError) as caught:
        _enter(c, batch, text="   ")
    assert "text" in caught.value.message_dict
    with pytest.raises(ValidationError):
        _enter(c, batch, text="x" * 10_001)
    with pytest.raises(ValidationError):
        _enter(c, batch, village=c["other_village"])
    assert not Petition.objects.exists()


def test_a_village_head_types_only_their_village(c):
    batch = _batch(c, actor="head")
    assert _enter(c, batch, actor="head").village == c["na_pan"]
    with pytest.raises(ValidationError) as caught:
        _enter(c, batch, actor="head", village=c["ban_chu"])
    assert "thôn mình" in caught.value.messages[0]
    with pytest.raises(ValidationError):
        _enter(c, batch, actor="head", village=None)


def test_a_village_head_starts_batches_only_for_their_village(c):
    with pytest.raises(ValidationError):
        _batch(c, actor="head", village=c["ban_chu"])
    with pytest.raises(ValidationError):
        _batch(c, actor="head", village=None)
    assert _batch(c, actor="head").village == c["na_pan"]


def test_a_front_officer_and_a_leader_may_start_and_fill_batches(c):
    for who in ("front", "leader"):
        batch = _batch(c, actor=who, village=None, channel=Channel.FRONT_SUMMARY)
        assert _enter(c, batch, actor=who, village=c["ban_chu"]).batch == batch


@pytest.mark.parametrize("who", ["supervisor", "officer", "other_clerk"])
def test_others_cannot_start_a_batch(c, who):
    with pytest.raises(PermissionDenied):
        _batch(c, actor=who, village=None)
    assert not IntakeBatch.objects.exists()


@pytest.mark.parametrize("who", ["supervisor", "officer", "other_head"])
def test_others_cannot_add_to_a_batch(c, who):
    batch = _batch(c)
    with pytest.raises(PermissionDenied):
        _enter(c, batch, actor=who, village=None)
    assert not Petition.objects.exists()


def test_an_overseer_cannot_add_to_a_batch(c):
    province = ProvinceFactory()
    c["agency"].parent = province
    c["agency"].save()
    c["overseer"] = user_with_role(Role.OVERSEER, agency=province)
    with pytest.raises(PermissionDenied):
        _enter(c, _batch(c), actor="overseer")


def test_batch_details_are_checked(c):
    with pytest.raises(ValidationError) as caught:
        _batch(c, name="", channel=Channel.ONLINE, received_on=dt.date(2999, 1, 1),
               brought_by="x" * 201)
    assert set(caught.value.message_dict) == {"name", "channel", "received_on", "brought_by"}
    with pytest.raises(ValidationError):
        _batch(c, village=c["other_village"])


def test_phone_numbers():
    assert cleaning.normalise_phone("+84 912 345 678") == "0912345678"
    assert cleaning.normalise_phone("(0205) 3831-234") == "02053831234"
    assert cleaning.normalise_phone("84912345678") == "0912345678"
    assert cleaning.normalise_phone("912345678") is None
    assert cleaning.normalise_phone("912345678", from_number=True) == "0912345678"
    for bad in ("12345", "0912 345 678 / 0987 654 321", "abc", "09123456789012"):
        assert cleaning.normalise_phone(bad) is None


def test_legacy_characters():
    assert cleaning.legacy_characters("Th«n Nµ Pµn") == "«µ"
    assert cleaning.legacy_characters("®Ò nghÞ vÒ viÖc") == "®ÞÒÖ"
    assert cleaning.legacy_characters("Thoân Naø Paøn") == "ø"
    for unicode_text in ("Thôn Nà Pàn", "CÒN LẦY LỘI", "Ông Ánh, Ý kiến", "Số 2 – đường 1/5"):
        assert cleaning.legacy_characters(unicode_text) == ""
