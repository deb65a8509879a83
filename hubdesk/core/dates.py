"""The one way a typed or imported date is read: imports, commands and forms all call ``parse_day``.

Accepted: 30/11/2026, 30-11-2026, 30.11.2026 (day first, the way the office writes), 2026-11-30
(ISO, what spreadsheets export), 30-Nov-2026 or 30 November 2026 (how SIMS and Arbor write dates),
each optionally followed by a midnight time ('2026-11-30 00:00:00' from a spreadsheet cell). An
import may also allow Excel serial numbers (46356 is 30/11/2026), what a date cell becomes when a
column is formatted as a number. Where the caller passes ``today``, 30/11 means that day in the current
school year (September to August).

Two-digit years are refused in imports and commands: 01/01/18 could be a child born in 2018 or a grandparent
born in 1918, and a wrong date of birth or booking is worse than a question. The sentence says how
to write it. A typed field that shows the date it read (booking, rota, History search) may ask for
``two_digit_years``: 30/11/26 is then 30/11/2026.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_MIDNIGHT = r"(?:[ T]00:00(?::00(?:\.0+)?)?)?"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _MIDNIGHT)
_UK = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d+)" + _MIDNIGHT)
_NO_YEAR = re.compile(r"(\d{1,2})[/.](\d{1,2})")
_NAMED = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[-/ ]([A-Za-z]{3,9})\.?,?[-/ ](\d+)" + _MIDNIGHT)
_SERIAL = re.compile(r"(\d{1,5})(?:\.0+)?")
MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for name in names}
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1 January 1900 (after Excel's 29/02/1900, which never was)
SEPTEMBER = 9  # the school year starts in September


def school_year_start(today: date) -> int:
    """The calendar year in which the current school year began (Sept 2026–Aug 2027 → 2026)."""
    return today.year if today.month >= SEPTEMBER else today.year - 1


def parse_day(text: str, today: date | None = None, two_digit_years: bool = False,
              serials: bool = False) -> date:
    """The date ``text`` names, or a ValueError whose message starts with the text and says why.

    ``today`` allows a day and month without a year (30/11), read in today's school year.
    ``two_digit_years`` (typed date fields only, never imports) reads 30/11/26 as 2026: a person
    typing into a booking or rota field means this century, and sees the date it became.
    ``serials`` allows an Excel serial number (imports only: a typed 45000 is a slip, not a date).
    """
    value = text.strip()
    if not value:
        raise ValueError("is empty")
    named = _NAMED.fullmatch(value)
    if named:
        return _named(value, named)
    serial = _SERIAL.fullmatch(value)
    if serial and serials and int(serial[1]) >= 61:
        return EXCEL_EPOCH + timedelta(days=int(serial[1]))
    iso = _ISO.fullmatch(value)
    if iso:
        return _real(value, int(iso[1]), int(iso[2]), int(iso[3]))
    uk = _UK.fullmatch(value)
    if uk:
        if len(uk[4]) == 2 and two_digit_years:
            return _real(value, 2000 + int(uk[4]), int(uk[3]), int(uk[1]))
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


def _named(value: str, match: re.Match[str]) -> date:
    month = MONTHS.get(match[2].lower())
    if month is None:
        raise ValueError(f"'{value}' does not name a month (Jan, Feb … Dec)")
    if len(match[3]) != 4:
        raise ValueError(f"'{value}' needs a four-digit year, e.g. {int(match[1]):02d}-"
                         f"{match[2][:3].title()}-20{match[3][-2:].zfill(2)}")
    return _real(value, int(match[3]), month, int(match[1]))


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
