"""Every check of the planned runs between two dates, blocking ones first, each a sentence.

Blocking: vehicle blocked (walk-round, permit, MOT, inspection), vehicle or driver in two places
(counting dead running and the driver's rota shifts), driver not eligible, over capacity on a
stretch, no driver. Warnings: no escort where the office's rule asks for one (blocking if the office
says so), a child arriving after their club starts or riding longer than the settings allow, a
passenger whose booking or request was cancelled (already left off the run sheet), a walk-round
check still to do on a later day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.models import Shift, Staff, Vehicle
from hubdesk.core.rules.driver_eligibility import eligibility
from hubdesk.core.rules.minibus import (
    Busy,
    Problem,
    clash_message,
    clashes,
    minutes,
    over_capacity,
    ride_problems,
    vehicle_blocks,
)
from hubdesk.core.rules.travel import TravelTimes
from hubdesk.core.words import count
from hubdesk.services.base import Service
from hubdesk.services.minibus.needs import Need, derive_needs
from hubdesk.services.minibus.queries import (
    LoadedRun,
    driver_facts,
    load_runs,
    run_label,
    site_names,
    staff_name,
    vehicle_facts,
    vehicle_label,
    walk_rounds,
)
from hubdesk.services.minibus.settings import MinibusSettings, load_settings
from hubdesk.services.sites import load_travel


@dataclass(frozen=True)
class CheckRow:
    blocking: bool
    code: str
    message: str
    day: date
    run_id: int | None
    other_run_id: int | None = None

    @property
    def severity(self) -> str:
        return "Blocking" if self.blocking else "Warning"


def check_runs(s: Session, start: date, end: date, today: date,
               needs: dict[date, dict[str, Need]] | None = None) -> list[Problem]:
    """The problems of all planned runs from ``start`` to ``end``. ``needs`` (given empty) is
    filled with each run day's transport needs, for a caller that shows them too."""
    runs = load_runs(s, start, end)
    if not runs:
        return []
    travel, names, settings = load_travel(s), site_names(s), load_settings(s)
    vehicles = {v.id: v for v in s.scalars(select(Vehicle))}
    checks = walk_rounds(s, start, end)
    labels = {x.run.id: run_label(x.run, names, x.stops) for x in runs}
    found: list[Problem] = []
    by_vehicle: dict[tuple[date, int], list[LoadedRun]] = defaultdict(list)
    for x in runs:
        by_vehicle[(x.run.day, x.run.vehicle_id)].append(x)
    for (day, vehicle_id), own in by_vehicle.items():
        vehicle = vehicles[vehicle_id]
        name = vehicle_label(vehicle)
        blocks, warnings = vehicle_blocks(vehicle_facts(vehicle), day, checks.get((vehicle_id, day)),
                                          today)
        first = own[0].run.id
        found += [Problem(True, "vehicle_blocked", f"{m} It has {count(len(own), 'run')} that day.", day,
                          first) for m in blocks]
        found += [Problem(False, "vehicle_check_due", m, day, first) for m in warnings]
        for a, b, dead in clashes([x.busy(labels[x.run.id]) for x in own], travel):
            found.append(Problem(True, "vehicle_two_places", clash_message(name, a, b, dead), day,
                                 b.ref, a.ref))
    found += _people(s, runs, labels, vehicles, travel, start, end)
    needs = {} if needs is None else needs
    for x in runs:
        day = x.run.day
        if day not in needs:
            needs[day] = {n.key: n for n in derive_needs(s, day, settings)}
        found += _run_problems(x, labels[x.run.id], vehicles[x.run.vehicle_id], needs[day], names,
                               settings)
    return sorted(found, key=lambda p: (not p.blocking, p.day, p.code, p.message))


def _run_problems(x: LoadedRun, label: str, vehicle: Vehicle, needs: dict[str, Need],
                  names: dict[int, str], settings: MinibusSettings) -> list[Problem]:
    run, day = x.run, x.run.day
    where = f"{label} on {day:%a %d/%m}"
    found = []
    if run.driver_staff_id is None:
        found.append(Problem(True, "no_driver", f"{where} has no driver.", day, run.id))
    stops = x.rule_stops
    live = [p for p in x.passengers if p.need_key in needs]
    for message in over_capacity(stops, [x.ride(p) for p in live], vehicle.seats,
                                 vehicle.wheelchair_spaces, lambda i: names.get(i, "?")):
        found.append(Problem(True, "over_capacity", f"{where}: {message}.", day, run.id))
    children = any(p.kind == "child" for p in live)
    if run.escort_staff_id is None and settings.needs_escort([st.site_id for st in x.stops],
                                                             children, bool(live)):
        who = "children" if children else "passengers"
        found.append(Problem(settings.escort_blocking, "no_escort",
                             f"{where} carries {who} with no escort.", day, run.id))
    for p in x.passengers:
        need = needs.get(p.need_key)
        if need is None:
            what = ("their club booking was cancelled" if p.kind == "child"
                    else "their transport is no longer needed")
            found.append(Problem(False, "stale_passenger",
                                 f"{where}: a passenger is still listed but {what}; they are left "
                                 "off the run sheet. Take them off the run.", day, run.id,
                                 need_key=p.need_key))
            continue
        ride = x.ride(p)
        for why in ride_problems(stops, ride, None if need.ready_at is None else minutes(need.ready_at),
                                 None if need.arrive_by is None else minutes(need.arrive_by),
                                 settings.max_ride_minutes):
            found.append(Problem(False, "late" if "arrives" in why else "ride",
                                 f"{where}: {need.name} ({need.purpose}) {why}.", day, run.id,
                                 need_key=p.need_key))
    return found


def _people(s: Session, runs: list[LoadedRun], labels: dict[int, str], vehicles: dict[int, Vehicle],
            travel: TravelTimes, start: date, end: date) -> list[Problem]:
    """Drivers not eligible, escorts without DBS, and anyone on two things at once."""
    found: list[Problem] = []
    ids = {i for x in runs for i in (x.run.driver_staff_id, x.run.escort_staff_id) if i is not None}
    if not ids:
        return found
    people = {p.id: p for p in s.scalars(select(Staff).where(Staff.id.in_(ids)))}
    busy: dict[tuple[int, date], list[Busy]] = defaultdict(list)
    for x in runs:
        run = x.run
        for staff_id in (run.driver_staff_id, run.escort_staff_id):
            if staff_id is not None:
                busy[(staff_id, run.day)].append(x.busy(labels[run.id]))
    seen: set[tuple[int, date]] = set()
    for x in runs:
        run, vehicle = x.run, vehicles[x.run.vehicle_id]
        if run.driver_staff_id is not None and (run.driver_staff_id, run.day) not in seen:
            seen.add((run.driver_staff_id, run.day))
            result = eligibility(driver_facts(people[run.driver_staff_id]), run.day,
                                 vehicle.gross_weight_kg, vehicle.disability_equipment)
            found += [Problem(True, "driver_not_eligible", f"{m} (driving {labels[run.id]} on "
                              f"{run.day:%a %d/%m})", run.day, run.id) for m in result.blocks]
            found += [Problem(False, "driver_check", m, run.day, run.id) for m in result.warnings]
        escort = people.get(run.escort_staff_id or 0)
        if escort is not None and not escort.dbs_number.strip():
            found.append(Problem(True, "escort_no_dbs", f"{staff_name(escort)} has no enhanced DBS "
                                 f"recorded and cannot escort {labels[run.id]}.", run.day, run.id))
    shifts = s.scalars(select(Shift).where(Shift.staff_id.in_(ids), Shift.day.between(start, end),
                                           Shift.cancelled_at.is_(None), Shift.kind != "run"))
    for n, shift in enumerate(shifts):
        busy[(shift.staff_id, shift.day)].append(
            Busy(-(n + 1), minutes(shift.start_time), minutes(shift.end_time), shift.site_id,
                 shift.site_id, shift.note or f"a {shift.kind} shift"))
    for (staff_id, day), items in busy.items():
        if len(items) < 2:
            continue
        for a, b, dead in clashes(items, travel):
            if a.ref < 0 and b.ref < 0:
                continue  # two rota shifts: the rota's own checks report those
            run_id = b.ref if b.ref > 0 else a.ref
            other = a.ref if b.ref > 0 and a.ref > 0 else None
            found.append(Problem(True, "driver_double_booked", clash_message(
                staff_name(people[staff_id]), a, b, dead) + f" ({day:%a %d/%m})", day, run_id, other))
    return found


class MinibusChecks(Service):
    def check(self, start: date, end: date | None = None, today: date | None = None) -> list[CheckRow]:
        with self._read() as s:
            problems = check_runs(s, start, end or start, today or self._clock.today())
        return [CheckRow(p.blocking, p.code, p.message, p.day, p.run_id, p.other_run_id)
                for p in problems]
