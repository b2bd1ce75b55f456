"""The batch page names its conference as a link for those who may see it, and the village's
opinions for that conference while it is being prepared."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from doithoai.dialogues.actions import conferences, plans
from doithoai.dialogues.models import Conference
from doithoai.org.access import visible
from doithoai.org.models import Role
from doithoai.petitions.actions import intake
from doithoai.petitions.models import Channel, IntakeBatch
from doithoai.workdays.calendar import get_calendar
from tests.factories import user_with_role
from tests.petitions.intake_support import make_commune


@pytest.fixture
def c(db):
    return make_commune()


@pytest.fixture
def conference(c):
    day = timezone.localdate() + dt.timedelta(days=30)
    while not get_calendar().is_workday(day):
        day += dt.timedelta(days=1)
    # the plan of the conference's own year, whatever the season
    plan = plans.create_plan(actor=c["clerk"], agency=c["agency"], year=day.year)
    return conferences.schedule_conference(actor=c["clerk"], plan=plan, data={"held_on": day})


def _batch(c, conference, *, village="na_pan", actor="clerk") -> IntakeBatch:
    return intake.start_batch(actor=c[actor], agency=c["agency"], name="Phiếu thôn",
                              channel=Channel.SURVEY_FORM, received_on=timezone.localdate(),
                              village=c[village] if village else None, conference=conference)


def _page(client, user, batch) -> str:
    client.force_login(user)
    response = client.get(reverse("intake:batch", args=[batch.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_conference_and_the_village_opinions_are_links(client, c, conference):
    batch = _batch(c, conference)
    page = _page(client, c["clerk"], batch)
    detail = reverse("dialogues:conference_detail", args=[conference.pk])
    opinions = reverse("dialogues:village_opinions", args=[conference.pk, c["na_pan"].pk])
    assert f'<a href="{detail}">{conference.title}</a>' in page
    assert f'<a href="{opinions}">Ý kiến của Thôn Nà Pàn gửi hội nghị</a>' in page
    assert conference.held_on.strftime("%d/%m/%Y") in page
    assert client.get(detail).status_code == 200 and client.get(opinions).status_code == 200


def test_a_batch_of_several_villages_links_only_the_conference(client, c, conference):
    page = _page(client, c["clerk"], _batch(c, conference, village=None))
    assert reverse("dialogues:conference_detail", args=[conference.pk]) in page
    assert "/y-kien-cac-thon/" not in page


def test_a_held_conference_no_longer_links_the_village_opinions(client, c, conference):
    batch = _batch(c, conference)
    Conference.objects.filter(pk=conference.pk).update(state=Conference.State.HELD)
    page = _page(client, c["clerk"], batch)
    assert reverse("dialogues:conference_detail", args=[conference.pk]) in page
    assert "/y-kien-cac-thon/" not in page


def test_who_cannot_see_the_conference_gets_its_name_without_a_link(client, c, conference,
                                                                    monkeypatch):
    batch = _batch(c, conference)
    user = c["front"]
    # The page asks the access layer; a user it hides the conference from gets plain text.
    real = visible

    def hiding(qs_or_model, who):
        qs = real(qs_or_model, who)
        return qs.none() if qs.model is Conference else qs

    monkeypatch.setattr("doithoai.dialogues.occasions.visible", hiding)
    page = _page(client, user, batch)
    assert conference.title in page
    assert reverse("dialogues:conference_detail", args=[conference.pk]) not in page
    assert "/y-kien-cac-thon/" not in page


@pytest.mark.parametrize("role", ["clerk", "leader", "front", "head"])
def test_every_link_shown_opens(client, c, conference, role):
    batch = _batch(c, conference, actor="clerk")
    page = _page(client, c[role], batch)
    for name, args in (("dialogues:conference_detail", [conference.pk]),
                       ("dialogues:village_opinions", [conference.pk, c["na_pan"].pk])):
        url = reverse(name, args=args)
        if url in page:
            assert client.get(url).status_code == 200, (role, url)
        else:
            assert client.get(url).status_code == 404, (role, url)


def test_another_communes_clerk_gets_404(client, c, conference):
    batch = _batch(c, conference)
    client.force_login(c["other_clerk"])
    assert client.get(reverse("intake:batch", args=[batch.pk])).status_code == 404


def test_an_intake_user_of_another_village_does_not_get_that_villages_link(client, c,
                                                                            conference):
    head = user_with_role(Role.VILLAGE_HEAD, agency=c["agency"], village=c["ban_chu"])
    batch = _batch(c, conference, village="ban_chu", actor="clerk")
    page = _page(client, head, batch)
    opinions = reverse("dialogues:village_opinions", args=[conference.pk, c["ban_chu"].pk])
    assert (opinions in page) == (client.get(opinions).status_code == 200)
