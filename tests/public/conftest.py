import re

import pytest
from django.urls import reverse

from doithoai.org.models import Role
from doithoai.petitions.actions.fields import ensure_default_fields
from tests.factories import AgencyFactory, UnitFactory, VillageFactory, user_with_role


@pytest.fixture
def commune(db):
    agency = AgencyFactory(code="ubnd-xa-na-pan", name="Ủy ban nhân dân xã Nà Pàn")
    ensure_default_fields(agency)
    return agency


@pytest.fixture
def village(commune):
    return VillageFactory(agency=commune, name="Thôn Bản Chu")


@pytest.fixture
def field(commune):
    return commune.fields.get(code="giao-thong")


@pytest.fixture
def staff(commune):
    unit = UnitFactory(agency=commune, name="Phòng Kinh tế")
    return {
        "unit": unit,
        "clerk": user_with_role(Role.CLERK, agency=commune),
        "leader": user_with_role(Role.LEADER, agency=commune),
        "officer": user_with_role(Role.UNIT_OFFICER, agency=commune, unit=unit),
    }


def token_from(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


@pytest.fixture
def form_data(client, village, field):
    """What a citizen's browser posts: the one-time token as the form page handed it out."""

    def make(**overrides):
        html = client.get(reverse("public:submit"), {"xa": village.agency.code}).content.decode()
        data = {"xa": village.agency.code, "village": village.pk, "field": field.pk,
                "text": "Đường liên thôn Bản Chu xuống cấp, đề nghị sửa chữa trước mùa mưa.",
                "full_name": "Hoàng Văn An", "phone": "0912 345 678",
                "email": "an@example.vn", "token": token_from(html), "website": ""}
        data.update(overrides)
        return data

    return make
