"""The official list of administrative units, and the demo commune."""

import unicodedata

import pytest
from django.core.management import call_command

from doithoai.org.models import AdministrativeUnit, Agency, Membership, Role, User, Village


@pytest.mark.django_db
def test_load_units_loads_34_provinces_and_3321_communes_idempotently(capsys):
    call_command("load_units")
    assert AdministrativeUnit.objects.filter(level="province").count() == 34
    communes = AdministrativeUnit.objects.filter(level="commune")
    assert communes.count() == 3321
    assert communes.filter(kind="xa").count() == 2621
    assert communes.filter(kind="phuong").count() == 687
    assert communes.filter(kind="dac-khu").count() == 13
    diem_he = AdministrativeUnit.objects.get(code="06280")
    assert diem_he.name == "Xã Điềm He" and diem_he.parent.name == "Lạng Sơn"
    assert all(unicodedata.is_normalized("NFC", n) for n in communes.values_list("name", flat=True))
    call_command("load_units")
    assert AdministrativeUnit.objects.count() == 34 + 3321
    assert "thêm mới 0" in capsys.readouterr().out


@pytest.mark.django_db
def test_demo_data_builds_the_commune_and_is_safe_to_run_twice(capsys):
    call_command("demo_data", "--no-petitions")
    counts = (Agency.objects.count(), Village.objects.count(), User.objects.count(),
              Membership.objects.count())
    call_command("demo_data", "--no-petitions")
    assert (Agency.objects.count(), Village.objects.count(), User.objects.count(),
            Membership.objects.count()) == counts
    diem_he = Agency.objects.get(code="ubnd-xa-diem-he")
    assert diem_he.admin_unit.code == "06280"
    assert diem_he.villages.count() == 12
    assert diem_he.units.filter(name="Hạt Kiểm lâm khu vực Văn Quan").exists()
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {r.value for r in Role}
    out = capsys.readouterr().out
    for username in ("quantri", "vanphong", "chutich", "kinhte", "mattran", "truongthon",
                     "giamsat", "tinh"):
        assert username in out
    assert User.objects.get(username="vanphong").check_password("doithoai-demo-2026")
