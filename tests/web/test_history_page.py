"""The history page: staff who may see an object see its changes, newest first."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from doithoai.audit.labels import ACTION_LABELS, action_label, register
from doithoai.audit.selectors import history_for
from doithoai.audit.services import record
from doithoai.org.models import Role
from tests.factories import UserFactory, VillageFactory, user_with_role


@pytest.fixture
def village(db):
    return VillageFactory(name="Thôn Đông", households=120)


@pytest.fixture
def clerk(village):
    return user_with_role(Role.CLERK, agency=village.agency, full_name="Phạm Thị Thư")


@pytest.fixture
def changed(village, clerk):
    first = record(actor=clerk, action="village.update", obj=village,
                   before={"name": "Thôn Đông", "households": 120, "kind": "thon"},
                   after={"name": "Thôn Đông Mới", "households": 120, "kind": "ban"},
                   reason="Đổi tên theo nghị quyết")
    second = record(actor=None, action="village.recount", obj=village,
                    before={"households": 120}, after={"households": 135})
    record(actor=None, action="village.update", obj=VillageFactory(agency=village.agency))
    return first, second


def url(obj_type, obj_id):
    return reverse("audit:history", args=[obj_type, obj_id])


def test_history_is_newest_first_and_only_for_that_object(village, changed):
    first, second = changed
    assert list(history_for(village)) == [second, first]


def test_page_shows_who_when_what_why_and_only_what_changed(client, village, clerk, changed,
                                                             monkeypatch):
    monkeypatch.setitem(ACTION_LABELS, "village.update", _("Sửa thông tin thôn"))
    client.force_login(clerk)
    response = client.get(url("org.village", village.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lịch sử thay đổi" in html and "Thôn Đông" in html
    assert "Phạm Thị Thư (" in html and "hệ thống" in html
    assert "Sửa thông tin thôn" in html and "village.recount" in html  # label, else the code
    assert "Đổi tên theo nghị quyết" in html
    assert "Thôn Đông → Thôn Đông Mới" in html
    assert "Thôn → Bản" in html  # choice labels, not codes
    assert "120 → 135" in html
    assert "120 → 120" not in html  # unchanged fields are left out
    at = changed[0].at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Ho_Chi_Minh"))
    assert at.strftime("%d/%m/%Y %H:%M:%S") in html


def test_login_required(client, village):
    response = client.get(url("org.village", village.pk))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_object_outside_the_users_scope_is_missing(client, village, changed):
    other = user_with_role(Role.CLERK, agency=VillageFactory().agency)
    client.force_login(other)
    assert client.get(url("org.village", village.pk)).status_code == 404


@pytest.mark.parametrize(("obj_type", "obj_id"), [
    ("org.nothing", "1"), ("nothing", "1"), ("org.village", "abc"), ("org.village", "999999"),
])
def test_unknown_type_or_object_is_missing(client, clerk, obj_type, obj_id):
    client.force_login(clerk)
    assert client.get(url(obj_type, obj_id)).status_code == 404


def test_unscoped_models_are_for_system_administrators(client, clerk, village):
    record(actor=None, action="user.update", obj=clerk)
    client.force_login(clerk)
    assert client.get(url("org.user", clerk.pk)).status_code == 404
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(url("org.user", clerk.pk)).status_code == 200


def test_link_to_history_from_any_page(village):
    html = Template("{% load audit_tags %}{{ v|object_type }} {% history_link v %}").render(
        Context({"v": village}))
    assert html.startswith("org.village ")
    assert f'href="{url("org.village", village.pk)}"' in html
    assert "Lịch sử thay đổi" in html


def test_action_labels_registry(monkeypatch):
    monkeypatch.setattr("doithoai.audit.labels.ACTION_LABELS", {})
    assert action_label("village.update") == "village.update"
    register("village.update", _("Sửa thông tin thôn"))
    assert action_label("village.update") == "Sửa thông tin thôn"


def test_common_verbs_and_related_objects_read_as_words(client, village, clerk):
    from doithoai.audit.services import snapshot
    from tests.factories import PersonFactory, UnitFactory

    unit = UnitFactory(agency=village.agency, name="Phòng Kinh tế")
    person = PersonFactory(agency=village.agency, full_name="Lò Văn Nam")
    before = snapshot(person)
    person.unit = unit
    person.save()
    record(actor=clerk, action="person.update", obj=person, before=before,
           after=snapshot(person), reason="Chuyển đơn vị")
    client.force_login(clerk)
    html = client.get(url("org.person", person.pk)).content.decode()
    assert "Sửa cá nhân" in html  # "update" + the model's name, not "person.update"
    assert "(trống) → Phòng Kinh tế" in html  # the unit's name, not its id
    assert action_label("person.frobnicate") == "person.frobnicate"


def test_a_reverse_relation_in_an_event_reads_as_the_related_models_name(client, clerk,
                                                                          village):
    """An event about a village's people (a reverse relation) must not break the page."""
    from doithoai.audit.selectors import field_label
    from doithoai.audit.services import record
    from doithoai.org.models import Village

    assert field_label(Village, "people") == "cá nhân"
    record(actor=clerk, action="village.update", obj=village, after={"people": 3})
    client.force_login(clerk)
    response = client.get(reverse("audit:history", args=["org.village", village.pk]))
    assert response.status_code == 200
    assert "cá nhân" in response.content.decode().lower()


def test_what_reads_the_same_before_and_after_is_left_out_and_a_time_reads_as_hours(village,
                                                                                   clerk):
    """Nothing to nothing ("(trống) → (trống)") says nothing; "08:00:00" reads "08:00"."""
    from doithoai.audit.selectors import history_entry
    from doithoai.org.models import Village

    event = record(actor=clerk, action="village.update", obj=village,
                   before={"name": None, "kind": "thon", "opens_at": "07:30:00"},
                   after={"name": "", "kind": "ban", "opens_at": "08:00:00"})
    changes = history_entry(Village, event)["changes"]
    assert [(old, new) for _label, old, new in changes] == [("Thôn", "Bản"),
                                                            ("07:30", "08:00")]
