"""Minibus rules as pure functions over minutes since midnight: seats per stretch, a vehicle blocked
for the day, a vehicle or driver in two places (counting the dead running between runs), a ride
that arrives too late or lasts too long, and default stop times from the travel-time table.

A stretch is the road between two consecutive stops. A passenger riding from stop 0 to stop 2
occupies stretches 0 and 1, so a run is over capacity only where one stretch is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

# Defaults of the office's minibus settings (stored in the database, editable on the Minibus page).
LOADING_MINUTES = 5
MAX_RIDE_MINUTES = 45
# When an escort must ride, from the least to the strictest rule.
ESCORT_RULES = ("none", "children", "anyone")

Travel = Callable[[int, int], int]  # minutes from one site to another


def minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def clock(value: int) -> time:
    value = max(0, min(value, 24 * 60 - 1))
    return time(value // 60, value % 60)


def hhmm(value: int) -> str:
    return f"{value // 60:02d}:{value % 60:02d}"


@dataclass(frozen=True)
class Stop:
    site_id: int
    arrive: int | None  # None at the first stop
    depart: int | None  # None at the last stop

    @property
    def leaves(self) -> int:
        return self.depart if self.depart is not None else self.arrive or 0

    @property
    def reaches(self) -> int:
        return self.arrive if self.arrive is not None else self.depart or 0


@dataclass(frozen=True)
class Ride:
    """A passenger from stop ``board`` to a later stop ``alight`` (indexes into the stops)."""

    board: int
    alight: int
    wheelchair: bool = False


@dataclass(frozen=True)
class Problem:
    """One finding of the checks. ``blocking`` ones must be fixed before the run goes."""

    blocking: bool
    code: str
    message: str
    day: date
    run_id: int | None = None
    other_run_id: int | None = None
    need_key: str = ""


def stretch_loads(stop_count: int, rides: Sequence[Ride]) -> tuple[list[int], list[int]]:
    """Seated passengers and wheelchair users on each stretch (stop i to stop i+1)."""
    stretches = max(stop_count - 1, 0)
    seated = [0] * (stretches + 1)
    chairs = [0] * (stretches + 1)
    for ride in rides:
        if not 0 <= ride.board < ride.alight <= stretches:
            raise ValueError(f"a ride from stop {ride.board} to stop {ride.alight} is not on this run")
        target = chairs if ride.wheelchair else seated
        target[ride.board] += 1
        target[ride.alight] -= 1
    for load in (seated, chairs):
        for i in range(1, stretches + 1):
            load[i] += load[i - 1]
    return seated[:stretches], chairs[:stretches]


def fits(seated: Sequence[int], chairs: Sequence[int], board: int, alight: int, wheelchair: bool,
         seats: int, spaces: int) -> bool:
    """Whether one more passenger from ``board`` to ``alight`` fits on every stretch between."""
    load, limit = (chairs, spaces) if wheelchair else (seated, seats)
    return all(load[i] < limit for i in range(board, alight))


def over_capacity(stops: Sequence[Stop], rides: Sequence[Ride], seats: int, spaces: int,
                  names: Callable[[int], str]) -> list[str]:
    """A sentence for each stretch with more passengers than seats (or wheelchair spaces)."""
    seated, chairs = stretch_loads(len(stops), rides)
    found = []
    for i, (people, wheel) in enumerate(zip(seated, chairs, strict=True)):
        where = f"{names(stops[i].site_id)} → {names(stops[i + 1].site_id)}"
        if people > seats:
            found.append(f"{people} passengers between {where} but only {seats} seats")
        if wheel > spaces:
            found.append(f"{wheel} wheelchair users between {where} but only {spaces} "
                         f"wheelchair space{'s' if spaces != 1 else ''}")
    return found


def times_in_order(stops: Sequence[Stop]) -> str | None:
    """None when the stop times run forward, else what is wrong."""
    if len(stops) < 2:
        return "A run needs at least two stops."
    if stops[0].depart is None:
        return "The first stop needs a departure time."
    if stops[-1].arrive is None:
        return "The last stop needs an arrival time."
    previous = stops[0].depart
    for n, stop in enumerate(stops[1:], start=2):
        if stop.arrive is None or stop.arrive < previous:
            return f"Stop {n} must be reached after stop {n - 1} is left."
        if n < len(stops) and (stop.depart is None or stop.depart < stop.arrive):
            return f"Stop {n} must be left after it is reached."
        previous = stop.depart if stop.depart is not None else stop.arrive
    return None


def default_times(sites: Sequence[int], travel: Travel, start: int,
                  loading: int = LOADING_MINUTES) -> list[Stop]:
    """Stops leaving the first site at ``start``, travelling by the table, loading at each stop."""
    stops = [Stop(sites[0], None, start)]
    now = start
    for n, site in enumerate(sites[1:], start=1):
        now += travel(sites[n - 1], site) if site != sites[n - 1] else 0
        last = n == len(sites) - 1
        stops.append(Stop(site, now, None if last else now + loading))
        now += 0 if last else loading
    return stops


def ending_by(sites: Sequence[int], travel: Travel, arrive_by: int,
              loading: int = LOADING_MINUTES) -> list[Stop]:
    """Stops timed backwards so the run reaches its last site at ``arrive_by``."""
    draft = default_times(sites, travel, 0, loading)
    shift = arrive_by - draft[-1].reaches
    return [Stop(s.site_id, None if s.arrive is None else s.arrive + shift,
                 None if s.depart is None else s.depart + shift) for s in draft]


def escort_needed(rules: Sequence[str], children_aboard: bool, anyone_aboard: bool) -> bool:
    """Whether a run needs an escort: the strictest rule of the sites it stops at decides."""
    strictest = max(rules, key=ESCORT_RULES.index, default="none")
    return (strictest == "anyone" and anyone_aboard) or (strictest == "children" and children_aboard)


# -- the vehicle --------------------------------------------------------------------------------

@dataclass(frozen=True)
class VehicleFacts:
    registration: str
    permit_number: str
    permit_expiry: date | None
    mot_due: date | None
    inspection_weeks: int
    last_inspection: date | None


@dataclass(frozen=True)
class WalkRound:
    """The day's walk-round check: passed, or the items that failed."""

    passed: bool
    failed_items: tuple[str, ...] = ()
    checked_by: str = ""


def inspection_due(vehicle: VehicleFacts) -> date | None:
    if vehicle.last_inspection is None:
        return None
    return vehicle.last_inspection + timedelta(weeks=vehicle.inspection_weeks)


def vehicle_blocks(vehicle: VehicleFacts, day: date, check: WalkRound | None,
                   today: date) -> tuple[list[str], list[str]]:
    """(blocking reasons, warnings) for using the vehicle on ``day``.

    A missing walk-round check blocks on the day itself and before; for a later day it is only
    a reminder, since the check is done on the morning.
    """
    blocks: list[str] = []
    warnings: list[str] = []
    reg = vehicle.registration
    if check is None:
        if day <= today:
            blocks.append(f"{reg}: no walk-round check recorded for {day:%d/%m/%Y}.")
        else:
            warnings.append(f"{reg}: the walk-round check for {day:%d/%m/%Y} is still to do.")
    elif not check.passed:
        items = ", ".join(check.failed_items) or "see the check"
        blocks.append(f"{reg}: the walk-round check on {day:%d/%m/%Y} failed ({items}).")
    if not vehicle.permit_number.strip():
        blocks.append(f"{reg}: no Section 19 permit is recorded.")
    elif vehicle.permit_expiry is None:
        warnings.append(f"{reg}: the Section 19 permit has no expiry date recorded.")
    elif vehicle.permit_expiry < day:
        blocks.append(f"{reg}: the Section 19 permit expired on {vehicle.permit_expiry:%d/%m/%Y}.")
    if vehicle.mot_due is None:
        blocks.append(f"{reg}: no MOT date is recorded.")
    elif vehicle.mot_due < day:
        blocks.append(f"{reg}: the MOT ran out on {vehicle.mot_due:%d/%m/%Y}.")
    due = inspection_due(vehicle)
    if due is None:
        blocks.append(f"{reg}: no safety inspection is recorded.")
    elif due < day:
        blocks.append(f"{reg}: the safety inspection was due on {due:%d/%m/%Y} "
                      f"(every {vehicle.inspection_weeks} weeks).")
    return blocks, warnings


# -- two places at once ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Busy:
    """A run (or a rota shift) as time taken at places: from ``start`` at one site to ``end``."""

    ref: int  # run id, or a negative number for a shift or a proposed run
    start: int
    end: int
    first_site: int | None
    last_site: int | None
    label: str


def dead_running(a: Busy, b: Busy, travel: Travel) -> int:
    """Minutes to get from where ``a`` ends to where ``b`` starts (0 at the same or unknown site)."""
    if a.last_site is None or b.first_site is None or a.last_site == b.first_site:
        return 0
    return travel(a.last_site, b.first_site)


def clashes(items: Sequence[Busy], travel: Travel) -> list[tuple[Busy, Busy, int]]:
    """Pairs (earlier, later, dead-running minutes) that cannot both be done by one vehicle or one
    person: they overlap, or the gap between them is shorter than the drive from one to the other."""
    ordered = sorted(items, key=lambda b: (b.start, b.end, b.ref))
    found = []
    for j, later in enumerate(ordered):
        for earlier in ordered[:j]:
            dead = dead_running(earlier, later, travel)
            if earlier.end + dead > later.start:
                found.append((earlier, later, dead))
    return found


def clash_message(who: str, a: Busy, b: Busy, dead: int) -> str:
    if a.end > b.start:
        return (f"{who} is on {a.label} until {hhmm(a.end)} and on {b.label} from "
                f"{hhmm(b.start)}: both at once.")
    return (f"{who} finishes {a.label} at {hhmm(a.end)} and needs {dead} min to reach the start of "
            f"{b.label} at {hhmm(b.start)}; it would arrive at {hhmm(a.end + dead)}.")


# -- one passenger's ride -------------------------------------------------------------------------

def ride_problems(stops: Sequence[Stop], ride: Ride, ready_at: int | None, arrive_by: int | None,
                  max_ride: int = MAX_RIDE_MINUTES) -> list[str]:
    """Why this ride does not serve a passenger free from ``ready_at`` and due by ``arrive_by``."""
    leaves, reaches = stops[ride.board].leaves, stops[ride.alight].reaches
    found = []
    if ready_at is not None and leaves < ready_at:
        found.append(f"leaves at {hhmm(leaves)}, before they are ready at {hhmm(ready_at)}")
    if arrive_by is not None and reaches > arrive_by:
        found.append(f"arrives at {hhmm(reaches)}, after the start at {hhmm(arrive_by)}")
    if reaches - leaves > max_ride:
        found.append(f"rides {reaches - leaves} min, more than the {max_ride} min allowed")
    return found
