"""The plan (Kế hoạch, R01): every section of a `dialogues.Plan` as the plain NFC strings the
template prints, the fields still missing before it can be issued, and its layout."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH

from doithoai.core import decree30
from doithoai.core.text import list_items, sentence, sentences
from doithoai.dialogues.defaults import TIME_TEXT
from doithoai.dialogues.models import Plan
from doithoai.dialogues.selectors import duties
from doithoai.documents.drawing import conference_text as ct
from doithoai.documents.drawing import word as b
from doithoai.documents.drawing.context import (
    agency_header,
    dmy,
    nfc_all,
    office_short_name,
    plan_signature_lines,
)
from doithoai.documents.kinds import Kind
from doithoai.documents.selectors.issued import latest_issued

ROMAN_SIDES = ("commune", "village", "extra")


def _seats(group) -> str:
    label = group.label.rstrip(" ;.")
    if group.per_village and (group.seats > 1 or group.side == "citizen"):
        label += f" (dự kiến {decree30.number_text(group.seats)} đại biểu/thôn)"
    return label


def composition(plan) -> list[dict]:
    """The composition grouped "a) Đại biểu xã", "b) Đại biểu thôn" (citizens' representatives
    are counted per village with the villages), each item "…;" and the group's last "."."""
    by_side: dict[str, list[str]] = {side: [] for side in ROMAN_SIDES}
    for group in plan.groups.all():
        side = "village" if group.side == "citizen" else group.side
        by_side.setdefault(side, []).append(_seats(group))
    result = []
    for side in ROMAN_SIDES:
        items = by_side.get(side) or []
        if not items:
            continue
        items = [item + ("." if i == len(items) - 1 else ";") for i, item in enumerate(items)]
        result.append({"letter": "abc"[len(result)], "label": ct.SIDE_LABELS[side],
                       "entries": items})
    return result


def _time_text(plan, conference) -> str:
    """"Thời gian" as the plan says it; the new plan's placeholder ("… thời gian cụ thể sẽ
    thông báo sau") gives way to the day once the conference is dated, as the tasks'
    deadlines do."""

    if conference is not None and plan.time_text.strip() == TIME_TEXT.format(year=plan.year):
        return f"Hội nghị tổ chức vào {ct.when_text(conference)}."
    return plan.time_text


def tasks(plan, conference=None) -> list[dict]:
    """"Tổ chức thực hiện": each body's duties with their deadlines (dated when the plan's
    conference is, `conference`), numbered by body, as the plan's page shows them."""
    return [{"number": i, "heading": section.heading, "entries": section.lines}
            for i, section in enumerate(duties.sections(plan, conference), start=1)]


def missing(plan) -> list[str]:
    """What the plan still lacks before it can be issued (Vietnamese field names)."""
    result = []
    checks = [
        ("trích yếu", plan.title),
        ("căn cứ ban hành", plan.legal_bases),
        ("mục đích", plan.purposes),
        ("yêu cầu", plan.requirements),
        ("hình thức", plan.form),
        ("thời gian", plan.time_text),
        ("địa điểm", plan.venue),
        ("nội dung", plan.content),
        ("chương trình hội nghị", plan.programme),
        ("kinh phí thực hiện", plan.budget),
        ("nơi nhận", plan.recipients),
        ("chức vụ người ký", plan.signer_position),
    ]
    for name, value in checks:
        if not (value or "").strip():
            result.append(name)
    if plan.signer_id is None or not plan.signer.full_name.strip():
        result.append("người ký")
    if not plan.groups.exists():
        result.append("thành phần tham dự")
    return result


def _closing(plan) -> str:
    title = plan.title.strip().rstrip(".")
    if title:
        title = title[:1].lower() + title[1:]
        return decree30.with_ending(f"Trên đây là Kế hoạch {title}")
    return decree30.with_ending("Trên đây là Kế hoạch " + decree30.MISSING)


def _in_register(plan) -> bool:
    return plan.pk is not None and latest_issued(plan, "ke-hoach") is not None


def context(plan, *, number: int | None = None, issued_on: dt.date | None = None) -> dict:
    """Everything the plan's template prints. Missing fields print as "…" (the signer's name
    as a blank line) so that a draft always renders."""
    agency = plan.agency
    gap = decree30.MISSING
    content = composition(plan)
    conference = duties.the_conference(plan)
    unit_tasks = tasks(plan, conference)
    banner = list_items(plan.banner)
    rules = sentences(plan.rules)
    coordination = sentences(plan.coordination)
    number_symbol = decree30.number_symbol(number, "KH", agency.symbol)
    if number is None and plan.number and plan.issued_on and not _in_register(plan):
        # Issued on paper before the register numbered plans: reprinted as it was signed.
        # (Issued through the register, the frozen file is the print; a draft here is a
        # correction, which gets a number of its own.)
        number_symbol, issued_on = plan.number.strip(), plan.issued_on
    ctx = {
        **agency_header(agency),
        "number_symbol": number_symbol,
        "number_line": f"Số: {number_symbol}",
        "date_line": decree30.date_line(agency.place_name, issued_on, year=plan.year),
        "type_name": "KẾ HOẠCH",
        "title": plan.title.strip() or gap,
        "legal_bases": decree30.legal_bases(list_items(plan.legal_bases)) or [gap],
        "preamble": plan.preamble.strip(),
        "purposes": sentences(plan.purposes) or [gap],
        "requirements": sentences(plan.requirements) or [gap],
        "time_text": sentence(_time_text(plan, conference)) or gap,
        "venue": sentence(plan.venue) or gap,
        "composition": content or [{"letter": "a", "label": ct.SIDE_LABELS["commune"],
                                    "entries": [gap]}],
        "form": sentence(plan.form) or gap,
        "content": sentences(plan.content) or [gap],
        "programme": sentences(plan.programme) or [gap],
        "banner": banner,
        "rules": rules,
        "rules_number": 5 if banner else 4,
        "tasks": unit_tasks,
        "coordination": coordination,
        "coordination_number": len(unit_tasks) + 1,
        "budget": sentences(plan.budget) or [gap],
        "closing": _closing(plan),
        "recipients": decree30.recipients(list_items(plan.recipients),
                                          keep_unit=office_short_name(agency)),
        "signature_lines": plan_signature_lines(plan),
        "signer_name": plan.signer.full_name if plan.signer_id else "",
        "year": plan.year,
    }
    return nfc_all(ctx)


def numbered_elsewhere(plan) -> str | None:

    if plan.state != Plan.State.DRAFT and plan.number:
        return _("Kế hoạch đã ban hành ngoài sổ với số %(number)s ngày %(date)s: bản .docx ở "
                 "đây chỉ để xem, in lại.") % {
            "number": plan.number, "date": dmy(plan.issued_on)}
    return None


# --- the layout ------------------------------------------------------------------------------

def layout():
    """The plan (Kế hoạch, R01), every section of `dialogues.Plan`, as the seed plans read."""
    doc = b.new_document()
    b.header_table(
        doc, parent="{{ header_parent }}",
        issuer_loop=("{%p for line in issuer_lines %}", "{{ line }}", "{%p endfor %}"),
        number="Số: {{ number_symbol }}", date="{{ date_line }}")
    b.title_block(doc, "KẾ HOẠCH", "{{ title }}")
    b.loop(doc, "{%p for basis in legal_bases %}", "{{ basis }}", "{%p endfor %}", italic=True)
    b.tag(doc, "{%p if preamble %}")
    b.body(doc, "{{ preamble }}")
    b.tag(doc, "{%p endif %}")

    b.heading(doc, "I. MỤC ĐÍCH, YÊU CẦU")
    b.heading(doc, "1. Mục đích")
    b.loop(doc, "{%p for line in purposes %}", "{{ line }}", "{%p endfor %}")
    b.heading(doc, "2. Yêu cầu")
    b.loop(doc, "{%p for line in requirements %}", "- {{ line }}", "{%p endfor %}")

    b.heading(doc, "II. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN")
    b.heading(doc, "1. Thời gian, địa điểm")
    b.body(doc, "- Thời gian: {{ time_text }}")
    b.body(doc, "- Địa điểm: {{ venue }}")
    b.heading(doc, "2. Thành phần")
    b.tag(doc, "{%p for side in composition %}")
    b.body(doc, "{{ side.letter }}) {{ side.label }}", keep_next=True)
    b.loop(doc, "{%p for item in side.entries %}", "- {{ item }}", "{%p endfor %}")
    b.tag(doc, "{%p endfor %}")

    b.heading(doc, "III. HÌNH THỨC, NỘI DUNG, CHƯƠNG TRÌNH")
    b.lead_in(doc, "1. Hình thức: ", "{{ form }}")
    b.heading(doc, "2. Nội dung")
    b.loop(doc, "{%p for line in content %}", "- {{ line }}", "{%p endfor %}")
    b.heading(doc, "3. Chương trình hội nghị")
    b.loop(doc, "{%p for line in programme %}", "- {{ line }}", "{%p endfor %}")
    b.tag(doc, "{%p if banner %}")
    b.heading(doc, "4. Nội dung trang trí khánh tiết")
    centre = {"align": WD_ALIGN_PARAGRAPH.CENTER, "first_line": None}
    b.loop(doc, "{%p for line in banner %}", "{{ line }}", "{%p endfor %}", bold=True, **centre)
    b.tag(doc, "{%p endif %}")
    b.tag(doc, "{%p if rules %}")
    b.heading(doc, "{{ rules_number }}. Nội quy hội nghị")
    b.loop(doc, "{%p for line in rules %}", "- {{ line }}", "{%p endfor %}")
    b.tag(doc, "{%p endif %}")

    b.heading(doc, "IV. TỔ CHỨC THỰC HIỆN")
    b.tag(doc, "{%p for unit in tasks %}")
    b.heading(doc, "{{ unit.number }}. {{ unit.heading }}")
    b.loop(doc, "{%p for task in unit.entries %}", "- {{ task }}", "{%p endfor %}")
    b.tag(doc, "{%p endfor %}")
    b.tag(doc, "{%p if coordination %}")
    b.heading(doc, "{{ coordination_number }}. Công tác phối hợp")
    b.loop(doc, "{%p for line in coordination %}", "{{ line }}", "{%p endfor %}")
    b.tag(doc, "{%p endif %}")

    b.heading(doc, "V. KINH PHÍ THỰC HIỆN")
    b.loop(doc, "{%p for line in budget %}", "{{ line }}", "{%p endfor %}")
    b.body(doc, "{{ closing }}")

    b.signature_block(doc)
    return doc


KIND = Kind(
    code="ke-hoach", label="Kế hoạch tổ chức hội nghị đối thoại", abbreviation="KH",
    source="dialogues.plan", template="ke-hoach.docx",
    context=context, required=missing, layout=layout, refusal=numbered_elsewhere)
