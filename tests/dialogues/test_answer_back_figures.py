"""What the citizens said of the answers, in the commune's yearly figures and the province's
roll-up: the ratings of the answers in force (satisfied or not) and the petitions a citizen
reopened ("Chưa được giải quyết"), counted by the database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doithoai.dialogues.selectors import oversight
from doithoai.org.models import User
from doithoai.petitions.actions import answer_back
from doithoai.petitions.models import Petition
from tests.dialogues.oversight_fixtures import (
    conclude,
    held_conference,
    petitions_in_every_state,
)


@pytest.fixture
def world(commune, clerk, leader):
    _plan, conference = held_conference(commune, clerk, leader)
    made = petitions_in_every_state(commune, conclude(conference, clerk), clerk, leader)
    # four answered in force: two rated satisfied, one not; one reopened by its citizen
    answer_back.rate_answer(petition=made["at_conference"], satisfied=True)
    answer_back.rate_answer(petition=made["on_time"], satisfied=True)
    answer_back.rate_answer(petition=made["late"], satisfied=False)
    answer_back.ask_again(petition=made["late"], reason="Giống cây hỗ trợ chưa về thôn.")
    return made


def test_the_figures_count_ratings_and_reopened_petitions(world, commune):
    petitions = Petition.objects.filter(agency=commune)
    with CaptureQueriesContext(connection) as queries:
        c = oversight.counts(petitions)
    assert len(queries) == 1
    # the reopened one still has the answer it was rated on (in force until a new one)
    assert (c.ratings, c.ratings_satisfied, c.satisfied_percent) == (3, 2, 67)
    # answered at least once: the 3 answered now and the one reopened since
    assert (c.ever_answered, c.reopened_by_citizen, c.reopen_percent) == (4, 1, 25)
    assert c.answered == 3


def test_the_commune_and_the_province_see_them(client, world, commune, clerk):
    client.force_login(clerk)
    html = client.get(reverse("dialogues:yearly_figures", args=[commune.pk, 2026])
                      ).content.decode()
    assert "Người dân đánh giá trả lời" in html
    assert "2/3 lượt đánh giá (67%)" in html and "1/4 ý kiến đã trả lời (25%)" in html
    client.force_login(User.objects.get(username="tinh"))
    html = client.get(reverse("dialogues:rollup"), {"nam": 2026}).content.decode()
    assert "Hài lòng với trả lời" in html and "2/3 lượt đánh giá (67%)" in html
    assert "Đề nghị giải quyết lại" in html and "1/4 ý kiến đã trả lời (25%)" in html
