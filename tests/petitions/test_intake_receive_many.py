"""receive_many (proposed services split): the same petitions as receive(), and a sound chain."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from doithoai.audit import services as audit
from doithoai.audit.models import AuditEvent
from doithoai.petitions.actions import imports, intake
from doithoai.petitions.models import Petition
from tests.petitions.intake_support import make_commune, row, xlsx


@pytest.fixture
def c(db):
    return make_commune()


def test_the_audit_chain_stays_sound(c):
    imports.import_file(actor=c["clerk"], agency=c["agency"],
                        data=xlsx([row(f"Ý kiến {i}") for i in range(30)]), filename="a.xlsx",
                        batch_name="A", received_on=dt.date(2026, 11, 2))
    intake.receive(intake.Intake(agency=c["agency"], text="Sau đó", channel="office",
                                 received_on=dt.date(2026, 11, 2)), actor=c["clerk"])
    result = audit.verify()
    assert result.ok and result.count == AuditEvent.objects.count() >= 32


def test_same_petition_as_receive(c):
    one = intake.Intake(agency=c["agency"], text=" Đề nghị\u0301 ", channel="office",
                        received_on=dt.date(2026, 11, 2), village_id=c["na_pan"].pk,
                        petitioners=[intake.PetitionerData(full_name="A", phone="0912345678")])
    a = intake.receive(one, actor=c["clerk"])
    (b,) = intake.receive_many([one], actor=c["clerk"])
    b = Petition.objects.get(pk=b.pk)
    for name in ("text", "search_text", "due_date", "due_rule", "due_rule_label", "state",
                 "village_id", "received_by_id", "channel", "kind", "urgency"):
        assert getattr(a, name) == getattr(b, name), name
    assert b.petitioners.get().phone == "0912345678"


def test_relations_of_another_agency_are_refused(c):
    bad = intake.Intake(agency=c["agency"], text="x", channel="office",
                        received_on=dt.date(2026, 11, 2), village_id=c["other_village"].pk)
    with pytest.raises(ValidationError):
        intake.receive_many([bad])
    assert not Petition.objects.exists()
