"""Weekly runs: a pattern (e.g. Mon–Fri 15:20 Elm → Oak) expanded into dated runs on the days a
chosen site is open, like club sessions. Ending a pattern cancels its later runs, never deletes.

A pattern is changed *from a date*: runs before it stay as they ran; later runs take the new
times, stops, vehicle and crew; days it no longer runs are cancelled and new days get runs.
Passengers stay aboard where the new route still stops at both their sites in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.errors import NotFound, ValidationError
from hubdesk.core.models import Run, RunPassenger, RunPattern, RunPatternStop, RunStop, Site
from hubdesk.core.rules.minibus import Stop, stretch_loads
from hubdesk.core.rules.recurrence import club_days, weekday_set, weekdays_code, weekdays_label
from hubdesk.services.base import Service, fetch
from hubdesk.services.minibus.needs import derive_needs
from hubdesk.services.minibus.passengers import live_rides, name_of
from hubdesk.services.minibus.queries import LoadedRun, load_runs, load_vehicle, site_names, vehicle_label
from hubdesk.services.minibus.runs import RunForm, StopForm, sync_shifts, validate_run
from hubdesk.services.sites import load_calendar

PATTERN_REASON = "Weekly run"  # runs the pattern cancelled start with this; a change may restore them


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
    id: int | None = None


@dataclass(frozen=True)
class PatternRow:
    id: int
    name: str
    weekdays: str
    dates: str
    route: str
    runs: int
    active: bool
    vehicle: str = ""
    start_date: date = date.min
    end_date: date = date.max


@dataclass(frozen=True)
class PatternChange:
    """What changing a weekly run from a date did."""

    changed: int  # later runs given the new times, stops, vehicle and crew
    created: int  # runs on days it did not run before
    cancelled: int  # runs on days it no longer runs
    passengers_off: tuple[str, ...]  # 'Mon 21/09: Kid Name' taken off: the new route misses a stop


@dataclass(frozen=True)
class PatternResult:
    pattern_id: int
    created: int  # dated runs made
    open_days: int


def validate_pattern(form: PatternForm) -> list[Stop]:
    if not form.name.strip():
        raise ValidationError("Name the weekly run, e.g. After school: Elm to Oak.", "name")
    if not form.weekdays or not set(form.weekdays) <= set(range(5)):
        raise ValidationError("Choose the weekdays (Monday to Friday) it runs.", "weekdays")
    if form.end_date < form.start_date:
        raise ValidationError("The end date is before the start date.", "end_date")
    if (form.end_date - form.start_date).days > 400:
        raise ValidationError("A weekly run can be planned at most a school year ahead.", "end_date")
    return validate_run(RunForm(form.vehicle_id, form.start_date, form.stops, form.name,
                                form.driver_staff_id, form.escort_staff_id))


def _stop_rows(form: PatternForm, n: int, st: StopForm) -> tuple[time | None, time | None]:
    """A stop's times as stored: the first stop has no arrival, the last no departure."""
    return (None if n == 0 else st.arrive), (None if n == len(form.stops) - 1 else st.depart)


class MinibusPatterns(Service):
    def save(self, form: PatternForm) -> PatternResult:
        """Create a weekly pattern and its dated runs on the calendar site's open days."""
        stops = validate_pattern(form)
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
            _write_pattern_stops(s, pattern, form)
            days = club_days(load_calendar(s, form.calendar_site_id), form.weekdays,
                             form.start_date, form.end_date)
            for day in days:
                _new_run(s, pattern, form, day, stops, self._clock.now())
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
                                       p.active, vehicle_label(load_vehicle(s, p.vehicle_id)),
                                       p.start_date, p.end_date))
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
            now = self._clock.now()
            for run in later:
                run.status, run.cancelled_at = "cancelled", now
                run.cancel_reason = f"Weekly run ended on {last_day:%d/%m/%Y}"
                stops = s.scalars(select(RunStop).where(RunStop.run_id == run.id)
                                  .order_by(RunStop.position)).all()
                sync_shifts(s, run, list(LoadedRun(run, tuple(stops), ()).rule_stops), now)
            return len(later)

    def get(self, pattern_id: int) -> PatternForm:
        with self._read() as s:
            p = _load(s, pattern_id)
            stops = s.scalars(select(RunPatternStop).where(RunPatternStop.pattern_id == p.id)
                              .order_by(RunPatternStop.position)).all()
            return PatternForm(p.name, p.vehicle_id, tuple(sorted(weekday_set(p.weekdays))),
                               p.start_date, p.end_date, p.calendar_site_id,
                               tuple(StopForm(x.site_id, x.arrive, x.depart) for x in stops),
                               p.driver_staff_id, p.escort_staff_id, p.id)

    def change(self, pattern_id: int, form: PatternForm, from_day: date,
               today: date | None = None) -> PatternChange:
        """Change a weekly run from ``from_day`` on (today at the earliest); earlier runs stay."""
        stops = validate_pattern(form)
        if from_day < (today or self._clock.today()):
            raise ValidationError("Runs before today have happened; changes start today or later.",
                                  "from_day")
        if from_day > form.end_date:
            raise ValidationError("The change would start after the weekly run ends.", "from_day")
        with self._write() as s:
            load_vehicle(s, form.vehicle_id)
            pattern = _load(s, pattern_id)
            if s.get(Site, form.calendar_site_id) is None:
                raise NotFound("That site no longer exists.")
            if pattern.start_date >= from_day:  # not begun: its first day may move too
                pattern.start_date = form.start_date
            first = max(from_day, pattern.start_date)
            pattern.name, pattern.vehicle_id = form.name.strip()[:80], form.vehicle_id
            pattern.weekdays, pattern.end_date = weekdays_code(form.weekdays), form.end_date
            pattern.calendar_site_id = form.calendar_site_id
            pattern.driver_staff_id, pattern.escort_staff_id = form.driver_staff_id, form.escort_staff_id
            _write_pattern_stops(s, pattern, form)
            wanted = set(club_days(load_calendar(s, form.calendar_site_id), form.weekdays, first,
                                   form.end_date))
            later = {r.day: r for r in s.scalars(select(Run).where(Run.pattern_id == pattern_id,
                                                                    Run.day >= first))}
            now = self._clock.now()
            cancelled, changed, off = 0, 0, []
            for day, run in sorted(later.items()):
                if day not in wanted:
                    if run.status == "planned":
                        run.status, run.cancelled_at = "cancelled", now
                        run.cancel_reason = f"{PATTERN_REASON} changed from {from_day:%d/%m/%Y}"
                        cancelled += 1
                        sync_shifts(s, run, stops, now)
                    continue
                if run.status == "cancelled":
                    if not run.cancel_reason.startswith(PATTERN_REASON):
                        continue  # cancelled by the office for that day: stays cancelled
                    run.status, run.cancelled_at, run.cancel_reason = "planned", None, ""
                run.vehicle_id, run.name = form.vehicle_id, pattern.name
                run.driver_staff_id, run.escort_staff_id = form.driver_staff_id, form.escort_staff_id
                off += _restop(s, run, form, now)
                sync_shifts(s, run, stops, now)
                changed += 1
            for day in sorted(wanted - set(later)):
                _new_run(s, pattern, form, day, stops, self._clock.now())
            s.flush()
            _check_seats(s, [r.id for r in later.values() if r.status == "planned"])
            return PatternChange(changed, len(wanted - set(later)), cancelled, tuple(off))


def _load(s: Session, pattern_id: int) -> RunPattern:
    return fetch(s, RunPattern, pattern_id, "That weekly run no longer exists.")


def _write_pattern_stops(s: Session, pattern: RunPattern, form: PatternForm) -> None:
    for old in s.scalars(select(RunPatternStop).where(RunPatternStop.pattern_id == pattern.id)):
        s.delete(old)
    s.flush()
    for n, st in enumerate(form.stops):
        arrive, depart = _stop_rows(form, n, st)
        s.add(RunPatternStop(pattern_id=pattern.id, position=n, site_id=st.site_id, arrive=arrive,
                             depart=depart))


def _new_run(s: Session, pattern: RunPattern, form: PatternForm, day: date, stops: list[Stop],
             now: datetime) -> None:
    run = Run(vehicle_id=form.vehicle_id, day=day, name=pattern.name, pattern_id=pattern.id,
              driver_staff_id=form.driver_staff_id, escort_staff_id=form.escort_staff_id,
              status="planned")
    s.add(run)
    s.flush()
    for n, st in enumerate(form.stops):
        arrive, depart = _stop_rows(form, n, st)
        s.add(RunStop(run_id=run.id, position=n, site_id=st.site_id, arrive=arrive, depart=depart))
    sync_shifts(s, run, stops, now)


def _restop(s: Session, run: Run, form: PatternForm, now: datetime) -> list[str]:
    """Give a run the pattern's new stops. Every passenger row (also those taken off earlier) is
    pointed at the new stops by site; a live passenger whose sites the new route misses is taken
    off. Returns who was taken off."""
    old = {st.id: st for st in s.scalars(select(RunStop).where(RunStop.run_id == run.id))}
    sites = [st.site_id for st in form.stops]
    riders = s.scalars(select(RunPassenger).where(RunPassenger.run_id == run.id)).all()
    targets: dict[int, tuple[int, int]] = {}
    off = []
    for p in riders:
        board_site, alight_site = old[p.board_stop_id].site_id, old[p.alight_stop_id].site_id
        board = sites.index(board_site) if board_site in sites else -1
        alight = next((n for n in range(board + 1, len(sites)) if sites[n] == alight_site), -1)
        if board < 0 or alight < 0:
            board, alight = 0, len(sites) - 1
            if p.removed_at is None:
                p.removed_at, p.removed_reason = now, "The weekly run no longer stops there"
                off.append(p)
        targets[p.id] = (board, alight)
    ordered = sorted(old.values(), key=lambda st: st.position)
    for st in ordered:  # free the positions before reusing them
        st.position += 1000
    s.flush()
    kept: list[RunStop] = []
    for n, wanted in enumerate(form.stops):
        stop = ordered[n] if n < len(ordered) else RunStop(run_id=run.id)
        if n >= len(ordered):
            s.add(stop)
        stop.position, stop.site_id = n, wanted.site_id
        stop.arrive, stop.depart = _stop_rows(form, n, wanted)
        kept.append(stop)
    s.flush()
    for p in riders:
        board, alight = targets[p.id]
        p.board_stop_id, p.alight_stop_id = kept[board].id, kept[alight].id
    s.flush()
    for st in ordered[len(form.stops):]:
        s.delete(st)
    return [f"{run.day:%a %d/%m}: {name_of(s, p)}" for p in off]


def _check_seats(s: Session, run_ids: list[int]) -> None:
    """Refuse the change when a later run would carry more people than its vehicle has seats."""
    if not run_ids:
        return
    loaded = load_runs(s, date.min, date.max, run_ids=run_ids)
    live: dict[date, set[str]] = {}
    for x in loaded:
        if x.run.day not in live:
            live[x.run.day] = {n.key for n in derive_needs(s, x.run.day)}
        vehicle = load_vehicle(s, x.run.vehicle_id)
        rides = live_rides(x, live[x.run.day])
        seated, chairs = stretch_loads(len(x.stops), rides)
        if max(seated, default=0) > vehicle.seats or max(chairs, default=0) > vehicle.wheelchair_spaces:
            raise ValidationError(
                f"On {x.run.day:%a %d/%m/%Y} the passengers need more seats than "
                f"{vehicle_label(vehicle)} has on some stretch; choose a bigger vehicle or take some "
                "off that run first.",
                "vehicle_id")
