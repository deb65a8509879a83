"""Passengers on a run: putting a transport need on it, taking someone off, and the seats taken on
each stretch, counted the same way by the run editor (before saving), the save itself, the
automatic assignment and the checks. A passenger whose booking or request was cancelled holds no
seat: the list follows the bookings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.errors import Conflict, ValidationError
from hubdesk.core.models import Carer, Child, Run, RunPassenger, Staff, Vehicle
from hubdesk.core.rules.minibus import Ride, fits, over_capacity, stretch_loads
from hubdesk.core.rules.minibus import Stop as RuleStop
from hubdesk.services.minibus.needs import Need
from hubdesk.services.minibus.queries import (
    LoadedRun,
    carer_name,
    child_name,
    site_names,
    staff_name,
    vehicle_label,
)


@dataclass(frozen=True)
class Boarding:
    """A need to put on a run; stop positions default to where the need starts and ends."""

    need_key: str
    board: int | None = None
    alight: int | None = None


@dataclass(frozen=True)
class StretchRow:
    start: str
    end: str
    seated: int
    seats: int
    chairs: int
    spaces: int

    @property
    def over(self) -> bool:
        return self.seated > self.seats or self.chairs > self.spaces

    @property
    def text(self) -> str:
        chairs = f", {self.chairs}/{self.spaces} wheelchair spaces" if self.chairs or self.spaces else ""
        return f"{self.start} → {self.end}: {self.seated}/{self.seats} seats{chairs}"


@dataclass(frozen=True)
class SeatPreview:
    """Seats per stretch with the changes made in the editor, and what stops them being saved."""

    stretches: tuple[StretchRow, ...]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def positions(sites: Sequence[int], need: Need, board: int | None = None,
              alight: int | None = None) -> tuple[int, int] | None:
    """Stop positions where ``need`` gets on and off this route, or None when it does not serve it."""
    if board is None:
        board = sites.index(need.from_site_id) if need.from_site_id in sites else -1
    if alight is None:
        later = [n for n in range(board + 1, len(sites)) if sites[n] == need.to_site_id]
        alight = later[0] if later else -1
    if not 0 <= board < alight < len(sites) or sites[board] != need.from_site_id \
            or sites[alight] != need.to_site_id:
        return None
    return board, alight


def not_on_route(need: Need, names: dict[int, str]) -> str:
    return (f"{need.name} needs to go from {names.get(need.from_site_id)} to "
            f"{names.get(need.to_site_id)}; this run does not stop there in that order.")


def seats_taken(s: Session, need_key: str, except_run: int | None = None) -> int | None:
    """The planned run a need already rides on, if any."""
    stmt = select(RunPassenger.run_id).join(Run).where(
        RunPassenger.need_key == need_key, RunPassenger.removed_at.is_(None), Run.status == "planned")
    if except_run is not None:
        stmt = stmt.where(Run.id != except_run)
    return s.scalar(stmt)


def preview(s: Session, stops: Sequence[RuleStop], vehicle: Vehicle, kept: Sequence[Ride],
            adding: Sequence[Boarding], needs: dict[str, Need], run_id: int | None) -> SeatPreview:
    """The seats per stretch once ``adding`` joins the ``kept`` rides, and why it cannot be saved."""
    names = site_names(s)
    sites = [st.site_id for st in stops]
    rides = list(kept)
    problems: list[str] = []
    for boarding in adding:
        need = needs.get(boarding.need_key)
        if need is None:
            problems.append("A passenger you added no longer needs transport (the booking or request "
                            "was cancelled); take them off the list.")
            continue
        where = positions(sites, need, boarding.board, boarding.alight)
        if where is None:
            problems.append(not_on_route(need, names))
            continue
        if seats_taken(s, need.key, run_id) is not None:
            problems.append(f"{need.name} is already on another run for this.")
            continue
        rides.append(Ride(*where, need.wheelchair))
    seated, chairs = stretch_loads(len(stops), rides) if len(stops) > 1 else ([], [])
    stretches = tuple(StretchRow(names.get(sites[n], "?"), names.get(sites[n + 1], "?"), people,
                                 vehicle.seats, wheel, vehicle.wheelchair_spaces)
                      for n, (people, wheel) in enumerate(zip(seated, chairs, strict=True)))
    if len(stops) > 1:
        problems += [f"{vehicle_label(vehicle)}: {m}." for m in over_capacity(
            stops, rides, vehicle.seats, vehicle.wheelchair_spaces, lambda i: names.get(i, "?"))]
    return SeatPreview(stretches, tuple(problems))


def live_rides(loaded: LoadedRun, live: set[str], without: Sequence[int] = ()) -> list[Ride]:
    """Rides of the passengers whose need still stands (leaving out ``without``)."""
    return [loaded.ride(p) for p in loaded.passengers if p.need_key in live and p.id not in without]


def add_rider(s: Session, loaded: LoadedRun, need: Need, board: int | None, alight: int | None,
              live: set[str], now: datetime) -> int:
    """Add one passenger inside a write (the run editor, the service and applying a proposal)."""
    run = loaded.run
    sites = [st.site_id for st in loaded.stops]
    names = site_names(s)
    where = positions(sites, need, board, alight)
    if where is None:
        raise ValidationError(not_on_route(need, names), "stops")
    board, alight = where
    if seats_taken(s, need.key) is not None:
        raise Conflict(f"{need.name} is already on another run for this.")
    vehicle = s.get_one(Vehicle, run.vehicle_id)
    seated, chairs = stretch_loads(len(sites), live_rides(loaded, live))
    if not fits(seated, chairs, board, alight, need.wheelchair, vehicle.seats,
                vehicle.wheelchair_spaces):
        what = "wheelchair space" if need.wheelchair else "seat"
        raise Conflict(f"There is no {what} free on every stretch from {names.get(sites[board])} to "
                       f"{names.get(sites[alight])}.")
    p = RunPassenger(run_id=run.id, kind=need.kind, need_key=need.key,
                     leg="back" if need.key.endswith(":back") else "out",
                     board_stop_id=loaded.stops[board].id, alight_stop_id=loaded.stops[alight].id,
                     wheelchair=need.wheelchair, added_at=now, removed_reason="",
                     session_booking_id=need.session_booking_id, request_id=need.request_id)
    if need.kind == "child":
        p.child_id = need.person_id
    elif need.kind == "staff":
        p.staff_id = need.person_id
    else:
        p.carer_id = need.person_id
    s.add(p)
    s.flush()
    return p.id


def take_off(s: Session, run_id: int, passenger_ids: Sequence[int], reason: str, now: datetime) -> None:
    """Mark passengers of this run as taken off (kept, with the moment and the reason)."""
    for pid in passenger_ids:
        p = s.get(RunPassenger, pid)
        if p is None or p.run_id != run_id:
            raise Conflict("A passenger you took off is no longer on this run; reopen the run.")
        if p.removed_at is None:
            p.removed_at, p.removed_reason = now, reason.strip()[:200] or "Taken off the run"


def check_seats(loaded: LoadedRun, vehicle: Vehicle, live: set[str]) -> None:
    seated, chairs = stretch_loads(len(loaded.stops), live_rides(loaded, live))
    if max(seated, default=0) > vehicle.seats or max(chairs, default=0) > vehicle.wheelchair_spaces:
        raise ValidationError(f"{vehicle_label(vehicle)} has {vehicle.seats} seats and "
                              f"{vehicle.wheelchair_spaces} wheelchair spaces; the passengers on this "
                              "run need more on some stretch. Choose a bigger vehicle or take some off.",
                              "passengers")


def name_of(s: Session, p: RunPassenger) -> str:
    """A passenger's name when their need has gone (for the editor's list)."""
    if p.child_id is not None:
        return child_name(s.get_one(Child, p.child_id))
    if p.staff_id is not None:
        return staff_name(s.get(Staff, p.staff_id))
    return carer_name(s.get_one(Carer, p.carer_id)) if p.carer_id else "?"
