"""The periods an Overview covers: this week, half-term, term, school year or custom dates.

A term is named by the calendar year it starts in and its season (``2026-autumn``, ``2027-spring``,
``2027-summer``), read from the sites' own calendars: the earliest start and latest end of the
term entries with that name, so a school with an early INSET start still falls inside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.errors import ValidationError
from hubdesk.core.models import CalendarEntry

PERIOD_KINDS = {"week": "This week", "half_term": "Half-term", "term": "Term",
                "year": "School year", "custom": "Custom dates"}
SEASONS = ("autumn", "spring", "summer")
TERM_NAME = re.compile(r"^(\d{4})-(autumn|spring|summer)$")
LONGEST_DAYS = 731  # two school years: past that a custom overview is a mistake, not a question


@dataclass(frozen=True)
class PeriodChoice:
    """What the user asked for; ``term`` names a term for 'term' (blank: the current one)."""

    kind: str = "term"
    term: str = ""
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Period:
    kind: str
    label: str  # "2026-autumn (02/09/2026 to 18/12/2026)"
    start: date
    end: date
    term: str  # the term the period lies in ("" when it spans or misses terms)


@dataclass(frozen=True)
class Term:
    name: str
    start: date
    end: date
    breaks: tuple[tuple[date, date], ...]  # half-term breaks inside it


def term_name(start: date) -> str:
    """'2026-autumn' for a term starting in August to December, spring for January to March,
    summer for April to July."""
    season = "autumn" if start.month >= 8 else "spring" if start.month <= 3 else "summer"
    return f"{start.year}-{season}"


def load_terms(s: Session, site_id: int | None = None) -> list[Term]:
    """Every term the calendars hold (of one site when given), oldest first, one statement."""
    query = select(CalendarEntry.kind, CalendarEntry.start_date, CalendarEntry.end_date).where(
        CalendarEntry.kind.in_(("term", "half_term")))
    if site_id is not None:
        query = query.where(CalendarEntry.site_id == site_id)
    spans: dict[str, list[date]] = {}
    breaks: list[tuple[date, date]] = []
    for kind, start, end in s.execute(query):
        if kind == "term":
            span = spans.setdefault(term_name(start), [start, end])
            span[0], span[1] = min(span[0], start), max(span[1], end)
        else:
            breaks.append((start, end))
    terms = []
    for name, (start, end) in spans.items():
        inside = sorted({b for b in breaks if start <= b[0] <= end})
        terms.append(Term(name, start, end, tuple(inside)))
    return sorted(terms, key=lambda t: t.start)


def _label(kind: str, start: date, end: date, term: str) -> str:
    head = term if kind == "term" else PERIOD_KINDS[kind]
    if kind == "half_term" and term:
        head = f"Half-term in {term}"
    return f"{head} ({start:%d/%m/%Y} to {end:%d/%m/%Y})"


def _term_at(terms: list[Term], day: date) -> Term | None:
    """The term running on ``day``, else the next one, else the last one."""
    for t in terms:
        if t.start <= day <= t.end:
            return t
    later = [t for t in terms if t.start > day]
    return later[0] if later else (terms[-1] if terms else None)


def _named_term(terms: list[Term], name: str, today: date) -> Term:
    if not name:
        found = _term_at(terms, today)
        if found is None:
            raise ValidationError("The sites' calendars hold no terms yet. Add the terms on Sites & "
                                  "calendars, or choose custom dates.", "term")
        return found
    if not TERM_NAME.match(name.strip().lower()):
        raise ValidationError(f"'{name}' is not a term name: write it as 2026-autumn, 2027-spring "
                              "or 2027-summer (the year the term starts in).", "term")
    for t in terms:
        if t.name == name.strip().lower():
            return t
    known = ", ".join(t.name for t in terms) or "none yet"
    raise ValidationError(f"The calendars have no {name.strip()} term (terms known: {known}). Add it "
                          "on Sites & calendars, or choose custom dates.", "term")


def half_term(t: Term, today: date) -> tuple[date, date]:
    """The half of ``t`` that ``today`` is in: up to the first break, or after it."""
    if not t.breaks:
        return t.start, t.end
    first, last = t.breaks[0]
    if today < first:
        return t.start, first - timedelta(days=1)
    return last + timedelta(days=1), t.end


def resolve(terms: list[Term], choice: PeriodChoice, today: date) -> Period:
    """The dates of the period asked for; a ValidationError in words when they cannot be found."""
    kind = choice.kind
    if kind not in PERIOD_KINDS:
        raise ValidationError(f"Choose a period: {', '.join(PERIOD_KINDS.values())}.", "kind")
    if kind == "week":
        start = today - timedelta(days=today.weekday())
        return Period(kind, _label(kind, start, start + timedelta(days=6), ""), start,
                      start + timedelta(days=6), "")
    if kind == "year":
        first = today.year if today.month >= 8 else today.year - 1
        start, end = date(first, 9, 1), date(first + 1, 8, 31)
        return Period(kind, f"School year {first}/{(first + 1) % 100:02d} ({start:%d/%m/%Y} to "
                            f"{end:%d/%m/%Y})", start, end, "")
    if kind == "custom":
        return _custom(choice)
    t = _named_term(terms, choice.term, today)
    if kind == "term":
        return Period(kind, _label(kind, t.start, t.end, t.name), t.start, t.end, t.name)
    start, end = half_term(t, today if t.start <= today <= t.end else t.start)
    return Period(kind, _label(kind, start, end, t.name), start, end, t.name)


def _custom(choice: PeriodChoice) -> Period:
    if choice.start is None or choice.end is None:
        raise ValidationError("Give both dates of the custom period.", "start")
    if choice.end < choice.start:
        raise ValidationError("The period's last day is before its first day; swap the dates.",
                              "end")
    if (choice.end - choice.start).days > LONGEST_DAYS:
        raise ValidationError("A custom period is at most two school years long; choose shorter "
                              "dates.", "end")
    return Period("custom", _label("custom", choice.start, choice.end, ""), choice.start,
                  choice.end, "")
