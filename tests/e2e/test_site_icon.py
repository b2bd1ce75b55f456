"""The hall screen names no icon, so the browser asks for /favicon.ico: the site answers with
its icon, and the screen's console shows no failed request (no 404)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from doithoai.demo.data import DEMO_PASSWORD
from doithoai.dialogues.actions import plans
from doithoai.dialogues.models import Conference
from doithoai.org.models import Agency, User
from tests.e2e.conftest import login, settle

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_hall_screen_loads_without_a_failed_request(page, transactional_db,
                                                         load_organisation):
    load_organisation()
    commune = Agency.objects.get(code="ubnd-xa-diem-he")
    clerk = User.objects.get(username="vanphong")
    plan = plans.create_plan(actor=clerk, agency=commune, year=timezone.localdate().year)
    conference = Conference.objects.create(
        agency=commune, plan=plan, title="Hội nghị đối thoại với Nhân dân xã Điềm He",
        held_on=timezone.localdate(), starts_at=dt.time(8, 0), venue="Hội trường UBND xã")
    login(page, "vanphong", DEMO_PASSWORD)
    failed, errors = [], []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(reverse("live:screen", args=[conference.pk]))
    settle(page)
    icon = page.request.get("/favicon.ico")
    assert icon.status == 200 and icon.headers["content-type"] == "image/svg+xml"
    assert failed == [] and errors == []
