"""The QR code of a conference's announcement opens the online form for that conference:
what a citizen sends there joins the conference being prepared."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from doithoai.dialogues.actions import conferences, plans
from doithoai.dialogues.selectors import conference_links
from doithoai.org.models import Village
from doithoai.petitions.models import Field, Petition
from doithoai.public.forms import new_token


@pytest.fixture
def upcoming(plan, clerk):
    plans.issue_plan(actor=clerk, plan=plan, number="27/KH-UBND",
                     issued_on=dt.date(2026, 5, 15))
    day = timezone.localdate() + dt.timedelta(days=20)
    while day.weekday() > 4:
        day += dt.timedelta(days=1)
    return conferences.schedule_conference(actor=clerk, plan=plan, data={"held_on": day})


def _post(client, commune, conference_pk):
    client.get(reverse("public:submit") + f"?xa={commune.code}")  # creates the fields
    return client.post(reverse("public:submit"), {
        "xa": commune.code, "hoi_nghi": conference_pk, "token": new_token(),
        "village": Village.objects.filter(agency=commune).first().pk,
        "field": Field.objects.filter(agency=commune).first().pk,
        "text": "Đề nghị sửa đường vào thôn trước mùa mưa."})


def test_the_announcements_link_names_the_conference(client, commune, upcoming):
    page = client.get(reverse("dialogues_public:announcement", args=[upcoming.pk]))
    assert f"hoi-nghi={upcoming.pk}" in page.content.decode()
    form = client.get(reverse("public:submit") + f"?xa={commune.code}&hoi-nghi={upcoming.pk}")
    assert upcoming.title in form.content.decode()


def test_an_opinion_sent_from_the_announcement_joins_the_conference(client, commune,
                                                                   upcoming):
    assert _post(client, commune, upcoming.pk).status_code == 302
    assert conference_links.of_petition(Petition.objects.get()) == upcoming


def test_a_foreign_or_finished_conference_is_ignored_and_the_opinion_kept(client, commune,
                                                                          upcoming):
    upcoming.state = upcoming.State.HELD
    upcoming.save()
    assert _post(client, commune, upcoming.pk).status_code == 302
    assert _post(client, commune, 999999).status_code == 302
    assert Petition.objects.count() == 2
    assert not Petition.objects.exclude(conference=None).exists()
