"""The permission layer, role by role: what each sees, what each may change, and that
everything outside the scope answers 404 on every page."""

import pytest
from django.urls import reverse

from doithoai.org.access import changeable, visible
from doithoai.org.models import Agency, Person, Role, Unit, Village
from tests.factories import user_with_role


def _login(client, user):
    client.force_login(user)
    return client


def _ids(qs):
    return set(qs.values_list("pk", flat=True))


# --- what each role sees --------------------------------------------------------------

@pytest.mark.parametrize("role", [Role.CLERK, Role.LEADER, Role.FRONT_OFFICER, Role.SUPERVISOR])
def test_agency_wide_roles_see_their_commune_and_nothing_else(world, role):
    mine, other, far = world["communes"]
    user = user_with_role(role, agency=mine)
    assert _ids(visible(Agency, user)) == {mine.pk}
    assert _ids(visible(Unit, user)) == {u.pk for u in world["units0"]}
    assert _ids(visible(Village, user)) == {v.pk for v in world["villages0"]}
    assert _ids(visible(Person, user)) == {
        p.pk for p in world["unit_people0"] + world["village_people0"]}


def test_unit_officer_sees_only_own_unit(world):
    mine = world["communes"][0]
    unit, other_unit = world["units0"]
    user = user_with_role(Role.UNIT_OFFICER, agency=mine, unit=unit)
    assert _ids(visible(Unit, user)) == {unit.pk}
    assert _ids(visible(Person, user)) == {world["unit_people0"][0].pk}
    # Villages carry no unit: a unit answers for all of them, so it may read their names.
    assert _ids(visible(Village, user)) == {v.pk for v in world["villages0"]}


def test_village_head_sees_only_own_village(world):
    mine = world["communes"][0]
    village = world["villages0"][0]
    user = user_with_role(Role.VILLAGE_HEAD, agency=mine, village=village)
    assert _ids(visible(Village, user)) == {village.pk}
    assert _ids(visible(Person, user)) == {world["village_people0"][0].pk}


def test_overseer_sees_the_communes_of_its_province_only(world):
    user = user_with_role(Role.OVERSEER, agency=world["province"])
    first, second, far = world["communes"]
    assert _ids(visible(Agency, user)) == {world["province"].pk, first.pk, second.pk}
    assert far.pk not in _ids(visible(Agency, user))
    assert not visible(Village, user).filter(agency=far).exists()
    assert visible(Village, user).filter(agency=second).count() == 2


def test_user_without_membership_sees_nothing(world):
    user = user_with_role(Role.CLERK, agency=world["communes"][0])
    user.memberships.all().delete()
    user._doithoai_scope = None
    for model in (Agency, Unit, Village, Person):
        assert not visible(model, user).exists()


def test_system_admin_sees_everything(world):
    user = user_with_role(Role.ADMIN)
    assert visible(Agency, user).count() == Agency.objects.count()
    assert changeable(Person, user).count() == Person.objects.count()


def test_several_roles_add_up(world):
    mine = world["communes"][0]
    user = user_with_role(Role.UNIT_OFFICER, agency=mine, unit=world["units0"][0])
    from doithoai.org.models import Membership
    Membership.objects.create(user=user, role=Role.VILLAGE_HEAD, agency=mine,
                              village=world["villages0"][1])
    assert _ids(visible(Person, user)) == {
        world["unit_people0"][0].pk, world["village_people0"][1].pk}


# --- what each role may change ---------------------------------------------------------

def test_read_only_roles_change_nothing(world):
    supervisor = user_with_role(Role.SUPERVISOR, agency=world["communes"][0])
    overseer = user_with_role(Role.OVERSEER, agency=world["province"])
    for user in (supervisor, overseer):
        for model in (Agency, Unit, Village, Person):
            assert not changeable(model, user).exists(), (user, model)


def test_clerk_changes_own_commune_only(world):
    user = user_with_role(Role.CLERK, agency=world["communes"][0])
    assert _ids(changeable(Village, user)) == {v.pk for v in world["villages0"]}


def test_unit_officer_and_village_head_change_their_own_part(world):
    mine = world["communes"][0]
    officer = user_with_role(Role.UNIT_OFFICER, agency=mine, unit=world["units0"][0])
    head = user_with_role(Role.VILLAGE_HEAD, agency=mine, village=world["villages0"][0])
    assert _ids(changeable(Person, officer)) == {world["unit_people0"][0].pk}
    assert not changeable(Village, officer).exists()
    assert _ids(changeable(Village, head)) == {world["villages0"][0].pk}
    assert _ids(changeable(Person, head)) == {world["village_people0"][0].pk}


# --- pages: 404 outside the scope, 403 for read-only changes -----------------------------

ROLE_SETUPS = {
    "clerk": lambda w: user_with_role(Role.CLERK, agency=w["communes"][0]),
    "leader": lambda w: user_with_role(Role.LEADER, agency=w["communes"][0]),
    "front_officer": lambda w: user_with_role(Role.FRONT_OFFICER, agency=w["communes"][0]),
    "supervisor": lambda w: user_with_role(Role.SUPERVISOR, agency=w["communes"][0]),
    "unit_officer": lambda w: user_with_role(Role.UNIT_OFFICER, agency=w["communes"][0],
                                             unit=w["units0"][0]),
    "village_head": lambda w: user_with_role(Role.VILLAGE_HEAD, agency=w["communes"][0],
                                             village=w["villages0"][0]),
    "overseer": lambda w: user_with_role(Role.OVERSEER, agency=w["province"]),
}


def _foreign_urls(w, role):
    """Pages of objects this role must not see at all."""
    far = w["communes"][2]
    urls = [
        reverse("org:agency_detail", args=[far.pk]),
        reverse("org:unit_detail", args=[w["units2"][0].pk]),
        reverse("org:village_detail", args=[w["villages2"][0].pk]),
        reverse("org:village_edit", args=[w["villages2"][0].pk]),
        reverse("org:person_edit", args=[w["village_people2"][0].pk]),
        reverse("audit:history", args=["org.village", w["villages2"][0].pk]),
        reverse("audit:history", args=["org.person", w["unit_people2"][0].pk]),
    ]
    if role != "overseer":  # the overseer's province holds communes 0 and 1
        urls += [
            reverse("org:agency_detail", args=[w["communes"][1].pk]),
            reverse("org:village_detail", args=[w["villages1"][0].pk]),
        ]
    if role == "unit_officer":
        urls += [
            reverse("org:unit_detail", args=[w["units0"][1].pk]),
            reverse("org:person_edit", args=[w["unit_people0"][1].pk]),
            reverse("audit:history", args=["org.unit", w["units0"][1].pk]),
        ]
    if role == "village_head":
        urls += [
            reverse("org:village_detail", args=[w["villages0"][1].pk]),
            reverse("org:village_edit", args=[w["villages0"][1].pk]),
            reverse("org:person_edit", args=[w["village_people0"][1].pk]),
            reverse("audit:history", args=["org.village", w["villages0"][1].pk]),
        ]
    return urls


@pytest.mark.parametrize("role", sorted(ROLE_SETUPS))
def test_objects_outside_the_scope_are_404(client, world, role):
    _login(client, ROLE_SETUPS[role](world))
    for url in _foreign_urls(world, role):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "X", "reason": "thử"}).status_code in (404, 405), url


@pytest.mark.parametrize("role", ["supervisor", "overseer"])
def test_read_only_roles_get_403_and_nothing_changes(client, world, role):
    _login(client, ROLE_SETUPS[role](world))
    village = world["villages0"][0]
    person = world["village_people0"][0]
    assert client.get(reverse("org:village_detail", args=[village.pk])).status_code == 200
    for url, data in [
        (reverse("org:village_edit", args=[village.pk]),
         {"name": "Thôn Đổi Tên", "kind": "thon", "reason": "thử"}),
        (reverse("org:person_edit", args=[person.pk]),
         {"full_name": "Tên Mới", "reason": "thử"}),
    ]:
        assert client.get(url).status_code == 403
        assert client.post(url, data).status_code == 403
    village.refresh_from_db()
    person.refresh_from_db()
    assert village.name != "Thôn Đổi Tên" and person.full_name != "Tên Mới"


def test_pages_require_login(client, world):
    url = reverse("org:village_detail", args=[world["villages0"][0].pk])
    response = client.get(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]
