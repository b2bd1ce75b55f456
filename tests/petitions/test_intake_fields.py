"""A commune that has never received a public submission still classifies the opinions its
staff type in or import: intake creates the default fields (lĩnh vực) when there are none."""

import datetime as dt
import io
import uuid

import openpyxl
import pytest
from django.urls import reverse

from doithoai.core.taxonomy import DEFAULT_FIELDS
from doithoai.org.models import Role
from doithoai.petitions import excel
from doithoai.petitions.actions import imports, intake
from doithoai.petitions.forms.intake import EntryForm
from doithoai.petitions.models import Channel, Field, IntakeBatch
from tests.factories import AgencyFactory, VillageFactory, user_with_role
from tests.petitions.intake_support import row, xlsx

DAY = dt.date(2026, 11, 2)
DEFAULT_NAMES = [name for _code, name in DEFAULT_FIELDS]


@pytest.fixture
def fresh(db):
    """A new commune: villages and a clerk, but no field created yet."""
    agency = AgencyFactory(name="Ủy ban nhân dân xã Tân Lập")
    village = VillageFactory(agency=agency, name="Thôn Nà Pàn")
    clerk = user_with_role(Role.CLERK, agency=agency)
    assert not Field.objects.filter(agency=agency).exists()
    return {"agency": agency, "village": village, "clerk": clerk}


def _names(agency) -> list[str]:
    return list(Field.objects.filter(agency=agency).order_by("order")
                .values_list("name", flat=True))


def _start(fresh) -> IntakeBatch:
    return intake.start_batch(actor=fresh["clerk"], agency=fresh["agency"], name="Phiếu thôn",
                              channel=Channel.SURVEY_FORM, received_on=DAY,
                              village=fresh["village"])


def test_starting_a_batch_creates_the_default_fields_once(fresh):
    _start(fresh)
    assert _names(fresh["agency"]) == DEFAULT_NAMES
    _start(fresh)
    assert _names(fresh["agency"]) == DEFAULT_NAMES  # idempotent: no duplicates


def test_an_opinion_typed_in_a_fresh_commune_can_be_classified(fresh):
    batch = _start(fresh)
    form = EntryForm(batch=batch, user=fresh["clerk"])
    offered = [field.name for field in form.fields["field"].queryset]
    assert offered == DEFAULT_NAMES
    traffic = Field.objects.get(agency=fresh["agency"], code="giao-thong")
    petition = intake.enter_petition(actor=fresh["clerk"], batch=batch, token=uuid.uuid4().hex,
                                     text="Đường vào thôn hỏng.", village=fresh["village"],
                                     field=traffic)
    assert petition.field == traffic


def test_the_entry_page_of_an_older_batch_offers_the_default_fields(fresh, client):
    # A batch written before intake created fields (or by other means): the page still offers
    # them rather than only "Chưa phân loại".
    batch = IntakeBatch.objects.create(agency=fresh["agency"], name="Phiếu cũ",
                                       channel=Channel.SURVEY_FORM, received_on=DAY,
                                       created_by=fresh["clerk"])
    client.force_login(fresh["clerk"])
    response = client.get(reverse("intake:batch", args=[batch.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert [f.name for f in form.fields["field"].queryset] == DEFAULT_NAMES
    assert "Giao thông" in response.content.decode()


def test_importing_a_file_in_a_fresh_commune_classifies_by_field_name(fresh):
    data = xlsx([row("Đường liên thôn xuống cấp.", field="Giao thông"),
                 row("Thiếu nước sinh hoạt.", field="")])
    result = imports.import_file(actor=fresh["clerk"], agency=fresh["agency"], data=data,
                                 filename="tong-hop.xlsx", batch_name="Tổng hợp Mặt trận",
                                 received_on=DAY)
    assert result.count == 2
    fields = sorted(str(p.field.code if p.field else "") for p in result.batch.petitions.all())
    assert fields == ["", "giao-thong"]
    assert _names(fresh["agency"]) == DEFAULT_NAMES


def test_the_template_of_a_fresh_commune_lists_the_default_fields(fresh):
    book = openpyxl.load_workbook(io.BytesIO(imports.template_for(fresh["clerk"],
                                                                  fresh["agency"])))
    lists = book[excel.LISTS_TITLE]
    column = {cell.value: [v.value for v in lists[cell.column_letter][1:] if v.value]
              for cell in lists[1]}
    assert column["Lĩnh vực"] == DEFAULT_NAMES
