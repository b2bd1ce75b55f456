"""The plan page's header line reads as a sentence: when it was issued and made public."""

import datetime as dt
import re

from django.urls import reverse
from django.utils.html import strip_tags

from doithoai.dialogues.models import Plan


def _status_line(client, plan) -> str:
    page = client.get(reverse("dialogues:plan_detail", args=[plan.pk])).content.decode()
    line = re.search(r'<p class="status-line">(.*?)</p>', page, re.S).group(1)
    return " ".join(strip_tags(line).split())


def test_issued_and_published_dates_are_separated(client, clerk, plan):
    Plan.objects.filter(pk=plan.pk).update(state=Plan.State.PUBLISHED, number="27/KH-UBND",
                                           issued_on=dt.date(2026, 11, 20),
                                           published_on=dt.date(2026, 11, 22))
    client.force_login(clerk)
    line = _status_line(client, plan)
    assert "ban hành ngày 20/11/2026; công khai ngày 22/11/2026" in line


def test_an_issued_plan_shows_only_its_issue_date(client, clerk, plan):
    Plan.objects.filter(pk=plan.pk).update(state=Plan.State.ISSUED, number="27/KH-UBND",
                                           issued_on=dt.date(2026, 11, 20))
    client.force_login(clerk)
    line = _status_line(client, plan)
    assert line.endswith("ban hành ngày 20/11/2026") and "công khai" not in line
