"""Minibus services: vehicles and checks, runs with stops and shifts, needs from bookings, seats
per stretch, the checks, automatic assignment, weekly patterns and transport requests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest
from sqlalchemy import select

from hubdesk.app import HubApp
from hubdesk.core.errors import Conflict, ValidationError
from hubdesk.core.models import SessionBooking, Shift
from hubdesk.services.minibus.patterns import PatternForm
from hubdesk.services.minibus.runs import RunForm, StopForm
from hubdesk.services.minibus.vehicles import ServiceForm
from hubdesk.services.sites.sites import SiteForm
from tests.services.learning.test_learning import adult, course_form
from tests.services.minibus.minibus_setup import (
    MON,
    TUE,
    Scene,
    driver,
    elm_to_oak,
    scene,
    vehicle,
    walk_round,
)


@pytest.fixture
def sc(hub: HubApp, two_schools: dict[str, int]) -> Scene:
    return scene(hub, two_schools)


def blocking(hub: HubApp, day: date = MON) -> list[str]:
    return [p.code for p in hub.minibus.checks.check(day, today=day) if p.blocking]


def test_vehicle_is_blocked_with_the_reason_until_checked(hub: HubApp) -> None:
    bus = vehicle(hub, "ab12 cde")
    with pytest.raises(ValidationError, match="already has the registration AB12 CDE") as err:
        vehicle(hub, "AB12  CDE")
    assert err.value.field == "registration"
    with pytest.raises(ValidationError, match="1 to 16 passengers"):
        vehicle(hub, "X1", seats=17)
    [row] = hub.minibus.vehicles.overview(MON)
    assert row.status == "Blocked" and row.blocks == ("AB12 CDE: no walk-round check recorded for "
                                                      "14/09/2026.",)
    walk_round(hub, bus, MON, failed="Tyres and wheel nuts")
    [row] = hub.minibus.vehicles.overview(MON)
    assert row.blocks == ("AB12 CDE: the walk-round check on 14/09/2026 failed (Tyres and wheel nuts).",)
    walk_round(hub, bus, MON)  # fixed and checked again: the latest check counts
    assert hub.minibus.vehicles.overview(MON)[0].status == "Ready"
    [latest, first] = hub.minibus.vehicles.checks(bus, MON, MON)
    assert latest.passed and first.failed == ("Tyres and wheel nuts: Worn",)


def test_service_history_moves_inspection_and_mot_on(hub: HubApp) -> None:
    bus = vehicle(hub, last_inspection=date(2026, 6, 1), mot_due=date(2026, 9, 1))
    walk_round(hub, bus, MON)
    blocks = hub.minibus.vehicles.overview(MON)[0].blocks
    assert any("MOT ran out on 01/09/2026" in b for b in blocks)
    assert any("safety inspection was due on 10/08/2026" in b for b in blocks)
    hub.minibus.vehicles.record_service(ServiceForm(bus, date(2026, 9, 10), "inspection", 41200,
                                                    "Ashworth Motors"))
    hub.minibus.vehicles.record_service(ServiceForm(bus, date(2026, 9, 11), "mot"))
    assert hub.minibus.vehicles.overview(MON)[0].status == "Ready"
    form = hub.minibus.vehicles.get(bus)
    assert form.last_inspection == date(2026, 9, 10) and form.mot_due == date(2027, 9, 10)
    assert [r.kind for r in hub.minibus.vehicles.history(bus)] == ["MOT", "Safety inspection"]
    with pytest.raises(ValidationError, match="Choose service"):
        hub.minibus.vehicles.record_service(ServiceForm(bus, MON, "wash"))


def test_run_times_default_from_travel_table_and_rota_shifts_follow(hub: HubApp, sc: Scene) -> None:
    hub.sites.set_travel_time(sc.elm, sc.oak, 12)
    stops = hub.minibus.runs.default_stops([sc.elm, sc.oak], depart=time(15, 20))
    assert stops == (StopForm(sc.elm, None, time(15, 20)), StopForm(sc.oak, time(15, 32), None))
    escort = driver(hub, "Sam", role="escort")
    run_id = elm_to_oak(hub, sc, escort_staff_id=escort)
    with hub.factory() as s:
        shifts = s.scalars(select(Shift).where(Shift.run_id == run_id)).all()
        assert sorted((x.role, x.staff_id, x.start_time, x.end_time) for x in shifts) == [
            ("driver", sc.pat, time(15, 20), time(15, 32)),
            ("escort", escort, time(15, 20), time(15, 32))]
    detail = hub.minibus.runs.get(run_id)
    hub.minibus.runs.save(replace(detail.form, escort_staff_id=None))
    with hub.factory() as s:
        live = s.scalars(select(Shift).where(Shift.run_id == run_id, Shift.cancelled_at.is_(None)))
        assert [x.role for x in live] == ["driver"]
    with pytest.raises(ValidationError, match="Stop 2 must be reached after stop 1 is left"):
        hub.minibus.runs.save(replace(detail.form, stops=(StopForm(sc.elm, None, time(15, 20)),
                                                          StopForm(sc.oak, time(15, 0), None))))
    with pytest.raises(ValidationError, match="other than the driver"):
        hub.minibus.runs.save(replace(detail.form, escort_staff_id=sc.pat))


def test_needs_come_from_bookings_and_follow_cancellations(hub: HubApp, sc: Scene) -> None:
    needs = hub.minibus.needs.day(MON)
    assert len(needs) == 3 and not any(n.met for n in needs)
    first = needs[0]
    assert (first.from_site_id, first.to_site_id, first.arrive_by, first.ready_at) == (
        sc.elm, sc.oak, time(15, 45), time(15, 15))
    assert hub.minibus.needs.day(TUE) == []  # the club does not meet on Tuesdays
    run_id = elm_to_oak(hub, sc)
    for need in needs:
        hub.minibus.runs.add_passenger(run_id, need.key)
    assert all(n.met and n.run_id == run_id for n in hub.minibus.needs.day(MON))
    with pytest.raises(Conflict, match="already on another run"):
        hub.minibus.runs.add_passenger(run_id, needs[0].key)
    with hub.factory() as s:
        booking = s.scalars(select(SessionBooking).where(
            SessionBooking.child_id == sc.children[1])).first()
        assert booking is not None
    sheets = hub.minibus.sheets.run_sheets(MON)
    assert {p.name for p in sheets[0].passengers} == {n.name for n in needs}
    hub.bookings.cancel(next(int(n.key.split(":")[1]) for n in needs
                             if n.name.startswith("Kid1")), "Ill")
    assert len(hub.minibus.needs.day(MON)) == 2
    [sheet] = hub.minibus.sheets.run_sheets(MON)
    assert sorted(p.name for p in sheet.passengers) == ["Kid0 Öztürk", "Kid2 Öztürk"]
    stale = [p for p in hub.minibus.checks.check(MON, today=MON) if p.code == "stale_passenger"]
    assert len(stale) == 1 and "left off the run sheet" in stale[0].message and not stale[0].blocking


def test_seats_are_counted_per_stretch(hub: HubApp, two_schools: dict[str, int]) -> None:
    sc = scene(hub, two_schools, children=3, seats=2)
    ash = hub.sites.save(SiteForm(name="Ash Grove Primary"))
    run_id = hub.minibus.runs.save(RunForm(sc.bus, MON, (
        StopForm(sc.elm, None, time(15, 20)), StopForm(sc.oak, time(15, 35), time(15, 40)),
        StopForm(ash, time(15, 55), None)), driver_staff_id=sc.pat))
    keys = [n.key for n in hub.minibus.needs.day(MON)]
    hub.minibus.runs.add_passenger(run_id, keys[0])
    hub.minibus.runs.add_passenger(run_id, keys[1])
    with pytest.raises(Conflict, match="no seat free on every stretch from Elm Street Primary to "
                                       "Oakfield Primary"):
        hub.minibus.runs.add_passenger(run_id, keys[2])
    assert blocking(hub) == []  # two seats, two children on the only stretch they ride


def test_checks_vehicle_in_two_places_counting_dead_running(hub: HubApp, sc: Scene) -> None:
    hub.sites.set_travel_time(sc.oak, sc.elm, 20)
    elm_to_oak(hub, sc, depart=time(15, 0))  # reaches Oak at 15:xx
    second = driver(hub, "Lee")
    late = hub.minibus.runs.save(RunForm(sc.bus, MON, (StopForm(sc.elm, None, time(15, 25)),
                                                       StopForm(sc.oak, time(15, 40), None)),
                                         driver_staff_id=second))
    found = [p for p in hub.minibus.checks.check(MON, today=MON) if p.code == "vehicle_two_places"]
    assert len(found) == 1 and found[0].blocking and found[0].run_id == late
    assert "needs 20 min to reach the start" in found[0].message


def test_checks_driver_eligibility_double_booking_and_late_arrival(hub: HubApp, sc: Scene) -> None:
    young = driver(hub, "Kim", date_of_birth=date(2006, 1, 1), dbs_number="",
                   barred_list_checked=False)
    run_id = elm_to_oak(hub, sc, depart=time(15, 40), driver_staff_id=young)
    need = hub.minibus.needs.day(MON)[0]
    hub.minibus.runs.add_passenger(run_id, need.key)
    problems = hub.minibus.checks.check(MON, today=MON)
    messages = [p.message for p in problems if p.code == "driver_not_eligible"]
    assert any("Kim Driver has no enhanced DBS recorded" in m for m in messages)
    assert any("Kim Driver is under 21 and has no D1 licence" in m for m in messages)
    late = [p for p in problems if p.code == "late"]
    assert late and "Kid0 Öztürk (Drama) arrives at 15:49, after the start at 15:45" in late[0].message
    assert "no_escort" in [p.code for p in problems]
    with hub.factory.begin() as s:
        from datetime import datetime
        s.add(Shift(staff_id=young, kind="duty", role="duty", day=MON, start_time=time(15, 30),
                    end_time=time(17, 0), site_id=sc.oak, created_at=datetime(2026, 9, 1)))
    double = [p for p in hub.minibus.checks.check(MON, today=MON) if p.code == "driver_double_booked"]
    assert len(double) == 1 and double[0].blocking and "Kim Driver" in double[0].message


def test_assign_automatically_fills_runs_and_proposes_the_rest(hub: HubApp,
                                                               two_schools: dict[str, int]) -> None:
    sc = scene(hub, two_schools, children=5, seats=3)
    big = vehicle(hub, "YX70 ABC", seats=8)
    walk_round(hub, big, MON)
    elm_to_oak(hub, sc)
    proposal = hub.minibus.assign.propose(MON)
    on_bus = [r for r in proposal.rides if r.run_ref > 0]
    assert len(on_bus) == 3 and len(proposal.rides) == 5 and proposal.unmet == ()
    [new] = proposal.new_runs
    assert new.vehicle_id == big and new.stops[-1].arrive == time(15, 45)
    assert hub.minibus.needs.day(MON)[0].met is False  # nothing saved before review
    result = hub.minibus.assign.apply(proposal)
    assert (result.placed, result.runs_created, result.skipped) == (5, 1, ())
    assert all(n.met for n in hub.minibus.needs.day(MON))
    assert hub.minibus.assign.propose(MON).rides == ()
    assert blocking(hub) == ["no_driver"]


def test_weekly_pattern_runs_on_open_days_only(hub: HubApp, sc: Scene) -> None:
    stops = hub.minibus.runs.default_stops([sc.elm, sc.oak], depart=time(15, 20))
    result = hub.minibus.patterns.save(PatternForm(
        "After school: Elm to Oak", sc.bus, (0, 4), date(2026, 10, 19), date(2026, 11, 30), sc.elm,
        stops, sc.pat))
    days = [r.day for r in hub.minibus.runs.runs(date(2026, 10, 1), date(2026, 12, 31))]
    assert date(2026, 10, 26) not in days and date(2026, 10, 30) not in days  # half-term
    assert date(2026, 11, 27) not in days  # Elm's INSET day
    assert result.created == len(days) == 10
    assert hub.minibus.patterns.end(result.pattern_id, date(2026, 11, 15)) == 4
    assert len(hub.minibus.runs.runs(date(2026, 10, 1), date(2026, 12, 31))) == 6


def test_transport_requests_for_staff_and_learners(hub: HubApp, sc: Scene) -> None:
    teacher = driver(hub, "Ada", role="tutor", home_site_id=sc.elm)
    req = hub.minibus.needs.request_staff(teacher, MON, sc.elm, sc.oak, time(13, 30), "INSET training",
                                          return_after=time(16, 0))
    keys = {n.key: n for n in hub.minibus.needs.day(MON) if n.kind == "staff"}
    assert set(keys) == {f"req:{req}:out", f"req:{req}:back"}
    assert keys[f"req:{req}:back"].from_site_id == sc.oak
    run_id = elm_to_oak(hub, sc, depart=time(13, 0))
    hub.minibus.runs.add_passenger(run_id, f"req:{req}:out")
    assert hub.minibus.needs.cancel_request(req, "Training moved") == 1
    assert [n for n in hub.minibus.needs.day(MON) if n.kind == "staff"] == []
    with pytest.raises(ValidationError, match="two different sites"):
        hub.minibus.needs.request_staff(teacher, MON, sc.elm, sc.elm, time(9, 0), "x")


def test_a_learner_asks_for_a_ride_to_every_session_of_their_course(hub: HubApp, sc: Scene) -> None:
    course = hub.learning.courses.save(course_form(sc.oak, weekdays=(0,), capacity=5))
    learner = adult(hub, "Ayşe", "Öztürk")
    enrolment = hub.learning.enrolments.enrol(course, carer_id=learner, today=date(2026, 9, 1))
    with pytest.raises(ValidationError, match="at that site already"):
        hub.minibus.needs.request_course(enrolment.enrolment_id, sc.oak)
    req = hub.minibus.needs.request_course(enrolment.enrolment_id, sc.elm)
    with pytest.raises(ValidationError, match="already has transport asked for"):
        hub.minibus.needs.request_course(enrolment.enrolment_id, sc.elm)
    needs = [n for n in hub.minibus.needs.day(MON) if n.kind == "adult"]
    assert [(n.from_site_id, n.to_site_id) for n in needs] == [(sc.elm, sc.oak), (sc.oak, sc.elm)]
    assert {n.name for n in needs} == {"Ayşe Öztürk"}
    [row] = hub.minibus.needs.requests()
    assert (row.id, row.kind, row.when, row.cancelled) == (req, "course", "every session", False)
    assert hub.minibus.needs.cancel_request(req, "Found a lift") == 0
    assert [n for n in hub.minibus.needs.day(MON) if n.kind == "adult"] == []
    assert hub.minibus.needs.requests() == []
    [row] = hub.minibus.needs.requests(include_cancelled=True)
    assert row.cancelled
