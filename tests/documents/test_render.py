"""render_docx: drafts with gaps, numbered documents, escaping, agency templates, and the
shipped template kept in step with its builder."""

import datetime as dt
import hashlib
import io

import pytest
from django.core.management import call_command
from docx import Document

from doithoai.documents.drawing import format_check
from doithoai.documents.drawing.format_check import reading
from doithoai.documents.kinds import ke_hoach as plan_context
from doithoai.documents.registry import KINDS
from doithoai.documents.render import Rendered, render_docx, template_path
from tests.documents.conftest import read

KIND = KINDS["ke-hoach"]


def all_text(docx: bytes) -> list[str]:
    return [p.text for p in reading.all_paragraphs(read(docx))]


def test_registry_describes_the_plan():
    assert (KIND.code, KIND.abbreviation, KIND.source, KIND.template) == (
        "ke-hoach", "KH", "dialogues.plan", "ke-hoach.docx")
    assert template_path(KIND).is_file()


def test_draft_renders_with_blank_number_and_date(draft_plan):
    rendered = render_docx("ke-hoach", draft_plan)
    assert isinstance(rendered, Rendered)
    assert rendered.sha256 == hashlib.sha256(rendered.docx).hexdigest()
    assert rendered.missing == []
    lines = all_text(rendered.docx)
    assert "Số:      /KH-UBND" in lines
    assert "Điềm He, ngày      tháng      năm 2027" in lines
    assert format_check.check(rendered.docx, KIND) == []


def test_numbered_and_dated(draft_plan):
    rendered = render_docx("ke-hoach", draft_plan, number=3, issued_on=dt.date(2027, 2, 4))
    lines = all_text(rendered.docx)
    assert "Số: 03/KH-UBND" in lines
    assert "Điềm He, ngày 04 tháng 02 năm 2027" in lines


def test_same_content_same_bytes(draft_plan):
    first = render_docx("ke-hoach", draft_plan, number=3, issued_on=dt.date(2027, 2, 4))
    second = render_docx("ke-hoach", draft_plan, number=3, issued_on=dt.date(2027, 2, 4))
    assert first.docx == second.docx and first.sha256 == second.sha256
    other = render_docx("ke-hoach", draft_plan, number=4, issued_on=dt.date(2027, 2, 4))
    assert other.sha256 != first.sha256


def test_missing_fields_listed_and_shown_as_gaps(draft_plan):
    draft_plan.signer = None
    draft_plan.venue = ""
    draft_plan.budget = ""
    rendered = render_docx("ke-hoach", draft_plan)
    assert rendered.missing == ["địa điểm", "kinh phí thực hiện", "người ký"]
    lines = all_text(rendered.docx)
    assert "- Địa điểm: …" in lines
    assert lines.count("…") >= 1  # the budget paragraph
    signature = read(rendered.docx).tables[-1].cell(0, 1)
    assert [p.text for p in signature.paragraphs if p.text] == ["TM. ỦY BAN NHÂN DÂN",
                                                                 "CHỦ TỊCH"]
    assert plan_context.missing(draft_plan) == rendered.missing


def test_deputy_signs_for_the_chair(draft_plan):
    draft_plan.signer_capacity = "KT."
    draft_plan.signer_position = "Phó Chủ tịch"
    rendered = render_docx("ke-hoach", draft_plan)
    signature = read(rendered.docx).tables[-1].cell(0, 1)
    assert [p.text for p in signature.paragraphs if p.text][:3] == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_text_is_escaped_not_interpreted(draft_plan):
    draft_plan.title = "Đối thoại <b>về</b> đất & nước {{ secret }}"
    rendered = render_docx("ke-hoach", draft_plan)
    assert "Đối thoại <b>về</b> đất & nước {{ secret }}" in all_text(rendered.docx)
    assert format_check.check(rendered.docx, KIND) == []


def test_an_agency_template_replaces_the_shipped_one(draft_plan):
    doc = Document(io.BytesIO(template_path(KIND).read_bytes()))
    doc.add_paragraph("Mẫu riêng của xã: {{ venue }}")
    buffer = io.BytesIO()
    doc.save(buffer)
    rendered = render_docx("ke-hoach", draft_plan, template=buffer.getvalue())
    assert "Mẫu riêng của xã: Hội trường Ủy ban nhân dân xã Điềm He." in all_text(rendered.docx)
    assert "Mẫu riêng của xã" not in " ".join(all_text(render_docx("ke-hoach",
                                                                   draft_plan).docx))


def test_composition_and_tasks_follow_the_plan(draft_plan):
    ctx = KIND.context(draft_plan)
    sides = [(side["letter"], side["label"]) for side in ctx["composition"]]
    assert sides == [("a", "Đại biểu xã"), ("b", "Đại biểu thôn")]
    village = ctx["composition"][1]["entries"]
    assert village[-1] == "Đại diện Nhân dân (dự kiến 03 đại biểu/thôn)."
    assert all(item.endswith(";") for item in village[:-1])
    assert [t["number"] for t in ctx["tasks"]] == list(range(1, len(ctx["tasks"]) + 1))
    assert ctx["coordination_number"] == len(ctx["tasks"]) + 1
    assert ctx["recipients"][-1] == "- Lưu: VT, VP."


def test_docs_templates_rebuilds_every_shipped_file_exactly(tmp_path):
    call_command("docs_templates", "--out", str(tmp_path), stdout=io.StringIO())
    for kind in KINDS.values():
        built = (tmp_path / kind.template).read_bytes()
        assert built == template_path(kind).read_bytes(), \
            f"the shipped {kind.template} is out of date: run `doithoai docs_templates`"


def test_docs_templates_refuses_an_unknown_kind(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("docs_templates", "khong-co", "--out", str(tmp_path))
