"""Waiting lists per session and per club, in the office's priority order.

When a place frees, the first child waiting is offered it and the place is held (``held`` on the
session) so nobody else takes it meanwhile; the office confirms (the child is booked) or records
that the family declined, and the list moves on to the next child.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from hubdesk.core.clock import to_local
from hubdesk.core.errors import Conflict, NotFound, ValidationError
from hubdesk.core.models import Club, ClubSession, SessionBooking, Site, WaitingListEntry
from hubdesk.core.rules.club_rules import Candidate
from hubdesk.core.rules.recurrence import weekday_set, weekdays_code, weekdays_label
from hubdesk.core.vocabulary import WAITING_OPEN
from hubdesk.services.base import Service
from hubdesk.services.clubs.booking_plan import BookingRequest, BookingResult, Planner, write_plan
from hubdesk.services.clubs.queries import (
    carer_phones,
    child_name,
    hold_place,
    load_child,
    load_club,
    load_session,
    release_held,
)
from hubdesk.services.clubs.waiting_order import RowReader, WaitingRow, ordered, waits_for
from hubdesk.services.sites import load_travel

__all__ = ["Offer", "WaitingListService", "WaitingRow", "offer_freed", "ordered"]


@dataclass(frozen=True)
class Offer:
    """A held place offered to a family: the office phones them, then confirms or declines."""

    entry_id: int
    child_id: int
    child_name: str
    club_name: str
    session_id: int
    day: date
    start_time: time
    end_time: time
    phones: tuple[str, ...]


def _session_candidates(s: Session, session: ClubSession) -> list[WaitingListEntry]:
    """Entries waiting for this session: its own, and club-wide ones wanting its weekday."""
    booked = select(SessionBooking.child_id).where(SessionBooking.session_id == session.id,
                                                   SessionBooking.status == "booked")
    rows = s.scalars(select(WaitingListEntry).where(
        WaitingListEntry.status == "waiting", WaitingListEntry.club_id == session.club_id,
        or_(WaitingListEntry.session_id == session.id, WaitingListEntry.session_id.is_(None)),
        WaitingListEntry.child_id.not_in(booked))).all()
    weekday = session.day.weekday()
    return [e for e in rows if e.session_id is not None or not e.weekdays
            or weekday in weekday_set(e.weekdays)]


def offer_freed(s: Session, session_id: int, now: datetime) -> Offer | None:
    """Offer a freed place in a session to the first child waiting, holding the place."""
    session = load_session(s, session_id)
    today = to_local(now).date()  # the office's day, not the UTC one
    if session.status != "running" or session.day < today:
        return None
    queue = ordered(s, _session_candidates(s, session), today)
    if not queue or not hold_place(s, session_id):
        return None
    entry = queue[0][0]
    entry.status, entry.offered_session_id, entry.offered_at = "offered", session_id, now
    s.flush()
    child = load_child(s, entry.child_id)
    club = load_club(s, session.club_id)
    return Offer(entry.id, child.id, child_name(child), club.name, session.id, session.day,
                 session.start_time, session.end_time, carer_phones(s, [child.id]).get(child.id, ()))


class WaitingListService(Service):

    def join(self, child_id: int, club_id: int, session_id: int | None = None,
             weekdays: tuple[int, ...] = (), notes: str = "") -> int:
        """Put a child on the list of one session, or of the club (on some weekdays)."""
        with self._write() as s:
            load_child(s, child_id)
            club = load_club(s, club_id)
            if session_id is not None:
                session = load_session(s, session_id)
                if session.club_id != club_id:
                    raise ValidationError("That session belongs to another club.", "session_id")
                if session.status != "running":
                    raise Conflict(f"The session on {session.day:%a %d/%m/%Y} is cancelled.")
                if s.scalar(select(SessionBooking.id).where(
                        SessionBooking.session_id == session_id,
                        SessionBooking.child_id == child_id,
                        SessionBooking.status == "booked")) is not None:
                    raise Conflict("The child is already booked into that session.")
                if session.booked + session.held < session.capacity:
                    raise Conflict(f"There are free places on {session.day:%a %d/%m/%Y}; "
                                   "book the child instead.")
            extra = set(weekdays) - weekday_set(club.weekdays)
            if extra:
                raise ValidationError(f"{club.name} does not run on {weekdays_label(extra)}.",
                                      "weekdays")
            open_entry = select(WaitingListEntry.id).where(
                WaitingListEntry.child_id == child_id, WaitingListEntry.club_id == club_id,
                WaitingListEntry.status.in_(WAITING_OPEN),
                WaitingListEntry.session_id == session_id if session_id is not None
                else WaitingListEntry.session_id.is_(None))
            if s.scalar(open_entry) is not None:
                raise Conflict("The child is already on this waiting list.")
            entry = WaitingListEntry(child_id=child_id, club_id=club_id, session_id=session_id,
                                     weekdays=weekdays_code(weekdays), joined_at=self._clock.now(),
                                     notes=notes.strip()[:300])
            s.add(entry)
            s.flush()
            return entry.id

    def for_session(self, session_id: int) -> builtins.list[WaitingRow]:
        """Who waits for one session, in order; an offered child first with position 0."""
        with self._read() as s:
            session = load_session(s, session_id)
            offered = s.scalars(select(WaitingListEntry).where(
                WaitingListEntry.offered_session_id == session_id,
                WaitingListEntry.status == "offered")).all()
            candidates = _session_candidates(s, session)
            reader = RowReader(s, [*offered, *candidates], self._clock.today())
            return reader.offered(offered) + reader.queued(reader.ordered(candidates))

    def open_entries(self, site_id: int | None = None) -> builtins.list[WaitingRow]:
        """Every open entry, club by club, for the waiting-lists page (a fixed number of statements)."""
        with self._read() as s:
            stmt = (select(Club.id).join(Site, Site.id == Club.site_id)
                    .where(Club.id.in_(select(WaitingListEntry.club_id).where(
                        WaitingListEntry.status.in_(WAITING_OPEN))))
                    .order_by(Site.name, Club.name))
            if site_id is not None:
                stmt = stmt.where(Club.site_id == site_id)
            club_ids = list(s.scalars(stmt))
            entries = s.scalars(select(WaitingListEntry).where(
                WaitingListEntry.club_id.in_(club_ids),
                WaitingListEntry.status.in_(WAITING_OPEN))).all()
            reader = RowReader(s, entries, self._clock.today())
            booked = _booked_in(s, {e.session_id for e in entries if e.status == "waiting"},
                                {e.child_id for e in entries})
            by_club: dict[int, builtins.list[WaitingListEntry]] = {}
            for e in entries:
                by_club.setdefault(e.club_id, []).append(e)
            return [row for cid in club_ids for row in _club_rows(reader, by_club[cid], booked)]

    def open_offers(self) -> builtins.list[WaitingRow]:
        """Places held for a family's answer, oldest offer first (the Today page's reminder)."""
        with self._read() as s:
            offered = s.scalars(select(WaitingListEntry).where(WaitingListEntry.status == "offered")
                                .order_by(WaitingListEntry.offered_at, WaitingListEntry.id)).all()
            return RowReader(s, offered, self._clock.today()).offered(offered)

    def position(self, entry_id: int) -> int:
        """1 for the next child to be offered a place; 0 while holding an offer."""
        with self._read() as s:
            entry = self._entry(s, entry_id)
            if entry.status == "offered":
                return 0
            if entry.status != "waiting":
                raise Conflict("The child is no longer on this waiting list.")
            today = self._clock.today()
            queue = self._queue(s, entry, today)
            return next(i for i, (e, _c) in enumerate(queue, 1) if e.id == entry_id)

    def offer_next(self, session_id: int) -> Offer | None:
        """Offer a free place in a session to the first child waiting (None if none)."""
        with self._write() as s:
            return offer_freed(s, session_id, self._clock.now())

    def confirm_offer(self, entry_id: int) -> BookingResult:
        """The family said yes: book the held place (and for a club-wide entry, the days after)."""
        now = self._clock.now()
        with self._write() as s:
            entry = self._entry(s, entry_id)
            if entry.status != "offered" or entry.offered_session_id is None:
                raise Conflict("This child has no place on offer to confirm.")
            session = load_session(s, entry.offered_session_id)
            release_held(s, session.id)
            s.refresh(session, ["booked", "held"])
            if entry.session_id is None:
                club = load_club(s, entry.club_id)
                request = BookingRequest(entry.child_id, entry.club_id, session.day,
                                         max(club.end_date, session.day),
                                         tuple(sorted(weekday_set(entry.weekdays))))
            else:
                request = BookingRequest(entry.child_id, entry.club_id, session.day)
            preview = Planner(s, load_travel(s)).plan(request)
            first = next((line for line in preview.lines if line.day == session.day), None)
            if first is None or not first.ok:
                why = first.problem if first else "the club no longer runs that day"
                raise Conflict(f"The offered place cannot be booked: {why}")
            result = write_plan(s, request, preview, now, skip_problems=True, waiting_list=False)
            entry.status, entry.resolved_at = "accepted", now
            return result

    def decline_offer(self, entry_id: int) -> Offer | None:
        """The family said no: the place goes to the next child (returned) or back to free."""
        return self._close(entry_id, "declined", offered_only=True)

    def withdraw(self, entry_id: int) -> Offer | None:
        """Take a child off the list; a place they were holding goes to the next child."""
        return self._close(entry_id, "withdrawn", offered_only=False)

    def _close(self, entry_id: int, status: str, offered_only: bool) -> Offer | None:
        now = self._clock.now()
        with self._write() as s:
            entry = self._entry(s, entry_id)
            if entry.status not in WAITING_OPEN or (offered_only and entry.status != "offered"):
                raise Conflict("This child has no place on offer." if offered_only
                               else "The child is no longer on this waiting list.")
            session_id = entry.offered_session_id if entry.status == "offered" else None
            entry.status, entry.resolved_at = status, now
            s.flush()
            if session_id is None:
                return None
            release_held(s, session_id)
            return offer_freed(s, session_id, now)

    @staticmethod
    def _entry(s: Session, entry_id: int) -> WaitingListEntry:
        entry = s.get(WaitingListEntry, entry_id)
        if entry is None:
            raise NotFound("That waiting-list entry no longer exists.")
        return entry

    def _queue(self, s: Session, entry: WaitingListEntry,
               today: date) -> builtins.list[tuple[WaitingListEntry, Candidate]]:
        if entry.session_id is not None:
            return ordered(s, _session_candidates(s, load_session(s, entry.session_id)), today)
        club_wide = s.scalars(select(WaitingListEntry).where(
            WaitingListEntry.club_id == entry.club_id, WaitingListEntry.session_id.is_(None),
            WaitingListEntry.status == "waiting")).all()
        return ordered(s, club_wide, today)


def _booked_in(s: Session, session_ids: set[int | None], child_ids: set[int]) -> set[tuple[int, int]]:
    """(session, child) pairs already booked, among the sessions and children given."""
    wanted = {i for i in session_ids if i is not None}
    if not wanted or not child_ids:
        return set()
    return set(s.execute(select(SessionBooking.session_id, SessionBooking.child_id).where(
        SessionBooking.session_id.in_(wanted), SessionBooking.child_id.in_(child_ids),
        SessionBooking.status == "booked")))


def _club_rows(reader: RowReader, entries: Sequence[WaitingListEntry],
               booked: set[tuple[int, int]]) -> list[WaitingRow]:
    """One club's rows: offers held, the club-wide queue, then each session's queue by date."""
    rows = reader.offered(e for e in entries if e.status == "offered")
    rows += reader.queued(reader.ordered(
        [e for e in entries if e.status == "waiting" and e.session_id is None]))
    session_ids = {e.session_id for e in entries if e.status == "waiting" and e.session_id is not None}
    for sid in sorted(session_ids, key=lambda i: (reader.sessions[i].day, i)):
        session = reader.sessions[sid]
        queue = reader.ordered([e for e in entries if waits_for(e, session, booked)])
        rows += reader.queued(queue, sid)
    return rows
