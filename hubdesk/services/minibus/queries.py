"""What the minibus services share inside one transaction: loading vehicles, runs and drivers as
plain facts for the pure rules, and labels for people and places (travel: sites.travel)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.errors import NotFound
from hubdesk.core.models import (
    Carer,
    Child,
    Run,
    RunPassenger,
    RunStop,
    Site,
    Staff,
    Vehicle,
    VehicleCheck,
    VehicleCheckItem,
)
from hubdesk.core.rules.driver_eligibility import DriverFacts, parse_categories
from hubdesk.core.rules.minibus import Busy, Ride, Stop, VehicleFacts, WalkRound, minutes
from hubdesk.services.base import fetch


def site_names(s: Session) -> dict[int, str]:
    return {sid: (short or name) for sid, name, short in
            s.execute(select(Site.id, Site.name, Site.short_name))}


def full_site_names(s: Session) -> dict[int, str]:
    return dict(s.execute(select(Site.id, Site.name)).all())


def staff_name(p: Staff | None) -> str:
    return "" if p is None else f"{p.forename} {p.surname}"


def child_name(c: Child) -> str:
    return f"{c.preferred_forename or c.forename} {c.preferred_surname or c.surname}"


def carer_name(c: Carer) -> str:
    return f"{c.forename} {c.surname}".strip()


def vehicle_label(v: Vehicle) -> str:
    return f"{v.name} ({v.registration})" if v.name else v.registration


def load_vehicle(s: Session, vehicle_id: int) -> Vehicle:
    return fetch(s, Vehicle, vehicle_id, "That vehicle no longer exists.")


def load_run(s: Session, run_id: int) -> Run:
    return fetch(s, Run, run_id, "That run no longer exists.")


def vehicle_facts(v: Vehicle) -> VehicleFacts:
    return VehicleFacts(v.registration, v.permit_number, v.permit_expiry, v.mot_due,
                        v.inspection_weeks, v.last_inspection)


def walk_rounds(s: Session, start: date, end: date) -> dict[tuple[int, date], WalkRound]:
    """The latest walk-round check of each vehicle on each day (a re-check after a fix counts)."""
    found: dict[tuple[int, date], WalkRound] = {}
    checks = s.scalars(select(VehicleCheck).where(VehicleCheck.day.between(start, end))
                       .order_by(VehicleCheck.checked_at, VehicleCheck.id)).all()
    failed: dict[int, list[str]] = defaultdict(list)
    ids = [c.id for c in checks if not c.passed]
    if ids:
        for item in s.scalars(select(VehicleCheckItem).where(VehicleCheckItem.check_id.in_(ids),
                                                             VehicleCheckItem.ok.is_(False))
                              .order_by(VehicleCheckItem.position)):
            failed[item.check_id].append(item.item)
    for c in checks:
        found[(c.vehicle_id, c.day)] = WalkRound(c.passed, tuple(failed[c.id]), c.checked_by)
    return found


def driver_facts(p: Staff) -> DriverFacts:
    return DriverFacts(
        name=staff_name(p), dbs_number=p.dbs_number, barred_list_checked=p.barred_list_checked,
        date_of_birth=p.date_of_birth, licence_categories=parse_categories(p.licence_categories),
        licence_first_held=p.licence_first_held, midas_expires=p.midas_expires, active=p.active)


@dataclass(frozen=True)
class LoadedRun:
    """A run with its stops and live passengers, ready for the rules."""

    run: Run
    stops: tuple[RunStop, ...]
    passengers: tuple[RunPassenger, ...]

    @property
    def rule_stops(self) -> tuple[Stop, ...]:
        return tuple(Stop(st.site_id, None if st.arrive is None else minutes(st.arrive),
                          None if st.depart is None else minutes(st.depart)) for st in self.stops)

    def index_of(self, stop_id: int) -> int:
        for n, stop in enumerate(self.stops):
            if stop.id == stop_id:
                return n
        raise NotFound("That stop is no longer on the run.")

    def ride(self, p: RunPassenger) -> Ride:
        return Ride(self.index_of(p.board_stop_id), self.index_of(p.alight_stop_id), p.wheelchair)

    @property
    def start(self) -> int:
        return self.rule_stops[0].leaves if self.stops else 0

    @property
    def end(self) -> int:
        return self.rule_stops[-1].reaches if self.stops else 0

    def busy(self, label: str) -> Busy:
        first = self.stops[0].site_id if self.stops else None
        last = self.stops[-1].site_id if self.stops else None
        return Busy(self.run.id, self.start, self.end, first, last, label)


def load_runs(s: Session, start: date, end: date, include_cancelled: bool = False,
              run_ids: Iterable[int] | None = None) -> list[LoadedRun]:
    """Runs between two dates with stops and live passengers, in three queries."""
    stmt = select(Run).where(Run.day.between(start, end))
    if run_ids is not None:
        stmt = select(Run).where(Run.id.in_(list(run_ids)))
    if not include_cancelled:
        stmt = stmt.where(Run.status == "planned")
    runs = s.scalars(stmt.order_by(Run.day, Run.vehicle_id, Run.id)).all()
    ids = [r.id for r in runs]
    stops: dict[int, list[RunStop]] = defaultdict(list)
    riders: dict[int, list[RunPassenger]] = defaultdict(list)
    if ids:
        for stop in s.scalars(select(RunStop).where(RunStop.run_id.in_(ids))
                              .order_by(RunStop.run_id, RunStop.position)):
            stops[stop.run_id].append(stop)
        for p in s.scalars(select(RunPassenger).where(RunPassenger.run_id.in_(ids),
                                                      RunPassenger.removed_at.is_(None))
                           .order_by(RunPassenger.id)):
            riders[p.run_id].append(p)
    loaded = [LoadedRun(r, tuple(stops[r.id]), tuple(riders[r.id])) for r in runs]
    loaded.sort(key=lambda x: (x.run.day, x.start, x.run.vehicle_id, x.run.id))
    return loaded


def run_label(run: Run, names: dict[int, str], stops: tuple[RunStop, ...]) -> str:
    """'15:20 Elm → Oak' or the run's own name."""
    if run.name:
        return run.name
    if not stops:
        return f"Run {run.id}"
    first = stops[0].depart or stops[0].arrive
    route = " → ".join(names.get(st.site_id, "?") for st in stops)
    return f"{first:%H:%M} {route}" if first else route


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
