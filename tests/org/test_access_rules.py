"""The permission vocabulary: named rules, asked by `can` / `require`, by `roles_for_rows` on
list pages and by the `{% can %}` template tag."""

import pytest
from django.core.exceptions import PermissionDenied
from django.template import Context, Template
from django.test import RequestFactory
from django.utils.translation import gettext_lazy as _

from doithoai.org import access
from doithoai.org.access import (
    OFFICE_ROLES,
    acting_roles,
    can,
    is_system_admin,
    require,
    roles_for_rows,
    rule,
    rule_named,
)
from doithoai.org.models import Person, Role
from tests.factories import PersonFactory, UserFactory, user_with_role

REFUSAL = _("Chỉ Văn phòng và lãnh đạo UBND được sửa thông tin này.")


@pytest.fixture(autouse=True)
def _own_rules(monkeypatch):
    """Each test declares its rules in a registry of its own (the apps' rules stay)."""
    monkeypatch.setattr(access, "_RULES", dict(access._RULES))


@pytest.fixture
def edit_person():
    return rule("tests.edit_person", OFFICE_ROLES, REFUSAL)


@pytest.fixture
def people(world):
    """Users of the first commune and a person of its first unit."""
    commune = world["communes"][0]
    unit, other_unit = world["units0"]
    return {
        "person": world["unit_people0"][0],
        "clerk": user_with_role(Role.CLERK, agency=commune),
        "leader": user_with_role(Role.LEADER, agency=commune),
        "unit officer": user_with_role(Role.UNIT_OFFICER, agency=commune, unit=unit),
        "other unit's officer": user_with_role(Role.UNIT_OFFICER, agency=commune,
                                               unit=other_unit),
        "supervisor": user_with_role(Role.SUPERVISOR, agency=commune),
        "other commune's clerk": user_with_role(Role.CLERK, agency=world["communes"][1]),
        "admin": user_with_role(Role.ADMIN),
        "superuser": UserFactory(is_superuser=True),
        "stranger": UserFactory(),
    }


MAY_EDIT = {"clerk", "leader", "admin", "superuser"}


def test_can_answers_by_the_rule_roles_acting_on_the_object(people, edit_person):
    person = people["person"]
    for name, user in people.items():
        if name == "person":
            continue
        assert can(user, edit_person, person) is (name in MAY_EDIT), name
        assert can(user, "tests.edit_person", person) is (name in MAY_EDIT), name


def test_require_returns_the_acting_roles_or_refuses_with_the_rule_message(people, edit_person):
    person = people["person"]
    assert require(people["leader"], edit_person, person) == {Role.LEADER}
    assert require(people["admin"], "tests.edit_person", person) == {Role.ADMIN}
    for name in ("unit officer", "supervisor", "other commune's clerk", "stranger"):
        with pytest.raises(PermissionDenied) as refused:
            require(people[name], edit_person, person)
        assert str(refused.value) == str(REFUSAL), name


def test_a_rule_declared_twice_is_refused(edit_person):
    with pytest.raises(ValueError, match="tests.edit_person"):
        rule("tests.edit_person", {Role.CLERK}, REFUSAL)
    assert rule_named("tests.edit_person") is edit_person
    assert str(edit_person) == "tests.edit_person"


def test_an_unknown_permission_is_an_error_not_a_refusal(people):
    with pytest.raises(LookupError, match="tests.nothing"):
        can(people["clerk"], "tests.nothing", people["person"])


def test_the_template_tag_answers_true_or_false(people, edit_person):
    template = Template('{% load access %}{% can "tests.edit_person" person as ok %}'
                        '{% if ok %}có{% else %}không{% endif %}')

    def render(user, person=people["person"]):
        request = RequestFactory().get("/")
        request.user = user
        return template.render(Context({"request": request, "person": person}))

    assert render(people["clerk"]) == "có"
    assert render(people["admin"]) == "có"
    assert render(people["unit officer"]) == "không"
    assert render(people["stranger"]) == "không"
    assert render(people["clerk"], person=None) == "không"
    # No request in the context (an e-mail, a document): nobody may.
    assert template.render(Context({"person": people["person"]})) == "không"


def test_roles_for_rows_reads_loaded_rows_without_a_query_each(
        world, people, django_assert_num_queries):
    rows = list(Person.objects.filter(agency=world["communes"][0]))
    for name, user in people.items():
        if name == "person":
            continue
        expected = {row.pk: acting_roles(user, row) for row in rows}
        with django_assert_num_queries(0):  # the scope is computed once, by acting_roles
            assert roles_for_rows(user, rows) == expected, name


def test_roles_for_rows_follows_a_scope_path_through_an_empty_relation(
        world, people, monkeypatch):
    """A row whose path to its agency passes through a missing relation reaches nobody but
    the administrators, in memory as in the database."""
    monkeypatch.setattr(Person, "scope_paths",
                        {"agency": "unit__agency", "unit": "unit", "village": "village"})
    commune = world["communes"][0]
    rows = [PersonFactory(agency=commune), world["unit_people0"][0]]
    for name, user in people.items():
        if name == "person":
            continue
        expected = {row.pk: acting_roles(user, row) for row in rows}
        assert roles_for_rows(user, rows) == expected, name
        if not is_system_admin(user):
            assert expected[rows[0].pk] == frozenset(), name


def test_is_system_admin(people):
    assert is_system_admin(people["superuser"]) and is_system_admin(people["admin"])
    assert not is_system_admin(people["clerk"])
