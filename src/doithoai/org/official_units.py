"""Copies the official list of provinces and communes (package `vietnam-provinces`, 2025
two-level model) into our own table; run by `doithoai load_units`, never at request time."""

from dataclasses import dataclass

from django.db import transaction
from vietnam_provinces import Province, VietNamDivisionType, Ward

from doithoai.org.models import AdministrativeUnit

KIND_OF = {
    VietNamDivisionType.TINH: AdministrativeUnit.Kind.PROVINCE,
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: AdministrativeUnit.Kind.CITY,
    VietNamDivisionType.XA: AdministrativeUnit.Kind.COMMUNE,
    VietNamDivisionType.PHUONG: AdministrativeUnit.Kind.WARD,
    VietNamDivisionType.DAC_KHU: AdministrativeUnit.Kind.SPECIAL_ZONE,
}


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def province_code(code: int) -> str:
    return f"{int(code):02d}"


def commune_code(code: int) -> str:
    return f"{int(code):05d}"


def _rows():
    for p in Province.iter_all():
        yield province_code(p.code), {
            "name": p.name, "kind": KIND_OF[p.division_type],
            "level": AdministrativeUnit.Level.PROVINCE, "codename": p.codename,
        }, None
    for w in Ward.iter_all():
        yield commune_code(w.code), {
            "name": w.name, "kind": KIND_OF[w.division_type],
            "level": AdministrativeUnit.Level.COMMUNE, "codename": w.codename,
        }, province_code(w.province_code)


@transaction.atomic
def load_units(provinces: set[str] | None = None) -> LoadResult:
    """Idempotent: creates what is missing, updates what changed, leaves the rest.
    `provinces` (official codes) limits the load to those provinces and their communes."""
    result = LoadResult()
    existing = {u.code: u for u in AdministrativeUnit.objects.all()}
    rows = [(code, fields, parent) for code, fields, parent in _rows()
            if provinces is None or (parent or code) in provinces]
    # Provinces first so that communes can point at them.
    _sync([(code, fields) for code, fields, parent in rows if parent is None], existing, result)
    provinces = dict(
        AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE)
        .values_list("code", "pk")
    )
    communes = [
        (code, {**fields, "parent_id": provinces[parent]})
        for code, fields, parent in rows if parent is not None
    ]
    _sync(communes, existing, result)
    return result


def _sync(rows, existing: dict, result: LoadResult) -> None:
    to_create, to_update = [], []
    for code, fields in rows:
        unit = existing.get(code)
        if unit is None:
            to_create.append(AdministrativeUnit(code=code, **fields))
        elif any(getattr(unit, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(unit, k, v)
            to_update.append(unit)
        else:
            result.unchanged += 1
    # bulk_create skips save(): the package's names are already NFC.
    AdministrativeUnit.objects.bulk_create(to_create, batch_size=500)
    AdministrativeUnit.objects.bulk_update(
        to_update, ["name", "kind", "level", "codename", "parent"], batch_size=500
    )
    result.created += len(to_create)
    result.updated += len(to_update)
