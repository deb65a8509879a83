"""Copying a week's rota onto the next week: the same people on the same clubs, crèches and duties.

A shift is copied only where its club (or course) meets again on the same weekday and the site is
open; people who may not work with children now are left out and named, so the office can fix it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from hubdesk.core.audit import record_inserts
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
    meets = _Meetings(s, old, target)
    calendars = load_calendars(s)
    skipped: list[str] = []
    rows: list[dict[str, Any]] = []
    for shift in old:
        person = people[shift.staff_id]
        day = shift.day + shift_by
        reasons = blocking_reasons(person)
        if reasons:
            skipped.append(f"{person.name} on {day:%a %d %b}: {reasons[0][1]}")
            continue
        new: dict[str, Any] = {
            "staff_id": shift.staff_id, "kind": shift.kind, "role": shift.role, "day": day,
            "start_time": shift.start_time, "end_time": shift.end_time, "site_id": shift.site_id,
            "club_session_id": None, "course_session_id": None, "run_id": None, "note": shift.note,
            "created_at": now, "cancelled_at": None}
        if shift.kind in ("club", "creche"):
            found = meets.again(shift, day)
            if found is None:
                what = "club" if shift.kind == "club" else "course"
                skipped.append(f"{person.name}: the {what} does not meet on {day:%a %d %b}.")
                continue
            new["club_session_id" if shift.kind == "club" else "course_session_id"] = found
            key = f"{shift.kind}:{found}"
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
        rows.append(new)
    _insert_shifts(s, rows)
    return CopyResult(len(rows), tuple(skipped))


def _insert_shifts(s: Session, rows: list[dict[str, Any]]) -> None:
    """The copied shifts in one INSERT (the ORM writes SQLite rows one statement each to learn their
    ids), audited as the ORM would: the new rows are read back by what tells them apart."""
    if not rows:
        return
    before = s.scalar(select(func.max(Shift.id))) or 0
    s.execute(insert(Shift), rows)
    written = s.execute(select(Shift.id, *(Shift.__table__.c[name] for name in _KEY))
                        .where(Shift.id > before, Shift.created_at == rows[0]["created_at"])).all()
    ids = {tuple(row[1:]): row[0] for row in written}
    record_inserts(s, Shift.__tablename__,
                   [{"id": ids[tuple(row[name] for name in _KEY)], **row} for row in rows])


_KEY = ("staff_id", "kind", "day", "start_time", "site_id", "club_session_id", "course_session_id")


class _Meetings:
    """Where each copied club or crèche shift's club or course meets in the target week, read in
    four statements for the whole week (not two for every shift)."""

    def __init__(self, s: Session, old: list[Shift], target: date) -> None:
        end = target + timedelta(days=WEEK_DAYS - 1)
        club_sessions = {x.club_session_id for x in old if x.club_session_id is not None}
        course_sessions = {x.course_session_id for x in old if x.course_session_id is not None}
        self.club_of: dict[int, int] = {sid: club for sid, club in s.execute(
            select(ClubSession.id, ClubSession.club_id).where(ClubSession.id.in_(club_sessions)))}
        self.course_of: dict[int, int] = {sid: course for sid, course in s.execute(
            select(CourseSession.id, CourseSession.course_id)
            .where(CourseSession.id.in_(course_sessions)))}
        self.clubs: dict[tuple[int, date], int] = {(club, day): sid for sid, club, day in s.execute(
            select(ClubSession.id, ClubSession.club_id, ClubSession.day)
            .where(ClubSession.day.between(target, end), ClubSession.status == "running"))}
        self.courses: dict[tuple[int, date], int] = {(course, day): sid for sid, course, day in s.execute(
            select(CourseSession.id, CourseSession.course_id, CourseSession.session_date)
            .where(CourseSession.session_date.between(target, end)))}

    def again(self, shift: Shift, day: date) -> int | None:
        """The session the shift's club (or course) has on ``day``; None when it does not meet."""
        if shift.club_session_id is not None:
            club = self.club_of.get(shift.club_session_id)
            return None if club is None else self.clubs.get((club, day))
        course = self.course_of.get(shift.course_session_id or 0)
        return None if course is None else self.courses.get((course, day))
