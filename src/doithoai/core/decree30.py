"""The text rules of Decree 30/2020/NĐ-CP, Appendix I (docs/law.md#document-format), without
Word.

Pure: number and date lines (issued and draft), type abbreviations, legal bases, the
recipients list and the signature lines, as the plain strings a document prints.
"""

from __future__ import annotations

import datetime as dt
import re

from doithoai.core.text import nfc

# Type abbreviations (chữ viết tắt tên loại văn bản). A công văn has none.
TYPE_ABBR: dict[str, str] = {
    "ke-hoach": "KH",
    "thong-bao": "TB",
    "bao-cao": "BC",
    "bien-ban": "BB",
    "giay-moi": "GM",
    "quyet-dinh": "QĐ",
    "chuong-trinh": "CTr",
    "to-trinh": "TTr",
    "huong-dan": "HD",
    "phieu-gui": "PG",
    "phieu-chuyen": "PC",
    "cong-van": "",
}

# What a draft shows where the number and the day and month will be written by hand.
BLANK = "      "
# What a draft shows for any other field not filled in yet.
MISSING = "…"

CAPACITIES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")


def number_text(n: int) -> str:
    """The number as printed: below 10 with a leading zero ("05"), else as is ("27")."""
    if n < 1:
        raise ValueError("Số văn bản phải là số nguyên dương.")
    return f"{n:02d}"


def number_symbol(number: int | None, abbr: str, symbol: str) -> str:
    """"27/KH-UBND"; a draft "     /KH-UBND"; a công văn (no abbreviation) "12/UBND-VP"
    where `symbol` is then the issuer and the drafting unit ("UBND-VP")."""
    sign = f"{abbr}-{symbol}" if abbr else symbol
    # The draft leaves the number blank: "Số:" then six spaces, as in "Số:      /KH-UBND".
    head = number_text(number) if number is not None else BLANK[1:]
    return f"{head}/{sign}"


def number_line(number: int | None, abbr: str, symbol: str) -> str:
    """"Số: 27/KH-UBND", the draft "Số:      /KH-UBND", a công văn "Số: 12/UBND-VP"."""
    return f"Số: {number_symbol(number, abbr, symbol)}"


def day_text(day: int) -> str:
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Months 1 and 2 take a leading zero ("02"), the others do not ("6", "12")."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_text(date: dt.date) -> str:
    """"ngày 05 tháng 02 năm 2020", "ngày 15 tháng 6 năm 2026"."""
    return f"ngày {day_text(date.day)} tháng {month_text(date.month)} năm {date.year}"


def date_line(place: str, date: dt.date | None, *, year: int | None = None) -> str:
    """"Điềm He, ngày 05 tháng 02 năm 2020"; a draft (no date) leaves day and month blank:
    "Điềm He, ngày      tháng      năm 2026" (the year given, else left blank too)."""
    place = nfc(place)
    if date is not None:
        return f"{place}, {date_text(date)}"
    year_text = str(year) if year else BLANK
    return f"{place}, ngày{BLANK}tháng{BLANK}năm {year_text}"


def _strip_item(line: str) -> str:
    line = nfc(line)
    line = re.sub(r"^[-–+*•]\s*", "", line)
    return line.rstrip(" ;.,").strip()


def legal_bases(lines: list[str]) -> list[str]:
    """One basis per line, each ending ";" and the last "."."""
    items = [_strip_item(line) for line in lines]
    items = [item for item in items if item]
    return [item + ("." if i == len(items) - 1 else ";") for i, item in enumerate(items)]


def recipients(lines: list[str], *, keep_unit: str = "") -> list[str]:
    """The "Nơi nhận" items: each "- …;", the last "- Lưu: VT, <unit>.".

    Lines may come with or without their dash and punctuation. A "Lưu" line anywhere is moved
    to the end; without one, "Lưu: VT" is added; the drafting unit (`keep_unit`, e.g. "VP")
    is added to it when it names none.
    """
    items, keep = [], ""
    for line in lines:
        item = _strip_item(line)
        if not item:
            continue
        if item.casefold().startswith("lưu"):
            keep = item
        else:
            items.append(item)
    if not keep:
        keep = "Lưu: VT"
    if keep_unit and "," not in keep:
        keep = f"{keep}, {nfc(keep_unit)}"
    return [f"- {item};" for item in items] + [f"- {keep}."]


def signature_lines(capacity: str, position: str, *, body: str = "ỦY BAN NHÂN DÂN",
                    head: str = "CHỦ TỊCH") -> list[str]:
    """The capacity and position lines above the signature, UPPERCASE.

    TM. (on behalf of the committee): "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH".
    KT. (a deputy signs for the head): "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH".
    Q. (acting head): "TM. ỦY BAN NHÂN DÂN" / "Q. CHỦ TỊCH".
    TL., TUQ. (signed by order): "TL. CHỦ TỊCH" / the position.
    """
    capacity = nfc(capacity).upper()
    if capacity and not capacity.endswith("."):
        capacity += "."
    position = nfc(position).upper() or head
    body = nfc(body).upper()
    if capacity == "TM.":
        return [f"TM. {body}", position]
    if capacity == "KT.":
        return [f"TM. {body}", f"KT. {head}", position]
    if capacity == "Q.":
        return [f"TM. {body}", f"Q. {position}"]
    if capacity in ("TL.", "TUQ."):
        return [f"{capacity} {head}", position]
    return [position]


def with_ending(text: str) -> str:
    """The last sentence of a document's text, ending "./."."""
    text = nfc(text).rstrip()
    if text.endswith("./."):
        return text
    return text.rstrip(" .;,:") + "./."
