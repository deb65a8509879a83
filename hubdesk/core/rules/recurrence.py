"""Which dates a club meets, and which of them a standing booking takes.

A term-time club meets on its weekdays when its site is open (terms, less half-terms, INSET days,
closures and bank holidays). A holiday club meets on its weekdays in the school holidays and
half-terms, never on a bank holiday. A standing booking takes the club's sessions on the chosen
weekdays but skips the days the child's own school is closed, saying why.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from hubdesk.core.calendar import SchoolCalendar, bank_holiday, days

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
HOLIDAY_KINDS = ("holiday", "half_term")


@dataclass(frozen=True)
class Skipped:
    """A date a standing booking does not take, and why (shown to the office as it is)."""

    day: date
    reason: str


def weekdays_code(weekdays: Iterable[int]) -> str:
    """(0, 2) -> "02": how weekdays are stored."""
    return "".join(str(d) for d in sorted(set(weekdays)))


def weekday_set(code: str | Iterable[int]) -> frozenset[int]:
    if isinstance(code, str):
        return frozenset(int(c) for c in code if c.isdigit())
    return frozenset(code)


def weekdays_label(code: str | Iterable[int]) -> str:
    """"02" -> "Mon, Wed"."""
    return ", ".join(WEEKDAY_SHORT[d] for d in sorted(weekday_set(code)))


_DAY_WORDS = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)}
_DAY_WORDS.update({name.lower(): i for i, name in enumerate(WEEKDAY_SHORT)})
_DAY_WORDS.update({"tues": 1, "wed": 2, "weds": 2, "thur": 3, "thurs": 3, "mo": 0, "tu": 1,
                   "we": 2, "th": 3, "fr": 4})


def parse_weekdays(text: str) -> tuple[int, ...]:
    """"Mon Wed", "Monday, Wednesday", "mon/wed" -> (0, 2); ValueError naming the word not known."""
    found: set[int] = set()
    for word in re.split(r"[\s,;/&+]+|\band\b", text.strip().lower()):
        word = word.strip(".")
        if not word:
            continue
        if word not in _DAY_WORDS:
            raise ValueError(f"'{word}' is not a weekday; write e.g. Mon Wed or Monday, Wednesday")
        found.add(_DAY_WORDS[word])
    return tuple(sorted(found))


def club_days(site: SchoolCalendar, weekdays: Collection[int], start: date, end: date,
              holiday_club: bool = False) -> list[date]:
    """The dates a club meets between ``start`` and ``end`` (inclusive)."""
    wanted = set(weekdays)
    result = []
    for day in days(start, end):
        if day.weekday() not in wanted:
            continue
        if holiday_club:
            if day.weekday() < 5 and not bank_holiday(day) and site.status(day).kind in HOLIDAY_KINDS:
                result.append(day)
        elif site.is_open(day):
            result.append(day)
    return result


def standing_days(weekdays: Collection[int], start: date, end: date, running: Collection[date],
                  cancelled: Mapping[date, str], site: SchoolCalendar,
                  school: SchoolCalendar | None) -> tuple[list[date], list[Skipped]]:
    """The session dates a standing booking takes, and the dates on its weekdays it skips.

    ``running`` and ``cancelled`` are the club's session dates (cancelled with their reason);
    ``school`` is the child's own school calendar, or None when the club runs in the holidays
    and the school being closed does not matter.
    """
    wanted = set(weekdays)
    taken: list[date] = []
    skipped: list[Skipped] = []
    for day in days(start, end):
        if day.weekday() not in wanted:
            continue
        if day in cancelled:
            reason = cancelled[day]
            skipped.append(Skipped(day, f"session cancelled: {reason}" if reason
                                   else "session cancelled"))
        elif day not in running:
            status = site.status(day)
            why = status.reason if not status.open else "no session that day"
            skipped.append(Skipped(day, f"club not running ({why})"))
        elif school is not None and not school.is_open(day):
            skipped.append(Skipped(day, f"child's school closed ({school.status(day).reason})"))
        else:
            taken.append(day)
    return taken, skipped


def week_of(day: date) -> tuple[date, date]:
    """Monday and Sunday of the week holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)
