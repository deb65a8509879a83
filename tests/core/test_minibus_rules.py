"""Minibus rules: seats per stretch, blocked vehicles, two places at once, driver eligibility and
the automatic assignment (which must never overfill a stretch or arrive late)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from hubdesk.core.rules.driver_eligibility import DriverFacts, eligibility, parse_categories
from hubdesk.core.rules.minibus import (
    Busy,
    Ride,
    Stop,
    VehicleFacts,
    WalkRound,
    clash_message,
    clashes,
    default_times,
    ending_by,
    over_capacity,
    ride_problems,
    stretch_loads,
    times_in_order,
    vehicle_blocks,
)
from hubdesk.core.rules.minibus_assign import NeedSpec, RunSpec, VehicleSpec, assign

DAY = date(2026, 11, 24)


def flat(_a: int, _b: int) -> int:
    return 10


@st.composite
def rides(draw: st.DrawFn, stops: int) -> list[Ride]:
    found = []
    for _ in range(draw(st.integers(0, 30))):
        board = draw(st.integers(0, stops - 2))
        alight = draw(st.integers(board + 1, stops - 1))
        found.append(Ride(board, alight, draw(st.booleans())))
    return found


@given(st.integers(2, 7).flatmap(lambda n: st.tuples(st.just(n), rides(n))))
def test_stretch_loads_count_everyone_on_the_road(case: tuple[int, list[Ride]]) -> None:
    stop_count, found = case
    seated, chairs = stretch_loads(stop_count, found)
    assert len(seated) == len(chairs) == stop_count - 1
    for stretch in range(stop_count - 1):
        on_board = [r for r in found if r.board <= stretch < r.alight]
        assert seated[stretch] == sum(not r.wheelchair for r in on_board)
        assert chairs[stretch] == sum(r.wheelchair for r in on_board)


@given(st.integers(2, 6).flatmap(lambda n: st.tuples(st.just(n), rides(n))), st.integers(1, 16),
       st.integers(0, 3))
def test_over_capacity_only_where_a_stretch_is(case: tuple[int, list[Ride]], seats: int,
                                               spaces: int) -> None:
    stop_count, found = case
    stops = [Stop(i + 1, None if i == 0 else 100 + i, None if i == stop_count - 1 else 101 + i)
             for i in range(stop_count)]
    seated, chairs = stretch_loads(stop_count, found)
    messages = over_capacity(stops, found, seats, spaces, lambda s: f"S{s}")
    expected = sum(load > seats for load in seated) + sum(load > spaces for load in chairs)
    assert len(messages) == expected


def test_a_child_riding_a_to_c_takes_both_stretches_but_b_to_c_frees_a_seat() -> None:
    stops = [Stop(1, None, 900), Stop(2, 910, 915), Stop(3, 925, None)]
    # two seats: one rides A→C, one A→B, one B→C: never more than two on a stretch
    found = [Ride(0, 2), Ride(0, 1), Ride(1, 2)]
    assert over_capacity(stops, found, 2, 0, str) == []
    assert over_capacity(stops, [*found, Ride(1, 2)], 2, 0, str) == ["3 passengers between 2 → 3 "
                                                                      "but only 2 seats"]
    assert over_capacity(stops, [Ride(0, 1, wheelchair=True)], 2, 0, str)[0].startswith(
        "1 wheelchair users between 1 → 2 but only 0 wheelchair spaces")


def test_default_times_follow_the_travel_table_with_loading() -> None:
    stops = default_times([1, 2, 3], lambda a, b: a * 10 + b, 900)
    assert stops == [Stop(1, None, 900), Stop(2, 912, 917), Stop(3, 940, None)]
    assert times_in_order(stops) is None
    backwards = ending_by([1, 2, 3], lambda a, b: a * 10 + b, 930)
    assert backwards[-1].arrive == 930 and backwards[0].depart == 890
    assert times_in_order([Stop(1, None, 900), Stop(2, 850, None)]) == \
        "Stop 2 must be reached after stop 1 is left."
    assert times_in_order([Stop(1, None, 900)]) == "A run needs at least two stops."


def facts(**changes: object) -> VehicleFacts:
    values: dict[str, object] = {"registration": "MB1", "permit_number": "S19/123",
                                 "permit_expiry": date(2028, 1, 1), "mot_due": date(2027, 3, 1),
                                 "inspection_weeks": 10, "last_inspection": date(2026, 10, 1)}
    values.update(changes)
    return VehicleFacts(**values)  # type: ignore[arg-type]


def test_vehicle_blocked_with_the_reason() -> None:
    ok = WalkRound(True)
    assert vehicle_blocks(facts(), DAY, ok, DAY) == ([], [])
    blocks, _ = vehicle_blocks(facts(), DAY, WalkRound(False, ("Tyres", "Lights")), DAY)
    assert blocks == ["MB1: the walk-round check on 24/11/2026 failed (Tyres, Lights)."]
    assert vehicle_blocks(facts(), DAY, None, DAY)[0] == [
        "MB1: no walk-round check recorded for 24/11/2026."]
    later = date(2026, 11, 26)
    assert vehicle_blocks(facts(), later, None, DAY) == (
        [], ["MB1: the walk-round check for 26/11/2026 is still to do."])
    assert vehicle_blocks(facts(permit_expiry=date(2026, 11, 23)), DAY, ok, DAY)[0] == [
        "MB1: the Section 19 permit expired on 23/11/2026."]
    assert vehicle_blocks(facts(mot_due=date(2026, 11, 1)), DAY, ok, DAY)[0] == [
        "MB1: the MOT ran out on 01/11/2026."]
    overdue = vehicle_blocks(facts(last_inspection=date(2026, 9, 1)), DAY, ok, DAY)[0]
    assert overdue == ["MB1: the safety inspection was due on 10/11/2026 (every 10 weeks)."]
    assert vehicle_blocks(facts(permit_number=""), DAY, ok, DAY)[0] == [
        "MB1: no Section 19 permit is recorded."]


def test_vehicle_in_two_places_counts_dead_running() -> None:
    travel = {(2, 3): 20, (3, 2): 20}
    a = Busy(1, 900, 930, 1, 2, "run 1")
    b = Busy(2, 940, 1000, 3, 1, "run 2")  # starts at site 3, twenty minutes from site 2
    found = clashes([b, a], lambda x, y: travel.get((x, y), 5))
    assert [(x.ref, y.ref, dead) for x, y, dead in found] == [(1, 2, 20)]
    assert clash_message("MB1", a, b, 20) == (
        "MB1 finishes run 1 at 15:30 and needs 20 min to reach the start of run 2 at 15:40; it "
        "would arrive at 15:50.")
    same_site = Busy(3, 935, 990, 2, 1, "run 3")
    assert clashes([a, same_site], lambda x, y: 99) == []
    overlap = Busy(4, 920, 990, 2, 1, "run 4")
    assert "both at once" in clash_message("MB1", a, overlap, 0)
    assert len(clashes([a, overlap], flat)) == 1


def test_ride_too_late_or_too_long() -> None:
    stops = [Stop(1, None, 915), Stop(2, 940, 945), Stop(3, 955, None)]
    assert ride_problems(stops, Ride(0, 1), 915, 940) == []
    assert ride_problems(stops, Ride(0, 2), 915, 950) == [
        "arrives at 15:55, after the start at 15:50"]
    assert ride_problems(stops, Ride(0, 2), 920, None, max_ride=30) == [
        "leaves at 15:15, before they are ready at 15:20",
        "rides 40 min, more than the 30 min allowed"]


def driver(**changes: object) -> DriverFacts:
    values: dict[str, object] = {
        "name": "Ann Lee", "dbs_number": "001234567890", "barred_list_checked": True,
        "date_of_birth": date(1980, 1, 1), "licence_categories": frozenset({"B"}),
        "licence_first_held": date(2000, 1, 1), "midas_expires": date(2027, 1, 1)}
    values.update(changes)
    return DriverFacts(**values)  # type: ignore[arg-type]


def test_driver_eligibility() -> None:
    assert eligibility(driver(), DAY, 3500).eligible
    assert eligibility(driver(), DAY, 3500).warnings == ()
    assert eligibility(driver(dbs_number=""), DAY, 3500).blocks == ("Ann Lee has no enhanced DBS recorded.",)
    young = eligibility(driver(date_of_birth=date(2005, 11, 25)), DAY, 3500)
    assert young.blocks == ("Ann Lee is under 21 and has no D1 licence.",)
    assert eligibility(driver(date_of_birth=date(2005, 11, 24)), DAY, 3500).eligible  # 21 today
    new = eligibility(driver(licence_first_held=date(2025, 1, 1)), DAY, 3500)
    assert new.blocks == ("Ann Lee has held a licence for under 2 years and has no D1.",)
    midas = eligibility(driver(midas_expires=date(2026, 11, 23)), DAY, 3500)
    assert midas.blocks == ("Ann Lee's MiDAS certificate ran out on 23/11/2026.",)
    heavy = eligibility(driver(), DAY, 4000)
    assert heavy.blocks == ("The bus weighs 4 t, over the 3.5 t Ann Lee may drive without D1.",)
    assert eligibility(driver(), DAY, 4000, disability_equipment=True).eligible
    # a pre-1997 D1 covers the young, the new and the heavy bus alike
    d1 = driver(licence_categories=parse_categories("B, D1 (101)"), date_of_birth=date(2006, 1, 1),
                licence_first_held=date(2025, 1, 1))
    assert eligibility(d1, DAY, 4500).eligible
    assert eligibility(driver(licence_categories=frozenset()), DAY, 3500).blocks == (
        "Ann Lee has no car (B) or minibus (D1) licence recorded.",)
    assert eligibility(driver(paid_to_drive=True), DAY, 3500).blocks == (
        "Ann Lee is paid to drive, so needs a D1 licence.",)
    assert parse_categories("b,c1 D1(101)") == frozenset({"B", "C1", "D1"})


RUN = RunSpec(1, 10, (Stop(1, None, 915), Stop(2, 925, 930), Stop(3, 945, None)), seats=3,
              wheelchair_spaces=1)
NAMES = {1: "Elm", 2: "Ash", 3: "Oak"}


def test_assign_fills_runs_per_stretch_and_proposes_the_rest() -> None:
    needs = [NeedSpec(f"a{i}", 1, 3, 910, 1000) for i in range(3)]
    needs += [NeedSpec("b", 2, 3, 910, 1000), NeedSpec("late", 1, 3, 910, 940)]
    needs += [NeedSpec("off", 1, 2, 910, 1000)]
    vehicles = [VehicleSpec(10, "MB1", 3, 1, (Busy(1, 915, 945, 1, 3, "run 1"),)),
                VehicleSpec(11, "MB2", 8, 0)]
    result = assign(needs, [RUN], vehicles, flat, NAMES)
    on_run = {a.need_key: (a.run_ref, a.board, a.alight) for a in result.assignments}
    assert sum(1 for ref, *_ in on_run.values() if ref == 1) == 3
    assert on_run.get("off", (0,))[0] == 1 or on_run.get("b", (0,))[0] != 1
    assert len(result.new_runs) >= 1 and result.new_runs[0].vehicle_id == 11
    late = next(a for a in result.assignments if a.need_key == "late")
    new = next(r for r in result.new_runs if r.ref == late.run_ref)
    assert new.stops[-1].arrive is not None and new.stops[-1].arrive <= 940
    assert result.unmet == ()


def test_assign_says_why_a_need_is_unmet() -> None:
    impossible = NeedSpec("x", 1, 3, 950, 955)  # ready at 15:50, due 15:55, journey 10 min: ok
    too_tight = NeedSpec("y", 1, 3, 950, 952)
    result = assign([impossible, too_tight], [RUN], [], flat, NAMES)
    unmet = dict(result.unmet)
    assert unmet["y"].startswith("No run from Elm after 15:50 reaches Oak by 15:52")
    nowhere = assign([NeedSpec("z", 3, 1, None, 1000)], [RUN], [], flat, NAMES, propose_runs=False)
    assert nowhere.unmet == (("z", "No run goes from Oak to Elm."),)


@st.composite
def need_lists(draw: st.DrawFn) -> list[NeedSpec]:
    found = []
    for n in range(draw(st.integers(0, 40))):
        start = draw(st.integers(1, 3))
        end = draw(st.integers(1, 3).filter(lambda s, start=start: s != start))
        ready = draw(st.integers(880, 960))
        due = ready + draw(st.integers(5, 90))
        found.append(NeedSpec(f"n{n}", start, end, ready, due, draw(st.booleans())))
    return found


@settings(max_examples=60, deadline=None)
@given(need_lists())
def test_assignment_never_overfills_arrives_late_or_loses_a_need(needs: list[NeedSpec]) -> None:
    vehicles = [VehicleSpec(10, "MB1", 3, 1, (Busy(1, 915, 945, 1, 3, "run 1"),)),
                VehicleSpec(11, "MB2", 5, 1)]
    result = assign(needs, [RUN], vehicles, flat, NAMES)
    keys = [a.need_key for a in result.assignments] + [k for k, _ in result.unmet]
    assert sorted(keys) == sorted(n.key for n in needs)
    by_key = {n.key: n for n in needs}
    stops_of = {1: RUN.stops} | {r.ref: r.stops for r in result.new_runs}
    seats_of = {1: (3, 1)} | {r.ref: ((16, 0) if r.vehicle_id is None else
                                      {10: (3, 1), 11: (5, 1)}[r.vehicle_id]) for r in result.new_runs}
    for ref, stops in stops_of.items():
        mine = [a for a in result.assignments if a.run_ref == ref]
        found = [Ride(a.board, a.alight, by_key[a.need_key].wheelchair) for a in mine]
        seated, chairs = stretch_loads(len(stops), found)
        seats, spaces = seats_of[ref]
        assert all(x <= seats for x in seated)
        assert all(x <= spaces for x in chairs)
        for a in mine:
            need = by_key[a.need_key]
            assert stops[a.board].site_id == need.from_site
            assert stops[a.alight].site_id == need.to_site
            assert ride_problems(stops, Ride(a.board, a.alight), need.ready_at, need.arrive_by) == []
