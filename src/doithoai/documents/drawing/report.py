"""What the two reports to the province share (the results of one conference, bao-cao-ket-qua,
and the year's dialogue work, bao-cao-nam): counts and dates as the text prints them, the
figures they add up from `dialogues.selectors.oversight.Counts`, the report's header, list
items, and the parts of their layout."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH

from doithoai.core import dates, decree30
from doithoai.dialogues.selectors import oversight
from doithoai.documents.drawing import word as b
from doithoai.documents.drawing.context import agency_header
from doithoai.documents.drawing.tables import cell_text


def as_of(issued_on: dt.date | None) -> dt.date:
    """The day the report's figures are counted on: its date, else today."""
    return issued_on or timezone.localdate()


def n_text(n: int) -> str:
    """A count in the text: "05", "12", "2.235", and "0" (decree30.number_text refuses
    zero)."""
    if n <= 0:
        return "0"
    return decree30.number_text(n) if n < 10 else cell_text(n)


def short_date(day: dt.date | None) -> str:
    return dates.day(day) or decree30.MISSING


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def routed(c: oversight.Counts) -> int:
    """Left the commune's written-answer track: escalated, transferred, not accepted."""
    return c.escalated + c.transferred + c.not_accepted


def written(c: oversight.Counts) -> int:
    """Given to a unit to answer in writing: answered in writing since, or still open."""
    return c.answered_in_writing + c.open


def missed(c: oversight.Counts) -> int:
    """Whose deadline was missed: answered late, or still open past the due date."""
    return c.answered_late + c.open_overdue


def deadline_weaknesses(c: oversight.Counts) -> list[str]:
    """The answers that missed their deadline, as shortcomings of a report."""
    weak = []
    if c.answered_late:
        weak.append(f"Có {n_text(c.answered_late)} ý kiến được trả lời bằng văn bản chậm so "
                    f"với thời hạn.")
    if c.open_overdue:
        weak.append(f"Còn {n_text(c.open_overdue)} ý kiến đã quá thời hạn nhưng chưa được trả "
                    f"lời.")
    return weak


def province_name(agency) -> str:
    """The level the report goes to: the agency's parent, "Ủy ban nhân dân tỉnh" without."""
    parent = agency.parent
    return parent.name.strip() if parent is not None and parent.name.strip() \
        else "Ủy ban nhân dân tỉnh"


def short_body(name: str) -> str:
    """"UBND tỉnh Lạng Sơn" as the recipients list abbreviates it."""
    return name.replace("Ủy ban nhân dân", "UBND")


def header(agency, abbr: str, number, issued_on, person, signature) -> dict:
    today = timezone.localdate()
    return {
        **agency_header(agency),
        "number_symbol": decree30.number_symbol(number, abbr, agency.symbol),
        "number_line": decree30.number_line(number, abbr, agency.symbol),
        # A report is dated when it is written, often the year after the events.
        "date_line": decree30.date_line(agency.place_name, issued_on, year=today.year),
        "type_name": "BÁO CÁO",
        "signature_lines": signature,
        "signer_name": person.full_name.strip() if person is not None else "",
    }


def items(lines: list[str]) -> list[str]:
    """List items: each ends with ";", the last with "."."""
    lines = [line.rstrip(" .;,") for line in lines if line.strip()]
    return [line + ("." if i == len(lines) - 1 else ";") for i, line in enumerate(lines)]


# --- the layout ------------------------------------------------------------------------------

def header_and_title(doc) -> None:
    b.header_table(
        doc, parent="{{ header_parent }}",
        issuer_loop=("{%p for line in issuer_lines %}", "{{ line }}", "{%p endfor %}"),
        number="Số: {{ number_symbol }}", date="{{ date_line }}")
    b.title_block(doc, "BÁO CÁO", "{{ title }}")


def bullets(doc, source: str, prefix: str = "- ") -> None:
    b.loop(doc, f"{{%p for line in {source} %}}", f"{prefix}{{{{ line }}}}", "{%p endfor %}")


def table_of_figures(doc, *, widths, header, numeric) -> None:
    """The table's title, the table (when it has rows), its notes in italic."""
    b.tag(doc, "{%p if table.rows %}")
    b.paragraph(doc, "{{ table.title }}", size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
                first_line=None, before=6, keep_next=True)
    b.data_table(doc, widths_mm=widths, header=header, source="table.rows",
                 total="table.total", numeric=numeric, centred=(0,))
    b.loop(doc, "{%p for note in table.notes %}", "{{ note }}", "{%p endfor %}",
           size=13, italic=True, before=6)
    b.tag(doc, "{%p endif %}")


def evaluation(doc, number: str) -> None:
    b.heading(doc, f"{number}. ĐÁNH GIÁ")
    b.heading(doc, "1. Kết quả đạt được")
    bullets(doc, "evaluation.good")
    b.heading(doc, "2. Tồn tại, hạn chế")
    bullets(doc, "evaluation.weak")


def ending(doc, number: str) -> None:
    b.heading(doc, f"{number}. ĐỀ XUẤT, KIẾN NGHỊ")
    bullets(doc, "proposals")
    b.body(doc, "{{ closing }}")
    b.signature_block(doc)
