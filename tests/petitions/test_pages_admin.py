"""The admin: fields (names and default units editable, codes stable) and answer templates,
audited; petitions and what hangs on them are read-only there."""

import pytest
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.petitions.models import AnswerTemplate, Field, Petition
from tests.factories import AgencyFactory, UnitFactory, UserFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _field(commune, code="giao-thong"):
    return Field.objects.get(agency=commune, code=code)


def test_a_fields_name_and_default_unit_change_and_are_audited(admin_client, commune, people):
    field = _field(commune)
    url = reverse("admin:petitions_field_change", args=[field.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="code"' not in page and "giao-thong" in page  # shown, not editable
    response = admin_client.post(url, {"name": "Giao thông, vận tải", "code": "doi-ma",
                                       "default_unit": people["unit"].pk, "order": 3,
                                       "is_active": "on"})
    assert response.status_code == 302
    field.refresh_from_db()
    assert (field.name, field.code, field.default_unit) == ("Giao thông, vận tải", "giao-thong",
                                                           people["unit"])
    event = AuditEvent.objects.get(action="field.update")
    assert event.before["name"] == "Giao thông" and event.after["name"] == "Giao thông, vận tải"


def test_a_default_unit_of_another_agency_is_refused(admin_client, commune):
    field = _field(commune)
    foreign = UnitFactory(agency=AgencyFactory())
    response = admin_client.post(reverse("admin:petitions_field_change", args=[field.pk]), {
        "name": field.name, "default_unit": foreign.pk, "order": 1, "is_active": "on"})
    assert response.status_code == 200
    assert "Đơn vị không thuộc cơ quan này." in response.content.decode()
    field.refresh_from_db()
    assert field.default_unit is None


def test_fields_are_never_deleted(admin_client, commune):
    field = _field(commune)
    assert admin_client.get(reverse("admin:petitions_field_delete",
                                    args=[field.pk])).status_code == 403


def test_an_answer_template_is_added_and_audited(admin_client, commune):
    field = _field(commune)
    response = admin_client.post(reverse("admin:petitions_answertemplate_add"), {
        "agency": commune.pk, "field": field.pk, "title": "Sửa đường",
        "text": "UBND xã đã ghi nhận và sẽ sửa tuyến đường."})
    assert response.status_code == 302
    template = AnswerTemplate.objects.get()
    assert template.field == field
    assert AuditEvent.objects.filter(action="answertemplate.create",
                                     object_id=str(template.pk)).exists()
    other = AgencyFactory()
    response = admin_client.post(reverse("admin:petitions_answertemplate_add"), {
        "agency": other.pk, "field": field.pk, "title": "Sai", "text": "x"})
    assert "Lĩnh vực không thuộc cơ quan này." in response.content.decode()


def test_petitions_are_listed_read_only(admin_client, receive):
    p = receive()
    listing = admin_client.get(reverse("admin:petitions_petition_changelist"))
    assert listing.status_code == 200 and p.tracking_code in listing.content.decode()
    assert admin_client.get(reverse("admin:petitions_petition_add")).status_code == 403
    change = admin_client.get(reverse("admin:petitions_petition_change", args=[p.pk]))
    assert change.status_code == 200 and 'name="text"' not in change.content.decode()
    response = admin_client.post(reverse("admin:petitions_petition_change", args=[p.pk]),
                                 {"text": "Sửa lén"})
    assert response.status_code == 403
    assert Petition.objects.get(pk=p.pk).text == p.text
    found = admin_client.get(reverse("admin:petitions_petition_changelist"),
                             {"q": p.tracking_code})
    assert p.tracking_code in found.content.decode()


@pytest.mark.parametrize("model", ["issue", "intakebatch", "answer", "extension", "escalation",
                                   "reminder"])
def test_the_rest_is_read_only(admin_client, model):
    assert admin_client.get(reverse(f"admin:petitions_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:petitions_{model}_add")).status_code == 403
