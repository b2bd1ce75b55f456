"""Every figure of the summary report before the conference (bao-cao-tong-hop) and of the
conference's opinions page agrees with the opinions themselves, counted here straight from
the database: totals, by village, by field, by kind, the villages that sent and those that
sent late. A village counts as sent once its opinions are in, whether or not anyone pressed
"sent" (Thôn Lùng Vài); a village said so with nothing to send has sent too (Thôn Nà Hu); a
village whose first opinion came after the due day sent late (Thôn Kéo Coong).

The upcoming conference of tests/builders.py, read the day after its opinions were due."""

import datetime as dt
import re
from collections import Counter

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from doithoai.dialogues.actions import village_opinions
from doithoai.dialogues.selectors.conferences import covered_villages
from doithoai.dialogues.selectors.village_opinions import opinions_due
from doithoai.documents.render import render_docx
from doithoai.org.models import User, Village
from doithoai.petitions.actions import intake
from doithoai.petitions.models import Channel, Field, Kind, Petition
from tests import builders
from tests.documents.conftest import cells, lines, read

pytestmark = pytest.mark.django_db

TYPED, SAID, LATE = "Thôn Lùng Vài", "Thôn Nà Hu", "Thôn Kéo Coong"
KIND_WORDS = {Kind.OPINION: "ý kiến, kiến nghị", Kind.REPORT: "phản ánh",
              Kind.COMPLAINT: "khiếu nại", Kind.DENUNCIATION: "tố cáo"}


def _receive(conference, text, village, field, *, received_on, kind=Kind.OPINION, key):
    agency = conference.agency
    return intake.receive(intake.Intake(
        agency=agency, text=text, channel=Channel.SURVEY_FORM, received_on=received_on,
        kind=kind, field=Field.objects.get(agency=agency, code=field),
        village_id=Village.objects.get(agency=agency, name=village).pk,
        conference=conference, submission_key=key), actor=User.objects.get(username="vanphong"))


@pytest.fixture
def upcoming(commune, frozen_today):
    """The builder's four villages (opinions in, "sent" pressed), then: Lùng Vài's opinions
    typed, nobody pressing "sent"; Nà Hu said so with none; Kéo Coong's opinion typed the
    day after the due day — and the report read that day."""
    upcoming = builders.upcoming_conference(builders.yearly_plan())
    names = {v.name for v in covered_villages(upcoming)}
    assert {TYPED, SAID, LATE} <= names
    _receive(upcoming, "Đề nghị nạo vét mương thủy lợi đầu thôn Lùng Vài.", TYPED,
             "nong-nghiep", received_on=builders.TODAY, key="typed-1")
    _receive(upcoming, "Phản ánh đèn đường thôn Lùng Vài hỏng nhiều tháng.", TYPED,
             "dien-nuoc", received_on=builders.TODAY, kind=Kind.REPORT, key="typed-2")
    village_opinions.send_village_opinions(
        actor=User.objects.get(username="vanphong"), conference=upcoming,
        village=Village.objects.get(agency=upcoming.agency, name=SAID))
    after = opinions_due(upcoming) + dt.timedelta(days=1)
    with time_machine.travel(timezone.make_aware(dt.datetime.combine(after, dt.time(9))),
                             tick=False):
        _receive(upcoming, "Đề nghị sửa nhà văn hóa thôn Kéo Coong bị dột.", LATE,
                 "giao-duc", received_on=after, key="late-1")
        yield upcoming


def _expected(conference):
    """The figures as the database has them: the opinions sent before the conference."""
    rows = list(Petition.objects.filter(conference=conference)
                .exclude(channel__in=(Channel.CONFERENCE, Channel.REGISTERED))
                .select_related("village", "field"))
    due = opinions_due(conference)
    covered = [v.name for v in covered_villages(conference)]
    first_in = {}
    for p in rows:
        first_in[p.village.name] = min(first_in.get(p.village.name, p.received_on),
                                       p.received_on)
    marked = set(conference.village_returns.exclude(opinions_sent_at=None)
                 .values_list("village__name", flat=True))
    sent = [v for v in covered if v in first_in or v in marked]
    return {
        "total": len(rows),
        "by_village": Counter(p.village.name for p in rows),
        "by_field": Counter(p.field.name for p in rows),
        "by_kind": Counter(p.kind for p in rows),
        "covered": covered,
        "sent": sent,
        "missing": [v for v in covered if v not in sent],
        "late": [v for v in sent if v in first_in and first_in[v] > due],
    }


def test_every_figure_of_the_summary_report_agrees_with_the_opinions(upcoming):
    want = _expected(upcoming)
    assert want["late"] == [LATE] and TYPED in want["sent"] and SAID in want["sent"]
    doc = read(render_docx("bao-cao-tong-hop", upcoming).docx)
    got = lines(doc)
    text = "\n".join(got)

    def n(value: int) -> str:
        return f"{value:02d}"

    # Totals.
    assert f"đã tiếp nhận {n(want['total'])} ý kiến, kiến nghị của" in text
    assert f"Tổng số {n(want['total'])} ý kiến, kiến nghị;" in text
    # By kind.
    by_kind = next(line for line in got if line.startswith("- Theo loại: "))
    assert by_kind == "- Theo loại: " + "; ".join(
        f"{KIND_WORDS[k]}: {n(want['by_kind'][k])}" for k in KIND_WORDS
        if want["by_kind"][k]) + ";"
    # By village.
    by_village = next(line for line in got if line.startswith("- Theo thôn: "))
    told = dict(re.findall(r"(Thôn [^:;]+): (\d+)", by_village))
    assert {name: int(v) for name, v in told.items()} == dict(want["by_village"])
    # By field: the table's rows, then its total.
    table = cells(doc.tables[1])
    by_field = {row[1]: int(row[2]) for row in table[1:-1]}
    assert by_field == dict(want["by_field"])
    assert table[-1][1] == "Tổng cộng" and int(table[-1][2]) == want["total"]
    # The villages that sent, those that sent late, those still missing.
    villages = next(line for line in got if line.startswith("Có ") and "thôn đã gửi" in line)
    assert villages.startswith(f"Có {n(len(want['sent']))}/{n(len(want['covered']))} thôn "
                               f"đã gửi kết quả lấy ý kiến ({', '.join(want['sent'])})")
    assert f"trong đó 01 thôn gửi sau thời hạn ({LATE})" in villages
    assert f"{n(len(want['missing']))} thôn chưa gửi: {', '.join(want['missing'])}" in villages
    # Nobody is asked for opinions that are already in.
    proposal = next(line for line in got if "chưa gửi ý kiến (" in line)
    asked = proposal.split("chưa gửi ý kiến (")[1].split(")")[0].split(", ")
    assert asked == want["missing"]
    assert not set(asked) & set(want["by_village"])


def test_the_opinions_page_and_the_front_report_agree_with_the_report(client, upcoming):
    want = _expected(upcoming)
    client.force_login(User.objects.get(username="vanphong"))
    board = client.get(reverse("dialogues:opinion_board", args=[upcoming.pk])).context["board"]
    assert [r.label for r in board.sent] == want["sent"]
    assert [r.label for r in board.missing] == want["missing"]
    assert [r.label for r in board.covered_rows if r.status == "late"] == want["late"]
    rows = {r.label: r for r in board.rows}
    assert rows[TYPED].sending.opinions == 2 and not rows[TYPED].sending.marked
    assert rows[SAID].sending.opinions == 0 and rows[SAID].sending.marked
    html = client.get(reverse("dialogues:front_report", args=[upcoming.pk])).content.decode()
    assert f"Thôn chưa gửi ý kiến: {', '.join(want['missing'])}." in html
    assert TYPED not in html.split("Thôn chưa gửi ý kiến:")[1].split("</p>")[0]
    # The milestone waits for the villages still missing.
    milestone = upcoming.milestones.get(kind="village_opinions")
    assert milestone.done_on is None


def test_the_last_village_s_opinions_coming_in_confirm_the_milestone(upcoming):
    """No one presses "sent" for the last villages: their opinions coming in is enough."""
    for i, name in enumerate(_expected(upcoming)["missing"]):
        _receive(upcoming, f"Đề nghị sửa đường nội thôn số {i}.", name, "giao-thong",
                 received_on=timezone.localdate(), key=f"last-{i}")
    milestone = upcoming.milestones.get(kind="village_opinions")
    assert milestone.done_on == timezone.localdate()
    assert f"Cả {len(covered_villages(upcoming))} thôn đã gửi ý kiến" in milestone.proof
