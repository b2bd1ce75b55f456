"""The programme: reorder with buttons, durations, presenters, add and remove items."""

import datetime as dt

from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.dialogues import defaults
from doithoai.dialogues.actions import outcome
from tests.dialogues.test_conference_pages import past_conference, schedule, workday_ahead


def url(conference):
    return reverse("dialogues:agenda", args=[conference.pk])


def titles(conference):
    return list(conference.agenda.order_by("order").values_list("title", flat=True))


def test_items_move_up_and_down(client, clerk, plan):
    conference = schedule(plan, clerk, workday_ahead(20))
    first, second = titles(conference)[:2]
    item = conference.agenda.get(title=second)
    client.force_login(clerk)
    response = client.post(url(conference), {"op": "up", "item": item.pk})
    assert response.status_code == 302
    assert titles(conference)[:2] == [second, first]
    client.post(url(conference), {"op": "down", "item": item.pk})
    assert titles(conference)[:2] == [first, second]
    # The first item cannot go further up: nothing changes.
    top = conference.agenda.get(title=first)
    client.post(url(conference), {"op": "up", "item": top.pk})
    assert titles(conference)[:2] == [first, second]
    assert AuditEvent.objects.filter(action="agenda.move").count() == 2


def test_edit_add_remove_and_the_total(client, clerk, plan):
    conference = schedule(plan, clerk, workday_ahead(20), starts_at=dt.time(7, 30))
    client.force_login(clerk)
    total = sum(conference.agenda.values_list("minutes", flat=True))
    page = client.get(url(conference)).content.decode()
    assert f"Tổng thời lượng: {total} phút" in page and "bắt đầu 07:30" in page
    item = conference.agenda.first()

    response = client.post(url(conference), {"op": "update", "item": item.pk,
                                             f"item-{item.pk}-title": item.title,
                                             f"item-{item.pk}-presenter": "Chủ tịch UBND xã",
                                             f"item-{item.pk}-minutes": "0"})
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.presenter == ""
    response = client.post(url(conference), {"op": "update", "item": item.pk,
                                             f"item-{item.pk}-title": item.title,
                                             f"item-{item.pk}-presenter": "Chủ tịch UBND xã",
                                             f"item-{item.pk}-minutes": "20"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.presenter == "Chủ tịch UBND xã" and item.minutes == 20

    response = client.post(url(conference), {"op": "add", "new-title": "Giải lao",
                                             "new-presenter": "", "new-minutes": "15"})
    assert response.status_code == 302
    assert titles(conference)[-1] == "Giải lao"
    new_total = sum(conference.agenda.values_list("minutes", flat=True))
    assert new_total == total + 15 + 20 - defaults.PROGRAMME[0][1]
    end = (dt.datetime(2000, 1, 1, 7, 30) + dt.timedelta(minutes=new_total)).strftime("%H:%M")
    assert f"khoảng {end}" in client.get(url(conference)).content.decode()

    removed = conference.agenda.get(title="Giải lao")
    response = client.post(url(conference), {"op": "remove", "item": removed.pk})
    assert response.status_code == 302
    assert "Giải lao" not in titles(conference)
    orders = list(conference.agenda.order_by("order").values_list("order", flat=True))
    assert orders == list(range(len(orders)))


def test_an_empty_title_is_refused(client, clerk, plan):
    conference = schedule(plan, clerk, workday_ahead(20))
    count = conference.agenda.count()
    client.force_login(clerk)
    response = client.post(url(conference), {"op": "add", "new-title": " ",
                                             "new-minutes": "5"})
    assert response.status_code == 400
    assert conference.agenda.count() == count


def test_the_carry_over_item_links_to_the_report(client, clerk, plan):
    conference = schedule(plan, clerk, workday_ahead(20))
    client.force_login(clerk)
    report = reverse("dialogues:carry_over", args=[conference.pk])
    for page_url in (url(conference),
                     reverse("dialogues:conference_detail", args=[conference.pk])):
        page = client.get(page_url).content.decode()
        assert f'<a href="{report}">{defaults.CARRY_OVER_ITEM}</a>' in page


def test_after_the_session_the_programme_is_history(client, clerk, plan):
    conference = past_conference(plan, clerk)
    outcome.record_outcome(actor=clerk, conference=conference, outcome="Đã họp.",
                           attendance=80)
    before = titles(conference)
    client.force_login(clerk)
    page = client.get(url(conference)).content.decode()
    assert 'value="up"' not in page
    response = client.post(url(conference), {"op": "down",
                                             "item": conference.agenda.first().pk})
    assert response.status_code == 302
    assert titles(conference) == before
