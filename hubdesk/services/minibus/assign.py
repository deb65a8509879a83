"""'Assign automatically' for one day: a proposal the office reviews, then applies in one go.

The proposal is computed from the day's unmet needs, the planned runs and the free vehicles by the
pure greedy rule; applying it re-checks every seat inside the write, so a change made meanwhile by
another PC is caught (that passenger is reported as skipped, never squeezed in).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.errors import DomainError
from hubdesk.core.models import Run, RunStop, Vehicle
from hubdesk.core.rules.minibus import clock, minutes, vehicle_blocks
from hubdesk.core.rules.minibus_assign import NeedSpec, RunSpec, VehicleSpec, assign
from hubdesk.services.base import Service
from hubdesk.services.minibus.needs import derive_needs, met_by
from hubdesk.services.minibus.passengers import add_rider
from hubdesk.services.minibus.queries import (
    load_runs,
    run_label,
    site_names,
    vehicle_facts,
    vehicle_label,
    walk_rounds,
)
from hubdesk.services.minibus.runs import StopForm
from hubdesk.services.minibus.settings import load_settings
from hubdesk.services.sites import load_travel


@dataclass(frozen=True)
class ProposedRide:
    need_key: str
    name: str
    purpose: str
    run_ref: int  # a run id, or a negative number for a proposed run
    run: str
    board: int
    alight: int
    route: str


@dataclass(frozen=True)
class ProposedRun:
    ref: int
    vehicle_id: int | None
    vehicle: str
    stops: tuple[StopForm, ...]
    label: str
    note: str


@dataclass(frozen=True)
class Unmet:
    need_key: str
    name: str
    purpose: str
    why: str


@dataclass(frozen=True)
class AssignProposal:
    day: date
    rides: tuple[ProposedRide, ...]
    new_runs: tuple[ProposedRun, ...]
    unmet: tuple[Unmet, ...]


@dataclass(frozen=True)
class AssignResult:
    placed: int
    runs_created: int
    skipped: tuple[str, ...]


class MinibusAssign(Service):
    def propose(self, day: date, max_ride: int | None = None,
                propose_runs: bool = True) -> AssignProposal:
        """Where each of the day's unmet needs could ride (at most ``max_ride`` minutes, by default
        the office's setting); nothing is saved."""
        with self._read() as s:
            names = site_names(s)
            settings = load_settings(s)
            max_ride = settings.max_ride_minutes if max_ride is None else max_ride
            needs = derive_needs(s, day, settings)
            met = met_by(s, day, (n.key for n in needs))
            live = {n.key for n in needs}
            todo = [n for n in needs if n.key not in met]
            runs = load_runs(s, day, day)
            vehicles = {v.id: v for v in s.scalars(select(Vehicle).where(Vehicle.active.is_(True)))}
            checks = walk_rounds(s, day, day)
            blocked = {vid: " ".join(vehicle_blocks(vehicle_facts(v), day, checks.get((vid, day)),
                                                    self._clock.today())[0]) for vid, v in vehicles.items()}
            labels = {x.run.id: run_label(x.run, names, x.stops) for x in runs}
            specs = [RunSpec(x.run.id, x.run.vehicle_id, x.rule_stops, vehicles[x.run.vehicle_id].seats
                             if x.run.vehicle_id in vehicles else 0,
                             vehicles[x.run.vehicle_id].wheelchair_spaces
                             if x.run.vehicle_id in vehicles else 0,
                             tuple(x.ride(p) for p in x.passengers if p.need_key in live))
                     for x in runs if not blocked.get(x.run.vehicle_id, "vehicle gone")]
            fleet = [VehicleSpec(v.id, vehicle_label(v), v.seats, v.wheelchair_spaces,
                                 tuple(x.busy(labels[x.run.id]) for x in runs
                                       if x.run.vehicle_id == v.id), blocked[v.id])
                     for v in vehicles.values()]
            travel = load_travel(s)
            vehicle_names = {vid: vehicle_label(v) for vid, v in vehicles.items()}
        by_key = {n.key: n for n in todo}
        result = assign([NeedSpec(n.key, n.from_site_id, n.to_site_id,
                                  None if n.ready_at is None else minutes(n.ready_at),
                                  None if n.arrive_by is None else minutes(n.arrive_by),
                                  n.wheelchair, n.optional) for n in todo],
                        specs, fleet, travel, names, max_ride, propose_runs)
        new_runs = []
        for r in result.new_runs:
            route = " → ".join(names.get(st.site_id, "?") for st in r.stops)
            label = f"{clock(r.stops[0].leaves):%H:%M} {route} (new)"
            labels[r.ref] = label
            new_runs.append(ProposedRun(
                r.ref, r.vehicle_id, vehicle_names.get(r.vehicle_id or 0, "no vehicle free"),
                tuple(StopForm(st.site_id, None if st.arrive is None else clock(st.arrive),
                               None if st.depart is None else clock(st.depart)) for st in r.stops),
                label, r.note))
        rides = tuple(ProposedRide(a.need_key, by_key[a.need_key].name, by_key[a.need_key].purpose,
                                   a.run_ref, labels[a.run_ref], a.board, a.alight,
                                   f"{names.get(by_key[a.need_key].from_site_id, '?')} → "
                                   f"{names.get(by_key[a.need_key].to_site_id, '?')}")
                      for a in result.assignments)
        unmet = tuple(Unmet(k, by_key[k].name, by_key[k].purpose, why) for k, why in result.unmet)
        return AssignProposal(day, rides, tuple(new_runs), unmet)

    def apply(self, proposal: AssignProposal) -> AssignResult:
        """Save a reviewed proposal: new runs first, then every ride, all in one transaction."""
        skipped: list[str] = []
        placed = 0
        with self._write() as s:
            refs: dict[int, int] = {}
            planned = {r.ref: r for r in proposal.new_runs if r.vehicle_id is not None}
            needs = {n.key: n for n in derive_needs(s, proposal.day)}
            for ride in proposal.rides:
                if ride.run_ref < 0 and ride.run_ref in planned and ride.run_ref not in refs:
                    refs[ride.run_ref] = _create(s, proposal.day, planned[ride.run_ref])
                run_id = refs.get(ride.run_ref) if ride.run_ref < 0 else ride.run_ref
                need = needs.get(ride.need_key)
                if run_id is None or need is None:
                    why = "no vehicle for its new run" if run_id is None else "the need is gone"
                    skipped.append(f"{ride.name}: {why}.")
                    continue
                loaded = load_runs(s, proposal.day, proposal.day, run_ids=[run_id])
                if not loaded:
                    skipped.append(f"{ride.name}: the run was cancelled meanwhile.")
                    continue
                try:
                    add_rider(s, loaded[0], need, ride.board, ride.alight, set(needs), self._clock.now())
                    placed += 1
                except DomainError as exc:
                    skipped.append(f"{ride.name}: {exc}")
        return AssignResult(placed, len(refs), tuple(skipped))


def _create(s: Session, day: date, new: ProposedRun) -> int:
    """A proposed run, made when its first passenger is placed (so no empty runs are left)."""
    run = Run(vehicle_id=new.vehicle_id, day=day, status="planned", name="")
    s.add(run)
    s.flush()
    for n, st in enumerate(new.stops):
        s.add(RunStop(run_id=run.id, position=n, site_id=st.site_id, arrive=st.arrive,
                      depart=st.depart))
    s.flush()
    return run.id
