"""The official list of provinces and communes (package `vietnam-provinces`, 2025 two-level
model) as rows of our own table; `org.actions.load_units` copies them in (run by
`doithoai load_units`, never at request time)."""

from dataclasses import dataclass

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


def official_rows():
    """(code, fields, parent province's code or None) for every province, then every commune."""
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
