"""What a change to a club does to its future sessions and bookings, and applying it.

Sessions that already happened never change. Future sessions take the new times and capacity;
days the club no longer meets are cancelled together with their bookings (kept, not deleted).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hubdesk.core.models import Child, Club, ClubSession, SessionBooking, WaitingListEntry
from hubdesk.core.rules.recurrence import club_days
from hubdesk.core.vocabulary import WAITING_OPEN, year_label
from hubdesk.services.clubs.queries import carer_phones, child_name, time_span
from hubdesk.services.sites import load_calendar

if TYPE_CHECKING:
    from hubdesk.services.clubs.clubs import ClubForm

CHANGE_REASON = "club days changed"


@dataclass(frozen=True)
class AffectedBooking:
    """One child whose bookings a change touches, with who to tell."""

    child_id: int
    child_name: str
    first_day: date
    sessions: int
    reason: str
    phones: tuple[str, ...] = ()

    def describe(self) -> str:
        return f"{self.child_name}, from {self.first_day:%d/%m/%Y}: {self.reason}"


@dataclass(frozen=True)
class ChangeImpact:
    affected: tuple[AffectedBooking, ...] = ()
    refused: str = ""  # set when the change cannot be made at all
    removed_session_ids: tuple[int, ...] = field(default_factory=tuple)


def impact_of(s: Session, club: Club, form: ClubForm, today: date) -> ChangeImpact:
    future = s.scalars(select(ClubSession).where(ClubSession.club_id == club.id,
                                                 ClubSession.day >= today,
                                                 ClubSession.status == "running")).all()
    live = s.execute(
        select(SessionBooking.session_id, Child)
        .join(Child, Child.id == SessionBooking.child_id)
        .join(ClubSession, ClubSession.id == SessionBooking.session_id)
        .where(ClubSession.club_id == club.id, SessionBooking.status == "booked")).all()
    if form.site_id != club.site_id and live:
        return ChangeImpact(refused="This club has bookings, so it cannot move to another site. "
                                    "Set up a new club at the other site instead.")
    fullest = max(future, key=lambda x: x.booked + x.held, default=None)
    if fullest is not None and fullest.booked + fullest.held > form.capacity:
        return ChangeImpact(refused=(
            f"The capacity cannot go below {fullest.booked + fullest.held}: that many places are "
            f"taken on {fullest.day:%a %d/%m/%Y}. Cancel bookings first, or keep the capacity."))
    first = max(today, form.start_date)
    wanted = set(club_days(load_calendar(s, form.site_id), form.weekdays, first, form.end_date,
                           holiday_club=form.kind == "holiday"))
    removed = {x.id: x for x in future if not x.extra and x.day not in wanted}
    by_id = {x.id: x for x in future}
    groups: dict[tuple[int, str], list[date]] = {}
    children: dict[int, Child] = {}
    new_times = time_span(form.start_time, form.end_time)
    for session_id, child in live:
        session = by_id.get(session_id)
        if session is None:
            continue
        children[child.id] = child
        reasons = []
        if session_id in removed:
            reasons.append("the club no longer meets that day; the booking will be cancelled")
        elif (session.start_time, session.end_time) != (form.start_time, form.end_time):
            reasons.append(f"times change from {time_span(session.start_time, session.end_time)}"
                           f" to {new_times}")
        if not form.min_year <= child.year_group <= form.max_year:
            reasons.append(f"{year_label(child.year_group)} is outside the new year groups; the "
                           "booking stays unless you cancel it")
        for reason in reasons:
            groups.setdefault((child.id, reason), []).append(session.day)
    phones = carer_phones(s, children)
    affected = tuple(
        AffectedBooking(cid, child_name(children[cid]), min(days), len(days), reason,
                        phones.get(cid, ()))
        for (cid, reason), days in sorted(groups.items(),
                                          key=lambda kv: (min(kv[1]), kv[0][0], kv[0][1])))
    return ChangeImpact(affected, "", tuple(sorted(removed)))


def apply_change(s: Session, club: Club, impact: ChangeImpact, today: date,
                 now: datetime) -> tuple[int, int]:
    """Cancel the sessions the club no longer has, move the rest to the new times and capacity.

    Returns (sessions cancelled, bookings cancelled).
    """
    removed = list(impact.removed_session_ids)
    cancelled_bookings = cancel_sessions(s, removed, CHANGE_REASON, now)
    s.execute(update(ClubSession)
              .where(ClubSession.club_id == club.id, ClubSession.day >= today,
                     ClubSession.status == "running")
              .values(start_time=club.start_time, end_time=club.end_time,
                      capacity=club.capacity)
              .execution_options(synchronize_session="fetch"))
    return len(removed), cancelled_bookings


def cancel_sessions(s: Session, session_ids: Iterable[int], reason: str, now: datetime) -> int:
    """Cancel sessions with their bookings and waiting lists; returns bookings cancelled."""
    ids = list(session_ids)
    if not ids:
        return 0
    count = 0
    for booking in s.scalars(select(SessionBooking).where(SessionBooking.session_id.in_(ids),
                                                          SessionBooking.status == "booked")):
        booking.status = "cancelled"
        booking.cancelled_at = now
        booking.late = False
        booking.cancel_reason = reason
        count += 1
    for entry in s.scalars(select(WaitingListEntry).where(
            (WaitingListEntry.session_id.in_(ids)) | (WaitingListEntry.offered_session_id.in_(ids)),
            WaitingListEntry.status.in_(WAITING_OPEN))):
        if entry.session_id is None:  # a club-wide entry offered this session: back in the queue
            entry.status, entry.offered_session_id, entry.offered_at = "waiting", None, None
        else:
            entry.status, entry.resolved_at = "withdrawn", now
            entry.notes = (entry.notes + f" Session cancelled: {reason}").strip()[:300]
    for session in s.scalars(select(ClubSession).where(ClubSession.id.in_(ids))):
        session.status = "cancelled"
        session.cancelled_at = now
        session.cancel_reason = reason[:200]
        session.booked = 0
        session.held = 0
    s.flush()
    return count
