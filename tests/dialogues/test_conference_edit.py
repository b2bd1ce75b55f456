"""Editing and moving a conference: the impact is shown before anything is saved."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from doithoai.audit.models import AuditEvent
from doithoai.dialogues.actions import outcome
from doithoai.dialogues.models import Conference, Delegate, Invitation, Milestone
from tests.dialogues.test_conference_pages import (
    form_data,
    holiday_ahead,
    past_conference,
    saturday_ahead,
    schedule,
    today,
    workday_ahead,
)


def edit_url(conference):
    return reverse("dialogues:conference_edit", args=[conference.pk])


def data_for(conference, **changes):
    base = form_data(title=conference.title, held_on=conference.held_on.isoformat()
                     if conference.held_on else "",
                     starts_at="", venue=conference.venue, topics=conference.topics,
                     hall_capacity=str(conference.hall_capacity or ""),
                     version=str(conference.version))
    return {**base, **changes}


def upcoming(plan, clerk):
    return schedule(plan, clerk, workday_ahead(20), hall_capacity=400)


def sent_invitation(conference):
    delegate = Delegate.objects.create(conference=conference, side="commune",
                                       full_name="Hoàng Văn Bình", position="Trưởng thôn")
    return Invitation.objects.create(delegate=delegate, code="DH7K2M9QX", state="sent",
                                     sent_at=timezone.now())


def test_the_form_starts_from_the_conference(client, clerk, plan):
    conference = upcoming(plan, clerk)
    client.force_login(clerk)
    response = client.get(edit_url(conference))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["held_on"] == conference.held_on
    assert form.initial["version"] == conference.version
    assert 'name="confirmed"' not in response.content.decode()  # nothing to confirm yet


def test_a_change_without_impact_is_saved_at_once(client, clerk, plan):
    conference = upcoming(plan, clerk)
    client.force_login(clerk)
    response = client.post(edit_url(conference), data_for(conference, topics="Đất đai"))
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.topics == "Đất đai"
    assert AuditEvent.objects.filter(action="conference.update").count() == 1


def test_a_later_date_moves_every_milestone(client, clerk, plan):
    conference = upcoming(plan, clerk)
    later = workday_ahead(25)  # later, within the plan's year
    client.force_login(clerk)
    response = client.post(edit_url(conference), data_for(conference, held_on=later.isoformat()))
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.held_on == later
    written = conference.milestones.get(kind=Milestone.Kind.WRITTEN_ANSWERS)
    assert written.due_on > later and later.strftime("%d/%m/%Y") in written.rule


def test_a_date_too_close_shows_what_becomes_impossible_before_saving(client, clerk, plan):
    conference = upcoming(plan, clerk)
    old = conference.held_on
    soon = workday_ahead(4)
    client.force_login(clerk)
    response = client.post(edit_url(conference), data_for(conference, held_on=soon.isoformat()))
    assert response.status_code == 400
    page = response.content.decode()
    assert "không còn kịp" in page and "Gửi giấy mời chậm nhất" in page
    assert "confirmed" in response.context["form"].errors
    conference.refresh_from_db()
    assert conference.held_on == old  # nothing saved yet

    response = client.post(edit_url(conference), data_for(conference, held_on=soon.isoformat(),
                                                           confirmed="on"))
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.held_on == soon
    invitations = conference.milestones.get(kind=Milestone.Kind.INVITATIONS)
    assert invitations.due_on < today()


def test_after_invitations_went_out_a_reason_is_required(client, clerk, plan):
    conference = upcoming(plan, clerk)
    invitation = sent_invitation(conference)
    client.force_login(clerk)
    moved = data_for(conference, venue="Nhà văn hóa thôn Nà Pàn")

    response = client.post(edit_url(conference), moved)
    assert response.status_code == 400
    assert "Giấy mời đã gửi cho 1 đại biểu" in response.content.decode()
    response = client.post(edit_url(conference), {**moved, "confirmed": "on"})
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    conference.refresh_from_db()
    assert conference.venue != "Nhà văn hóa thôn Nà Pàn"

    response = client.post(edit_url(conference), {**moved, "confirmed": "on",
                                                  "reason": "Hội trường đang sửa chữa"})
    assert response.status_code == 302
    conference.refresh_from_db()
    invitation.refresh_from_db()
    assert conference.venue == "Nhà văn hóa thôn Nà Pàn" and invitation.needs_resend
    event = AuditEvent.objects.filter(action="conference.update").latest("seq")
    assert event.reason == "Hội trường đang sửa chữa"
    assert "1 giấy mời cần gửi lại" in client.get(
        reverse("dialogues:conference_detail", args=[conference.pk])).content.decode()


def test_a_change_that_does_not_move_the_session_needs_no_reason(client, clerk, plan):
    conference = upcoming(plan, clerk)
    invitation = sent_invitation(conference)
    client.force_login(clerk)
    response = client.post(edit_url(conference), data_for(conference, topics="Môi trường"))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert not invitation.needs_resend


def test_past_and_holiday_dates_are_refused(client, clerk, plan):
    conference = upcoming(plan, clerk)
    client.force_login(clerk)
    for day, words in ((today() - dt.timedelta(days=2), "đã qua"),
                       (holiday_ahead(), "ngày nghỉ")):
        response = client.post(edit_url(conference), data_for(
            conference, held_on=day.isoformat(), confirmed="on"))
        assert response.status_code == 400
        assert words in " ".join(response.context["form"].errors["held_on"])
    conference.refresh_from_db()
    assert conference.held_on == workday_ahead(20)


def test_a_weekend_is_kept_only_when_confirmed(client, clerk, plan):
    conference = upcoming(plan, clerk)
    saturday = saturday_ahead()
    client.force_login(clerk)
    response = client.post(edit_url(conference), data_for(conference,
                                                           held_on=saturday.isoformat()))
    assert response.status_code == 400 and "cuối tuần" in response.content.decode()
    response = client.post(edit_url(conference), data_for(conference,
                                                           held_on=saturday.isoformat(),
                                                           confirmed="on"))
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.held_on == saturday


def test_a_hall_too_small_is_refused_and_nothing_changes(client, clerk, plan):
    conference = upcoming(plan, clerk)
    client.force_login(clerk)
    response = client.post(edit_url(conference), data_for(conference, hall_capacity="30",
                                                           topics="Khác"))
    assert response.status_code == 400
    assert "hội trường chỉ có 30 chỗ" in " ".join(response.context["form"].errors[
        "hall_capacity"])
    conference.refresh_from_db()
    assert conference.hall_capacity == 400 and conference.topics != "Khác"


def test_a_stale_form_is_refused(client, clerk, plan):
    conference = upcoming(plan, clerk)
    stale = data_for(conference, topics="Bản cũ")
    client.force_login(clerk)
    assert client.post(edit_url(conference), data_for(conference, topics="Bản mới")
                       ).status_code == 302
    response = client.post(edit_url(conference), stale)
    assert response.status_code == 400 and "Người khác vừa cập nhật" in response.content.decode()
    conference.refresh_from_db()
    assert conference.topics == "Bản mới"


def test_the_date_can_go_back_to_be_announced(client, clerk, plan):
    conference = upcoming(plan, clerk)
    client.force_login(clerk)
    response = client.post(edit_url(conference), data_for(conference, held_on=""))
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.held_on is None
    assert not conference.milestones.exclude(kind="task").exclude(due_on=None).exists()


def test_a_held_conference_is_not_edited(client, clerk, plan):
    conference = past_conference(plan, clerk)
    outcome.record_outcome(actor=clerk, conference=conference, outcome="Đã họp.",
                           attendance=90)
    conference.refresh_from_db()
    client.force_login(clerk)
    response = client.get(edit_url(conference))
    assert response.status_code == 302
    response = client.post(edit_url(conference), data_for(conference, topics="Khác"))
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.state == Conference.State.HELD and conference.topics != "Khác"
