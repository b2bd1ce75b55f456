"""The commune's reports to the province, rendered once for the tests of both kinds
(test_format_bao_cao.py: the conference's results; test_format_bao_cao_nam.py: the year's):
their scenario (on tests/builders.py's year), its constants, and two helpers to read a sheet
and a section back."""

import datetime as dt
import io

import openpyxl

from doithoai.core.petition_flow import State
from doithoai.dialogues.actions import plans as plans_actions
from doithoai.dialogues.models import Conference, ConferencePetition
from doithoai.dialogues.selectors import conferences, oversight
from doithoai.documents.registry import KINDS
from doithoai.documents.render import render_docx
from doithoai.documents.selectors.drafts import render_table
from doithoai.org.models import User
from doithoai.petitions.models import Channel, Field, Petition
from tests import builders
from tests.documents.conftest import nfd

RESULT, YEARLY = KINDS["bao-cao-ket-qua"], KINDS["bao-cao-nam"]
TODAY = dt.date(2026, 11, 23)  # FROZEN_NOW's day: the reports' "as of"
LONG_SIGNER = "Nguyễn Hoàng Phương Thảo Bảo Ngọc Khánh Linh Thị Mai Anh"
LONG_ISSUER = "ỦY BAN NHÂN DÂN / XÃ ĐIỀM HE MỞ RỘNG THEO NGHỊ QUYẾT SÁP NHẬP ĐƠN VỊ HÀNH CHÍNH"
MANY = 30


def sheet_rows(xlsx: bytes) -> tuple[list[str], list[list], list]:
    """(header, data rows, total row) of the report's sheet."""
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    start = next(i for i, row in enumerate(values) if row[0] == "STT")
    body = [row for row in values[start + 1:] if any(v is not None for v in row[1:])]
    total = next(row for row in body if row[1] == "Tổng cộng")
    return values[start], [row for row in body if row is not total], total


def section(got: list[str], start: str, end: str | None) -> list[str]:
    i = got.index(start)
    return got[i + 1:got.index(end) if end else len(got)]


def _many_conferences(agency, clerk) -> None:
    """A 2024 plan whose 30 conferences each heard a few opinions, answered or not."""
    plan = plans_actions.create_plan(actor=clerk, agency=agency, year=2024)
    field = Field.objects.filter(agency=agency).order_by("order").first()
    petitions, heard_at = [], []
    for i in range(MANY):
        day = dt.date(2024, 1, 5) + dt.timedelta(days=11 * i)
        conference = Conference.objects.create(
            agency=agency, plan=plan, title=f"Hội nghị đối thoại với Nhân dân cụm thôn số {i + 1}",
            state=Conference.State.HELD, held_on=day, venue=f"Nhà văn hóa thôn số {i + 1}",
            attendance=60 + i)
        for j, state in enumerate((State.ANSWERED_AT_CONFERENCE, State.ASSIGNED,
                                   State.ESCALATED)[:1 + i % 3]):
            petitions.append(Petition(
                agency=agency, tracking_code=f"N24{i:03d}{j:03d}", text=f"Ý kiến {i}-{j}",
                channel=Channel.CONFERENCE, received_on=day,
                field=field, state=state, due_date=day + dt.timedelta(days=21)))
            heard_at.append(conference)
    for p in petitions:
        p.normalise_texts()
    Petition.objects.bulk_create(petitions)
    ConferencePetition.objects.bulk_create(
        ConferencePetition(conference=c, petition=p) for p, c in zip(petitions, heard_at,
                                                                     strict=True))


def scenario(out: dict) -> None:
    """Run once for each module that reads it (its `made`), then rolled back."""
    june = builders.june_conference(builders.yearly_plan())
    upcoming = builders.upcoming_conference(june.plan)
    plan, agency = june.plan, june.agency
    petitions = Petition.objects.filter(conference=june)
    out["june"] = {"attendance": june.attendance, "signer": plan.signer.full_name,
                   "held_on": june.held_on}
    out["counts"] = oversight.counts(petitions, TODAY)
    out["by_field"] = {
        name or "Chưa phân loại lĩnh vực": oversight.counts(
            petitions.filter(field__name=name) if name else petitions.filter(field=None),
            TODAY)
        for name in petitions.values_list("field__name", flat=True).distinct()}
    out["field_order"] = list(Field.objects.filter(agency=agency).order_by(
        "order", "name").values_list("name", flat=True))
    out["progress"] = conferences.unit_progress(june, TODAY)
    out["result"] = render_docx("bao-cao-ket-qua", june, number=64, issued_on=TODAY)
    out["result_draft"] = render_docx("bao-cao-ket-qua", june)
    out["result_xlsx"] = render_table("bao-cao-ket-qua", june)
    out["result_table"] = RESULT.table(june)

    out["yearly"] = oversight.yearly_figures(agency, 2026, TODAY)
    ids = [line.conference.pk for line in out["yearly"].conferences]
    out["per_conference"] = {
        pk: oversight.counts(Petition.objects.filter(conference=pk), TODAY) for pk in ids}
    out["titles"] = [line.conference.title for line in out["yearly"].conferences]
    out["year"] = render_docx("bao-cao-nam", plan, number=65, issued_on=TODAY)
    out["year_draft"] = render_docx("bao-cao-nam", plan)
    out["year_xlsx"] = render_table("bao-cao-nam", plan)

    out["not_held"] = render_docx("bao-cao-ket-qua", upcoming)

    clerk = User.objects.get(username="vanphong")
    next_year = plans_actions.create_plan(actor=clerk, agency=agency, year=2027)
    out["not_started"] = render_docx("bao-cao-nam", next_year)
    # (a year with its plan and no conference)
    last_year = plans_actions.create_plan(actor=clerk, agency=agency, year=2023)
    out["no_conference"] = render_docx("bao-cao-nam", last_year)
    _many_conferences(agency, clerk)
    plan_2024 = agency.plans.get(year=2024)
    out["many"] = render_docx("bao-cao-nam", plan_2024, number=3,
                              issued_on=dt.date(2024, 12, 20))
    out["many_xlsx"] = render_table("bao-cao-nam", plan_2024)

    # NFD text from a paste (saved fields are NFC; a field renamed behind the models' back)
    field = Field.objects.filter(petitions__conference=june).order_by("order").first()
    Field.objects.filter(pk=field.pk).update(name=nfd("Giao thông nông thôn Khuổi Slằng"))
    Conference.objects.filter(pk=june.pk).update(title=nfd(
        "Hội nghị đối thoại với Nhân dân thôn Nà Pàn – Bản Chu"))
    june.refresh_from_db()
    june.venue = nfd("Nhà văn hóa thôn Khòn Pát")
    june.plan.signer.full_name = nfd("Hoàng Thị Diệu Hiền")
    out["nfd"] = render_docx("bao-cao-ket-qua", june)
    out["nfd_xlsx"] = render_table("bao-cao-ket-qua", june)
    out["nfd_year"] = render_docx("bao-cao-nam", june.plan)
    june.plan.signer.full_name = LONG_SIGNER
    agency.header_issuer = LONG_ISSUER
    june.venue = "Hội trường " + "Nhà văn hóa trung tâm cụm thôn " * 8
    june.agency = agency
    out["long"] = render_docx("bao-cao-ket-qua", june)
    Conference.objects.filter(pk=june.pk).update(title="Hội nghị đối thoại " + "cụm thôn "
                                                 "Nà Pàn, Bản Chu, Khòn Pát " * 6)
    plan.agency, plan.signer.full_name = agency, LONG_SIGNER
    out["long_year"] = render_docx("bao-cao-nam", plan)
