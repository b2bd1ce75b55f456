"""Every petition page against every role: another commune's, unit's or village's petitions
are 404; read-only roles see, and every POST of theirs is 403 and changes nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.core.petition_flow import State
from doithoai.org import access
from doithoai.org.access import acting_roles
from doithoai.org.models import Role
from doithoai.petitions.actions import answers, assignments
from doithoai.petitions.forms.petition import ACTION_FORMS
from doithoai.petitions.models import Answer, Petition
from tests.factories import AgencyFactory, ProvinceFactory, UnitFactory, VillageFactory
from tests.factories import user_with_role as role_user

PAGES = ["petitions:queue", "petitions:unit_queue", "petitions:approvals",
         "petitions:follow_up"]


@pytest.fixture
def world(commune, people, receive, settings, tmp_path):
    """One commune of a province with its people, a petition at each stage, and a second
    commune of the same province with its own clerk and petition."""
    settings.MEDIA_ROOT = tmp_path
    province = ProvinceFactory()
    commune.parent = province
    commune.save()
    other_village = VillageFactory(agency=commune)
    w = dict(people)
    w["front"] = role_user(Role.FRONT_OFFICER, agency=commune)
    w["head"] = role_user(Role.VILLAGE_HEAD, agency=commune, village=people["village"])
    w["other_head"] = role_user(Role.VILLAGE_HEAD, agency=commune, village=other_village)
    w["overseer"] = role_user(Role.OVERSEER, agency=province)
    w["other_province_overseer"] = role_user(Role.OVERSEER, agency=ProvinceFactory())
    neighbour = AgencyFactory(parent=province)
    w["neighbour_clerk"] = role_user(Role.CLERK, agency=neighbour)
    w["neighbour_unit"] = UnitFactory(agency=neighbour)
    p = assignments.assign(actor=people["clerk"], petition=receive(), unit=people["unit"])
    answers.draft_answer(actor=people["officer"], petition=p, text="Dự thảo trả lời")
    w["petition"] = Petition.objects.get(pk=p.pk)
    w["answer"] = Answer.objects.get(petition=p)
    Answer.objects.filter(pk=w["answer"].pk).update(attachment="answers/x.pdf")
    (tmp_path / "answers").mkdir()
    (tmp_path / "answers" / "x.pdf").write_bytes(b"%PDF-1.4")
    return w


def _detail_urls(w):
    p = w["petition"]
    return [reverse("petitions:detail", args=[p.pk]),
            reverse("petitions:answer_file", args=[p.pk, w["answer"].pk])]


@pytest.mark.parametrize("role,expected", [
    ("clerk", [200, 302, 200, 200]),
    ("leader", [200, 302, 200, 200]),
    ("officer", [302, 200, 200, 200]),
    ("front", [200, 302, 200, 200]),
    ("head", [200, 302, 200, 200]),
    ("supervisor", [200, 302, 200, 200]),
    ("overseer", [200, 302, 200, 200]),
])
def test_each_page_opens_for_each_role(client, world, role, expected):
    client.force_login(world[role])
    assert [client.get(reverse(name)).status_code for name in PAGES] == expected
    for url in _detail_urls(world):
        assert client.get(url).status_code == 200, url


def test_pages_need_a_sign_in(client, world):
    for name in PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/dang-nhap/" in response.url
    for url in _detail_urls(world):
        assert client.get(url).status_code == 302


@pytest.mark.parametrize("role", ["neighbour_clerk", "other_officer", "other_head",
                                  "other_province_overseer"])
def test_out_of_scope_is_404_everywhere(client, world, role):
    client.force_login(world[role])
    p = world["petition"]
    for url in _detail_urls(world):
        assert client.get(url).status_code == 404, url
    for action in ACTION_FORMS:
        url = reverse("petitions:act", args=[p.pk, action])
        assert client.post(url, {f"{action}-version": p.version}).status_code == 404, action
    assert client.post(reverse("petitions:follow_up_remind"),
                       {"petition": p.pk}).status_code == 404
    for name in ("petitions:queue", "petitions:approvals"):
        response = client.get(reverse(name))
        if response.status_code == 200:
            assert p.tracking_code not in response.content.decode(), name
    assert Petition.objects.get(pk=p.pk).version == p.version


def test_a_neighbours_unit_cannot_be_reminded(client, world):
    client.force_login(world["clerk"])
    response = client.post(reverse("petitions:follow_up_remind"),
                           {"unit": world["neighbour_unit"].pk})
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["supervisor", "overseer"])
def test_read_only_roles_get_403_on_every_post_and_nothing_changes(client, world, role):
    client.force_login(world[role])
    p = world["petition"]
    events = AuditEvent.objects.count()
    for action in ACTION_FORMS:
        url = reverse("petitions:act", args=[p.pk, action])
        data = {f"{action}-version": p.version, f"{action}-reason": "Thử",
                f"{action}-text": "Thử", f"{action}-unit": world["unit"].pk}
        assert client.post(url, data).status_code == 403, action
    assert client.post(reverse("petitions:queue_action"), {
        "ids": [p.pk], "op": "assign", "unit": world["unit"].pk}).status_code == 403
    assert client.post(reverse("petitions:follow_up_remind"),
                       {"unit": world["unit"].pk}).status_code == 403
    assert client.post(reverse("petitions:follow_up_remind"),
                       {"petition": p.pk}).status_code == 403
    fresh = Petition.objects.get(pk=p.pk)
    assert (fresh.version, fresh.state) == (p.version, State.ANSWER_DRAFTED)
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("role", ["clerk", "leader", "officer", "front", "head", "supervisor",
                                  "overseer", "neighbour_clerk", "other_officer"])
def test_roles_on_rows_agree_with_the_permission_layer(world, receive, role):
    user = world[role]
    other = receive()
    Petition.objects.filter(pk=other.pk).update(unit=world["other_unit"],
                                                received_on=dt.date(2026, 10, 1))
    for p in Petition.objects.all():
        expected = acting_roles(user, p)
        user._doithoai_scope = None  # same answer from a fresh scope
        assert access.roles_for_rows(user, [p])[p.pk] == expected, p
