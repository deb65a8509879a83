"""Each school's calendar: terms, half-terms, INSET days and closures, plus bank holidays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.calendar import DayStatus, SchoolCalendar, Span, days
from hubdesk.core.errors import NotFound, ValidationError
from hubdesk.core.models import CalendarEntry, Site
from hubdesk.core.vocabulary import CALENDAR_KINDS
from hubdesk.services.base import Service

KIND_LABELS = {"term": "Term", "half_term": "Half-term", "inset": "INSET day",
               "closure": "Closure"}


@dataclass(frozen=True)
class DateGuide:
    """A site's calendar as a date field shows it: closed weekdays with why, and term ends."""

    closed: dict[date, str]
    half_term_end: date | None
    term_end: date | None


@dataclass(frozen=True)
class EntryForm:
    site_id: int
    kind: str
    start_date: date
    end_date: date
    label: str = ""
    id: int | None = None


def validate_entry(form: EntryForm) -> None:
    if form.kind not in CALENDAR_KINDS:
        raise ValidationError("Choose term, half-term, INSET day or closure.", "kind")
    if form.end_date < form.start_date:
        raise ValidationError("The end date is before the start date.", "end_date")
    if (form.end_date - form.start_date).days > 366:
        raise ValidationError("An entry cannot last more than a year.", "end_date")
    if len(form.label.strip()) > 120:
        raise ValidationError("The label can be at most 120 characters.", "label")


def _check_month(year: int, month: int) -> None:
    if not 1 <= month <= 12 or not 1900 <= year <= 2200:
        raise ValidationError(f"There is no month {month} of {year}.", "month")


def _check_site(s: Session, site_id: int) -> None:
    if s.get(Site, site_id) is None:
        raise NotFound("That site no longer exists.")


def load_calendar(s: Session, site_id: int) -> SchoolCalendar:
    """The calendar of one site, for use inside other services' transactions."""
    entries = s.scalars(select(CalendarEntry).where(CalendarEntry.site_id == site_id))
    return SchoolCalendar(Span(e.kind, e.start_date, e.end_date, e.label) for e in entries)


def load_calendars(s: Session) -> dict[int, SchoolCalendar]:
    spans: dict[int, list[Span]] = {}
    for e in s.scalars(select(CalendarEntry)):
        spans.setdefault(e.site_id, []).append(Span(e.kind, e.start_date, e.end_date, e.label))
    site_ids = s.scalars(select(Site.id)).all()
    return {sid: SchoolCalendar(spans.get(sid, [])) for sid in site_ids}


class CalendarService(Service):
    def entries(self, site_id: int) -> list[EntryForm]:
        with self._read() as s:
            _check_site(s, site_id)
            rows = s.scalars(select(CalendarEntry).where(CalendarEntry.site_id == site_id)
                             .order_by(CalendarEntry.start_date, CalendarEntry.kind))
            return [EntryForm(e.site_id, e.kind, e.start_date, e.end_date, e.label, e.id)
                    for e in rows]

    def save_entry(self, form: EntryForm) -> int:
        validate_entry(form)
        with self._write() as s:
            if s.get(Site, form.site_id) is None:
                raise NotFound("That site no longer exists.")
            if form.id is None:
                entry = CalendarEntry(site_id=form.site_id)
                s.add(entry)
            else:
                found = s.get(CalendarEntry, form.id)
                if found is None:
                    raise NotFound("That calendar entry no longer exists.")
                entry = found
            entry.site_id = form.site_id
            entry.kind = form.kind
            entry.start_date = form.start_date
            entry.end_date = form.end_date
            entry.label = form.label.strip()
            s.flush()
            return entry.id

    def delete_entry(self, entry_id: int) -> None:
        """Remove an entry; its fields stay in the audit log, so it can be put back."""
        with self._write() as s:
            entry = s.get(CalendarEntry, entry_id)
            if entry is None:
                raise NotFound("That calendar entry no longer exists.")
            s.delete(entry)

    def month(self, site_id: int, year: int, month: int) -> list[DayStatus]:
        _check_month(year, month)
        with self._read() as s:
            _check_site(s, site_id)
            return load_calendar(s, site_id).month(year, month)

    def months(self, site_ids: list[int], year: int, month: int) -> dict[int, list[DayStatus]]:
        """One month of several schools at once, for comparing them side by side."""
        _check_month(year, month)
        with self._read() as s:
            calendars = load_calendars(s)
            return {sid: calendars[sid].month(year, month) for sid in site_ids if sid in calendars}

    def open_days(self, site_id: int, start: date, end: date) -> list[date]:
        with self._read() as s:
            _check_site(s, site_id)
            return load_calendar(s, site_id).open_days(start, end)

    def date_guide(self, site_id: int, around: date, weeks: int = 60) -> DateGuide:
        """What a date field needs about one site: its closed weekdays near ``around`` (for
        shading) and the ends of the half-term and term ``around`` is in."""
        with self._read() as s:
            _check_site(s, site_id)
            calendar = load_calendar(s, site_id)
        first = around - timedelta(weeks=weeks // 2)
        closed = {d: calendar.status(d).reason
                  for d in days(first, around + timedelta(weeks=weeks))
                  if d.weekday() < 5 and not calendar.is_open(d)}
        half_end, term_end = calendar.term_ends(around)
        return DateGuide(closed, half_end, term_end)
