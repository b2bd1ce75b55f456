"""A new commune classifies the opinions its staff type in or import from its first day: it is
made with the default fields (lĩnh vực), and the agencies made before had them given by a
migration; no page makes them when it is shown."""

import datetime as dt
import io
import uuid

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
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
    """A new commune: villages and a clerk, nothing else done in it yet."""
    agency = AgencyFactory(name="Ủy ban nhân dân xã Tân Lập")
    village = VillageFactory(agency=agency, name="Thôn Nà Pàn")
    clerk = user_with_role(Role.CLERK, agency=agency)
    return {"agency": agency, "village": village, "clerk": clerk}


def _names(agency) -> list[str]:
    return list(Field.objects.filter(agency=agency).order_by("order")
                .values_list("name", flat=True))


def _start(fresh) -> IntakeBatch:
    return intake.start_batch(actor=fresh["clerk"], agency=fresh["agency"], name="Phiếu thôn",
                              channel=Channel.SURVEY_FORM, received_on=DAY,
                              village=fresh["village"])


def test_a_new_commune_is_made_with_the_default_fields_once(fresh):
    assert _names(fresh["agency"]) == DEFAULT_NAMES
    fresh["agency"].name = "Ủy ban nhân dân xã Tân Lập mới"
    fresh["agency"].save()
    _start(fresh)
    _start(fresh)
    assert _names(fresh["agency"]) == DEFAULT_NAMES  # no duplicates


def test_a_renamed_field_keeps_its_name(fresh):
    Field.objects.filter(agency=fresh["agency"], code="y-te").update(name="Y tế, dân số")
    _start(fresh)
    assert "Y tế, dân số" in _names(fresh["agency"])


def test_the_agencies_made_before_get_the_default_fields_from_the_migration(db):
    from importlib import import_module

    from django.apps import apps

    migration = import_module(
        "doithoai.petitions.migrations.0006_default_fields_for_every_agency")
    bare, kept = AgencyFactory(), AgencyFactory()
    Field.objects.filter(agency=bare).delete()  # as if made before the fields came with it
    Field.objects.filter(agency=kept, code="y-te").update(name="Y tế, dân số")
    before = Field.objects.filter(agency=kept).count()
    migration.give_default_fields(apps, type("Editor", (), {"connection": connection})())
    assert _names(bare) == DEFAULT_NAMES
    assert Field.objects.filter(agency=kept).count() == before  # an agency with fields: left
    assert "Y tế, dân số" in _names(kept)


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
    # A batch written by other means than intake: the page offers the commune's fields rather
    # than only "Chưa phân loại", and showing it writes nothing.
    batch = IntakeBatch.objects.create(agency=fresh["agency"], name="Phiếu cũ",
                                       channel=Channel.SURVEY_FORM, received_on=DAY,
                                       created_by=fresh["clerk"])
    client.force_login(fresh["clerk"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("intake:batch", args=[batch.pk]))
    assert response.status_code == 200
    assert not [q["sql"] for q in queries
                if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
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
