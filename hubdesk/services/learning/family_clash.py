"""The family clash check: a parent in a course session while a child must be dropped at or collected
from a club elsewhere.

A parent at the course from its start to its end cannot collect a child whose club ends before the parent
can get there (course end plus the travel time between the sites), nor drop a child at a club that starts
after the parent must have left for the course.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.models import (
    Child,
    ChildCarer,
    Club,
    ClubSession,
    Course,
    CourseSession,
    SessionBooking,
    Site,
)
from hubdesk.services.sites import load_travel

BREAKFAST_KINDS = ("breakfast", "free_breakfast")


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment)


def clash_reason(course_start: time, course_end: time, club_start: time, club_end: time,
                 breakfast: bool, travel_minutes: int) -> str:
    """'' when the parent can manage both, else what goes wrong (on one day)."""
    day = date(2000, 1, 3)
    travel = timedelta(minutes=travel_minutes)
    if breakfast:
        # Dropping off at the club's start, then travelling to the course.
        if _at(day, club_start) < _at(day, course_end) and \
                _at(day, club_start) + travel > _at(day, course_start):
            return f"starts at {club_start:%H:%M}, when the parent must already be on the way to the course"
        return ""
    # Collecting at the club's end, after leaving the course and travelling.
    if _at(day, club_end) > _at(day, course_start) and \
            _at(day, course_end) + travel > _at(day, club_end):
        return f"ends at {club_end:%H:%M}, before the parent can get there from the course"
    return ""


def family_clashes(s: Session, carer_id: int, course_id: int) -> list[str]:
    """Warnings naming child, club, site and time, one per child and club with the dates affected."""
    course = s.get(Course, course_id)
    if course is None:
        return []
    course_days = {x.session_date: x for x in s.scalars(
        select(CourseSession).where(CourseSession.course_id == course_id))}
    if not course_days:
        return []
    child_ids = list(s.scalars(select(ChildCarer.child_id).where(ChildCarer.carer_id == carer_id)))
    if not child_ids:
        return []
    rows = s.execute(
        select(Child.forename, Child.preferred_forename, Child.surname, Club.name, Club.kind,
               Club.site_id, Site.name, ClubSession.day, ClubSession.start_time, ClubSession.end_time)
        .join(SessionBooking, SessionBooking.child_id == Child.id)
        .join(ClubSession, ClubSession.id == SessionBooking.session_id)
        .join(Club, Club.id == ClubSession.club_id)
        .join(Site, Site.id == Club.site_id)
        .where(Child.id.in_(child_ids), SessionBooking.status == "booked",
               ClubSession.status == "running", ClubSession.day.in_(list(course_days)))
        .order_by(ClubSession.day)).all()
    travel = load_travel(s)
    found: dict[tuple[str, str, str, str], list[date]] = {}
    for forename, preferred, surname, club, kind, site_id, site, day, start, end in rows:
        session = course_days[day]
        breakfast = kind in BREAKFAST_KINDS
        pair = (site_id, course.site_id) if breakfast else (course.site_id, site_id)
        minutes = travel(*pair)
        reason = clash_reason(session.start_time, session.end_time, start, end, breakfast, minutes)
        if reason:
            name = f"{preferred or forename} {surname}"
            found.setdefault((name, club, site, reason), []).append(day)
    messages = []
    for (name, club, site, reason), days in found.items():
        when = f"on {days[0]:%a %d/%m/%Y}" if len(days) == 1 else \
            f"on {len(days)} course days from {days[0]:%a %d/%m/%Y}"
        messages.append(f"{name}'s {club} at {site} {reason} ({when}). Check that someone else can "
                        "take or collect them.")
    return messages
