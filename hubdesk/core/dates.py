"""The one way a typed or imported date is read: imports, commands and forms all call ``parse_day``.

Accepted: 30/11/2026, 30-11-2026, 30.11.2026 (day first, the way the office writes), 2026-11-30
(ISO, what spreadsheets export), each optionally followed by a midnight time ('2026-11-30 00:00:00'
from a spreadsheet cell). Where the caller passes ``today``, 30/11 means that day in the current
school year (September to August).

Two-digit years are refused everywhere: 01/01/18 could be a child born in 2018 or a grandparent
born in 1918, and a wrong date of birth or booking is worse than a question. The sentence says how
to write it.
"""

from __future__ import annotations

import re
from datetime import date

_MIDNIGHT = r"(?:[ T]00:00(?::00(?:\.0+)?)?)?"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _MIDNIGHT)
_UK = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d+)" + _MIDNIGHT)
_NO_YEAR = re.compile(r"(\d{1,2})[/.](\d{1,2})")
SEPTEMBER = 9  # the school year starts in September


def school_year_start(today: date) -> int:
    """The calendar year in which the current school year began (Sept 2026–Aug 2027 → 2026)."""
    return today.year if today.month >= SEPTEMBER else today.year - 1


def parse_day(text: str, today: date | None = None) -> date:
    """The date ``text`` names, or a ValueError whose message starts with the text and says why.

    ``today`` allows a day and month without a year (30/11), read in today's school year.
    """
    value = text.strip()
    if not value:
        raise ValueError("is empty")
    iso = _ISO.fullmatch(value)
    if iso:
        return _real(value, int(iso[1]), int(iso[2]), int(iso[3]))
    uk = _UK.fullmatch(value)
    if uk:
        if len(uk[4]) != 4:
            example = f"{int(uk[1]):02d}/{int(uk[3]):02d}/20{uk[4][-2:].zfill(2)}"
            raise ValueError(f"'{value}' needs a four-digit year, e.g. {example} (or 19..)")
        return _real(value, int(uk[4]), int(uk[3]), int(uk[1]))
    short = _NO_YEAR.fullmatch(value)
    if short:
        if today is None:
            raise ValueError(f"'{value}' needs a year, e.g. {int(short[1]):02d}/"
                             f"{int(short[2]):02d}/yyyy")
        month = int(short[2])
        start = school_year_start(today)
        return _real(value, start if month >= SEPTEMBER else start + 1, month, int(short[1]))
    raise ValueError(f"'{value}' is not a date in the form dd/mm/yyyy")


def _real(value: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"'{value}' is not a real date") from None


def spoken_day(day: date, *, weekday: bool = True, year: bool = False, short: bool = False) -> str:
    """A date the way it is written in the UK on paper: 'Tuesday 1 December' (no leading zero);
    ``year`` adds '2026', ``short`` gives 'Tue 1 Dec'. Every printout calls this one helper."""
    name = f"{day:%a}" if short else f"{day:%A}"
    month = f"{day:%b}" if short else f"{day:%B}"
    words = f"{day.day} {month}" + (f" {day.year}" if year else "")
    return f"{name} {words}" if weekday else words


def spoken_span(first: date, last: date) -> str:
    """'1 December 2026 – 2 February 2027', or one date when both are the same day."""
    if first == last:
        return spoken_day(first, weekday=False, year=True)
    return f"{spoken_day(first, weekday=False, year=True)} – {spoken_day(last, weekday=False, year=True)}"
