"""Snapshots: plain JSON of a model's fields, identical after a trip through the database."""

import json

import pytest
from django.contrib.auth import get_user_model

from doithoai.audit.services import snapshot


def test_village_snapshot_is_plain_json(village):
    data = snapshot(village)
    assert data == json.loads(json.dumps(data))  # no encoder needed
    assert data["name"] == "Thôn Đông" and data["households"] == 120
    assert data["agency"] == village.agency_id  # foreign keys as ids
    assert set(data) == {f.name for f in village._meta.concrete_fields}


def test_chosen_fields_only(village):
    assert snapshot(village, fields=["name", "kind"]) == {"name": "Thôn Đông", "kind": "thon"}


def test_user_snapshot_never_holds_the_password(db):
    user = get_user_model().objects.create_user(username="x", password="mat-khau-rat-dai-1")
    data = snapshot(user)
    assert "password" not in data
    assert data["username"] == "x"
    # Datetimes in UTC with every microsecond, whatever the instance's time zone.
    assert data["date_joined"].endswith("Z") and len(data["date_joined"]) == 27
    with pytest.raises(ValueError):
        snapshot(user, fields=["password"])


def test_snapshot_is_the_same_after_reloading(village):
    reloaded = type(village).objects.get(pk=village.pk)
    assert snapshot(reloaded) == snapshot(village)


def test_relations_that_are_not_columns_are_refused(village):
    with pytest.raises(ValueError):
        snapshot(village.agency, fields=["villages"])
