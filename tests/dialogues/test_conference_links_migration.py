"""The move of a petition's conference into the dialogues' link tables keeps every link, and
each linked petition keeps its conference's answer time as its own.

Run on a database of its own (a new SQLite file), migrated step by step: the test database
and its shared organisation are never touched.
"""

import datetime as dt

import pytest
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("dialogues", "0004_milestones_before_days_off"), ("petitions", "0004_conference_terms")]
AFTER = [("dialogues", "0006_conference_link_fields")]


@pytest.fixture
def fresh_database(tmp_path, django_db_blocker):
    alias = "migration_check"
    connections.settings[alias] = {**connections.settings["default"],
                                   "ENGINE": "django.db.backends.sqlite3",
                                   "NAME": str(tmp_path / "migrations.sqlite3"),
                                   "OPTIONS": {}}
    with django_db_blocker.unblock():
        try:
            yield connections[alias]
        finally:
            connections[alias].close()
            del connections[alias]
            del connections.settings[alias]


def _migrate(connection, targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_every_conference_link_is_kept_with_its_answer_time(fresh_database):
    apps = _migrate(fresh_database, BEFORE)
    db = fresh_database.alias
    agency = apps.get_model("org", "Agency").objects.using(db).create(
        name="Ủy ban nhân dân xã Thử", level="commune")
    conference_model = apps.get_model("dialogues", "Conference")
    held = conference_model.objects.using(db).create(
        agency=agency, title="Hội nghị tháng 6", held_on=dt.date(2026, 6, 26),
        answer_workdays=10, complex_answer_workdays=20)
    undated = conference_model.objects.using(db).create(agency=agency,
                                                        title="Hội nghị chưa định ngày")
    batch = apps.get_model("petitions", "IntakeBatch").objects.using(db).create(
        agency=agency, name="Phiếu thôn Nà Pàn", channel="survey_form",
        received_on=dt.date(2026, 6, 1), conference=held)
    loose_batch = apps.get_model("petitions", "IntakeBatch").objects.using(db).create(
        agency=agency, name="Đơn gửi Văn phòng", channel="office", received_on=dt.date(2026, 6, 1))
    petition_model = apps.get_model("petitions", "Petition")

    def petition(code, conference):
        return petition_model.objects.using(db).create(
            agency=agency, tracking_code=code, text="Đề nghị sửa đường.", channel="office",
            received_on=dt.date(2026, 6, 2), conference=conference)

    at_june, undated_one = petition("AAAA-AAAA", held), petition("BBBB-BBBB", undated)
    petition("CCCC-CCCC", None)

    apps = _migrate(fresh_database, AFTER)

    links = apps.get_model("dialogues", "ConferencePetition").objects.using(db)
    assert sorted(links.values_list("petition_id", "conference_id")) == sorted(
        [(at_june.pk, held.pk), (undated_one.pk, undated.pk)])
    batch_links = apps.get_model("dialogues", "ConferenceBatch").objects.using(db)
    assert list(batch_links.values_list("batch_id", "conference_id")) == [(batch.pk, held.pk)]
    assert not batch_links.filter(batch_id=loose_batch.pk).exists()
    terms = {p.tracking_code: (p.conference_day, p.answer_workdays, p.complex_answer_workdays)
             for p in apps.get_model("petitions", "Petition").objects.using(db)}
    assert terms == {"AAAA-AAAA": (dt.date(2026, 6, 26), 10, 20),
                     "BBBB-BBBB": (None, 15, 30),
                     "CCCC-CCCC": (None, None, None)}
    assert {c.pk for c in apps.get_model("dialogues", "Conference").objects.using(db).get(
        pk=held.pk).petitions.all()} == {at_june.pk}

    # And back: the links return to the petitions' own columns.
    apps = _migrate(fresh_database, BEFORE)
    back = apps.get_model("petitions", "Petition").objects.using(db)
    assert dict(back.values_list("tracking_code", "conference_id")) == {
        "AAAA-AAAA": held.pk, "BBBB-BBBB": undated.pk, "CCCC-CCCC": None}
    assert apps.get_model("petitions", "IntakeBatch").objects.using(db).get(
        pk=batch.pk).conference_id == held.pk
