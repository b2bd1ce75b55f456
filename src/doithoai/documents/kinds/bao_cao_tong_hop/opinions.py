"""The opinions the summary report tells: those sent before the conference, by field, each
with its unit and prepared answer (the Front's summary, `village_opinions.front_report_data`), and
the table of them by field, for the .docx and the .xlsx alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch

from doithoai.core import dates
from doithoai.core.petition_flow import PROCEDURE_KINDS, State
from doithoai.dialogues import confidential
from doithoai.dialogues.models import Conference
from doithoai.dialogues.selectors import prepared_answers, village_opinions
from doithoai.documents.drawing import tables
from doithoai.petitions.models import Escalation, Kind, Petition, Urgency

COLUMNS = [
    tables.Column("STT", 6), tables.Column("Lĩnh vực", 40),
    tables.Column("Tổng số ý kiến", 12, numeric=True),
    tables.Column("Ý kiến, kiến nghị", 12, numeric=True),
    tables.Column("Phản ánh", 12, numeric=True),
    tables.Column("Khiếu nại, tố cáo", 12, numeric=True),
    tables.Column("Cấp thiết, khẩn", 12, numeric=True),
    tables.Column("Đã có nội dung trả lời", 14, numeric=True),
]


@dataclass
class Entry:
    """One item of section II: an opinion, or a grouped issue once."""

    item: village_opinions.ReportItem
    members: list[Petition]
    unit: str = ""  # the unit preparing the answer ("" when none is assigned)
    answer: str = ""  # its prepared answer ("" when not written yet)
    # A denunciation among its opinions: by its kind, its words or what its sender registered
    # to say at the conference (the denouncer's identity never leaves the office).
    denunciation: bool = False
    # Someone among its senders not to be placed: asked not to be named, or a complaint's.
    unnamed: bool = False

    @property
    def sensitive(self) -> bool:
        """A complaint or denunciation: its own procedure, its sender kept confidential (a
        grouped issue with a denunciation in it too)."""
        return self.denunciation or not self.item.is_issue and any(
            p.kind in PROCEDURE_KINDS or p.state == State.TRANSFERRED for p in self.members)

    @property
    def private(self) -> bool:
        """Its content is not read out: sensitive, or kept from the public at the sender's
        request."""
        return self.sensitive or (not self.item.is_issue
                                  and any(p.hide_from_public for p in self.members))


@dataclass
class Data:
    conference: Conference
    report: village_opinions.FrontReport
    petitions: list[Petition]
    fields: list[tuple[str, list[Entry]]] = field(default_factory=list)
    names: frozenset[str] = frozenset()  # written as initials wherever the report says them
    never_named: frozenset[str] = frozenset()  # "một công dân" wherever said
    denounced: frozenset[int] = frozenset()  # denunciations by kind, words or speaker's topic

    @property
    def entries(self) -> list[Entry]:
        return [e for _name, entries in self.fields for e in entries]

    @property
    def secret(self) -> set[int]:
        """The petitions whose village the report does not give: complaints, denunciations
        (with what they were grouped with) and those whose sender asked not to be named (a
        village's count would tell where their sender lives)."""
        return {p.pk for e in self.entries if e.sensitive or e.unnamed for p in e.members}

    def kind_of(self, petition: Petition) -> str:
        """Its kind as the report counts it: a denunciation by its words is one."""
        return Kind.DENUNCIATION if petition.pk in self.denounced else petition.kind

    @property
    def last_received(self) -> dt.date | None:
        return max((p.received_on for p in self.petitions), default=None)


def collect(conference: Conference) -> Data:
    """The opinions sent before the conference, by field, each with its unit and prepared
    answer (looked up by the petitions' tracking codes)."""
    qs = village_opinions.opinions_before(conference).prefetch_related(
        Prefetch("escalations", queryset=Escalation.objects.order_by("-pk")))
    petitions = list(qs.order_by("received_on", "pk"))
    by_code = {p.tracking_code: p for p in petitions}
    report = village_opinions.front_report_data(conference,
                                                village_opinions.opinions_before(conference))
    prepared: dict[str, tuple[str, str]] = {}
    for unit in prepared_answers.prepared_answers_by_unit(conference):
        for answer in unit.items:
            for code in answer.tracking_codes:
                prepared[code] = (unit.unit_name, answer.answer)
    known = confidential.of(conference)
    data = Data(conference=conference, report=report, petitions=petitions, names=known.names,
                never_named=known.secret,
                denounced=frozenset(p.pk for p in petitions
                                    if confidential.is_denunciation(p, known)))
    for group in report.fields:
        entries = []
        for village in group.villages:
            for item in village.items:
                members = [by_code[c] for c in item.tracking_codes if c in by_code]
                unit, answer = next((prepared[c] for c in item.tracking_codes
                                     if c in prepared), ("", ""))
                entries.append(Entry(
                    item=item, members=members, unit=unit, answer=answer,
                    denunciation=any(p.pk in data.denounced for p in members),
                    unnamed=any(p.pk in known.unnamed for p in members)))
        data.fields.append((group.name, entries))
    return data


# --- the table -----------------------------------------------------------------------------

def _row(data: Data, entries: list[Entry]) -> list[int]:
    members = [(p, e) for e in entries for p in e.members]
    kinds = [data.kind_of(p) for p, _e in members]
    return [
        len(members),
        kinds.count(Kind.OPINION),
        kinds.count(Kind.REPORT),
        sum(1 for kind in kinds if kind in PROCEDURE_KINDS),
        sum(1 for p, _e in members if p.urgency in (Urgency.PRESSING, Urgency.URGENT)),
        sum(1 for p, e in members if e.answer),
    ]


def build_table(data: Data) -> tables.Table:
    """The opinions by field: how many, of which kind, how many pressing, how many with a
    prepared answer (each opinion counted once, also inside a grouped issue)."""
    rows = [[i, name, *_row(data, entries)]
            for i, (name, entries) in enumerate(data.fields, start=1)]
    sums = [sum(r[k] for r in rows) for k in range(2, len(COLUMNS))]
    last = data.last_received
    notes = ["Số liệu tính theo từng ý kiến (kể cả các ý kiến trùng nội dung đã gộp), không gồm "
             "ý kiến phát biểu tại hội nghị"
             + (f"; tính đến ngày {dates.day(last)}." if last else ".")]
    return tables.Table(
        title="Tổng hợp ý kiến, kiến nghị theo lĩnh vực (đơn vị tính: ý kiến)",
        columns=list(COLUMNS), rows=rows, total=["", "Tổng cộng", *sums] if rows else None,
        notes=notes, sheet="Tong hop y kien")


def table(conference: Conference, today: dt.date | None = None) -> tables.Table:
    """The report's table, for the .xlsx beside the document (the opinions received so far:
    `today` changes nothing here)."""
    return build_table(collect(conference))
