"""Editing through the pages: service, audit trail, NFC text, clear errors that change nothing."""

import unicodedata

import pytest
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.org.models import Role
from tests.factories import user_with_role


@pytest.fixture
def clerk_client(client, world):
    user = user_with_role(Role.CLERK, agency=world["communes"][0])
    client.force_login(user)
    client.user = user
    return client


def test_clerk_renames_a_village_and_the_change_is_audited(clerk_client, world):
    village = world["villages0"][0]
    nfd_name = unicodedata.normalize("NFD", "Thôn Nà Pàn Mới")
    response = clerk_client.post(
        reverse("org:village_edit", args=[village.pk]),
        {"name": nfd_name, "kind": "ban", "households": "120", "reason": "Sáp nhập thôn"},
    )
    assert response.status_code == 302
    village.refresh_from_db()
    assert village.name == unicodedata.normalize("NFC", "Thôn Nà Pàn Mới")
    event = AuditEvent.objects.filter(object_type="org.village", object_id=str(village.pk)).get()
    assert event.actor_id == clerk_client.user.pk
    assert event.reason == "Sáp nhập thôn"
    assert event.before["kind"] == "thon" and event.after["kind"] == "ban"
    history = clerk_client.get(reverse("audit:history", args=["org.village", village.pk]))
    assert "Sáp nhập thôn" in history.content.decode()


def test_missing_reason_is_refused_in_vietnamese_and_changes_nothing(clerk_client, world):
    village = world["villages0"][0]
    old_name = village.name
    response = clerk_client.post(
        reverse("org:village_edit", args=[village.pk]),
        {"name": "Tên khác", "kind": "thon", "reason": ""},
    )
    assert response.status_code == 200
    assert "Hãy ghi lý do thay đổi" in response.content.decode()
    village.refresh_from_db()
    assert village.name == old_name
    assert not AuditEvent.objects.filter(object_type="org.village").exists()


def test_duplicate_village_name_is_refused(clerk_client, world):
    first, second = world["villages0"]
    response = clerk_client.post(
        reverse("org:village_edit", args=[second.pk]),
        {"name": first.name, "kind": "thon", "reason": "thử"},
    )
    assert response.status_code == 200
    second.refresh_from_db()
    assert second.name != first.name


def test_unit_officer_cannot_move_a_person_into_another_unit(client, world):
    mine = world["communes"][0]
    officer = user_with_role(Role.UNIT_OFFICER, agency=mine, unit=world["units0"][0])
    client.force_login(officer)
    person = world["unit_people0"][0]
    response = client.post(
        reverse("org:person_edit", args=[person.pk]),
        {"full_name": person.full_name, "unit": world["units0"][1].pk, "reason": "chuyển"},
    )
    assert response.status_code == 200  # the other unit is not offered: a form error
    person.refresh_from_db()
    assert person.unit_id == world["units0"][0].pk


def test_village_head_edits_a_person_of_the_village(client, world):
    mine = world["communes"][0]
    head = user_with_role(Role.VILLAGE_HEAD, agency=mine, village=world["villages0"][0])
    client.force_login(head)
    person = world["village_people0"][0]
    response = client.post(
        reverse("org:person_edit", args=[person.pk]),
        {"full_name": person.full_name, "village": person.village_id,
         "phone": "0912 345 678", "reason": "Cập nhật số điện thoại"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "0912 345 678"


def test_village_head_is_offered_only_own_village(client, world):
    mine = world["communes"][0]
    head = user_with_role(Role.VILLAGE_HEAD, agency=mine, village=world["villages0"][0])
    client.force_login(head)
    person = world["village_people0"][0]
    form = client.get(reverse("org:person_edit", args=[person.pk])).context["form"]
    assert list(form.fields["village"].queryset) == [world["villages0"][0]]
    response = client.post(reverse("org:person_edit", args=[person.pk]), {
        "full_name": person.full_name, "village": world["villages0"][1].pk, "reason": "x"})
    assert response.status_code == 200  # a form error, not a bare 403
    person.refresh_from_db()
    assert person.village_id == world["villages0"][0].pk
