import datetime as dt

import pytest

from doithoai.org.models import Role
from doithoai.petitions.actions import intake as petition_intake
from doithoai.petitions.actions.fields import ensure_default_fields
from tests.factories import AgencyFactory, UnitFactory, VillageFactory, user_with_role


@pytest.fixture
def commune(db):
    agency = AgencyFactory()
    ensure_default_fields(agency)
    return agency


@pytest.fixture
def people(commune):
    unit = UnitFactory(agency=commune, name="Phòng Kinh tế")
    other_unit = UnitFactory(agency=commune, name="Phòng Văn hóa - Xã hội")
    village = VillageFactory(agency=commune)
    return {
        "unit": unit, "other_unit": other_unit, "village": village,
        "clerk": user_with_role(Role.CLERK, agency=commune),
        "leader": user_with_role(Role.LEADER, agency=commune),
        "officer": user_with_role(Role.UNIT_OFFICER, agency=commune, unit=unit),
        "other_officer": user_with_role(Role.UNIT_OFFICER, agency=commune, unit=other_unit),
        "supervisor": user_with_role(Role.SUPERVISOR, agency=commune),
    }


@pytest.fixture
def receive(commune, people):
    def make(text="Đường liên thôn Nà Pàn xuống cấp, đề nghị sửa chữa.", **kw):
        intake = petition_intake.Intake(agency=commune, text=text, channel="office",
                                        received_on=kw.pop("received_on", dt.date(2026, 11, 2)),
                                        village_id=people["village"].pk, **kw)
        return petition_intake.receive(intake, actor=people["clerk"])
    return make
