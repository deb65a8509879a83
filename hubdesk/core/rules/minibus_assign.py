"""'Assign automatically': fill a day's transport needs into runs, then propose runs for the rest.

A greedy method, fast and easy to explain: needs are taken earliest deadline first and each goes on
the run that serves it with the shortest ride and a seat free on every stretch it rides. Needs left
over are grouped by where they go and when they are due, and a direct run is proposed for each
group on a vehicle free at that time (counting dead running). Nothing is saved here; the office
reviews the proposal first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from hubdesk.core.rules.minibus import (
    MAX_RIDE_MINUTES,
    Busy,
    Ride,
    Stop,
    Travel,
    clashes,
    fits,
    hhmm,
    stretch_loads,
)

# Needs due within this many minutes of each other may share one proposed run.
GROUP_WINDOW = 30
NO_DEADLINE = 24 * 60


@dataclass(frozen=True)
class NeedSpec:
    key: str
    from_site: int
    to_site: int
    ready_at: int | None  # not before (school ends, club ends)
    arrive_by: int | None  # not after (club starts, school starts)
    wheelchair: bool = False
    optional: bool = False  # placed only where a run has room; no run is proposed for it


@dataclass(frozen=True)
class RunSpec:
    id: int
    vehicle_id: int
    stops: tuple[Stop, ...]
    seats: int
    wheelchair_spaces: int
    rides: tuple[Ride, ...] = ()


@dataclass(frozen=True)
class VehicleSpec:
    id: int
    label: str
    seats: int
    wheelchair_spaces: int
    busy: tuple[Busy, ...] = ()  # the day's runs already planned
    blocked: str = ""  # why it cannot be used that day


@dataclass(frozen=True)
class Assignment:
    need_key: str
    run_ref: int  # an existing run id, or -1, -2 … for the proposed new runs
    board: int
    alight: int


@dataclass(frozen=True)
class NewRun:
    ref: int
    vehicle_id: int | None  # None: no vehicle is free, the office must find one
    stops: tuple[Stop, ...]
    note: str = ""


@dataclass(frozen=True)
class Proposal:
    assignments: tuple[Assignment, ...]
    new_runs: tuple[NewRun, ...]
    unmet: tuple[tuple[str, str], ...]  # (need key, why)


@dataclass
class _Open:
    """A run being filled: its stops and the seats taken per stretch."""

    ref: int
    stops: tuple[Stop, ...]
    seats: int
    spaces: int
    seated: list[int] = field(default_factory=list)
    chairs: list[int] = field(default_factory=list)


def _deadline(need: NeedSpec) -> int:
    return need.arrive_by if need.arrive_by is not None else NO_DEADLINE


def _best_place(need: NeedSpec, runs: Sequence[_Open], max_ride: int) -> tuple[_Open, int, int] | None:
    best: tuple[int, int, _Open, int, int] | None = None
    for run in runs:
        stops = run.stops
        for i, board in enumerate(stops[:-1]):
            if board.site_id != need.from_site:
                continue
            if need.ready_at is not None and board.leaves < need.ready_at:
                continue
            for j in range(i + 1, len(stops)):
                alight = stops[j]
                if alight.site_id != need.to_site:
                    continue
                ride = alight.reaches - board.leaves
                if need.arrive_by is not None and alight.reaches > need.arrive_by:
                    break
                if ride > max_ride:
                    break
                if not fits(run.seated, run.chairs, i, j, need.wheelchair, run.seats, run.spaces):
                    break
                rank = (ride, run.ref if run.ref > 0 else 10**9 - run.ref)
                if best is None or rank < best[:2]:
                    best = (*rank, run, i, j)
                break
    return None if best is None else (best[2], best[3], best[4])


def _why_not(need: NeedSpec, runs: Sequence[_Open], names: dict[int, str], max_ride: int) -> str:
    start, end = names.get(need.from_site, "?"), names.get(need.to_site, "?")
    serving = [r for r in runs if any(
        s.site_id == need.from_site and any(t.site_id == need.to_site for t in r.stops[i + 1:])
        for i, s in enumerate(r.stops))]
    if not serving:
        return f"No run goes from {start} to {end}."
    due = f" by {hhmm(need.arrive_by)}" if need.arrive_by is not None else ""
    ready = f" after {hhmm(need.ready_at)}" if need.ready_at is not None else ""
    return (f"No run from {start}{ready} reaches {end}{due} within {max_ride} min "
            "with a seat free on every stretch.")


def assign(needs: Sequence[NeedSpec], runs: Sequence[RunSpec], vehicles: Sequence[VehicleSpec],
           travel: Travel, names: dict[int, str], max_ride: int = MAX_RIDE_MINUTES,
           propose_runs: bool = True) -> Proposal:
    """Place each need on a run, or propose new runs, or say why it stays unmet."""
    open_runs = []
    for spec in runs:
        seated, chairs = stretch_loads(len(spec.stops), spec.rides)
        open_runs.append(_Open(spec.id, spec.stops, spec.seats, spec.wheelchair_spaces, seated, chairs))
    assignments: list[Assignment] = []
    left: list[NeedSpec] = []
    ordered = sorted(needs, key=lambda n: (_deadline(n), n.key))
    for need in ordered:
        place = _best_place(need, open_runs, max_ride)
        if place is None:
            left.append(need)
            continue
        _take(place, need, assignments)
    reasons = {n.key: _why_not(n, open_runs, names, max_ride) for n in left}
    new_runs: list[NewRun] = []
    if propose_runs and left:
        wanted = [n for n in left if not n.optional]
        left = [n for n in left if n.optional] + _propose(wanted, vehicles, travel, names, max_ride,
                                                          new_runs, open_runs, assignments)
    unmet = tuple((n.key, reasons.get(n.key) or "No run could take it.") for n in left)
    return Proposal(tuple(assignments), tuple(new_runs), unmet)


def _take(place: tuple[_Open, int, int], need: NeedSpec, assignments: list[Assignment]) -> None:
    run, i, j = place
    load = run.chairs if need.wheelchair else run.seated
    for k in range(i, j):
        load[k] += 1
    assignments.append(Assignment(need.key, run.ref, i, j))


def _propose(left: list[NeedSpec], vehicles: Sequence[VehicleSpec], travel: Travel,
             names: dict[int, str], max_ride: int, new_runs: list[NewRun], open_runs: list[_Open],
             assignments: list[Assignment]) -> list[NeedSpec]:
    """Direct runs for groups of needs going the same way at about the same time."""
    taken: dict[int, list[Busy]] = {v.id: list(v.busy) for v in vehicles}
    groups: dict[tuple[int, int], list[NeedSpec]] = {}
    for need in left:
        groups.setdefault((need.from_site, need.to_site), []).append(need)
    still: list[NeedSpec] = []
    for (start, end), members in groups.items():
        members.sort(key=lambda n: (_deadline(n), n.key))
        journey = travel(start, end)
        while members:
            first = members[0]
            arrive = _deadline(first) if first.arrive_by is not None else \
                (first.ready_at or 0) + journey
            depart = arrive - journey
            if journey > max_ride or (first.ready_at is not None and depart < first.ready_at):
                members.pop(0)
                still.append(first)
                continue
            stops = (Stop(start, None, depart), Stop(end, arrive, None))
            vehicle = _free_vehicle(vehicles, taken, depart, arrive, start, end, travel,
                                    first.wheelchair)
            ref = -(len(new_runs) + 1)
            seats = vehicle.seats if vehicle else 16
            spaces = vehicle.wheelchair_spaces if vehicle else 0
            run = _Open(ref, stops, seats, spaces, [0], [0])
            note = "" if vehicle else "No vehicle is free then; choose one or move another run."
            new_runs.append(NewRun(ref, vehicle.id if vehicle else None, stops, note))
            if vehicle:
                taken[vehicle.id].append(Busy(ref, depart, arrive, start, end, "proposed run"))
            open_runs.append(run)
            rest = []
            for need in members:
                in_window = need.arrive_by is None or need.arrive_by - arrive <= GROUP_WINDOW
                place = _best_place(need, [run], max_ride) if in_window else None
                if place is None:
                    rest.append(need)
                else:
                    _take(place, need, assignments)
            if len(rest) == len(members):  # nobody fitted (a wheelchair and no space): take it back
                new_runs.pop()
                open_runs.pop()
                if vehicle:
                    taken[vehicle.id].pop()
                still.append(rest.pop(0))
            members = rest
    return still


def _free_vehicle(vehicles: Sequence[VehicleSpec], taken: dict[int, list[Busy]], depart: int,
                  arrive: int, start: int, end: int, travel: Travel,
                  wheelchair: bool) -> VehicleSpec | None:
    """The biggest unblocked vehicle free from ``depart`` to ``arrive`` (with a wheelchair space
    when the first passenger needs one)."""
    trial = Busy(0, depart, arrive, start, end, "proposed run")
    for vehicle in sorted(vehicles, key=lambda v: (wheelchair and not v.wheelchair_spaces,
                                                   -v.seats, v.id)):
        if vehicle.blocked:
            continue
        if not any(trial in pair[:2] for pair in clashes([*taken[vehicle.id], trial], travel)):
            return vehicle
    return None
