"""Public pages of dialogues: announcement, published plan, results; no login, no personal
data, nothing of a draft."""

import datetime as dt

import pytest
from django.urls import reverse

from doithoai.dialogues.actions import conferences, plans
from doithoai.dialogues.models import AgendaItem
from doithoai.org.models import Agency
from tests.dialogues.oversight_fixtures import (
    SCHEDULED_ON,
    conclude,
    held_conference,
    petitions_in_every_state,
)


@pytest.fixture
def world(commune, clerk, leader):
    plan, conference = held_conference(commune, clerk, leader)
    made = petitions_in_every_state(commune, conference, clerk, leader)
    return {"plan": plan, "conference": conference, **made}


def test_announcement(client, world, commune):
    conference = world["conference"]
    response = client.get(reverse("dialogues_public:announcement", args=[conference.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert conference.title in body and "12/06/2026" in body and conference.venue in body
    first_item = AgendaItem.objects.filter(conference=conference).first()
    assert first_item.title in body
    # How to send opinions: the online form of this commune, and its QR code with a label.
    form_url = f"/gui-y-kien/?xa={commune.code}"
    assert form_url in body
    assert '<svg role="img" aria-label="Mã QR mở trang gửi ý kiến: http' in body
    assert reverse("dialogues_public:plan", args=[world["plan"].pk]) in body
    assert reverse("dialogues_public:results", args=[conference.pk]) not in body  # not yet


def test_announcement_time_to_be_announced(client, commune, clerk, world):
    later = conferences.schedule_conference(actor=clerk, plan=world["plan"], data={},
                                            today=SCHEDULED_ON)
    body = client.get(reverse("dialogues_public:announcement", args=[later.pk])
                      ).content.decode()
    assert "Thời gian sẽ thông báo sau" in body


def test_drafts_are_not_public(client, commune, clerk):
    plan = plans.create_plan(actor=clerk, agency=commune, year=2027)
    conference = conferences.schedule_conference(
        actor=clerk, plan=plan, data={"held_on": dt.date(2027, 6, 11)}, today=SCHEDULED_ON)
    assert client.get(reverse("dialogues_public:announcement",
                              args=[conference.pk])).status_code == 404
    assert client.get(reverse("dialogues_public:results",
                              args=[conference.pk])).status_code == 404
    assert client.get(reverse("dialogues_public:plan", args=[plan.pk])).status_code == 404
    index = client.get(reverse("dialogues_public:index"), {"xa": commune.code})
    assert conference.title not in index.content.decode()


def test_issued_plan_announces_but_is_published_only_when_published(client, commune, clerk):
    plan = plans.create_plan(actor=clerk, agency=commune, year=2027)
    plan = plans.issue_plan(actor=clerk, plan=plan, number="3/KH-UBND",
                            issued_on=dt.date(2026, 11, 2))
    conference = conferences.schedule_conference(
        actor=clerk, plan=plan, data={"held_on": dt.date(2027, 6, 11)}, today=SCHEDULED_ON)
    assert client.get(reverse("dialogues_public:announcement",
                              args=[conference.pk])).status_code == 200
    assert client.get(reverse("dialogues_public:plan", args=[plan.pk])).status_code == 404
    plans.publish_plan(actor=clerk, plan=plan)
    response = client.get(reverse("dialogues_public:plan", args=[plan.pk]))
    assert response.status_code == 200
    assert "3/KH-UBND" in response.content.decode()


def test_results_only_after_the_conclusion(client, world, clerk):
    conference = world["conference"]
    url = reverse("dialogues_public:results", args=[conference.pk])
    assert client.get(url).status_code == 404
    conclude(conference, clerk)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "45/TB-UBND" in body and "16/06/2026" in body
    assert "UBND xã giao các đơn vị trả lời bằng văn bản đúng hạn." in body
    figures = response.context["figures"]
    assert (figures.received, figures.answered_at_conference) == (10, 2)
    # Written track: 2 answered in writing and 3 still open.
    assert response.context["written"] == 5
    assert "Đề nghị sửa đường liên thôn Nà Pàn." in body
    assert "Đã có kế hoạch sửa trong quý III." in body  # the answer given at the conference
    assert world["open_assigned"].due_date.strftime("%d/%m/%Y") in body
    announcement = client.get(reverse("dialogues_public:announcement", args=[conference.pk]))
    assert url in announcement.content.decode()


def test_results_hide_personal_data_and_denunciations(client, world, clerk):
    conclude(world["conference"], clerk)
    body = client.get(reverse("dialogues_public:results", args=[world["conference"].pk])
                      ).content.decode()
    assert "Hoàng Văn Bí Mật" not in body and "0912 345" not in body
    assert "Lường Văn Tố" not in body and "Tố cáo cán bộ" not in body
    for petition in (world["at_conference"], world["late"]):
        assert petition.tracking_code not in body
    items = client.get(reverse("dialogues_public:results", args=[world["conference"].pk])
                       ).context["items"]
    assert len(items) == 9  # the denunciation is left out


def test_hidden_petition_shows_neither_text_nor_answer(client, world, clerk):
    from doithoai.petitions.models import Petition

    Petition.objects.filter(pk=world["at_conference"].pk).update(hide_from_public=True)
    conclude(world["conference"], clerk)
    body = client.get(reverse("dialogues_public:results", args=[world["conference"].pk])
                      ).content.decode()
    assert "Đề nghị sửa đường liên thôn Nà Pàn." not in body
    assert "Đã có kế hoạch sửa trong quý III." not in body
    assert "Nội dung không công khai" in body


def test_index(client, world, commune):
    response = client.get(reverse("dialogues_public:index"), {"xa": commune.code})
    assert response.status_code == 200
    body = response.content.decode()
    assert world["conference"].title in body
    assert reverse("dialogues_public:plan", args=[world["plan"].pk]) in body
    chooser = client.get(reverse("dialogues_public:index"))
    assert chooser.status_code == 200
    van_quan = Agency.objects.get(code="ubnd-xa-van-quan")
    assert van_quan.name in chooser.content.decode()
    assert client.get(reverse("dialogues_public:index"), {"xa": "khong-co"}).status_code == 404


def test_unknown_pages_are_404(client, db):
    for name in ("announcement", "results", "plan"):
        assert client.get(reverse(f"dialogues_public:{name}", args=[999999])).status_code == 404
