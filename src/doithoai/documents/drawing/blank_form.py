"""A form (phiếu) of a conference, filled in by hand: not a numbered document, so no "Số:" and
no date in the header, no "./." and no recipients; the header keeps the Decree-30 two columns
(issuer with its rule | national title and motto with its rule); fields are written on dotted
lines (a right tab stop with a dot leader); the writer signs in the right-hand half. Shared by
the two forms of `documents.kinds` (`phieu_lay_y_kien`, `phieu_dang_ky_phat_bieu`), neither of
which it imports."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Mm, Pt

from doithoai.core import decree30
from doithoai.core.text import lower_first
from doithoai.dialogues.models import Conference
from doithoai.documents.drawing import word as b
from doithoai.documents.drawing.context import agency_header

WRITING_LINES = 12


def common_context(conference: Conference) -> dict:
    """The header, the conference's title, the place with a blank date, the lines to write on."""
    agency = conference.agency
    title = conference.title.strip().rstrip(".")
    year = conference.held_on.year if conference.held_on else None
    return {
        **agency_header(agency),
        "conference_title": lower_first(title) or decree30.MISSING,
        "date_line": decree30.date_line(agency.place_name, None, year=year),
        "lines": [""] * WRITING_LINES,
    }


# --- the layout ----------------------------------------------------------------------------

CENTRE = {"align": WD_ALIGN_PARAGRAPH.CENTER, "first_line": None, "after": Pt(0), "line": None}
LEFT = {"align": WD_ALIGN_PARAGRAPH.LEFT, "first_line": None, "after": Pt(6), "line": 1}
NOTE = dict(LEFT, align=WD_ALIGN_PARAGRAPH.JUSTIFY)


def form_header(doc):
    """One row, no borders: parent body and issuer (rule) | national title and motto (rule)."""
    table = b._fixed_table(doc, 1, [b.HEADER_LEFT_MM, b.HEADER_RIGHT_MM])
    left, right = table.cell(0, 0), table.cell(0, 1)
    b.tag(left, "{%p if header_parent %}")
    b.paragraph(left, "{{ header_parent }}", size=13, **CENTRE)
    b.tag(left, "{%p endif %}")
    b.tag(left, "{%p for line in issuer_lines %}")
    b.paragraph(left, "{{ line }}", size=13, bold=True, **CENTRE)
    b.tag(left, "{%p endfor %}")
    b.rule(left, b.ISSUER_RULE_MM, b.HEADER_LEFT_MM)
    b.paragraph(right, b.NATIONAL_TITLE, size=12, bold=True, **CENTRE)
    b.paragraph(right, b.MOTTO, size=13, bold=True, **CENTRE)
    b.rule(right, b.MOTTO_RULE_MM, b.HEADER_RIGHT_MM)
    return table


def field(doc, label: str, *, bold_value: str = ""):
    """"Họ và tên: ……………" to the right margin (a dotted tab)."""
    p = b.paragraph(doc, "", size=b.BODY_SIZE, **LEFT)
    p.paragraph_format.tab_stops.add_tab_stop(Mm(b.TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT,
                                              WD_TAB_LEADER.DOTS)
    b.run(p, label)
    if bold_value:
        b.run(p, bold_value, bold=True)
    b.run(p, "\t")
    return p


def writing_lines(doc):
    b.tag(doc, "{%p for line in lines %}")
    field(doc, "")
    b.tag(doc, "{%p endfor %}")


def signer(doc, role: str, hint: str):
    """The place and blank date, the writer's role and a hint, right-hand half, room to sign."""
    table = b._fixed_table(doc, 1, [b.SIGN_LEFT_MM, b.SIGN_RIGHT_MM])
    right = table.cell(0, 1)
    b.paragraph(right, "{{ date_line }}", size=13, italic=True, before=6, **CENTRE)
    b.paragraph(right, role, size=14, bold=True, **CENTRE)
    b.paragraph(right, hint, size=13, italic=True, **CENTRE)
    for _ in range(3):
        b.paragraph(right, "", size=14, **CENTRE)
    return table


def title(doc, type_name: str, summary: str):
    b.title_block(doc, type_name, summary)
