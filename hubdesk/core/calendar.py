"""Which days a school is open: its terms, less half-terms, INSET days, closures and bank holidays.

England's bank holidays (with substitute days) come from the ``holidays`` package (``core.bank_holidays``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from hubdesk.core.bank_holidays import england


@dataclass(frozen=True)
class Span:
    """One calendar entry as plain data: kind is term, half_term, inset or closure."""

    kind: str
    start: date
    end: date
    label: str = ""

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class DayStatus:
    day: date
    open: bool
    reason: str  # "open", "weekend", "bank holiday: …", "INSET day", "half-term", …
    # One of DAY_KINDS, so a screen can colour a day without parsing ``reason``.
    kind: str = "open"


DAY_KINDS = ("open", "weekend", "bank_holiday", "half_term", "inset", "closure", "holiday")


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> dict[date, str]:
    """England's bank holidays of one year; moved days are called substitute days, as on GOV.UK."""
    return {day: name.replace("(observed)", "(substitute day)") for day, name in england(year).items()}


def bank_holiday(day: date) -> str | None:
    """The name of the England bank holiday on ``day``, or None."""
    return _bank_holidays(day.year).get(day)


def days(start: date, end: date) -> Iterator[date]:
    current = start
    while current <= end:
        yield current
        current += timedelta(days=1)


class SchoolCalendar:
    """Open days of one school, answered quickly for many dates."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: (s.start, s.kind))
        self._terms = [s for s in self.spans if s.kind == "term"]
        self._closed = [s for s in self.spans if s.kind != "term"]

    def status(self, day: date) -> DayStatus:
        if day.weekday() >= 5:
            return DayStatus(day, False, "weekend", "weekend")
        holiday = bank_holiday(day)
        if holiday:
            return DayStatus(day, False, f"bank holiday: {holiday}", "bank_holiday")
        for span in self._closed:
            if span.covers(day):
                return DayStatus(day, False, _closed_reason(span), span.kind)
        if not any(t.covers(day) for t in self._terms):
            return DayStatus(day, False, "school holiday", "holiday")
        return DayStatus(day, True, "open", "open")

    def is_open(self, day: date) -> bool:
        return self.status(day).open

    def open_days(self, start: date, end: date) -> list[date]:
        return [d for d in days(start, end) if self.is_open(d)]

    def month(self, year: int, month: int) -> list[DayStatus]:
        first = date(year, month, 1)
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return [self.status(d) for d in days(first, last)]


    def term_ends(self, day: date) -> tuple[date | None, date | None]:
        """The last open day of the half-term and of the term that ``day`` is in (or the next
        term, in a holiday); None where the calendar has no such term."""
        term = next((t for t in self._terms if t.end >= day), None)
        if term is None:
            return None, None
        term_end = _last_open(self, max(day, term.start), term.end)
        start = max(day, term.start)
        breaks = [s.start for s in self._closed if s.kind == "half_term"
                  and start < s.start <= term.end]
        half_end = _last_open(self, start, min(breaks) - timedelta(days=1)) if breaks else term_end
        return half_end, term_end


def _last_open(calendar: SchoolCalendar, start: date, end: date) -> date | None:
    day = end
    while day >= start:
        if calendar.is_open(day):
            return day
        day -= timedelta(days=1)
    return None


def _closed_reason(span: Span) -> str:
    names = {"half_term": "half-term", "inset": "INSET day", "closure": "closed"}
    base = names.get(span.kind, span.kind)
    same = span.label.strip().casefold() in (base.casefold(), span.kind.casefold())
    return f"{base}: {span.label}" if span.label and not same else base


def academic_year_start(today: date) -> int:
    """The calendar year in which the current school year began (from August the coming one)."""
    return today.year if today.month >= 8 else today.year - 1
