"""What the run sheets and the week's timetable print: plain rows built from the live bookings, so
a child whose booking was cancelled never appears on a sheet."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.dates import spoken_day
from hubdesk.core.models import Carer, Child, ChildCarer, Staff, Vehicle
from hubdesk.core.rules.medical import must_act
from hubdesk.core.vocabulary import year_label
from hubdesk.services.base import Service
from hubdesk.services.minibus.checks import check_runs
from hubdesk.services.minibus.journey import WalkRound, destinations, office_phone, walk_rounds
from hubdesk.services.minibus.needs import Need, derive_needs
from hubdesk.services.minibus.queries import (
    full_site_names,
    load_runs,
    run_label,
    site_names,
    staff_name,
    vehicle_label,
)
from hubdesk.services.registers import current_medicines


@dataclass(frozen=True)
class SheetPassenger:
    name: str
    kind: str  # child, staff, adult
    detail: str  # school and year, or what they travel for
    board: str
    alight: str
    medical: str  # allergies and medical notes, '' when none
    phone: str  # emergency contact for a child, own phone for an adult
    wheelchair: bool
    going_to: str = ""  # club, room and who receives them; or the child's class at school
    must_act: bool = False  # the strong marker, as on the registers


@dataclass(frozen=True)
class SheetStop:
    site: str
    arrive: time | None
    depart: time | None
    on: tuple[SheetPassenger, ...]
    off: tuple[SheetPassenger, ...]


@dataclass(frozen=True)
class RunSheet:
    run_id: int
    day: date
    label: str
    vehicle: str
    seats: int
    driver: str
    driver_phone: str
    escort: str
    escort_phone: str
    stops: tuple[SheetStop, ...]
    passengers: tuple[SheetPassenger, ...]
    problems: tuple[str, ...]  # blocking checks, printed so nobody misses them
    walk_round: WalkRound | None = None  # None: no check recorded for the day
    office_phone: str = ""


@dataclass(frozen=True)
class TimetableRun:
    vehicle: str
    start: time
    end: time
    route: str
    driver: str
    passengers: int
    blocked: bool
    escort: str = ""


@dataclass(frozen=True)
class WeekTimetable:
    monday: date
    days: tuple[date, ...]
    vehicles: tuple[str, ...]
    runs: dict[tuple[date, str], tuple[TimetableRun, ...]]
    problems: tuple[str, ...]


def emergency_phones(s: Session, child_ids: list[int]) -> dict[int, str]:
    """The first emergency contact's name and phone for each child."""
    found: dict[int, str] = {}
    if not child_ids:
        return found
    rows = s.execute(select(ChildCarer, Carer).join(Carer, Carer.id == ChildCarer.carer_id)
                     .where(ChildCarer.child_id.in_(child_ids))
                     .order_by(ChildCarer.child_id, ChildCarer.emergency_priority.is_(None),
                               ChildCarer.emergency_priority,
                               ChildCarer.parental_responsibility.desc()))
    for link, carer in rows:
        phone = carer.phone_mobile or carer.phone_home or carer.phone_work
        if link.child_id not in found and phone and not link.must_not_collect:
            found[link.child_id] = f"{carer.forename} {carer.surname}: {phone}".strip()
    return found


def build_sheets(s: Session, day: date, today: date) -> list[RunSheet]:
    runs = load_runs(s, day, day)
    names, full = site_names(s), full_site_names(s)
    needs = {n.key: n for n in derive_needs(s, day)}
    vehicles = {v.id: v for v in s.scalars(select(Vehicle))}
    staff_ids = {i for x in runs for i in (x.run.driver_staff_id, x.run.escort_staff_id) if i}
    people = {p.id: p for p in s.scalars(select(Staff).where(Staff.id.in_(staff_ids)))}
    child_ids = [p.child_id for x in runs for p in x.passengers if p.child_id is not None]
    children = {c.id: c for c in s.scalars(select(Child).where(Child.id.in_(child_ids)))}
    carer_ids = [p.carer_id for x in runs for p in x.passengers if p.carer_id is not None]
    carers = {c.id: c for c in s.scalars(select(Carer).where(Carer.id.in_(carer_ids)))}
    phones = emergency_phones(s, child_ids)
    medicines = current_medicines(s, set(child_ids), {day})
    going = destinations(s, {n.key: n.session_booking_id for n in needs.values()
                             if n.session_booking_id is not None})
    checks = walk_rounds(s, (x.run.vehicle_id for x in runs), day)
    office = office_phone(s)
    problems: dict[int, list[str]] = defaultdict(list)
    for problem in check_runs(s, day, day, today):
        if problem.blocking:  # a clash goes on both runs' sheets: either crew may be the one to wait
            for run_id in {problem.run_id, problem.other_run_id}:
                if run_id is not None:
                    problems[run_id].append(problem.message)
    sheets = []
    for x in runs:
        on: list[list[SheetPassenger]] = [[] for _ in x.stops]
        off: list[list[SheetPassenger]] = [[] for _ in x.stops]
        riders = []
        for p in x.passengers:
            need = needs.get(p.need_key)
            if need is None:
                continue  # booking or request cancelled: never on the sheet
            ride = x.ride(p)
            medical, strong = need.medical, False
            if p.child_id is not None:
                child = children[p.child_id]
                detail = f"{names.get(child.school_site_id, '')} {year_label(child.year_group)}"
                phone = phones.get(child.id, "none recorded")
                given = medicines.get((child.id, day), ())
                medical = _medical(child, given)
                strong = must_act(child.allergies, child.medical_notes, given)
            elif p.staff_id is not None:
                person = s.get(Staff, p.staff_id)
                detail, phone = need.purpose, person.phone if person else ""
            else:
                carer = carers.get(p.carer_id or 0)
                detail = need.purpose
                phone = (carer.phone_mobile or carer.phone_home) if carer else ""
            rider = SheetPassenger(need.name, p.kind, detail.strip(),
                                   full.get(x.stops[ride.board].site_id, "?"),
                                   full.get(x.stops[ride.alight].site_id, "?"), medical, phone,
                                   p.wheelchair, going.get(need.key, need.purpose), strong)
            riders.append(rider)
            on[ride.board].append(rider)
            off[ride.alight].append(rider)
        driver, escort = people.get(x.run.driver_staff_id or 0), people.get(x.run.escort_staff_id or 0)
        vehicle = vehicles[x.run.vehicle_id]
        sheets.append(RunSheet(
            x.run.id, day, run_label(x.run, names, x.stops), vehicle_label(vehicle), vehicle.seats,
            staff_name(driver) or "NOT SET", driver.phone if driver else "", staff_name(escort),
            escort.phone if escort else "",
            tuple(SheetStop(full.get(st.site_id, "?"), st.arrive, st.depart, tuple(on[n]), tuple(off[n]))
                  for n, st in enumerate(x.stops)),
            tuple(sorted(riders, key=lambda r: (r.board, r.name))), tuple(problems[x.run.id]),
            checks.get(x.run.vehicle_id), office))
    return sheets


# What a role without medical details sees for a child staff must act on: the strong marker stays.
ASK_THE_OFFICE = "Needs care on the way: ask the office before the run"


def _marked(sheet: RunSheet) -> RunSheet:
    """Passengers someone must act for keep a marker, without the medical words."""
    def mark(p: SheetPassenger) -> SheetPassenger:
        return dataclasses.replace(p, medical=ASK_THE_OFFICE) if p.must_act else p

    stops = tuple(dataclasses.replace(stop, on=tuple(map(mark, stop.on)),
                                      off=tuple(map(mark, stop.off))) for stop in sheet.stops)
    return dataclasses.replace(sheet, stops=stops, passengers=tuple(map(mark, sheet.passengers)))


def _medical(child: Child, medicines: tuple[str, ...]) -> str:
    """Allergy, medical notes and today's medicines, worded as on the registers."""
    parts = [f"ALLERGY: {child.allergies.strip()}" if child.allergies.strip() else "",
             child.medical_notes.strip(),
             f"MEDICINE: {'; '.join(medicines)}" if medicines else ""]
    return "; ".join(x for x in parts if x)


class MinibusSheets(Service):
    def run_sheets(self, day: date) -> list[RunSheet]:
        with self._read() as s:
            sheets = build_sheets(s, day, self._clock.today())
        if self._may("children.medical"):
            return sheets
        return [_marked(self._medical_shown(sheet)) for sheet in sheets]

    def week(self, day: date) -> WeekTimetable:
        """Every planned run of the school week (Mon–Fri) holding ``day``, per vehicle and day."""
        monday = day - timedelta(days=day.weekday())
        days = tuple(monday + timedelta(days=n) for n in range(5))
        with self._read() as s:
            names = site_names(s)
            runs = load_runs(s, days[0], days[-1])
            vehicles = {v.id: vehicle_label(v) for v in s.scalars(
                select(Vehicle).where(Vehicle.active.is_(True)).order_by(Vehicle.name))}
            people = {p.id: staff_name(p) for p in s.scalars(select(Staff).where(Staff.id.in_(
                {i for x in runs for i in (x.run.driver_staff_id, x.run.escort_staff_id) if i})))}
            needs: dict[date, dict[str, Need]] = {}  # each run day's, worked out once by the check
            found = check_runs(s, days[0], days[-1], self._clock.today(), needs)
            blocked = {p.run_id for p in found if p.blocking}
            live = {key for d in needs.values() for key in d}
            cells: dict[tuple[date, str], list[TimetableRun]] = defaultdict(list)
            for x in runs:
                label = vehicles.get(x.run.vehicle_id, "?")
                route = " → ".join(names.get(st.site_id, "?") for st in x.stops)
                start, end = x.rule_stops[0].leaves, x.rule_stops[-1].reaches
                cells[(x.run.day, label)].append(TimetableRun(
                    label, time(start // 60, start % 60), time(end // 60, end % 60), route,
                    people.get(x.run.driver_staff_id or 0, "no driver"),
                    sum(p.need_key in live for p in x.passengers),
                    x.run.id in blocked, people.get(x.run.escort_staff_id or 0, "")))
        used = {label for _, label in cells}
        order = tuple(v for v in vehicles.values()) + tuple(sorted(used - set(vehicles.values())))
        return WeekTimetable(monday, days, order, {k: tuple(v) for k, v in cells.items()},
                             tuple(f"{spoken_day(p.day, short=True)}: {p.message}"
                                   for p in found if p.blocking))
