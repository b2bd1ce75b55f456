import pytest

from tests.factories import (
    AgencyFactory,
    PersonFactory,
    ProvinceFactory,
    UnitFactory,
    VillageFactory,
)


@pytest.fixture
def world(db):
    """Two communes of one province, each with two units, two villages and people in each,
    and a third commune in another province: enough to prove every scope boundary."""
    province = ProvinceFactory()
    other_province = ProvinceFactory()
    communes = [AgencyFactory(parent=province), AgencyFactory(parent=province),
                AgencyFactory(parent=other_province)]
    w = {"province": province, "other_province": other_province, "communes": communes}
    for i, agency in enumerate(communes):
        units = [UnitFactory(agency=agency), UnitFactory(agency=agency)]
        villages = [VillageFactory(agency=agency), VillageFactory(agency=agency)]
        w[f"units{i}"] = units
        w[f"villages{i}"] = villages
        w[f"unit_people{i}"] = [PersonFactory(agency=agency, unit=u) for u in units]
        w[f"village_people{i}"] = [PersonFactory(agency=agency, village=v) for v in villages]
    return w


# The day the dialogue tests live on: a Monday of November 2026, so that "a conference four
# weeks ahead" stays in the plan's year and no deadline moves with the real calendar.
FROZEN_NOW = "2026-11-23 09:00:00 +07:00"


@pytest.fixture
def frozen_today():
    """Time stands at FROZEN_NOW and then runs on (tick), for the whole process: the live
    server's thread sees the same clock as the test."""
    import time_machine

    with time_machine.travel(FROZEN_NOW, tick=True):
        yield
