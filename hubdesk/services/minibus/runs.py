"""Runs: a vehicle's trip on one date through ordered stops, with a driver and an escort (each a
rota shift of kind 'run'), the passengers on it, and weekly patterns expanded over term dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.errors import Conflict, NotFound, ValidationError
from hubdesk.core.models import Run, RunPassenger, RunStop, Shift, Site, Staff, Vehicle
from hubdesk.core.rules.minibus import Stop, clock, default_times, ending_by, minutes, times_in_order
from hubdesk.services.base import Service
from hubdesk.services.minibus.needs import Need, derive_needs
from hubdesk.services.minibus.passengers import (
    Boarding,
    SeatPreview,
    add_rider,
    check_seats,
    live_rides,
    name_of,
    preview,
    take_off,
)
from hubdesk.services.minibus.queries import (
    LoadedRun,
    load_run,
    load_runs,
    load_vehicle,
    run_label,
    site_names,
    staff_name,
    vehicle_label,
)
from hubdesk.services.minibus.settings import load_settings
from hubdesk.services.sites import load_travel


@dataclass(frozen=True)
class StopForm:
    site_id: int
    arrive: time | None = None
    depart: time | None = None


@dataclass(frozen=True)
class RunForm:
    vehicle_id: int
    day: date
    stops: tuple[StopForm, ...]
    name: str = ""
    driver_staff_id: int | None = None
    escort_staff_id: int | None = None
    notes: str = ""
    id: int | None = None


@dataclass(frozen=True)
class StopRow:
    site_id: int
    site: str
    arrive: time | None
    depart: time | None
    on: int  # passengers getting on here
    off: int


@dataclass(frozen=True)
class PassengerRow:
    id: int
    need_key: str
    kind: str
    name: str
    board: int  # stop positions
    alight: int
    wheelchair: bool
    stale: bool = False  # the booking or request was cancelled: holds no seat, not on the sheet


@dataclass(frozen=True)
class RunRow:
    id: int
    day: date
    vehicle_id: int
    vehicle: str
    label: str
    driver: str
    escort: str
    start: time
    end: time
    stops: tuple[StopRow, ...]
    passengers: int  # whose booking or request still stands
    cancelled: bool
    pattern_id: int | None


@dataclass(frozen=True)
class RunDetail:
    form: RunForm
    row: RunRow
    passengers: tuple[PassengerRow, ...]


def validate_run(form: RunForm) -> list[Stop]:
    if form.driver_staff_id is not None and form.driver_staff_id == form.escort_staff_id:
        raise ValidationError("The escort must be someone other than the driver.", "escort_staff_id")
    if len(form.name.strip()) > 80:
        raise ValidationError("The name can be at most 80 characters.", "name")
    stops = [Stop(st.site_id, None if n == 0 or st.arrive is None else minutes(st.arrive),
                  None if n == len(form.stops) - 1 or st.depart is None else minutes(st.depart))
             for n, st in enumerate(form.stops)]
    problem = times_in_order(stops)
    if problem:
        raise ValidationError(problem, "stops")
    if stops[-1].reaches <= stops[0].leaves:
        raise ValidationError("The run must end after it starts.", "stops")
    for a, b in zip(form.stops, form.stops[1:], strict=False):
        if a.site_id == b.site_id:
            raise ValidationError("Two stops in a row are at the same site; merge them.", "stops")
    return stops


def row_of(loaded: LoadedRun, names: dict[int, str], vehicles: dict[int, str],
           people: dict[int, str], live: set[str]) -> RunRow:
    """A run for screens; passengers whose booking was cancelled are not counted."""
    run = loaded.run
    on = [0] * len(loaded.stops)
    off = [0] * len(loaded.stops)
    riders = [p for p in loaded.passengers if p.need_key in live]
    for p in riders:
        ride = loaded.ride(p)
        on[ride.board] += 1
        off[ride.alight] += 1
    stops = tuple(StopRow(st.site_id, names.get(st.site_id, "?"), st.arrive, st.depart, on[n], off[n])
                  for n, st in enumerate(loaded.stops))
    return RunRow(run.id, run.day, run.vehicle_id, vehicles.get(run.vehicle_id, "?"),
                  run_label(run, names, loaded.stops), people.get(run.driver_staff_id or 0, ""),
                  people.get(run.escort_staff_id or 0, ""), clock(loaded.start), clock(loaded.end),
                  stops, len(riders), run.status == "cancelled", run.pattern_id)


def lookups(s: Session) -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    """Site, vehicle and staff labels for rows."""
    vehicles = {v.id: vehicle_label(v) for v in s.scalars(select(Vehicle))}
    people = {p.id: staff_name(p) for p in s.scalars(select(Staff).where(Staff.role.in_(
        ("driver", "escort", "co-ordinator")) | Staff.id.in_(
        select(Run.driver_staff_id).union(select(Run.escort_staff_id)))))}
    return site_names(s), vehicles, people


def write_stops(s: Session, run: Run, form: RunForm, existing: tuple[RunStop, ...],
                riders: tuple[RunPassenger, ...]) -> None:
    """Update stops in place by position so passengers keep their stops; refuse removing or
    moving a stop someone gets on or off at."""
    used = {p.board_stop_id for p in riders} | {p.alight_stop_id for p in riders}
    for n, stop in enumerate(existing):
        wanted = form.stops[n] if n < len(form.stops) else None
        if stop.id in used and (wanted is None or wanted.site_id != stop.site_id):
            raise Conflict("Passengers get on or off at a stop you removed or changed; take them "
                           "off the run first.")
    for n, wanted in enumerate(form.stops):
        stop = existing[n] if n < len(existing) else RunStop(run_id=run.id, position=n)
        if n >= len(existing):
            s.add(stop)
        stop.site_id = wanted.site_id
        stop.arrive = None if n == 0 else wanted.arrive
        stop.depart = None if n == len(form.stops) - 1 else wanted.depart
    gone = [stop.id for stop in existing[len(form.stops):]]
    if gone:
        # Passengers taken off earlier keep their record; point it at the run's ends so the stop
        # they used can go.
        s.flush()
        first, last = existing[0].id, existing[len(form.stops) - 1].id
        for p in s.scalars(select(RunPassenger).where(
                RunPassenger.run_id == run.id, RunPassenger.removed_at.is_not(None),
                RunPassenger.board_stop_id.in_(gone) | RunPassenger.alight_stop_id.in_(gone))):
            p.board_stop_id, p.alight_stop_id = first, last
        s.flush()
    for stop in existing[len(form.stops):]:
        s.delete(stop)


def sync_shifts(s: Session, run: Run, stops: list[Stop], now: datetime) -> None:
    """The driver and escort of a run each have a rota shift of kind 'run' covering it."""
    live = s.scalars(select(Shift).where(Shift.kind == "run", Shift.run_id == run.id,
                                         Shift.cancelled_at.is_(None))).all()
    wanted = {} if run.status == "cancelled" else {
        role: staff for role, staff in (("driver", run.driver_staff_id),
                                        ("escort", run.escort_staff_id)) if staff is not None}
    start, end = clock(stops[0].leaves), clock(stops[-1].reaches)
    for shift in live:
        if wanted.get(shift.role) == shift.staff_id:
            shift.day, shift.start_time, shift.end_time = run.day, start, end
            shift.site_id = stops[0].site_id
            del wanted[shift.role]
        else:
            shift.cancelled_at = now
    for role, staff_id in wanted.items():
        s.add(Shift(staff_id=staff_id, kind="run", role=role, day=run.day, start_time=start,
                    end_time=end, site_id=stops[0].site_id, run_id=run.id,
                    note=f"Minibus {role}", created_at=now))


def live_keys(s: Session, start: date, end: date) -> set[str]:
    """The keys of every transport need that still stands between two dates."""
    settings = load_settings(s)
    return {n.key for d in range((end - start).days + 1)
            for n in derive_needs(s, start + timedelta(days=d), settings)}


class MinibusRuns(Service):
    def runs(self, start: date, end: date, include_cancelled: bool = False) -> list[RunRow]:
        with self._read() as s:
            names, vehicles, people = lookups(s)
            loaded = load_runs(s, start, end, include_cancelled)
            live = live_keys(s, start, end) if any(x.passengers for x in loaded) else set()
            return [row_of(x, names, vehicles, people, live) for x in loaded]

    def get(self, run_id: int) -> RunDetail:
        with self._read() as s:
            loaded = load_runs(s, date.min, date.max, include_cancelled=True, run_ids=[run_id])
            if not loaded:
                raise NotFound("That run no longer exists.")
            x = loaded[0]
            names, vehicles, people = lookups(s)
            run = x.run
            form = RunForm(run.vehicle_id, run.day, tuple(StopForm(st.site_id, st.arrive, st.depart)
                                                          for st in x.stops),
                           run.name, run.driver_staff_id, run.escort_staff_id, run.notes, run.id)
            needs = {n.key: n for n in derive_needs(s, run.day)}
            riders = tuple(PassengerRow(p.id, p.need_key, p.kind, needs[p.need_key].name
                                        if p.need_key in needs else name_of(s, p),
                                        x.index_of(p.board_stop_id), x.index_of(p.alight_stop_id),
                                        p.wheelchair, p.need_key not in needs) for p in x.passengers)
            return RunDetail(form, row_of(x, names, vehicles, people, set(needs)), riders)

    def seat_preview(self, form: RunForm, add: tuple[Boarding, ...] = (),
                     remove: tuple[int, ...] = ()) -> SeatPreview:
        """Seats per stretch as the run editor stands (stops, vehicle, passengers added and taken
        off), before anything is saved."""
        stops = validate_run(form)
        with self._read() as s:
            vehicle = load_vehicle(s, form.vehicle_id)
            needs = {n.key: n for n in derive_needs(s, form.day)}
            kept = []
            if form.id is not None:
                x = load_runs(s, date.min, date.max, True, [form.id])[0]
                kept = [r for r in live_rides(x, set(needs), remove) if r.alight < len(stops)]
            return preview(s, stops, vehicle, kept, add, needs, form.id)

    def default_stops(self, site_ids: list[int], depart: time | None = None,
                      arrive_by: time | None = None) -> tuple[StopForm, ...]:
        """Stop times from the travel-time table plus loading at each stop."""
        if len(site_ids) < 2:
            raise ValidationError("Choose at least two sites.", "stops")
        with self._read() as s:
            travel = load_travel(s)
            settings = load_settings(s)
        loading = settings.loading_minutes
        if arrive_by is not None:
            stops = ending_by(site_ids, travel, minutes(arrive_by), loading)
        else:
            start = depart or settings.ends(site_ids[0])
            stops = default_times(site_ids, travel, minutes(start), loading)
        return tuple(StopForm(x.site_id, None if x.arrive is None else clock(x.arrive),
                              None if x.depart is None else clock(x.depart)) for x in stops)

    def save(self, form: RunForm, add: tuple[Boarding, ...] = (), remove: tuple[int, ...] = ()) -> int:
        """Save a run with its stops and crew, taking passengers off (``remove``) and putting needs
        on (``add``), all or nothing; refused when a stretch would have more people than seats."""
        stops = validate_run(form)
        with self._write() as s:
            load_vehicle(s, form.vehicle_id)
            for st in form.stops:
                if s.get(Site, st.site_id) is None:
                    raise NotFound("A stop's site no longer exists.")
            for staff_id in (form.driver_staff_id, form.escort_staff_id):
                if staff_id is not None and s.get(Staff, staff_id) is None:
                    raise NotFound("That staff member no longer exists.")
            if form.id is None:
                run = Run(vehicle_id=form.vehicle_id, day=form.day, status="planned")
                s.add(run)
                s.flush()
                existing: tuple[RunStop, ...] = ()
                riders: tuple[RunPassenger, ...] = ()
            else:
                run = load_run(s, form.id)
                take_off(s, run.id, remove, "Taken off in the run editor", self._clock.now())
                s.flush()
                loaded = load_runs(s, run.day, run.day, True, [run.id])[0]
                existing, riders = loaded.stops, loaded.passengers
                if riders and form.day != run.day:
                    raise Conflict("Passengers are booked on this run for its day; take them off "
                                   "before moving it to another day.")
            if add and run.status == "cancelled":
                raise Conflict("This run is cancelled; restore it before adding passengers.")
            run.vehicle_id, run.day, run.name = form.vehicle_id, form.day, form.name.strip()
            run.driver_staff_id, run.escort_staff_id = form.driver_staff_id, form.escort_staff_id
            run.notes = form.notes.strip()
            write_stops(s, run, form, existing, riders)
            s.flush()
            if riders or add:
                needs = {n.key: n for n in derive_needs(s, run.day)}
                _board(s, run, add, needs, self._clock.now())
                after = load_runs(s, run.day, run.day, True, [run.id])[0]
                check_seats(after, s.get_one(Vehicle, run.vehicle_id), set(needs))
            sync_shifts(s, run, stops, self._clock.now())
            return run.id

    def cancel(self, run_id: int, reason: str) -> None:
        """Cancel a run (kept, with its passengers, so it can be restored); shifts come off."""
        if not reason.strip():
            raise ValidationError("Say why the run is cancelled.", "reason")
        with self._write() as s:
            run = load_run(s, run_id)
            if run.status == "cancelled":
                return
            now = self._clock.now()
            run.status, run.cancelled_at, run.cancel_reason = "cancelled", now, reason.strip()[:200]
            loaded = load_runs(s, run.day, run.day, True, [run.id])[0]
            sync_shifts(s, run, list(loaded.rule_stops), now)

    def restore(self, run_id: int) -> None:
        with self._write() as s:
            run = load_run(s, run_id)
            run.status, run.cancelled_at, run.cancel_reason = "planned", None, ""
            loaded = load_runs(s, run.day, run.day, True, [run.id])[0]
            sync_shifts(s, run, list(loaded.rule_stops), self._clock.now())

    def add_passenger(self, run_id: int, need_key: str, board: int | None = None,
                      alight: int | None = None) -> int:
        """Put a need on a run, from its pick-up stop to its drop-off stop."""
        with self._write() as s:
            run = load_run(s, run_id)
            if run.status == "cancelled":
                raise Conflict("This run is cancelled; restore it first.")
            needs = {n.key: n for n in derive_needs(s, run.day)}
            if need_key not in needs:
                raise NotFound("That transport need is gone (the booking or request was "
                               "cancelled); refresh the list.")
            loaded = load_runs(s, run.day, run.day, run_ids=[run.id])[0]
            return add_rider(s, loaded, needs[need_key], board, alight, set(needs), self._clock.now())



def _board(s: Session, run: Run, add: tuple[Boarding, ...], needs: dict[str, Need], now: datetime) -> None:
    """Put the editor's new passengers on, one at a time (each checked against the seats left)."""
    for boarding in add:
        need = needs.get(boarding.need_key)
        if need is None:
            raise NotFound("A passenger you added no longer needs transport (the booking or request "
                           "was cancelled); take them off the list.")
        loaded = load_runs(s, run.day, run.day, True, [run.id])[0]
        try:
            add_rider(s, loaded, need, boarding.board, boarding.alight, set(needs), now)
        except Conflict as exc:
            raise ValidationError(str(exc), "passengers") from exc
