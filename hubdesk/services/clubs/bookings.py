"""Booking children into clubs: preview, confirm, cancel, book a class, and a child's history.

Every method is one transaction. A booking is checked in full before anything is written; the
database has the last word on the last place (see ``club_common.take_place``). Cancelled bookings
stay, with the moment and whether it was after the cut-off (late).
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.errors import Conflict, DomainError, NotFound, ValidationError
from hubdesk.core.models import Booking, Child, Club, ClubSession, SessionBooking
from hubdesk.core.rules.booking_checks import is_late
from hubdesk.core.rules.recurrence import weekdays_label
from hubdesk.services.base import Service
from hubdesk.services.clubs.booking_plan import (
    BookingPreview,
    BookingRequest,
    BookingResult,
    Planner,
    write_plan,
)
from hubdesk.services.clubs.queries import (
    child_name,
    free_places,
    load_club,
    load_rules,
    start_moment,
    time_span,
)
from hubdesk.services.clubs.waiting_lists import Offer, offer_freed
from hubdesk.services.sites import load_travel


@dataclass(frozen=True)
class CancelResult:
    cancelled: int
    late: int  # how many of them were after the cut-off
    days: tuple[date, ...]
    offers: tuple[Offer, ...]  # places now offered to children on waiting lists


@dataclass(frozen=True)
class ClassRequest:
    """Book a class: the chosen children of one school and year group into one club."""

    school_id: int
    year_group: int
    child_ids: tuple[int, ...]
    club_id: int
    start_date: date
    end_date: date | None = None  # None: a one-off on start_date
    weekdays: tuple[int, ...] = ()


@dataclass(frozen=True)
class ClassRefusal:
    child_id: int
    child_name: str
    reason: str


@dataclass(frozen=True)
class ClassReport:
    booked: tuple[tuple[int, str, int], ...]  # (child id, name, sessions booked)
    refused: tuple[ClassRefusal, ...]


@dataclass(frozen=True)
class BookingLine:
    """One of a child's session bookings, for the history (cancelled ones included)."""

    session_booking_id: int
    booking_id: int
    kind: str  # standing or one_off
    club_id: int
    club_name: str
    day: date
    times: str
    status: str
    late: bool
    cancelled_at: datetime | None
    cancel_reason: str


@dataclass(frozen=True)
class BookingSummary:
    """A standing or one-off booking as the family asked for it."""

    id: int
    club_id: int
    club_name: str
    kind: str
    weekdays: str
    start_date: date
    end_date: date
    cancelled_from: date | None
    live_sessions: int


class BookingService(Service):

    def preview(self, request: BookingRequest) -> BookingPreview:
        """Each date with its free places and problems; nothing is written."""
        with self._read() as s:
            return Planner(s, load_travel(s)).plan(request)

    def confirm(self, request: BookingRequest, skip_problems: bool = False,
                waiting_list: bool = False) -> BookingResult:
        """Book it. Any problem refuses the whole booking unless ``skip_problems`` (book the rest);
        with ``waiting_list`` the full dates put the child on those sessions' waiting lists."""
        with self._write() as s:
            preview = Planner(s, load_travel(s)).plan(request)
            return write_plan(s, request, preview, self._clock.now(), skip_problems, waiting_list)

    def cancel(self, session_booking_id: int, reason: str = "") -> CancelResult:
        """Cancel one session booking; late when after the cut-off before the session."""
        with self._write() as s:
            found = s.get(SessionBooking, session_booking_id)
            if found is None:
                raise NotFound("That booking no longer exists.")
            if found.status == "cancelled":
                raise Conflict("This booking was already cancelled.")
            return self._cancel(s, [found], reason)

    def cancel_from(self, booking_id: int, from_day: date, reason: str = "") -> CancelResult:
        """Cancel a standing (or one-off) booking from a date on; earlier sessions stay."""
        with self._write() as s:
            booking = s.get(Booking, booking_id)
            if booking is None:
                raise NotFound("That booking no longer exists.")
            rows = s.scalars(
                select(SessionBooking).join(ClubSession,
                                            ClubSession.id == SessionBooking.session_id)
                .where(SessionBooking.booking_id == booking_id,
                       SessionBooking.status == "booked", ClubSession.day >= from_day)).all()
            if not rows:
                raise Conflict(f"Nothing is booked from {from_day:%d/%m/%Y} on in this booking.")
            result = self._cancel(s, list(rows), reason)
            now = self._clock.now()
            booking.cancelled_from = max(from_day, booking.start_date)
            booking.cancelled_at = now
            return result

    def _cancel(self, s: Session, rows: builtins.list[SessionBooking],
                reason: str) -> CancelResult:
        now = self._clock.now()
        if len(reason) > 200:
            raise ValidationError("The reason can be at most 200 characters.", "reason")
        cutoff = load_rules(s).late_cutoff_hours
        sessions = {x.id: x for x in s.scalars(select(ClubSession).where(
            ClubSession.id.in_([r.session_id for r in rows])))}
        late = 0
        for row in rows:
            session = sessions[row.session_id]
            start = start_moment(session.day, session.start_time)
            if start <= now:
                raise Conflict(f"The session on {session.day:%a %d/%m/%Y} has already started; "
                               "record an absence in the register instead.")
            row.status, row.cancelled_at = "cancelled", now
            row.late = is_late(start, now, cutoff)
            row.cancel_reason = reason.strip()
            late += row.late
        s.flush()
        running = [r.session_id for r in rows if sessions[r.session_id].status == "running"]
        free_places(s, running)
        offers = [offer for sid in running if (offer := offer_freed(s, sid, now)) is not None]
        days = tuple(sorted(sessions[r.session_id].day for r in rows))
        return CancelResult(len(rows), late, days, tuple(offers))

    def book_class(self, request: ClassRequest) -> ClassReport:
        """Book the ticked children of a class in one transaction; refused children are listed
        with the reason, the others are booked (dates with problems are left out)."""
        if not request.child_ids:
            raise ValidationError("Tick at least one child.", "child_ids")
        with self._write() as s:
            load_club(s, request.club_id)
            planner = Planner(s, load_travel(s))
            children = {c.id: c for c in s.scalars(select(Child).where(
                Child.id.in_(request.child_ids)))}
            booked: list[tuple[int, str, int]] = []
            refused: list[ClassRefusal] = []
            for child_id in request.child_ids:
                child = children.get(child_id)
                if child is None:
                    refused.append(ClassRefusal(child_id, "?", "This child no longer exists."))
                    continue
                name = child_name(child)
                if (child.school_site_id, child.year_group) != (request.school_id,
                                                                 request.year_group):
                    refused.append(ClassRefusal(child_id, name, "Not in the chosen class."))
                    continue
                single = BookingRequest(child_id, request.club_id, request.start_date,
                                        request.end_date, request.weekdays)
                preview = planner.plan(single)
                if not preview.bookable:
                    why = preview.problems[0].message if preview.problems else (
                        preview.refused[0].problem if preview.refused else "nothing to book")
                    refused.append(ClassRefusal(child_id, name, why))
                    continue
                try:
                    with s.begin_nested():
                        result = write_plan(s, single, preview, self._clock.now(), True, False)
                except DomainError as exc:
                    refused.append(ClassRefusal(child_id, name, str(exc)))
                    continue
                booked.append((child_id, name, len(result.booked)))
            return ClassReport(tuple(booked), tuple(refused))

    def history(self, child_id: int, include_cancelled: bool = True) -> builtins.list[BookingLine]:
        """A child's session bookings, newest first; cancelled ones stay visible."""
        stmt = (select(SessionBooking, Booking.kind, Club.id, Club.name, ClubSession)
                .join(Booking, Booking.id == SessionBooking.booking_id)
                .join(ClubSession, ClubSession.id == SessionBooking.session_id)
                .join(Club, Club.id == ClubSession.club_id)
                .where(SessionBooking.child_id == child_id)
                .order_by(ClubSession.day.desc(), ClubSession.start_time))
        if not include_cancelled:
            stmt = stmt.where(SessionBooking.status == "booked")
        with self._read() as s:
            if s.get(Child, child_id) is None:
                raise NotFound("That child no longer exists.")
            return [BookingLine(sb.id, sb.booking_id, kind, cid, cname, x.day,
                                time_span(x.start_time, x.end_time), sb.status, sb.late,
                                sb.cancelled_at, sb.cancel_reason)
                    for sb, kind, cid, cname, x in s.execute(stmt)]

    def bookings_of(self, child_id: int) -> builtins.list[BookingSummary]:
        """The child's standing and one-off bookings, for 'cancel from a date'."""
        with self._read() as s:
            rows = s.execute(select(Booking, Club.name).join(Club, Club.id == Booking.club_id)
                             .where(Booking.child_id == child_id)
                             .order_by(Booking.start_date.desc())).all()
            live: dict[int, int] = {}
            for bid, in s.execute(select(SessionBooking.booking_id).where(
                    SessionBooking.child_id == child_id, SessionBooking.status == "booked")):
                live[bid] = live.get(bid, 0) + 1
            return [BookingSummary(b.id, b.club_id, name, b.kind,
                                   weekdays_label(b.weekdays) if b.weekdays else "",
                                   b.start_date, b.end_date, b.cancelled_from, live.get(b.id, 0))
                    for b, name in rows]

