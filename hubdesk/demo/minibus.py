"""Demo minibus: two buses with their checks and history, and this week's runs carrying children
from the two schools that send most to the hub's clubs, a teacher to training and back, parents to
a course, and one deliberate conflict (Minibus 2 booked for a swimming gala while still on its
after-school run on Friday). Children left over stay unmet, for 'Assign automatically' to show."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.errors import DomainError
from hubdesk.core.models import (
    Course,
    CourseSession,
    Enrolment,
    Run,
    RunStop,
    Shift,
    Staff,
    TransportRequest,
    Vehicle,
    VehicleCheck,
    VehicleCheckItem,
    VehicleService,
)
from hubdesk.core.rules.minibus import Stop, clock, default_times, ending_by, minutes
from hubdesk.core.rules.travel import TravelTimes
from hubdesk.demo.context import DemoContext
from hubdesk.services.minibus import (
    CHECK_ITEMS,
    Need,
    add_rider,
    derive_needs,
    load_runs,
    monday_of,
    sync_shifts,
)
from hubdesk.services.sites import load_travel

HUB_CLUB_ARRIVAL_SLACK = 5  # minutes before the club starts


def _vehicles(s: Session, ctx: DemoContext) -> list[Vehicle]:
    today = ctx.today
    buses = [
        Vehicle(registration="PN19 XKA", name="Minibus 1", seats=16, wheelchair_spaces=1,
                gross_weight_kg=3500, disability_equipment=True, permit_number="S19/LAN/0412",
                permit_expiry=today + timedelta(days=900), mot_due=today + timedelta(days=150),
                inspection_weeks=10, last_inspection=today - timedelta(weeks=4), notes=""),
        Vehicle(registration="YX68 HUB", name="Minibus 2", seats=12, wheelchair_spaces=0,
                gross_weight_kg=3300, permit_number="S19/LAN/0413",
                permit_expiry=today + timedelta(days=400), mot_due=today + timedelta(days=60),
                inspection_weeks=10, last_inspection=today - timedelta(weeks=7), notes=""),
    ]
    s.add_all(buses)
    s.flush()
    for bus in buses:
        for weeks, kind in ((30, "service"), (20, "inspection"), (10, "mot")):
            day = today - timedelta(weeks=weeks)
            s.add(VehicleService(vehicle_id=bus.id, day=day, kind=kind, done_by="Ashworth Motors",
                                 mileage=30000 + weeks * 100, notes=""))
        s.add(VehicleService(vehicle_id=bus.id, day=bus.last_inspection, kind="inspection",
                             done_by="Ashworth Motors", notes=""))
    return buses


def _walk_rounds(s: Session, ctx: DemoContext, buses: list[Vehicle], monday: date) -> None:
    driver = "Hub driver"
    for n in range(5):
        day = monday + timedelta(days=n)
        if day > ctx.today:
            break
        for bus in buses:
            check = VehicleCheck(vehicle_id=bus.id, day=day, passed=True, checked_by=driver, notes="",
                                 checked_at=datetime.combine(day, time(7, 30)))
            s.add(check)
            s.flush()
            for position, item in enumerate(CHECK_ITEMS):
                s.add(VehicleCheckItem(check_id=check.id, position=position, item=item, ok=True,
                                       note=""))


def _free_person(s: Session, drivers: bool, day: date, start: time, end: time,
                 avoid: set[int]) -> int | None:
    """A checked driver (or escort) with no shift overlapping the time, so that only the planted
    conflict shows; None when nobody is free."""
    stmt = select(Staff.id).where(Staff.active.is_(True), Staff.dbs_number != "",
                                  Staff.barred_list_checked.is_(True))
    if drivers:
        stmt = stmt.where(Staff.licence_categories != "").order_by(Staff.role != "driver", Staff.id)
    else:
        stmt = stmt.where(Staff.role.in_(("escort", "play worker", "co-ordinator"))).order_by(
            Staff.role != "escort", Staff.id)
    for person in s.scalars(stmt):
        if person in avoid:
            continue
        busy = s.scalar(select(Shift.id).where(
            Shift.staff_id == person, Shift.day == day, Shift.cancelled_at.is_(None),
            Shift.start_time < end, Shift.end_time > start))
        if busy is None:
            return person
    return None


def _relief_drivers(s: Session, ctx: DemoContext) -> None:
    """Four hub play workers also hold a car licence and MiDAS, so the second bus has a driver."""
    helpers = s.scalars(select(Staff).where(Staff.home_site_id == ctx.hub_site_id,
                                            Staff.role == "play worker", Staff.dbs_number != "")
                        .order_by(Staff.id).limit(4)).all()
    for n, person in enumerate(helpers):
        person.date_of_birth = date(1975 + 3 * n, 3, 14)
        person.licence_first_held = date(1995 + 3 * n, 6, 1)
        person.licence_categories = "B"
        person.midas_expires = ctx.today + timedelta(days=500)


def _run(s: Session, now: datetime, bus: Vehicle, day: date, stops: list[Stop], name: str = "",
         crew: tuple[int | None, int | None] = (None, None)) -> Run:
    run = Run(vehicle_id=bus.id, day=day, name=name, driver_staff_id=crew[0],
              escort_staff_id=crew[1] if crew[1] != crew[0] else None, status="planned", notes="")
    s.add(run)
    s.flush()
    for n, stop in enumerate(stops):
        s.add(RunStop(run_id=run.id, position=n, site_id=stop.site_id,
                      arrive=None if stop.arrive is None else clock(stop.arrive),
                      depart=None if stop.depart is None else clock(stop.depart)))
    s.flush()
    sync_shifts(s, run, stops, now)
    return run


def _crew(s: Session, day: date, stops: list[Stop], escort: bool,
          taken: set[int]) -> tuple[int | None, int | None]:
    start, end = clock(stops[0].leaves), clock(stops[-1].reaches)
    driver = _free_person(s, True, day, start, end, taken)
    helper = _free_person(s, False, day, start, end, taken | {driver or 0}) if escort else None
    taken.update(x for x in (driver, helper) if x)
    return driver, helper


def _board(s: Session, now: datetime, run: Run, needs: list[Need]) -> None:
    """Put needs on the run while seats last (each call re-reads the run's load)."""
    live = {n.key for n in derive_needs(s, run.day)}
    for need in needs:
        loaded = load_runs(s, run.day, run.day, run_ids=[run.id])[0]
        try:
            add_rider(s, loaded, need, None, None, live, now)
        except DomainError:  # full on a stretch, or the run does not serve the need: leave it unmet
            continue


def build(s: Session, ctx: DemoContext) -> None:
    monday = monday_of(ctx.today)
    days = [monday + timedelta(days=n) for n in range(5)]
    buses = _vehicles(s, ctx)
    _relief_drivers(s, ctx)
    _walk_rounds(s, ctx, buses, monday)
    travel = load_travel(s)
    hub = ctx.hub_site_id
    s.flush()
    by_day = {day: [n for n in derive_needs(s, day) if n.kind == "child" and n.to_site_id == hub
                    and n.key.endswith(":out")] for day in days}
    senders = Counter(n.from_site_id for needs in by_day.values() for n in needs)
    schools = [site for site, _ in senders.most_common(2)]
    for day in days:
        crews: set[int] = set()
        needs = by_day[day]
        for bus, school in zip(buses, schools, strict=False):
            mine = [n for n in needs if n.from_site_id == school]
            if not mine:
                continue
            due = min(minutes(n.arrive_by) for n in mine if n.arrive_by) - HUB_CLUB_ARRIVAL_SLACK
            route = ending_by([school, hub], travel, due)
            if route[0].leaves < minutes(time(15, 15)):
                route = default_times([school, hub], travel, minutes(time(15, 15)))
            run = _run(s, ctx.now, bus, day, route, crew=_crew(s, day, route, True, crews))
            _board(s, ctx.now, run, sorted(mine, key=lambda n: n.name))
            if day == days[4] and bus is buses[1]:  # the deliberate conflict: a gala on top
                gala = default_times([hub, ctx.centre_ids[0] if ctx.centre_ids else schools[0]],
                                     travel, route[0].leaves - 10)
                _run(s, ctx.now, bus, day, gala, name="Swimming gala (Y5/6 team)",
                     crew=_crew(s, day, gala, False, crews))
    _teacher(s, ctx, days[2], buses[0], travel, schools)
    _parents(s, ctx, days, buses[1], travel, schools)


def _teacher(s: Session, ctx: DemoContext, day: date, bus: Vehicle, travel: TravelTimes,
             schools: list[int]) -> None:
    """A class teacher from a partner school to a morning of training at the hub, and back."""
    school = schools[0] if schools else ctx.hub_site_id
    teacher = s.scalar(select(Staff).where(Staff.home_site_id == school, Staff.role == "club leader")
                       .order_by(Staff.id).limit(1))
    if teacher is None or school == ctx.hub_site_id:
        return
    request = TransportRequest(kind="staff", staff_id=teacher.id, day=day, from_site_id=school,
                               to_site_id=ctx.hub_site_id, arrive_by=time(9, 30),
                               return_after=time(12, 30), return_trip=True,
                               purpose="Safeguarding training", requested_at=ctx.now)
    s.add(request)
    s.flush()
    needs = {n.key: n for n in derive_needs(s, day) if n.request_id == request.id}
    crews: set[int] = set()
    out = ending_by([school, ctx.hub_site_id], travel, minutes(time(9, 20)))
    back = default_times([ctx.hub_site_id, school], travel, minutes(time(12, 40)))
    for stops, key in ((out, f"req:{request.id}:out"), (back, f"req:{request.id}:back")):
        run = _run(s, ctx.now, bus, day, stops, name="Training run", crew=_crew(s, day, stops, False, crews))
        _board(s, ctx.now, run, [needs[key]] if key in needs else [])


def _parents(s: Session, ctx: DemoContext, days: list[date], bus: Vehicle, travel: TravelTimes,
             schools: list[int]) -> None:
    """Three learners on a course this week ask to be picked up at their children's school."""
    row = s.execute(select(Course, CourseSession).join(CourseSession)
                    .where(CourseSession.session_date.between(days[0], days[-1]))
                    .order_by(Course.site_id != ctx.hub_site_id, CourseSession.session_date)
                    .limit(1)).first()
    if row is None:
        return
    course, session = row
    pickup = next((x for x in [*schools, *ctx.school_ids] if x != course.site_id), None)
    if pickup is None:
        return
    enrolments = s.scalars(select(Enrolment).where(Enrolment.course_id == course.id,
                                                   Enrolment.status == "enrolled")
                           .order_by(Enrolment.id).limit(3)).all()
    for enrolment in enrolments:
        s.add(TransportRequest(kind="course", enrolment_id=enrolment.id, from_site_id=pickup,
                               return_trip=True, purpose=course.title[:120], requested_at=ctx.now))
    s.flush()
    day = session.session_date
    needs = [n for n in derive_needs(s, day) if n.kind == "adult"]
    crews: set[int] = set()
    out = ending_by([pickup, course.site_id], travel, minutes(session.start_time) - 10)
    back = default_times([course.site_id, pickup], travel, minutes(session.end_time) + 5)
    for stops, leg in ((out, ":out"), (back, ":back")):
        run = _run(s, ctx.now, bus, day, stops, name=f"{course.title[:60]} learners",
                   crew=_crew(s, day, stops, False, crews))
        _board(s, ctx.now, run, [n for n in needs if n.key.endswith(leg)])
