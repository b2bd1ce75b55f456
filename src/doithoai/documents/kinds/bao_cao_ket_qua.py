"""The report on one conference's results (Báo cáo kết quả tổ chức hội nghị đối thoại, BC),
sent to the level above (the province, through its Department of Home Affairs):
the preparation (plan, announcement, invitations, the villages' opinions — from the
conference's milestones), the session (when, where, who chaired, attendance, what became of
each opinion), what has been answered since as of the report's date, an evaluation drawn from
the figures, and proposals. Its table — the opinions by field — also goes out as .xlsx.

Every figure is counted by `dialogues.selectors.oversight` (the same conditions as the
province's roll-up, the yearly report and the public results page), so the report never
disagrees with the pages.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max
from django.utils import timezone

from doithoai.core import decree30
from doithoai.core.text import lower_first, sentence
from doithoai.dialogues.models import Conference, Milestone
from doithoai.dialogues.selectors import conferences, milestones, oversight, village_opinions
from doithoai.documents.drawing import conference_text as ct
from doithoai.documents.drawing import report
from doithoai.documents.drawing import word as b
from doithoai.documents.drawing.context import nfc_all, office_short_name
from doithoai.documents.drawing.report import (
    as_of,
    header,
    items,
    n_text,
    percent,
    province_name,
    short_body,
    short_date,
)
from doithoai.documents.drawing.tables import Column, Table
from doithoai.documents.kinds import Kind
from doithoai.petitions.models import Channel, Escalation, Petition

UNCLASSIFIED = "Chưa phân loại lĩnh vực"

COLUMNS = [
    Column("STT", 6, numeric=False),
    Column("Lĩnh vực", 34),
    Column("Tổng số", 10, numeric=True),
    Column("Trả lời tại hội nghị", 12, numeric=True),
    Column("Giao trả lời bằng văn bản", 13, numeric=True),
    Column("Đã trả lời", 10, numeric=True),
    Column("Quá hạn", 10, numeric=True),
    Column("Chuyển cấp trên/khác", 13, numeric=True),
]

# The statutory steps before the session, in the order the report tells them.
PREPARATION = [
    (Milestone.Kind.ANNOUNCEMENT, "Thông báo công khai nội dung, thời gian, địa điểm hội nghị"),
    (Milestone.Kind.INVITATIONS, "Gửi giấy mời đại biểu"),
    (Milestone.Kind.VILLAGE_OPINIONS, "Các thôn tổng hợp, gửi ý kiến, kiến nghị của Nhân dân"),
    (Milestone.Kind.DELEGATE_LISTS, "Các thôn gửi danh sách đại biểu"),
    (Milestone.Kind.PREPARED_ANSWERS, "Các cơ quan, đơn vị chuẩn bị nội dung trả lời"),
]


# -- figures ----------------------------------------------------------------------------------

def petitions_of(conference: Conference):
    return Petition.objects.filter(conference=conference)


def counts_by_field(conference: Conference, today: dt.date) -> list[tuple[str, oversight.Counts]]:
    """`oversight.counts` per field of the conference's petitions (one GROUP BY query), in the
    fields' order; petitions without a field last."""
    rows = (oversight._annotated(petitions_of(conference)).order_by()
            .values("field_id", "field__name", "field__order")
            .annotate(**oversight._aggregates(today)))
    result = []
    for row in sorted(rows, key=lambda r: (r["field_id"] is None, r["field__order"] or 0,
                                           r["field__name"] or "")):
        name = row.pop("field__name") or UNCLASSIFIED
        row.pop("field_id")
        row.pop("field__order")
        result.append((name, oversight.Counts(**row)))
    return result


def table(conference: Conference, today: dt.date | None = None) -> Table:
    """The opinions by field: raised, answered on the spot, given to a unit to answer in
    writing, answered since, deadline missed, escalated or routed elsewhere; a total row."""
    today = today or timezone.localdate()
    rows, total = [], oversight.Counts()
    for i, (name, c) in enumerate(counts_by_field(conference, today), start=1):
        total.add(c)
        rows.append([i, name, *_figures(c)])
    return Table(
        title="Tổng hợp ý kiến, kiến nghị và kết quả giải quyết theo lĩnh vực",
        columns=list(COLUMNS), rows=nfc_all(rows),
        total=["", "Tổng cộng", *_figures(total)],
        notes=[f"Số liệu tính đến ngày {short_date(today)}. Giao trả lời bằng văn bản: gồm ý "
               f"kiến đã trả lời và đang giải quyết. Quá hạn: trả lời sau thời hạn hoặc chưa "
               f"trả lời khi đã hết hạn. Chuyển cấp trên/khác: chuyển cơ quan cấp trên, chuyển "
               f"giải quyết theo thủ tục khiếu nại, tố cáo hoặc không tiếp nhận."],
        sheet="Theo lĩnh vực")


def _figures(c: oversight.Counts) -> list[int]:
    return [c.received, c.answered_at_conference, report.written(c), c.answered_in_writing,
            report.missed(c), report.routed(c)]


def _written_by_unit(conference: Conference, today: dt.date) -> list[tuple[str, int, dt.date]]:
    """Per unit, the petitions given to it to answer in writing and their latest due date."""
    conditions = oversight._conditions(today)
    given = conditions["answered_in_writing"] | conditions["open"]
    rows = (oversight._annotated(petitions_of(conference)).order_by()
            .values("unit__name", "unit__order")
            .annotate(n=Count("pk", filter=given), due=Max("due_date", filter=given))
            .order_by("unit__order", "unit__name"))
    result = [(r["unit__name"] or "", r["n"], r["due"]) for r in rows if r["n"]]
    return sorted(result, key=lambda r: not r[0])  # the unassigned last


# -- the sections -----------------------------------------------------------------------------

def plan_line(conference: Conference) -> str:
    plan = conference.plan
    if plan is None:
        return ("Hội nghị tổ chức theo Điều 43 Luật Tổ chức chính quyền địa phương số "
                "72/2025/QH15, không thuộc kế hoạch năm")
    if not (plan.number and plan.issued_on):
        return f"Kế hoạch {lower_first(plan.title)}: chưa ban hành"
    text = (f"Ban hành Kế hoạch số {plan.number} {decree30.date_text(plan.issued_on)} về "
            f"{lower_first(plan.title)}")
    if plan.published_on:
        text += f"; công khai kế hoạch {decree30.date_text(plan.published_on)}"
    return text


def _step(row: milestones.MilestoneRow, label: str, extra: str = "") -> str:
    """"Label: thực hiện ngày …[, chậm so với thời hạn][; extra]. Proof" — the proof as the
    clerk wrote it (a document's number, where it was posted)."""
    m = row.milestone
    proof = m.proof.strip().rstrip(".;")
    if m.done_on:
        text = f"{label}: thực hiện {decree30.date_text(m.done_on)}"
        if row.status == "done_late":
            text += f", chậm so với thời hạn (hạn ngày {short_date(m.due_on)})"
        text += extra
        return text + (f". {proof[:1].upper() + proof[1:]}" if proof else "")
    if row.status == "overdue":
        return f"{label}: chưa thực hiện (hạn ngày {short_date(m.due_on)}){extra}"
    return f"{label}: chưa thực hiện{extra}"


def preparation(conference: Conference, rows: list, today: dt.date) -> list[str]:
    by_kind = {r.milestone.kind: r for r in rows if r.milestone.kind != Milestone.Kind.TASK}
    lines = [plan_line(conference)]
    sending = village_opinions.village_sending(conference, today)
    villages = len(sending)
    for kind, label in PREPARATION:
        row = by_kind.get(kind)
        if row is None:
            continue
        extra = ""
        if kind == Milestone.Kind.VILLAGE_OPINIONS and villages:
            sent = sum(1 for s in sending if s.sent)
            late = sum(1 for s in sending if s.status == village_opinions.SENT_LATE)
            extra = (f"; {n_text(sent)}/{n_text(villages)} thôn đã gửi"
                     + (f", trong đó {n_text(late)} thôn gửi sau thời hạn" if late else ""))
        lines.append(_step(row, label, extra))
    before = petitions_of(conference).exclude(
        channel__in=(Channel.CONFERENCE, Channel.REGISTERED)).count()
    prepared = conference.prepared_answers.count()
    if before:
        text = (f"Trước hội nghị, tiếp nhận {n_text(before)} ý kiến, kiến nghị của Nhân dân "
                f"gửi qua thôn, Ủy ban MTTQ Việt Nam xã, Văn phòng và trên trang thông tin "
                f"điện tử xã")
        if prepared:
            text += (f"; các cơ quan, đơn vị đã chuẩn bị nội dung trả lời {n_text(prepared)} "
                     f"ý kiến")
        lines.append(text)
    tasks = [r for r in rows if r.milestone.kind == Milestone.Kind.TASK]
    if tasks:
        done = sum(r.status in ("done", "done_late") for r in tasks)
        late = sum(r.status == "done_late" for r in tasks)
        text = (f"Các cơ quan, đơn vị thực hiện {n_text(done)}/{n_text(len(tasks))} nhiệm vụ "
                f"được giao theo kế hoạch")
        if late:
            text += f", trong đó {n_text(late)} nhiệm vụ hoàn thành chậm so với thời hạn"
        lines.append(text)
    return items(lines)


def session(conference: Conference) -> list[str]:
    """When, where, how, who chaired, how many attended."""
    when = ct.when_text(conference)
    venue = conference.venue.strip().rstrip(".")
    where = f", tại {venue}" if venue else ""
    mode = ct.mode_text(conference).rstrip(".")
    done = "được tổ chức" if conference.state in oversight.HELD_STATES else "dự kiến tổ chức"
    first = (f"Hội nghị {done} vào {when}{where}; hình thức: {lower_first(mode)}."
             if when else f"Thời gian tổ chức hội nghị: {decree30.MISSING}")
    lines = [first, f"Chủ trì hội nghị: {lower_first(ct.chairs_text(conference))}"]
    if conference.attendance:
        lines.append(f"Tham dự hội nghị có {n_text(conference.attendance)} đại biểu và Nhân "
                     f"dân.")
    return [sentence(line) for line in lines]


def opinions(conference: Conference, c: oversight.Counts, today: dt.date) -> list[str]:
    """The opinions of the conference and what the session did with them, as list lines
    ("- …;"), the units given written answers as sub-items ("+ …;")."""
    spoken = petitions_of(conference).filter(channel=Channel.CONFERENCE).count()
    # Registered to speak and not heard: received when the session ended, answered in writing.
    registered = petitions_of(conference).filter(channel=Channel.REGISTERED).count()
    before = c.received - spoken - registered
    if conference.state not in oversight.HELD_STATES:
        return [f"- Ý kiến, kiến nghị đã tiếp nhận trước hội nghị: {n_text(c.received)} ý "
                f"kiến;", "- Hội nghị chưa tổ chức, chưa có kết quả trao đổi, đối thoại."]
    lines = [
        f"- Tổng số ý kiến, kiến nghị: {n_text(c.received)} ý kiến (gửi trước hội nghị "
        f"{n_text(before)}, phát biểu tại hội nghị {n_text(spoken)}"
        + (f", đăng ký phát biểu nhưng chưa được trình bày {n_text(registered)}"
           if registered else "") + ")",
        f"- Trả lời trực tiếp tại hội nghị: {n_text(c.answered_at_conference)} ý kiến"]
    units = _written_by_unit(conference, today)
    lines.append(f"- Giao các cơ quan, đơn vị trả lời bằng văn bản: "
                 f"{n_text(report.written(c))} ý kiến" + (", gồm:" if units else ""))
    lines += [f"+ {name or 'Chưa giao đơn vị'}: {n_text(n)} ý kiến"
              + (f", hạn trả lời chậm nhất ngày {short_date(due)}" if due else "")
              for name, n, due in units]
    if c.escalated:
        receivers = escalation_receivers(conference)
        lines.append(f"- Chuyển cơ quan cấp trên có thẩm quyền: {n_text(c.escalated)} ý kiến"
                     + (f" ({', '.join(receivers)})" if receivers else ""))
    if c.transferred:
        lines.append(f"- Chuyển giải quyết theo thủ tục khiếu nại, tố cáo: "
                     f"{n_text(c.transferred)} ý kiến")
    if c.not_accepted:
        lines.append(f"- Không tiếp nhận (không thuộc phạm vi đối thoại): "
                     f"{n_text(c.not_accepted)} ý kiến")
    return [line if line.endswith(":") else line + ("." if i == len(lines) - 1 else ";")
            for i, line in enumerate(lines)]


def escalation_receivers(conference: Conference) -> list[str]:

    return sorted(set(Escalation.objects.filter(petition__conference=conference)
                      .values_list("receiving_agency", flat=True)))


def conclusion(conference: Conference) -> list[str]:
    lines = []
    if conference.conclusion_number.strip():
        day = (f"{decree30.date_text(conference.concluded_on)}, " if conference.concluded_on
               else "")
        lines.append(f"{day[:1].upper() + day[1:]}Ủy ban nhân dân xã ban hành Thông báo kết "
                     f"luận số {conference.conclusion_number.strip()} về kết luận của Chủ trì "
                     f"hội nghị, giao nhiệm vụ cho các cơ quan, đơn vị giải quyết, trả lời ý "
                     f"kiến, kiến nghị của Nhân dân")
    else:
        lines.append("Chưa ban hành Thông báo kết luận hội nghị")
    if conference.results_published_on:
        proof = (Milestone.objects.filter(conference=conference,
                                          kind=Milestone.Kind.RESULTS_ANNOUNCED)
                 .values_list("proof", flat=True).first() or "").strip().rstrip(".;")
        lines.append(f"Kết quả hội nghị được công bố, công khai đến Nhân dân "
                     f"{decree30.date_text(conference.results_published_on)}"
                     + (f" ({lower_first(proof)})" if proof else ""))
    return [sentence(line) for line in lines]


def follow_up(conference: Conference, c: oversight.Counts, today: dt.date) -> dict:
    """As of the report's day: the written answers given, late, and still owed (the overdue
    ones per unit as the conference page's progress counts them)."""
    if conference.state not in oversight.HELD_STATES:
        return {"lead": "Hội nghị chưa tổ chức; kết quả giải quyết sẽ được báo cáo sau hội "
                        "nghị.", "lines": [], "after": []}
    lead = (f"Tính đến {decree30.date_text(today)}, trong số {n_text(report.written(c))} ý "
            f"kiến giao trả lời bằng văn bản:" if report.written(c) else
            "Không có ý kiến, kiến nghị phải trả lời bằng văn bản sau hội nghị.")
    lines = []
    if report.written(c):
        overdue = [(p.unit_name or "chưa giao đơn vị", p.overdue)
                   for p in conferences.unit_progress(conference, today) if p.overdue]
        lines.append(f"Đã trả lời: {n_text(c.answered_in_writing)} ý kiến (đúng hạn "
                     f"{n_text(c.answered_in_writing_on_time)}, quá hạn "
                     f"{n_text(c.answered_late)})")
        lines.append(f"Đang giải quyết, chưa đến hạn: {n_text(c.open_not_overdue)} ý kiến")
        lines.append(f"Đang giải quyết, đã quá hạn: {n_text(c.open_overdue)} ý kiến"
                     + (" (" + "; ".join(f"{name} {n_text(n)}" for name, n in overdue) + ")"
                        if overdue else ""))
    after = []
    if c.escalated:
        after.append(f"Đối với {n_text(c.escalated)} ý kiến đã chuyển cơ quan cấp trên, Ủy ban "
                     f"nhân dân xã tiếp tục theo dõi, đôn đốc và thông báo kết quả cho công dân "
                     f"khi nhận được văn bản trả lời.")
    return {"lead": lead, "lines": items(lines), "after": after}


def evaluation(conference: Conference, c: oversight.Counts, rows: list) -> dict:
    """What went well and what did not, in the standard wording, from the figures."""
    statutory = [r for r in rows if r.milestone.kind in dict(PREPARATION)
                 or r.milestone.kind == Milestone.Kind.TASK]
    before = [r for r in statutory if r.milestone.due_on is None or conference.held_on is None
              or r.milestone.due_on <= conference.held_on]
    on_time = sum(r.status == "done" for r in before)
    steps = f"({n_text(on_time)}/{n_text(len(before))} việc hoàn thành đúng thời hạn)"
    good = [f"Hội nghị được tổ chức đúng quy định tại Điều 43 Luật Tổ chức chính quyền địa "
            f"phương số 72/2025/QH15; công tác chuẩn bị được triển khai theo kế hoạch {steps}."
            if conference.state in oversight.HELD_STATES else
            f"Công tác chuẩn bị hội nghị đang được triển khai theo kế hoạch {steps}."]
    if c.received:
        share = percent(c.answered_at_conference, c.received)
        good.append(f"Nhân dân tham gia, nêu {n_text(c.received)} ý kiến, kiến nghị; Chủ trì "
                    f"hội nghị và các cơ quan, đơn vị đã trả lời trực tiếp "
                    f"{n_text(c.answered_at_conference)} ý kiến ({share}%), các ý kiến còn lại "
                    f"được giao trả lời bằng văn bản hoặc chuyển cơ quan có thẩm quyền theo "
                    f"quy định.")
    if c.on_time_percent is not None:
        good.append(f"Tỷ lệ ý kiến được trả lời đúng thời hạn đạt {c.on_time_percent}% (trên "
                    f"số ý kiến đã trả lời hoặc đã đến hạn).")
    if conference.results_published_on:
        good.append("Kết quả hội nghị và kết quả giải quyết ý kiến, kiến nghị được công khai "
                    "đến Nhân dân.")
    weak = []
    late_steps = [r for r in before if r.status in ("done_late", "overdue")]
    if late_steps:
        labels = dict(PREPARATION)
        names = [lower_first(labels.get(r.milestone.kind, r.milestone.title))
                 for r in late_steps]
        weak.append(f"Còn {n_text(len(late_steps))} việc chuẩn bị thực hiện chậm so với thời "
                    f"hạn ({'; '.join(names)}).")
    late_villages = conference.village_returns.filter(opinions_late=True).count()
    if late_villages:
        weak.append(f"Còn {n_text(late_villages)} thôn gửi ý kiến, kiến nghị sau thời hạn.")
    weak += report.deadline_weaknesses(c)
    if not weak:
        weak.append("Qua tổng hợp, chưa phát hiện tồn tại, hạn chế trong công tác tổ chức hội "
                    "nghị.")
    return {"good": good, "weak": weak}


def proposals(conference: Conference, c: oversight.Counts, province: str) -> list[str]:
    lines = []
    if c.open:
        lines.append(f"Ủy ban nhân dân xã tiếp tục chỉ đạo các cơ quan, đơn vị khẩn trương "
                     f"giải quyết, trả lời {n_text(c.open)} ý kiến, kiến nghị còn lại; Văn "
                     f"phòng theo dõi, đôn đốc và công khai kết quả.")
    if c.escalated:
        fields = sorted({name for name in petitions_of(conference).filter(
            escalations__isnull=False).values_list("field__name", flat=True) if name})
        receivers = escalation_receivers(conference) or [province]
        lines.append(f"Đề nghị {', '.join(receivers)} xem xét, giải quyết "
                     f"{n_text(c.escalated)} kiến nghị vượt thẩm quyền cấp xã đã được chuyển "
                     f"đến" + (f" (lĩnh vực: {', '.join(fields)})" if fields else "")
                     + " và thông báo kết quả để Ủy ban nhân dân xã trả lời Nhân dân.")
    lines.append("Đề nghị Sở Nội vụ tiếp tục hướng dẫn, tập huấn nghiệp vụ tổ chức hội nghị "
                 "trao đổi, đối thoại giữa chính quyền địa phương cấp xã với Nhân dân cho "
                 "cán bộ, công chức cấp xã.")
    return lines


def missing(conference: Conference) -> list[str]:
    return ct.held_missing(conference) + ct.signer_missing(conference)


def context(conference: Conference, *, number: int | None = None,
            issued_on: dt.date | None = None) -> dict:
    agency = conference.agency
    today = as_of(issued_on)
    person, signature = ct.signer(conference)
    c = oversight.counts(petitions_of(conference), today)
    rows = milestones.timeline(conference, today)
    data = table(conference, today)
    province = province_name(agency)
    issuer = ct.body_name(agency)
    plan = conference.plan
    basis = ("Thực hiện Điều 43 Luật Tổ chức chính quyền địa phương số 72/2025/QH15"
             + (f" và Kế hoạch số {plan.number} {decree30.date_text(plan.issued_on)} của "
                f"{issuer}" if plan is not None and plan.number and plan.issued_on else ""))
    ctx = {
        **header(agency, "BC", number, issued_on, person, signature),
        "title": "Kết quả tổ chức " + lower_first(conference.title),
        "opening": f"{basis}, {issuer} báo cáo kết quả tổ chức {lower_first(conference.title)}"
                   f" như sau:",
        "preparation": preparation(conference, rows, today),
        "session": session(conference),
        "opinions": opinions(conference, c, today),
        "conclusion": conclusion(conference),
        "follow_up": follow_up(conference, c, today),
        "evaluation": evaluation(conference, c, rows),
        "proposals": proposals(conference, c, province),
        "table": data.as_context(),
        "closing": decree30.with_ending(
            f"Trên đây là báo cáo kết quả tổ chức hội nghị đối thoại của {issuer}, kính báo "
            f"cáo {province} (qua Sở Nội vụ) theo dõi, tổng hợp"),
        "recipients": decree30.recipients(
            [f"{short_body(province)} (qua Sở Nội vụ)", "Thường trực Đảng ủy xã",
             "Thường trực HĐND xã", "Ủy ban MTTQ Việt Nam xã",
             "Chủ tịch, các Phó Chủ tịch UBND xã"],
            keep_unit=office_short_name(agency)),
        "as_of": decree30.date_text(today),
    }
    return nfc_all(ctx)


# --- the layout ----------------------------------------------------------------------------

# Column widths (mm) over the 165 mm of text; the header titles are the tables' own.
RESULT_WIDTHS = [12, 38, 17, 19, 21, 19, 18, 21]
RESULT_HEADER = ["STT", "Lĩnh vực", "Tổng số", "Trả lời tại hội nghị",
                 "Giao trả lời bằng văn bản", "Đã trả lời", "Quá hạn", "Chuyển cấp trên/khác"]


def layout():
    """The results of one conference: preparation, the session and its opinions, the
    conclusion notice, the answers given since (with the table by field), evaluation,
    proposals, "./."."""
    doc = b.new_document()
    report.header_and_title(doc)
    b.body(doc, "{{ opening }}")
    b.heading(doc, "I. CÔNG TÁC CHUẨN BỊ")
    report.bullets(doc, "preparation")
    b.heading(doc, "II. KẾT QUẢ HỘI NGHỊ")
    b.heading(doc, "1. Thời gian, địa điểm, thành phần")
    report.bullets(doc, "session", prefix="")
    b.heading(doc, "2. Ý kiến, kiến nghị của Nhân dân tại hội nghị")
    report.bullets(doc, "opinions", prefix="")
    b.heading(doc, "3. Thông báo kết luận hội nghị")
    report.bullets(doc, "conclusion", prefix="")
    b.heading(doc, "III. KẾT QUẢ GIẢI QUYẾT SAU HỘI NGHỊ")
    b.body(doc, "{{ follow_up.lead }}")
    report.bullets(doc, "follow_up.lines")
    report.bullets(doc, "follow_up.after", prefix="")
    report.table_of_figures(doc, widths=RESULT_WIDTHS, header=RESULT_HEADER,
                            numeric=(2, 3, 4, 5, 6, 7))
    report.evaluation(doc, "IV")
    report.ending(doc, "V")
    return doc


KIND = Kind(
    code="bao-cao-ket-qua", label="Báo cáo kết quả tổ chức hội nghị đối thoại",
    abbreviation="BC", source="dialogues.conference", template="bao-cao-ket-qua.docx",
    context=context, required=missing, layout=layout, table=table)
