"""Pupils missing from a school's full MIS export: offered as leavers, never deleted.

A child not in this term's full list has probably left the school; the office decides. Marking a
leaver sets the leaving date (the child stays, hidden from lists), cancels their booked sessions
from that date (freeing the places for the waiting lists) and ends their standing bookings.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk.core.models import Booking, Child, Club, ClubSession, SessionBooking, Site
from hubdesk.services.clubs import child_name, free_places, offer_freed, start_moment

LEAVER_REASON = "Left the school (not in the MIS export)"


@dataclass(frozen=True)
class Leaver:
    """A child on roll at a school of the file whom the school's full export no longer lists."""

    child_id: int
    name: str
    school: str
    bookings: tuple[str, ...] = ()  # per club: "Owls: 12 sessions, Tue 01/12/2026 – Thu 17/12/2026"
    sessions: int = 0  # booked sessions from today on


@dataclass(frozen=True)
class LeaversResult:
    marked: int
    cancelled_sessions: int


def find_leavers(s: Session, school_ids: Collection[int], listed: Collection[int],
                 today: date) -> list[Leaver]:
    """Children on roll at ``school_ids`` whose ids are not in ``listed``, with future bookings."""
    if not school_ids:
        return []
    rows = s.execute(select(Child, Site.name).join(Site, Site.id == Child.school_site_id)
                     .where(Child.school_site_id.in_(list(school_ids)), Child.left_on.is_(None))
                     .order_by(Child.surname, Child.forename, Child.id)).all()
    missing = [(child, school) for child, school in rows if child.id not in set(listed)]
    booked = _future_bookings(s, [child.id for child, _ in missing], today)
    leavers = []
    for child, school in missing:
        clubs = booked.get(child.id, [])
        leavers.append(Leaver(child.id, child_name(child), school, tuple(
            f"{club}: {count} session{'s' if count > 1 else ''}, {first:%a %d/%m/%Y}"
            + (f" – {last:%a %d/%m/%Y}" if last != first else "")
            for club, count, first, last in clubs), sum(c[1] for c in clubs)))
    return leavers


def _future_bookings(s: Session, child_ids: list[int],
                     today: date) -> dict[int, list[tuple[str, int, date, date]]]:
    """Per child, each club booked from today: (club, sessions, first day, last day)."""
    found: dict[int, list[tuple[str, int, date, date]]] = {}
    for chunk in range(0, len(child_ids), 500):
        stmt = (select(SessionBooking.child_id, Club.name, func.count(), func.min(ClubSession.day),
                       func.max(ClubSession.day))
                .join(ClubSession, ClubSession.id == SessionBooking.session_id)
                .join(Club, Club.id == ClubSession.club_id)
                .where(SessionBooking.child_id.in_(child_ids[chunk:chunk + 500]),
                       SessionBooking.status == "booked", ClubSession.day >= today)
                .group_by(SessionBooking.child_id, Club.id, Club.name)
                .order_by(func.min(ClubSession.day), Club.name))
        for child_id, club, count, first, last in s.execute(stmt):
            found.setdefault(child_id, []).append((club, int(count), first, last))
    return found


def mark_leavers(s: Session, child_ids: Collection[int], left_on: date,
                 now: datetime) -> LeaversResult:
    """Set the leaving date and cancel each child's sessions from it that have not started."""
    ids = list(child_ids)
    children = s.scalars(select(Child).where(Child.id.in_(ids), Child.left_on.is_(None))).all()
    for child in children:
        child.left_on = max(left_on, child.date_of_birth)
    kept = [c.id for c in children]
    rows = s.execute(select(SessionBooking, ClubSession)
                     .join(ClubSession, ClubSession.id == SessionBooking.session_id)
                     .where(SessionBooking.child_id.in_(kept), SessionBooking.status == "booked",
                            ClubSession.day >= left_on)).all()
    cancelled = [(booking, session) for booking, session in rows
                 if start_moment(session.day, session.start_time) > now]
    for booking, _session in cancelled:
        booking.status, booking.cancelled_at = "cancelled", now
        booking.cancel_reason = LEAVER_REASON
    for standing in s.scalars(select(Booking).where(Booking.child_id.in_(kept),
                                                    Booking.cancelled_from.is_(None),
                                                    Booking.end_date >= left_on)):
        standing.cancelled_from, standing.cancelled_at = max(left_on, standing.start_date), now
    s.flush()
    running = [session.id for _b, session in cancelled if session.status == "running"]
    free_places(s, running)
    for session_id in running:
        offer_freed(s, session_id, now)
    return LeaversResult(len(children), len(cancelled))
