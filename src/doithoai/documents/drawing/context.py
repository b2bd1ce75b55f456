"""What every kind's context shares: plain NFC strings, the issuer's header lines, the office's
short name and a công văn's sign, the dates a refusal prints, the signature lines of the plan's
signer and of the chairman or a vice-chairman signing in his own position."""

from __future__ import annotations

import unicodedata

from doithoai.core import dates, decree30
from doithoai.core.text import fold
from doithoai.org.models import Agency, Unit


def nfc_all(value):
    """Every string inside `value` (dicts, lists, tuples) in NFC."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {key: nfc_all(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [nfc_all(item) for item in value]
    return value


def agency_header(agency: Agency) -> dict:
    """The left column of the header: parent body (may be empty) and the issuer's lines."""
    lines = [line.upper() for line in agency.header_issuer_lines] or [agency.name.upper()]
    return {"header_parent": agency.header_parent.strip().upper(), "issuer_lines": lines,
            "place_name": agency.place_name}


def _office(agency: Agency) -> Unit | None:
    """The agency's office, when it has a short name to sign with."""
    return (Unit.objects.filter(agency=agency, kind=Unit.Kind.OFFICE, is_active=True)
            .exclude(short_name="").order_by("order", "pk").first())


def office_short_name(agency: Agency) -> str:
    """The office's short name, for "Lưu: VT, VP." ("" when the agency has no office)."""
    office = _office(agency)
    return office.short_name if office else ""


def dmy(day) -> str:
    """"22/11/2026" ("…" for no date), as a refusal names a number given outside the register."""
    return dates.day(day) if day else "…"


def letter_symbol(agency: Agency, unit=None) -> str:
    """The sign of a công văn (Decree 30): the agency's symbol, then the short name of the
    unit that drafted it ("UBND-KT" for Phòng Kinh tế), else of the office ("UBND-VP")."""
    if unit is None or not unit.short_name.strip():
        unit = _office(agency)
    return f"{agency.symbol}-{unit.short_name.strip() if unit else 'VP'}"


def plan_signature_lines(plan) -> list[str]:
    """The signature lines of whoever signs for the plan: in the plan's capacity ("TM.",
    "KT."), under its signer's position (the chairman when none is written)."""
    return decree30.signature_lines(plan.signer_capacity, plan.signer_position or "CHỦ TỊCH")


def chair_signature_lines(person) -> list[str]:
    """The chair signs: the Chairman on behalf of the committee, a Vice-chairman for him."""
    position = fold(person.position) if person is not None else ""
    if position.startswith("pho chu tich"):
        return decree30.signature_lines("KT.", "PHÓ CHỦ TỊCH")
    return decree30.signature_lines("TM.", "CHỦ TỊCH")
