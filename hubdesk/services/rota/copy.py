"""Copying a week's rota onto the next week: the same people on the same clubs, crèches and duties.

A shift is copied only where its club (or course) meets again on the same weekday and the site is
open; people who may not work with children now are left out and named, so the office can fix it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.models import ClubSession, CourseSession, Shift
from hubdesk.core.rules.staff_checks import blocking_reasons
from hubdesk.services.rota.dto import CopyResult
from hubdesk.services.rota.queries import WEEK_DAYS, load_people, target_of
from hubdesk.services.sites import load_calendars


def copy_week(s: Session, source: date, target: date, site_id: int | None, now: datetime) -> CopyResult:
    """Copy the live shifts of the week from ``source`` (a Monday) to the week from ``target``."""
    shift_by = target - source
    stmt = select(Shift).where(Shift.day.between(source, source + timedelta(days=WEEK_DAYS - 1)),
                               Shift.cancelled_at.is_(None), Shift.kind != "run")
    if site_id is not None:
        stmt = stmt.where(Shift.site_id == site_id)
    old = list(s.scalars(stmt.order_by(Shift.day, Shift.start_time)))
    if not old:
        return CopyResult(0, ("There is nothing on the rota of the week before to copy.",))
    existing = s.scalars(select(Shift).where(
        Shift.day.between(target, target + timedelta(days=WEEK_DAYS - 1)),
        Shift.cancelled_at.is_(None))).all()
    taken = {(x.staff_id, target_of(x)) for x in existing if x.kind != "duty"}
    taken |= {(x.staff_id, f"duty:{x.site_id}:{x.day}:{x.start_time}") for x in existing
              if x.kind == "duty"}
    people = load_people(s, {x.staff_id for x in old})
    calendars = load_calendars(s)
    skipped: list[str] = []
    copied = 0
    for shift in old:
        person = people[shift.staff_id]
        day = shift.day + shift_by
        reasons = blocking_reasons(person)
        if reasons:
            skipped.append(f"{person.name} on {day:%a %d %b}: {reasons[0][1]}")
            continue
        new = Shift(staff_id=shift.staff_id, kind=shift.kind, role=shift.role, day=day,
                    start_time=shift.start_time, end_time=shift.end_time, site_id=shift.site_id,
                    note=shift.note, created_at=now)
        if shift.kind == "club":
            old_session = s.get_one(ClubSession, shift.club_session_id)
            session = s.scalar(select(ClubSession).where(
                ClubSession.club_id == old_session.club_id, ClubSession.day == day,
                ClubSession.status == "running"))
            if session is None:
                skipped.append(f"{person.name}: the club does not meet on {day:%a %d %b}.")
                continue
            new.club_session_id = session.id
            key = f"club:{session.id}"
        elif shift.kind == "creche":
            old_course = s.get_one(CourseSession, shift.course_session_id)
            course_session = s.scalar(select(CourseSession).where(
                CourseSession.course_id == old_course.course_id, CourseSession.session_date == day))
            if course_session is None:
                skipped.append(f"{person.name}: the course does not meet on {day:%a %d %b}.")
                continue
            new.course_session_id = course_session.id
            key = f"creche:{course_session.id}"
        else:
            calendar = calendars.get(shift.site_id or 0)
            if calendar is not None and not calendar.is_open(day):
                skipped.append(f"{person.name}: site duty not copied, the site is closed on "
                               f"{day:%a %d %b} ({calendar.status(day).reason}).")
                continue
            key = f"duty:{shift.site_id}:{day}:{shift.start_time}"
        if (shift.staff_id, key) in taken:
            continue
        taken.add((shift.staff_id, key))
        s.add(new)
        copied += 1
    s.flush()
    return CopyResult(copied, tuple(skipped))
