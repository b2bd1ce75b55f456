"""The follow-up in a real browser (issue 14, "done when"): the clerk opens the follow-up page,
its counts match the queue's "Quá hạn" and "Sắp đến hạn" filters; he urges a late unit and
reads "last urged" with his name and the time; a second urge without a reason is refused with
that time; he prints the written reminder (Công văn đôn đốc), issues it with its number and
downloads the .docx, which lists the unit's late petitions."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import expect

from doithoai.demo.data import DEMO_PASSWORD
from doithoai.org.models import Unit, User
from doithoai.petitions.actions import assignments
from doithoai.petitions.actions import intake as petition_intake
from doithoai.petitions.models import Petition
from doithoai.petitions.selectors.deadlines import today_info
from tests.e2e.conftest import login, settle

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def late(commune):
    """Two late petitions and one due soon at Phòng Kinh tế, one late with the office."""
    clerk = User.objects.get(username="vanphong")
    unit = Unit.objects.get(agency=commune, code="kinh-te")
    today = today_info()
    made = {}
    for key, due in (("a", today.today - dt.timedelta(days=9)),
                     ("b", today.today - dt.timedelta(days=2)), ("soon", today.soon_limit),
                     ("office", today.today - dt.timedelta(days=4))):
        p = petition_intake.receive(petition_intake.Intake(
            agency=commune, text=f"Đường liên thôn đoạn {key} xuống cấp, đề nghị sửa chữa.",
            channel="office", received_on=today.today - dt.timedelta(days=40)), actor=clerk)
        if key != "office":
            p = assignments.assign(actor=clerk, petition=p, unit=unit)
        Petition.objects.filter(pk=p.pk).update(due_date=due)
        made[key] = Petition.objects.get(pk=p.pk)
    return made


def _count(page, url: str) -> int:
    page.goto(url)
    settle(page)
    return int(page.locator("#results-heading").inner_text().split()[0])


def test_the_clerk_urges_a_late_unit_and_prints_the_written_reminder(page, late, shot):
    login(page, "vanphong", DEMO_PASSWORD)
    page.goto("/y-kien/don-doc/")
    settle(page)
    overdue = int(page.locator("#tong-qua-han").inner_text())
    soon = int(page.locator("#tong-sap-den-han").inner_text())
    assert (overdue, soon) == (3, 1)
    # The queue's own filters say the same.
    assert _count(page, "/y-kien/?due=overdue") == overdue
    assert _count(page, "/y-kien/?due=soon") == soon

    page.goto("/y-kien/don-doc/")
    row = page.locator("tr", has=page.get_by_role("link", name="Phòng Kinh tế"))
    row.get_by_role("button", name=re.compile("Đôn đốc")).click()
    settle(page)
    expect(page.get_by_text("Đã đôn đốc Phòng Kinh tế về 3 ý kiến")).to_be_visible()
    row = page.locator("tr", has=page.get_by_role("link", name="Phòng Kinh tế"))
    last = row.locator("td.last-urge")
    expect(last).to_contain_text("Nông Việt Dũng")
    when = re.search(r"\d\d:\d\d \d\d/\d\d/\d{4}", last.inner_text()).group(0)
    shot(page, "follow-up-urged")

    row.get_by_role("button", name=re.compile("Đôn đốc")).click()
    settle(page)
    expect(page.get_by_text(f"Phòng Kinh tế đã được đôn đốc lúc {when} hôm nay")).to_be_visible()

    page.locator("tr", has=page.get_by_role("link", name="Phòng Kinh tế")).get_by_role(
        "link", name="In công văn đôn đốc").click()
    settle(page)
    card = page.locator('article[aria-labelledby="h-doc-cong-van-don-doc"]')
    card.get_by_label(re.compile("Văn bản đã được người có thẩm quyền ký")).check()
    card.get_by_role("button", name=re.compile("Ban hành")).click()
    settle(page)
    card = page.locator('article[aria-labelledby="h-doc-cong-van-don-doc"]')
    expect(card).to_contain_text("Đã ban hành")
    number = re.search(r"Số (\d+/UBND-VP)", card.inner_text()).group(1)
    shot(page, "follow-up-written-reminder")
    with page.expect_download() as download:
        card.get_by_role("link", name="Tải bản Word (.docx)").click()
    doc = Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    header = " ".join(c.text for r in doc.tables[0].rows for c in r.cells)
    assert f"Số: {number}" in header
    listed = [r.cells[1].text for r in doc.tables[1].rows[1:]]
    assert listed == [late[k].tracking_code for k in ("a", "b", "soon")]
