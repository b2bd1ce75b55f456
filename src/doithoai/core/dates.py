"""How dates and times are written for Vietnamese readers: 07/12/2026, 08:30.

One place for the formats, so that a page, a message, a document and an Excel file agree.
Times are written as given: a caller converts a moment to local time first.
"""

from __future__ import annotations

import datetime as dt

DAY_FORMAT = "%d/%m/%Y"  # also the format typed into date fields
CLOCK_FORMAT = "%H:%M"


def day(value: dt.date | None) -> str:
    """ "07/12/2026"; empty for no date."""
    return value.strftime(DAY_FORMAT) if value else ""


def clock(value: dt.time | dt.datetime | None) -> str:
    """ "08:30"; empty for no time."""
    return value.strftime(CLOCK_FORMAT) if value else ""


def moment(value: dt.datetime | None) -> str:
    """ "08:30 07/12/2026"; empty for no moment."""
    return f"{clock(value)} {day(value)}" if value else ""
