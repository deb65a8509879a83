"""Weekly runs: a pattern (e.g. Mon–Fri 15:20 Elm → Oak) expanded into dated runs on the days a
chosen site is open, like club sessions. Ending a pattern cancels its later runs, never deletes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from hubdesk.core.clock import utcnow
from hubdesk.core.errors import NotFound, ValidationError
from hubdesk.core.models import Run, RunPattern, RunPatternStop, RunStop, Site
from hubdesk.core.rules.recurrence import club_days, weekdays_code, weekdays_label
from hubdesk.services.base import Service
from hubdesk.services.calendars import load_calendar
from hubdesk.services.minibus_common import LoadedRun, load_vehicle, site_names
from hubdesk.services.minibus_runs import RunForm, StopForm, sync_shifts, validate_run


@dataclass(frozen=True)
class PatternForm:
    name: str
    vehicle_id: int
    weekdays: tuple[int, ...]
    start_date: date
    end_date: date
    calendar_site_id: int
    stops: tuple[StopForm, ...]
    driver_staff_id: int | None = None
    escort_staff_id: int | None = None


@dataclass(frozen=True)
class PatternRow:
    id: int
    name: str
    weekdays: str
    dates: str
    route: str
    runs: int
    active: bool


@dataclass(frozen=True)
class PatternResult:
    pattern_id: int
    created: int  # dated runs made
    open_days: int


class MinibusPatterns(Service):
    def save(self, form: PatternForm) -> PatternResult:
        """Create a weekly pattern and its dated runs on the calendar site's open days."""
        if not form.name.strip():
            raise ValidationError("Name the weekly run, e.g. After school: Elm to Oak.", "name")
        if not form.weekdays or not set(form.weekdays) <= set(range(5)):
            raise ValidationError("Choose the weekdays (Monday to Friday) it runs.", "weekdays")
        if form.end_date < form.start_date:
            raise ValidationError("The end date is before the start date.", "end_date")
        if (form.end_date - form.start_date).days > 400:
            raise ValidationError("A weekly run can be planned at most a school year ahead.", "end_date")
        stops = validate_run(RunForm(form.vehicle_id, form.start_date, form.stops, form.name,
                                     form.driver_staff_id, form.escort_staff_id))
        with self._write() as s:
            load_vehicle(s, form.vehicle_id)
            if s.get(Site, form.calendar_site_id) is None:
                raise NotFound("That site no longer exists.")
            pattern = RunPattern(name=form.name.strip()[:80], vehicle_id=form.vehicle_id,
                                 weekdays=weekdays_code(form.weekdays), start_date=form.start_date,
                                 end_date=form.end_date, calendar_site_id=form.calendar_site_id,
                                 driver_staff_id=form.driver_staff_id,
                                 escort_staff_id=form.escort_staff_id, active=True)
            s.add(pattern)
            s.flush()
            for n, st in enumerate(form.stops):
                s.add(RunPatternStop(pattern_id=pattern.id, position=n, site_id=st.site_id,
                                     arrive=None if n == 0 else st.arrive,
                                     depart=None if n == len(form.stops) - 1 else st.depart))
            days = club_days(load_calendar(s, form.calendar_site_id), form.weekdays,
                             form.start_date, form.end_date)
            for day in days:
                run = Run(vehicle_id=form.vehicle_id, day=day, name=pattern.name,
                          pattern_id=pattern.id, driver_staff_id=form.driver_staff_id,
                          escort_staff_id=form.escort_staff_id, status="planned")
                s.add(run)
                s.flush()
                for n, st in enumerate(form.stops):
                    s.add(RunStop(run_id=run.id, position=n, site_id=st.site_id,
                                  arrive=None if n == 0 else st.arrive,
                                  depart=None if n == len(form.stops) - 1 else st.depart))
                sync_shifts(s, run, stops)
            return PatternResult(pattern.id, len(days), len(days))

    def patterns(self) -> list[PatternRow]:
        with self._read() as s:
            names = site_names(s)
            rows = []
            for p in s.scalars(select(RunPattern).order_by(RunPattern.start_date, RunPattern.name)):
                stops = s.scalars(select(RunPatternStop).where(RunPatternStop.pattern_id == p.id)
                                  .order_by(RunPatternStop.position)).all()
                count = len(s.scalars(select(Run.id).where(Run.pattern_id == p.id,
                                                           Run.status == "planned")).all())
                rows.append(PatternRow(p.id, p.name, weekdays_label(p.weekdays),
                                       f"{p.start_date:%d/%m/%Y}–{p.end_date:%d/%m/%Y}",
                                       " → ".join(names.get(x.site_id, "?") for x in stops), count,
                                       p.active))
            return rows

    def end(self, pattern_id: int, last_day: date) -> int:
        """Stop a weekly run after ``last_day``: its later runs are cancelled. Returns how many."""
        with self._write() as s:
            pattern = s.get(RunPattern, pattern_id)
            if pattern is None:
                raise NotFound("That weekly run no longer exists.")
            if last_day < pattern.start_date:
                raise ValidationError("The last day is before the weekly run starts.", "last_day")
            pattern.end_date = min(pattern.end_date, last_day)
            later = s.scalars(select(Run).where(Run.pattern_id == pattern_id, Run.day > last_day,
                                                Run.status == "planned")).all()
            now = utcnow()
            for run in later:
                run.status, run.cancelled_at = "cancelled", now
                run.cancel_reason = f"Weekly run ended on {last_day:%d/%m/%Y}"
                stops = s.scalars(select(RunStop).where(RunStop.run_id == run.id)
                                  .order_by(RunStop.position)).all()
                sync_shifts(s, run, list(LoadedRun(run, tuple(stops), ()).rule_stops))
            return len(later)
