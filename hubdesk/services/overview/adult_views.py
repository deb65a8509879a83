"""Parent learning, the minibus and club viability for the Overview, each aggregated in SQL."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime, time

from sqlalchemy import and_, distinct, func, select
from sqlalchemy.orm import Session

from hubdesk.core.models import (
    Child,
    ChildCarer,
    Club,
    ClubSession,
    Course,
    CourseSession,
    CrecheAttendance,
    CrecheBooking,
    Enrolment,
    Run,
    RunPassenger,
    RunStop,
    SessionBooking,
    Shift,
    Site,
    Staff,
    StaffCostRate,
    Vehicle,
)
from hubdesk.services.overview.children_views import RUNNING, Scope
from hubdesk.services.overview.dto import (
    CarriedRow,
    LearnersBySchool,
    LearningRow,
    RunUse,
    ViabilityRow,
)


def learning(s: Session, scope: Scope) -> list[LearningRow]:
    """Per site: courses running in the period, enrolments by outcome and crèche use."""
    courses = select(Course.id, Site.name.label("site")).join(Site, Site.id == Course.site_id).where(
        Course.start_date <= scope.end, Course.end_date >= scope.start)
    if scope.site_id is not None:
        courses = courses.where(Course.site_id == scope.site_id)
    c = courses.subquery()
    status = dict.fromkeys(("enrolled", "completed", "withdrawn"), 0)
    per_site: dict[str, dict[str, int]] = defaultdict(lambda: dict(status, courses=0, children=0,
                                                                    visits=0))
    for site, n in s.execute(select(c.c.site, func.count()).group_by(c.c.site)):
        per_site[site]["courses"] = n
    for site, state, n in s.execute(select(c.c.site, Enrolment.status, func.count()).join(
            Enrolment, Enrolment.course_id == c.c.id).where(Enrolment.status != "waiting")
            .group_by(c.c.site, Enrolment.status)):
        per_site[site][state] = n
    for site, n in s.execute(select(c.c.site, func.count(distinct(CrecheBooking.creche_child_id)))
                             .join(CrecheBooking, CrecheBooking.course_id == c.c.id)
                             .group_by(c.c.site)):
        per_site[site]["children"] = n
    for site, n in s.execute(select(c.c.site, func.count()).join(
            CourseSession, CourseSession.course_id == c.c.id).join(
            CrecheAttendance, CrecheAttendance.session_id == CourseSession.id).where(
            CourseSession.session_date.between(scope.start, scope.end)).group_by(c.c.site)):
        per_site[site]["visits"] = n
    return [LearningRow(site, v["courses"], v["enrolled"] + v["completed"] + v["withdrawn"],
                        v["completed"], v["withdrawn"], v["children"], v["visits"])
            for site, v in sorted(per_site.items())]


def learners(s: Session, scope: Scope) -> list[LearnersBySchool]:
    """Different learners (not waiting) per school of the children they are linked to."""
    query = select(Site.name, func.count(distinct(Enrolment.carer_id))).join(
        Course, Course.id == Enrolment.course_id).join(
        ChildCarer, ChildCarer.carer_id == Enrolment.carer_id).join(
        Child, Child.id == ChildCarer.child_id).join(Site, Site.id == Child.school_site_id).where(
        Course.start_date <= scope.end, Course.end_date >= scope.start,
        Enrolment.status != "waiting").group_by(Site.name).order_by(Site.name)
    if scope.site_id is not None:
        query = query.where(Course.site_id == scope.site_id)
    return [LearnersBySchool(school, n) for school, n in s.execute(query)]


def runs(s: Session, scope: Scope) -> list[RunUse]:
    """Runs of the period grouped by name and vehicle: how many, seats used in all, the fullest."""
    used = select(Run.id, Run.name, Vehicle.registration, Vehicle.seats,
                  func.count(RunPassenger.id).label("used")).join(
        Vehicle, Vehicle.id == Run.vehicle_id).outerjoin(
        RunPassenger, and_(RunPassenger.run_id == Run.id, RunPassenger.removed_at.is_(None))).where(
        Run.day.between(scope.start, scope.end), Run.status == "planned").group_by(
        Run.id, Run.name, Vehicle.registration, Vehicle.seats)
    if scope.site_id is not None:
        used = used.where(Run.id.in_(select(RunStop.run_id).where(RunStop.site_id == scope.site_id)))
    u = used.subquery()
    query = select(u.c.name, u.c.registration, u.c.seats, func.count(), func.sum(u.c.used),
                   func.max(u.c.used)).group_by(u.c.name, u.c.registration, u.c.seats).order_by(
        u.c.name, u.c.registration)
    return [RunUse(name or "(unnamed)", reg, seats, n, int(total or 0), int(most or 0))
            for name, reg, seats, n, total, most in s.execute(query)]


def carried(s: Session, scope: Scope) -> list[CarriedRow]:
    """Children carried to or from clubs, per the club's site: different children and journeys."""
    query = select(Site.name, func.count(distinct(RunPassenger.child_id)), func.count()).join(
        Run, Run.id == RunPassenger.run_id).join(
        SessionBooking, SessionBooking.id == RunPassenger.session_booking_id).join(
        ClubSession, ClubSession.id == SessionBooking.session_id).join(
        Club, Club.id == ClubSession.club_id).join(Site, Site.id == Club.site_id).where(
        RunPassenger.kind == "child", RunPassenger.removed_at.is_(None), Run.status == "planned",
        Run.day.between(scope.start, scope.end)).group_by(Site.name).order_by(Site.name)
    if scope.site_id is not None:
        query = query.where(Club.site_id == scope.site_id)
    return [CarriedRow(site, children, journeys) for site, children, journeys in s.execute(query)]


def _minutes(start: time, end: time) -> int:
    return int((datetime.combine(datetime.min, end) - datetime.combine(datetime.min, start))
               .total_seconds() // 60)


def rates(s: Session) -> dict[str, int]:
    return {role: pence for role, pence in s.execute(select(StaffCostRate.role,
                                                            StaffCostRate.pence_per_hour))}


def viability(s: Session, scope: Scope, income: Mapping[int, int]
              ) -> tuple[list[ViabilityRow], list[str]]:
    """Per club: sessions, places, income (what Money charged) and staff cost
    (rota hours × the rate of each person's role); also the roles that have no rate."""
    clubs = select(Club.id, Club.name, Site.name, Club.kind, func.count(ClubSession.id),
                   func.sum(ClubSession.booked)).join(Site, Site.id == Club.site_id).join(
        ClubSession, ClubSession.club_id == Club.id).where(
        ClubSession.day.between(scope.start, scope.end), RUNNING).group_by(
        Club.id, Club.name, Site.name, Club.kind)
    shifts = select(ClubSession.club_id, Staff.role, Shift.start_time, Shift.end_time,
                    func.count()).join(ClubSession, ClubSession.id == Shift.club_session_id).join(
        Staff, Staff.id == Shift.staff_id).where(
        Shift.kind == "club", Shift.cancelled_at.is_(None), RUNNING,
        ClubSession.day.between(scope.start, scope.end)).group_by(
        ClubSession.club_id, Staff.role, Shift.start_time, Shift.end_time)
    if scope.site_id is not None:
        clubs = clubs.where(Club.site_id == scope.site_id)
        shifts = shifts.where(ClubSession.club_id.in_(
            select(Club.id).where(Club.site_id == scope.site_id)))
    rate = rates(s)
    minutes: dict[int, int] = defaultdict(int)
    cost: dict[int, float] = defaultdict(float)
    unrated: set[str] = set()
    for club_id, role, start, end, n in s.execute(shifts):
        worked = _minutes(start, end) * n
        minutes[club_id] += worked
        if role not in rate:
            unrated.add(role)
        cost[club_id] += worked * rate.get(role, 0) / 60
    rows = [ViabilityRow(name, site, kind, sessions, int(places or 0),
                         income.get(cid, 0),
                         minutes[cid], round(cost[cid]))
            for cid, name, site, kind, sessions, places in s.execute(clubs)]
    return sorted(rows, key=lambda r: (r.site, r.club)), sorted(unrated)
