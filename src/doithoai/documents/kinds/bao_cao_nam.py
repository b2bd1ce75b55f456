"""The yearly report on dialogue work (Báo cáo kết quả thực hiện công tác tổ
chức hội nghị đối thoại năm …, BC), sent to the province (through its Department of Home
Affairs), made from the year's plan: the plans issued, each conference of the year (when,
where, attendance, opinions), the year's figures, what is still open, an evaluation and
proposals. Its table — one row per conference — also goes out as .xlsx.

The figures are `dialogues.selectors.oversight.yearly_figures` (the yearly-figures page and
the province's roll-up count the same way), per conference
`dialogues.selectors.conferences.counts_by_conference`.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from doithoai.core import decree30
from doithoai.core.text import lower_first, sentence
from doithoai.dialogues.models import Conference, Plan
from doithoai.dialogues.selectors import conferences, oversight
from doithoai.documents.drawing import conference_text as ct
from doithoai.documents.drawing import report
from doithoai.documents.drawing import word as b
from doithoai.documents.drawing.context import nfc_all, office_short_name, plan_signature_lines
from doithoai.documents.drawing.report import (
    as_of,
    header,
    items,
    n_text,
    province_name,
    short_body,
    short_date,
)
from doithoai.documents.drawing.tables import Column, Table
from doithoai.documents.kinds import Kind
from doithoai.petitions.models import Petition

COLUMNS = [
    Column("STT", 6),
    Column("Hội nghị", 40),
    Column("Ngày tổ chức", 14),
    Column("Số người dự", 10, numeric=True),
    Column("Số ý kiến", 10, numeric=True),
    Column("Đã trả lời", 10, numeric=True),
    Column("Đúng hạn", 10, numeric=True),
    Column("Quá hạn", 10, numeric=True),
    Column("Đang giải quyết", 12, numeric=True),
]
# Beyond this many conferences the text does not tell each one: the table does.
MAX_LISTED = 10
AD_HOC = {"pressing": "có vấn đề bức xúc, cấp thiết",
          "voters": "ít nhất 10% cử tri của xã đề nghị", "necessary": "khi cần thiết"}


def figures(plan: Plan, today: dt.date) -> oversight.YearlyFigures:
    return oversight.yearly_figures(plan.agency, plan.year, today)


def conference_counts(data: oversight.YearlyFigures) -> dict[int, oversight.Counts]:
    ids = [line.conference.pk for line in data.conferences]
    return conferences.counts_by_conference(
        Petition.objects.filter(conference__in=ids), data.today)


def _day(conference: Conference) -> str:
    if conference.held_on is None:
        return "Chưa định ngày"
    day = short_date(conference.held_on)
    return day if conference.state in oversight.HELD_STATES else f"{day} (dự kiến)"


def _row(c: oversight.Counts) -> list[int]:
    return [c.received, c.answered, c.answered_on_time, report.missed(c), c.open]


def table(plan: Plan, today: dt.date | None = None, *,
          data: oversight.YearlyFigures | None = None) -> Table:
    """One row per conference of the year (held or planned): date, attendance, opinions,
    answered, on time, deadline missed, still open; a total row."""
    today = today or timezone.localdate()
    data = data or figures(plan, today)
    by_conference = conference_counts(data)
    rows, total = [], oversight.Counts()
    for i, line in enumerate(data.conferences, start=1):
        conference = line.conference
        c = by_conference.get(conference.pk, oversight.Counts())
        total.add(c)
        rows.append([i, conference.title.strip(), _day(conference), conference.attendance,
                     *_row(c)])
    return Table(
        title=f"Kết quả tổ chức hội nghị đối thoại và giải quyết ý kiến, kiến nghị năm "
              f"{plan.year}",
        columns=list(COLUMNS), rows=nfc_all(rows),
        total=["", "Tổng cộng", "", data.attendance, *_row(total)],
        notes=[f"Số liệu tính đến ngày {short_date(today)}. Số người dự: của các hội nghị "
               f"đã tổ chức. Quá hạn: trả lời sau thời hạn hoặc chưa trả lời khi đã hết hạn. "
               f"Đang giải quyết: chưa trả lời (kể cả ý kiến đã quá hạn)."],
        sheet=f"Năm {plan.year}")


def plan_lines(data: oversight.YearlyFigures) -> list[str]:
    agency = data.agency
    lines = []
    for request in data.plan_requests:
        day = timezone.localtime(request.requested_at).date()
        lines.append(f"Ngày {day.day:02d}/{day.month:02d}/{day.year}, tiếp nhận đề nghị của "
                     f"{province_name(agency)} về việc xây dựng kế hoạch tổ chức hội nghị "
                     f"đối thoại năm {data.year}")
    for plan in data.plans:
        title = lower_first(plan.title)
        kind = (f" (kế hoạch đột xuất: {AD_HOC.get(plan.ad_hoc_basis, plan.ad_hoc_basis)})"
                if plan.kind == Plan.Kind.AD_HOC else "")
        if plan.number and plan.issued_on:
            text = (f"Ban hành Kế hoạch số {plan.number} {decree30.date_text(plan.issued_on)} "
                    f"về {title}{kind}")
            if plan.published_on:
                text += f"; công khai kế hoạch {decree30.date_text(plan.published_on)}"
        else:
            text = f"Dự thảo Kế hoạch {title}{kind}: chưa ban hành"
        lines.append(text)
    lines.append("Chỉ đạo Văn phòng, các cơ quan, đơn vị, Trưởng các thôn phối hợp với Ủy ban "
                 "MTTQ Việt Nam xã triển khai thực hiện; thông báo công khai, lấy ý kiến, kiến "
                 "nghị của Nhân dân trước mỗi hội nghị")
    return items(lines)


def _result(c: oversight.Counts) -> str:
    """"31 ý kiến, kiến nghị, trong đó trả lời tại hội nghị 22, …" (the parts that are not
    zero)."""
    parts = [f"{label} {n_text(n)}" for label, n in (
        ("trả lời tại hội nghị", c.answered_at_conference),
        ("giao trả lời bằng văn bản", report.written(c)),
        ("chuyển cấp trên, thủ tục khác", report.routed(c))) if n]
    return f"{n_text(c.received)} ý kiến, kiến nghị" + (
        ", trong đó " + ", ".join(parts) if parts else "")


def conference_entries(data: oversight.YearlyFigures,
                       by_conference: dict[int, oversight.Counts]) -> list[dict]:
    """Each conference of the year in a sentence or two: {"letter", "text"}; none when there
    are too many to tell one by one (the table lists them)."""
    lines = data.conferences
    if len(lines) > MAX_LISTED:
        return []
    result = []
    for i, line in enumerate(lines):
        conference = line.conference
        c = by_conference.get(conference.pk, oversight.Counts())
        venue = conference.venue.strip().rstrip(".")
        where = f", tại {venue}" if venue else ""
        title = conference.title.strip().rstrip(".")
        if conference.state in oversight.HELD_STATES:
            day = ct.day_text(conference.held_on) if conference.held_on else decree30.MISSING
            text = f"{title}: tổ chức vào {day}{where}"
            if conference.attendance:
                text += f"; {n_text(conference.attendance)} người dự"
            text += f"; {_result(c)}"
            if conference.conclusion_number.strip():
                text += (f"; Thông báo kết luận số {conference.conclusion_number.strip()}"
                         + (f" ngày {short_date(conference.concluded_on)}"
                            if conference.concluded_on else ""))
        else:
            when = (f"dự kiến tổ chức {ct.day_text(conference.held_on)}"
                    if conference.held_on else "chưa định ngày tổ chức")
            text = f"{title}: {when}{where}, đang chuẩn bị"
            if c.received:
                text += f"; đã tiếp nhận {n_text(c.received)} ý kiến, kiến nghị"
        result.append({"letter": f"{ct.LETTERS[i]})", "text": sentence(text)})
    return result


def summary(data: oversight.YearlyFigures) -> str:
    held, total = len(data.held), len(data.conferences)
    planned = total - held
    if held:
        text = (f"Trong năm {data.year}, {ct.body_name(data.agency)} đã tổ chức "
                f"{n_text(held)} hội nghị đối thoại với Nhân dân, tổng số "
                f"{n_text(data.attendance)} lượt người tham dự")
    elif data.today.year > data.year:
        text = (f"Trong năm {data.year}, {ct.body_name(data.agency)} không tổ chức hội nghị "
                f"đối thoại nào")
    else:
        text = (f"Tính đến {decree30.date_text(data.today)}, {ct.body_name(data.agency)} chưa "
                f"tổ chức hội nghị đối thoại nào trong năm {data.year}")
    if planned:
        text += f"; {n_text(planned)} hội nghị đang chuẩn bị"
    if total > MAX_LISTED:
        text += "; kết quả từng hội nghị tại bảng tổng hợp ở mục 2 dưới đây"
    return text + "."


def figure_part(letter: str, head: str, c: oversight.Counts, extra: str = "") -> dict:
    """"a) <head>: 38 ý kiến, trong đó:" and the fate of those petitions as list lines."""
    if not c.received:
        return {"head": f"{letter}) {head}: không có.", "lines": []}
    routed = [f"{label}: {n_text(n)} ý kiến" for label, n in (
        ("chuyển cơ quan cấp trên", c.escalated),
        ("chuyển giải quyết theo thủ tục khiếu nại, tố cáo", c.transferred),
        ("không tiếp nhận", c.not_accepted)) if n]
    lines = [
        f"Đã trả lời: {n_text(c.answered)} ý kiến (tại hội nghị "
        f"{n_text(c.answered_at_conference)}; bằng văn bản đúng hạn "
        f"{n_text(c.answered_in_writing_on_time)}, quá hạn {n_text(c.answered_late)})",
        f"Đang giải quyết: {n_text(c.open)} ý kiến (chưa đến hạn "
        f"{n_text(c.open_not_overdue)}, đã quá hạn {n_text(c.open_overdue)})"]
    if routed:
        text = "; ".join(routed)
        lines.insert(1, text[:1].upper() + text[1:])
    if extra:
        lines.append(extra)
    return {"head": f"{letter}) {head}: {n_text(c.received)} ý kiến, trong đó:",
            "lines": items(lines)}


def top_fields(data: oversight.YearlyFigures, count: int = 3) -> str:
    lines = sorted(data.of_conferences.by_field, key=lambda line: -line.count)[:count]
    if not lines:
        return ""
    return ("Các lĩnh vực được Nhân dân quan tâm nhiều nhất: "
            + "; ".join(f"{line.label} ({n_text(line.count)} ý kiến)" for line in lines))


def figure_parts(data: oversight.YearlyFigures) -> list[dict]:
    return [
        figure_part("a", "Ý kiến, kiến nghị của Nhân dân gửi đến các hội nghị trong năm",
                    data.of_conferences.counts, top_fields(data)),
        figure_part("b", "Ý kiến, kiến nghị tiếp nhận trong năm qua mọi kênh (kể cả ngoài "
                         "hội nghị)", data.of_year.counts)]


def still_open(data: oversight.YearlyFigures,
               by_conference: dict[int, oversight.Counts]) -> list[str]:
    c = data.of_conferences.counts
    lines = []
    for line in data.conferences:
        counts = by_conference.get(line.conference.pk, oversight.Counts())
        if counts.open and line.conference.state in oversight.HELD_STATES:
            day = short_date(line.conference.held_on)
            lines.append(f"Hội nghị ngày {day}: còn {n_text(counts.open)} ý kiến đang giải "
                         f"quyết" + (f", trong đó {n_text(counts.open_overdue)} ý kiến đã "
                                     f"quá hạn" if counts.open_overdue else ""))
    if len(lines) > MAX_LISTED:
        lines = [f"Các hội nghị trong năm còn {n_text(c.open)} ý kiến đang giải quyết, trong "
                 f"đó {n_text(c.open_overdue)} ý kiến đã quá hạn (từng hội nghị tại bảng "
                 f"tổng hợp ở mục II)"]
    if c.escalated:
        lines.append(f"{n_text(c.escalated)} ý kiến đã chuyển cơ quan cấp trên, đang theo "
                     f"dõi kết quả giải quyết")
    year = data.of_year.counts
    if year.open:
        lines.append(f"Trong tổng số ý kiến, kiến nghị tiếp nhận trong năm (qua mọi kênh), còn "
                     f"{n_text(year.open)} ý kiến đang giải quyết, trong đó "
                     f"{n_text(year.open_overdue)} ý kiến đã quá hạn")
    if not lines and not (c.received or year.received):
        return ["Không có ý kiến, kiến nghị nào đang giải quyết."]
    if not lines:
        return [f"Tính đến {decree30.date_text(data.today)}, các ý kiến, kiến nghị của Nhân "
                f"dân đã được trả lời, giải quyết xong."]
    return items(lines)


def evaluation(data: oversight.YearlyFigures) -> dict:
    c = data.of_conferences.counts
    good, weak = [], []
    plan = data.plan
    if plan is not None and plan.number:
        good.append("Ủy ban nhân dân xã ban hành kế hoạch và tổ chức hội nghị đối thoại theo "
                    "quy định tại Điều 43 Luật Tổ chức chính quyền địa phương số "
                    "72/2025/QH15; công tác chuẩn bị, thông báo, mời đại biểu được thực hiện "
                    "theo kế hoạch.")
    if data.held:
        good.append(f"Đã tổ chức {n_text(len(data.held))} hội nghị với "
                    f"{n_text(data.attendance)} lượt người dự; Nhân dân đã gửi, nêu "
                    f"{n_text(c.received)} ý kiến, kiến nghị đến các hội nghị"
                    + (f", trong đó {n_text(c.answered_at_conference)} ý kiến được trả lời "
                       f"trực tiếp tại hội nghị" if c.answered_at_conference else "") + ".")
    if c.on_time_percent is not None:
        good.append(f"Tỷ lệ ý kiến được trả lời đúng thời hạn đạt {c.on_time_percent}% (trên "
                    f"số ý kiến đã trả lời hoặc đã đến hạn).")
    if not good:
        good.append(f"Ủy ban nhân dân xã đã xây dựng dự thảo kế hoạch tổ chức hội nghị đối "
                    f"thoại năm {data.year}." if data.plans else
                    f"Ủy ban nhân dân xã theo dõi việc tiếp nhận, giải quyết ý kiến, kiến nghị "
                    f"của Nhân dân trong năm {data.year}.")
    if plan is None or not plan.number:
        weak.append(f"Kế hoạch tổ chức hội nghị đối thoại năm {data.year} chưa được ban hành.")
    if not data.held:
        verb = "Không" if data.today.year > data.year else "Chưa"
        weak.append(f"{verb} tổ chức hội nghị đối thoại năm {data.year} (Luật quy định tổ chức "
                    f"ít nhất mỗi năm một lần).")
    weak += report.deadline_weaknesses(c)
    if not weak:
        weak.append("Qua tổng hợp, chưa phát hiện tồn tại, hạn chế trong công tác tổ chức hội "
                    "nghị đối thoại.")
    return {"good": good, "weak": weak}


def proposals(data: oversight.YearlyFigures) -> list[str]:
    c = data.of_conferences.counts
    lines = []
    if c.open or data.of_year.counts.open:
        lines.append("Ủy ban nhân dân xã tiếp tục chỉ đạo các cơ quan, đơn vị khẩn trương giải "
                     "quyết, trả lời các ý kiến, kiến nghị còn lại; Văn phòng theo dõi, đôn "
                     "đốc và công khai kết quả.")
    if c.escalated:
        lines.append(f"Đề nghị {province_name(data.agency)}, các sở, ngành xem xét, giải "
                     f"quyết {n_text(c.escalated)} kiến nghị vượt thẩm quyền cấp xã đã được "
                     f"chuyển đến, thông báo kết quả để Ủy ban nhân dân xã trả lời Nhân dân.")
    lines.append("Đề nghị Sở Nội vụ tiếp tục hướng dẫn, tập huấn nghiệp vụ tổ chức hội nghị "
                 "trao đổi, đối thoại giữa chính quyền địa phương cấp xã với Nhân dân cho "
                 "cán bộ, công chức cấp xã.")
    return lines


def signer(plan: Plan):
    return plan.signer if plan.signer_id else None, plan_signature_lines(plan)


def missing(plan: Plan) -> list[str]:
    result = []
    if timezone.localdate().year < plan.year:
        result.append(f"số liệu của năm {plan.year} (năm chưa bắt đầu)")
    person, _lines = signer(plan)
    if person is None or not person.full_name.strip():
        result.append("người ký")
    return result


def context(plan: Plan, *, number: int | None = None,
            issued_on: dt.date | None = None) -> dict:
    agency = plan.agency
    today = as_of(issued_on)
    data = figures(plan, today)
    by_conference = conference_counts(data)
    sheet = table(plan, today, data=data)
    person, signature = signer(plan)
    province = province_name(agency)
    issuer = ct.body_name(agency)
    main = data.plan or plan
    basis = ("Thực hiện Điều 43 Luật Tổ chức chính quyền địa phương số 72/2025/QH15"
             + (f" và Kế hoạch số {main.number} {decree30.date_text(main.issued_on)} của "
                f"{issuer}" if main.number and main.issued_on else ""))
    ctx = {
        **header(agency, "BC", number, issued_on, person, signature),
        "title": f"Kết quả thực hiện công tác tổ chức hội nghị đối thoại năm {plan.year}",
        "opening": f"{basis}, {issuer} báo cáo kết quả thực hiện công tác tổ chức hội nghị "
                   f"đối thoại năm {plan.year} (số liệu tính đến {decree30.date_text(today)}) "
                   f"như sau:",
        "plans": plan_lines(data),
        "summary": summary(data),
        "conferences": conference_entries(data, by_conference),
        "figures": figure_parts(data),
        "still_open": still_open(data, by_conference),
        "evaluation": evaluation(data),
        "proposals": proposals(data),
        "table": sheet.as_context(),
        "closing": decree30.with_ending(
            f"Trên đây là báo cáo kết quả thực hiện công tác tổ chức hội nghị đối thoại năm "
            f"{plan.year} của {issuer}, kính báo cáo {province} (qua Sở Nội vụ) theo dõi, "
            f"tổng hợp"),
        "recipients": decree30.recipients(
            [f"{short_body(province)} (qua Sở Nội vụ)", "Thường trực Đảng ủy xã",
             "Thường trực HĐND xã", "Ủy ban MTTQ Việt Nam xã",
             "Chủ tịch, các Phó Chủ tịch UBND xã"],
            keep_unit=office_short_name(agency)),
        "year": plan.year,
    }
    return nfc_all(ctx)


# --- the layout ----------------------------------------------------------------------------

# Column widths (mm) over the 165 mm of text; the header titles are the table's own.
YEAR_WIDTHS = [11, 36, 24, 16, 16, 16, 15, 15, 16]
YEAR_HEADER = ["STT", "Hội nghị", "Ngày tổ chức", "Số người dự", "Số ý kiến", "Đã trả lời",
               "Đúng hạn", "Quá hạn", "Đang giải quyết"]


def layout():
    """The year's dialogue work: plans, each conference, the year's figures (with the table
    by conference), what is still open, evaluation, proposals, "./."."""
    doc = b.new_document()
    report.header_and_title(doc)
    b.body(doc, "{{ opening }}")
    b.heading(doc, "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO VÀ BAN HÀNH KẾ HOẠCH")
    report.bullets(doc, "plans")
    b.heading(doc, "II. KẾT QUẢ TỔ CHỨC HỘI NGHỊ ĐỐI THOẠI")
    b.heading(doc, "1. Các hội nghị trong năm")
    b.body(doc, "{{ summary }}")
    b.loop(doc, "{%p for item in conferences %}", "{{ item.letter }} {{ item.text }}",
           "{%p endfor %}")
    b.heading(doc, "2. Kết quả tiếp nhận, giải quyết ý kiến, kiến nghị")
    b.tag(doc, "{%p for part in figures %}")
    b.body(doc, "{{ part.head }}")
    report.bullets(doc, "part.lines")
    b.tag(doc, "{%p endfor %}")
    report.table_of_figures(doc, widths=YEAR_WIDTHS, header=YEAR_HEADER,
                            numeric=(3, 4, 5, 6, 7, 8))
    b.heading(doc, "III. NHỮNG NỘI DUNG CÒN ĐANG GIẢI QUYẾT")
    report.bullets(doc, "still_open")
    report.evaluation(doc, "IV")
    report.ending(doc, "V")
    return doc


KIND = Kind(
    code="bao-cao-nam",
    label="Báo cáo kết quả thực hiện công tác tổ chức hội nghị đối thoại hằng năm",
    abbreviation="BC", source="dialogues.plan", template="bao-cao-nam.docx",
    context=context, required=missing, layout=layout, table=table)
