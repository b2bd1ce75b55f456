"""The base organisation copied into a test's database (tests/base_organisation.py) is what
`demo_data --no-petitions` makes: its audit chain verifies, and the command run over it finds
nothing to add — in a rolled-back test as in a committing one (whose database an earlier
committing test may have emptied of the migrations' rows, the audit head with them)."""

from io import StringIO

import pytest
from django.core.management import call_command

from doithoai.audit.models import AuditEvent
from doithoai.org.models import AdministrativeUnit, Agency, Membership, Person, Unit, User, Village
from tests.factories import AgencyFactory, UserFactory

MODELS = (AdministrativeUnit, Agency, Unit, Village, Person, User, Membership, AuditEvent)


def check_copy() -> None:
    counts = {m.__name__: m.objects.count() for m in MODELS}
    assert counts["Agency"] == 3 and counts["User"] > 5 and counts["AuditEvent"] > 50
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert f"Chuỗi nhật ký toàn vẹn: {counts['AuditEvent']} bản ghi." in out.getvalue()
    call_command("demo_data", "--no-petitions", verbosity=0)  # finds every row: adds nothing
    assert {m.__name__: m.objects.count() for m in MODELS} == counts
    AgencyFactory(), UserFactory()  # the copied ids are behind the sequences


@pytest.mark.django_db
def test_the_copy_is_what_the_command_makes(load_organisation):
    load_organisation()
    check_copy()


@pytest.mark.django_db(transaction=True)
def test_the_copy_in_a_committing_test(load_organisation):
    load_organisation()
    check_copy()
