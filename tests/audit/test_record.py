"""Appending events: who, when, what, before and after, why, chained to the previous one."""

import unicodedata

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from doithoai.audit.models import AuditChainHead, AuditEvent
from doithoai.audit.services import SYSTEM_ACTOR_LABEL, record, verify
from doithoai.core.hashchain import GENESIS, event_hash
from tests.factories import UserFactory, VillageFactory


def test_first_event_starts_the_chain(village):
    user = UserFactory(username="ctv", full_name="Trần Thị Văn")
    event = record(actor=user, action="village.update", obj=village,
                   before={"name": "Thôn Đông"}, after={"name": "Thôn Đông Mới"},
                   reason="Đổi tên theo nghị quyết")
    assert event.seq == 1 and event.prev_hash == GENESIS
    assert event.actor == user and event.actor_label == "Trần Thị Văn (ctv)"
    assert (event.object_type, event.object_id, event.object_repr) == (
        "org.village", str(village.pk), "Thôn Đông")
    assert event.hash == event_hash(GENESIS, event.payload())
    head = AuditChainHead.objects.get()
    assert (head.last_seq, head.last_hash) == (1, event.hash)


def test_events_link_one_to_the_next(events):
    for previous, current in zip(events, events[1:], strict=False):
        assert current.seq == previous.seq + 1
        assert current.prev_hash == previous.hash


def test_stored_event_rehashes_identically(events):
    stored = AuditEvent.objects.get(seq=3)
    assert stored.hash == event_hash(stored.prev_hash, stored.payload())


def test_system_actor(village):
    event = record(actor=None, action="village.update", obj=village)
    assert event.actor is None and event.actor_label == SYSTEM_ACTOR_LABEL == "hệ thống"


def test_anonymous_visitor_is_not_an_account(village):
    event = record(actor=AnonymousUser(), action="petition.submit", obj=village,
                   actor_label="Công dân (trang công khai)")
    assert event.actor is None and event.actor_label == "Công dân (trang công khai)"


def test_text_is_stored_nfc(village):
    event = record(actor=None, action="village.update", obj=village,
                   reason=unicodedata.normalize("NFD", "Sáp nhập thôn"))
    assert AuditEvent.objects.get(seq=event.seq).reason == unicodedata.normalize(
        "NFC", "Sáp nhập thôn")


def test_unsaved_or_deleted_object_is_refused(db):
    with pytest.raises(ValueError):
        record(actor=None, action="village.delete", obj=VillageFactory.build())


def test_event_rolls_back_with_the_callers_change(village):
    with pytest.raises(RuntimeError), transaction.atomic():
        record(actor=None, action="village.update", obj=village)
        raise RuntimeError("the change failed after the event was written")
    assert not AuditEvent.objects.exists()
    assert verify().head_seq == 0
    assert record(actor=None, action="village.update", obj=village).seq == 1


def test_removing_a_user_keeps_the_name_and_the_chain(village):
    user = UserFactory(username="cu", full_name="Lê Văn Cũ")
    record(actor=user, action="village.update", obj=village)
    user.delete()
    event = AuditEvent.objects.get()
    assert event.actor is None and event.actor_label == "Lê Văn Cũ (cu)"
    assert verify().ok


def test_before_and_after_are_json_safe(village):
    from datetime import date
    from decimal import Decimal

    event = record(actor=None, action="x.update", obj=village,
                   before={"amount": Decimal("1.50"), "day": date(2025, 9, 2)},
                   after={"big": 1e16, "ratio": 0.1})
    stored = AuditEvent.objects.get(seq=event.seq)
    assert stored.before == {"amount": "1.50", "day": "2025-09-02"}
    assert verify().ok  # also on PostgreSQL, whose jsonb rewrites 1e16
