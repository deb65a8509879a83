"""A club's dated sessions: the calendar with booked, waiting and free places; who is booked;
cancelling one session (with the families to tell) and adding an extra one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk.core.errors import Conflict, ValidationError
from hubdesk.core.models import Child, ClubSession, SessionBooking, Site, WaitingListEntry
from hubdesk.core.rules.recurrence import weekday_set
from hubdesk.core.vocabulary import WAITING_OPEN
from hubdesk.core.vocabulary import year_label as _year
from hubdesk.services.base import Service
from hubdesk.services.clubs.changes import cancel_sessions
from hubdesk.services.clubs.queries import (
    carer_phones,
    child_name,
    load_club,
    load_session,
    start_moment,
)
from hubdesk.services.sites import load_calendar


@dataclass(frozen=True)
class SessionRow:
    id: int
    club_id: int
    day: date
    start_time: time
    end_time: time
    capacity: int
    booked: int
    held: int  # places held for a waiting-list offer
    waiting: int  # children waiting for this session (club-wide entries not counted)
    status: str  # running or cancelled
    extra: bool
    cancel_reason: str = ""

    @property
    def free(self) -> int:
        return max(self.capacity - self.booked - self.held, 0) if self.status == "running" else 0


@dataclass(frozen=True)
class BookedChild:
    session_booking_id: int
    child_id: int
    name: str
    school: str
    year: str
    phones: tuple[str, ...]
    allergies: str = ""
    medical: str = ""


@dataclass(frozen=True)
class FamilyToTell:
    child_id: int
    child_name: str
    phones: tuple[str, ...]


@dataclass(frozen=True)
class CancelledSession:
    session: SessionRow
    families: tuple[FamilyToTell, ...]
    waiting_removed: int


def session_rows(s: Session, sessions: list[ClubSession]) -> list[SessionRow]:
    ids = [x.id for x in sessions]
    waiting: dict[int, int] = {}
    if ids:
        stmt = (select(WaitingListEntry.session_id, func.count())
                .where(WaitingListEntry.session_id.in_(ids),
                       WaitingListEntry.status.in_(WAITING_OPEN))
                .group_by(WaitingListEntry.session_id))
        waiting = {sid: n for sid, n in s.execute(stmt) if sid is not None}
    return [SessionRow(x.id, x.club_id, x.day, x.start_time, x.end_time, x.capacity, x.booked,
                       x.held, waiting.get(x.id, 0), x.status, x.extra, x.cancel_reason)
            for x in sessions]


class ClubSessionService(Service):

    def sessions(self, club_id: int, start: date, end: date) -> list[SessionRow]:
        """The club's sessions between two dates (cancelled ones too, marked)."""
        with self._read() as s:
            load_club(s, club_id)
            found = s.scalars(select(ClubSession)
                              .where(ClubSession.club_id == club_id,
                                     ClubSession.day.between(start, end))
                              .order_by(ClubSession.day)).all()
            return session_rows(s, list(found))

    def session(self, session_id: int) -> SessionRow:
        with self._read() as s:
            return session_rows(s, [load_session(s, session_id)])[0]

    def booked_children(self, session_id: int) -> list[BookedChild]:
        """Who is booked into one session, with carers' phones and medical notes."""
        with self._read() as s:
            load_session(s, session_id)
            rows = s.execute(
                select(SessionBooking.id, Child, Site.name)
                .join(Child, Child.id == SessionBooking.child_id)
                .join(Site, Site.id == Child.school_site_id)
                .where(SessionBooking.session_id == session_id,
                       SessionBooking.status == "booked")
                .order_by(Child.sort_key)).all()
            phones = carer_phones(s, [c.id for _, c, _ in rows])
            return [self._medical_shown(
                BookedChild(sb, c.id, child_name(c), school, _year(c.year_group),
                            phones.get(c.id, ()), c.allergies, c.medical_notes))
                for sb, c, school in rows]

    def cancel_session(self, session_id: int, reason: str) -> CancelledSession:
        """Cancel one session; its bookings stay (cancelled) and the families are listed."""
        reason = reason.strip()
        if not reason:
            raise ValidationError("Say why the session is cancelled (families will ask).",
                                  "reason")
        if len(reason) > 200:
            raise ValidationError("The reason can be at most 200 characters.", "reason")
        with self._write() as s:
            session = load_session(s, session_id)
            if session.status == "cancelled":
                raise Conflict(f"The session on {session.day:%a %d/%m/%Y} is already cancelled "
                               f"({session.cancel_reason}).")
            if start_moment(session.day, session.start_time) <= self._clock.now():
                raise Conflict(f"The session on {session.day:%a %d/%m/%Y} has already started, so it "
                               "cannot be cancelled; mark the children absent on the register instead.")
            booked = s.execute(select(Child).join(SessionBooking,
                                                  SessionBooking.child_id == Child.id)
                               .where(SessionBooking.session_id == session_id,
                                      SessionBooking.status == "booked")
                               .order_by(Child.sort_key)).scalars().all()
            waiting = s.scalar(select(func.count()).where(
                WaitingListEntry.session_id == session_id,
                WaitingListEntry.status.in_(WAITING_OPEN))) or 0
            cancel_sessions(s, [session_id], reason, self._clock.now())
            phones = carer_phones(s, [c.id for c in booked])
            families = tuple(FamilyToTell(c.id, child_name(c), phones.get(c.id, ()))
                             for c in booked)
            s.refresh(session)
            return CancelledSession(session_rows(s, [session])[0], families, waiting)

    def add_session(self, club_id: int, day: date, start_time: time | None = None,
                    end_time: time | None = None, capacity: int | None = None) -> int:
        """An extra session (or bring back a cancelled one) on a day the site is open."""
        with self._write() as s:
            club = load_club(s, club_id)
            start, end = start_time or club.start_time, end_time or club.end_time
            places = capacity or club.capacity
            if end <= start:
                raise ValidationError("The session must end after it starts.", "end_time")
            if not 1 <= places <= 500:
                raise ValidationError("The capacity is between 1 and 500 places.", "capacity")
            status = load_calendar(s, club.site_id).status(day)
            if club.kind != "holiday" and not status.open:
                raise ValidationError(f"The site is closed on {day:%a %d/%m/%Y} ({status.reason}).",
                                      "day")
            found = s.scalar(select(ClubSession).where(ClubSession.club_id == club_id,
                                                       ClubSession.day == day))
            if found is not None and found.status == "running":
                raise Conflict(f"The club already has a session on {day:%a %d/%m/%Y}.")
            if found is not None:
                found.status, found.cancelled_at, found.cancel_reason = "running", None, ""
                found.start_time, found.end_time, found.capacity = start, end, places
                found.extra = day.weekday() not in weekday_set(club.weekdays)
                s.flush()
                return found.id
            session = ClubSession(club_id=club_id, day=day, start_time=start, end_time=end,
                                  capacity=places, extra=True)
            s.add(session)
            s.flush()
            return session.id

    def resync(self, club_id: int) -> int:
        """Add sessions for open days the club lacks (after a calendar change); returns how many.

        Sessions on days that have since closed are not removed: the office cancels them with
        ``cancel_session`` so the families are told.
        """
        from hubdesk.services.clubs.clubs import expand_sessions

        with self._write() as s:
            return expand_sessions(s, load_club(s, club_id), self._clock.today())
