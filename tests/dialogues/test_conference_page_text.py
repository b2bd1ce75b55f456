"""What the conference pages say after a refusal: the confirmation box of the edit page
reads as one line, and a refused close says how many opinions are left once."""

import re

from django.urls import reverse

from doithoai.dialogues.models import Conference
from tests.dialogues.test_conference_edit import data_for, edit_url, sent_invitation, upcoming
from tests.dialogues.test_conference_pages import (
    answer_at_conference,
    detail_url,
    past_conference,
    receive_for,
    workday_ahead,
)

LABEL = "Tôi đã xem cảnh báo và vẫn giữ thay đổi này"


def _confirm_block(page: str) -> str:
    found = re.search(r'<div class="field confirm">(.*?)</div>', page, re.S)
    assert found, page
    return found.group(1)


def test_the_confirmation_box_sits_before_its_label_with_the_error_above(client, clerk,
                                                                          plan):
    conference = upcoming(plan, clerk)
    client.force_login(clerk)
    response = client.post(edit_url(conference),
                           data_for(conference, held_on=workday_ahead(4).isoformat()))
    assert response.status_code == 400
    block = _confirm_block(response.content.decode())
    error = block.index('class="errorlist"')
    box = block.index('type="checkbox"')
    label = block.index(f'<label for="id_confirmed">{LABEL}</label>')
    assert error < box < label
    assert f"{LABEL}:" not in block  # no trailing colon on a label after its box
    # Box and label share one line (one paragraph), the box points at its error.
    line = re.search(r'<p class="check">(.*?)</p>', block, re.S).group(1)
    assert 'type="checkbox"' in line and LABEL in line
    assert 'aria-describedby="id_confirmed_error"' in line and 'aria-invalid="true"' in line
    assert 'id="id_confirmed_error"' in block


def test_a_ticked_box_stays_ticked_when_another_field_is_refused(client, clerk, plan):
    conference = upcoming(plan, clerk)
    sent_invitation(conference)
    client.force_login(clerk)
    response = client.post(edit_url(conference), data_for(
        conference, venue="Nhà văn hóa thôn Nà Pàn", confirmed="on"))  # no reason given
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors
    line = re.search(r'<p class="check">(.*?)</p>', _confirm_block(response.content.decode()),
                     re.S).group(1)
    assert " checked" in line and "errorlist" not in line


def _concluded(client, clerk, plan):
    conference = past_conference(plan, clerk)
    first = receive_for(conference)
    receive_for(conference, text="Đề nghị lắp đèn chiếu sáng đường thôn.")
    receive_for(conference, text="Đề nghị nạo vét kênh mương nội đồng.")
    receive_for(conference, text="Đề nghị sửa nhà văn hóa thôn.")
    answer_at_conference(first, clerk)
    client.force_login(clerk)
    client.post(reverse("dialogues:conference_outcome", args=[conference.pk]),
                {"outcome": "Đã đối thoại.", "attendance": "", "version": conference.version})
    conference.refresh_from_db()
    client.post(reverse("dialogues:conference_conclude", args=[conference.pk]),
                {"concluded_on": conference.held_on.isoformat(),
                 "conclusion": "Kết luận.", "version": conference.version, "da_ky": "on"})
    conference.refresh_from_db()
    assert conference.state == Conference.State.CONCLUDED
    return conference


def test_a_refused_close_says_how_many_are_left_once(client, clerk, plan):
    conference = _concluded(client, clerk, plan)
    sentence = "Còn 3 ý kiến chưa được trả lời hoặc chuyển cấp trên."

    page = client.get(detail_url(conference)).content.decode()
    assert page.count(sentence) == 1  # before trying: the paragraph says it

    response = client.post(reverse("dialogues:conference_close", args=[conference.pk]),
                           {"version": conference.version})
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count(sentence) == 1  # the error says it; the paragraph does not repeat it
    alert = re.search(r'<div class="form-problem" role="alert">(.*?)</div>', page, re.S)
    assert sentence in alert.group(1)
    assert "Xem các ý kiến còn mở" in page  # the way to the open opinions is still there
    conference.refresh_from_db()
    assert conference.state == Conference.State.CONCLUDED


def test_another_refusal_of_close_still_shows_the_count(client, clerk, plan):
    conference = _concluded(client, clerk, plan)
    response = client.post(reverse("dialogues:conference_close", args=[conference.pk]),
                           {"version": conference.version - 1})  # stale: someone else saved
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("Còn 3 ý kiến chưa được trả lời hoặc chuyển cấp trên.") == 1
