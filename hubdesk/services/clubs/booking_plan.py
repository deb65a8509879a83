"""Working out a booking before anything is written, and writing it.

``make_plan`` runs every check (child left, year group, other school, club closed, not running,
school closed, already booked, overlap, travel time, full) and gives each date its free places and
problem. ``write_plan`` then books the dates without problems; the conditional UPDATE in
``take_place`` still has the last word on the last place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import cast

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from hubdesk.core.audit import record_inserts
from hubdesk.core.calendar import SchoolCalendar
from hubdesk.core.errors import Conflict, ValidationError
from hubdesk.core.models import (
    Booking,
    Child,
    Club,
    ClubSession,
    SessionBooking,
    Site,
    WaitingListEntry,
)
from hubdesk.core.rules import booking_checks as checks
from hubdesk.core.rules.booking_checks import Problem, Slot
from hubdesk.core.rules.recurrence import (
    Skipped,
    standing_days,
    weekday_set,
    weekdays_code,
    weekdays_label,
)
from hubdesk.services.clubs.queries import child_name, load_child, load_club, take_places
from hubdesk.services.clubs.term_blocks import term_block_shares
from hubdesk.services.sites import load_calendar


@dataclass(frozen=True)
class BookingRequest:
    """A standing booking (weekdays, from–to) or, with ``end_date`` None, a one-off."""

    child_id: int
    club_id: int
    start_date: date
    end_date: date | None = None
    weekdays: tuple[int, ...] = ()  # standing: empty means every day the club runs
    notes: str = ""

    @property
    def one_off(self) -> bool:
        return self.end_date is None


@dataclass(frozen=True)
class PreviewLine:
    day: date
    session_id: int | None
    start_time: time | None
    end_time: time | None
    free: int  # free places now (0 when full or not running)
    problem_code: str = ""
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem_code


@dataclass(frozen=True)
class BookingPreview:
    child_id: int
    child_name: str
    club_id: int
    club_name: str
    site: str
    lines: tuple[PreviewLine, ...]
    skipped: tuple[Skipped, ...] = ()
    problems: tuple[Problem, ...] = ()  # stop the whole booking (child left, year group…)

    @property
    def bookable(self) -> tuple[PreviewLine, ...]:
        return () if self.problems else tuple(line for line in self.lines if line.ok)

    @property
    def refused(self) -> tuple[PreviewLine, ...]:
        return tuple(line for line in self.lines if not line.ok)

    @property
    def ok(self) -> bool:
        return not self.problems and all(line.ok for line in self.lines) and bool(self.lines)


@dataclass(frozen=True)
class BookingResult:
    booking_id: int | None
    booked: tuple[date, ...]
    skipped: tuple[Skipped, ...] = ()
    refused: tuple[PreviewLine, ...] = ()
    waiting_list: tuple[date, ...] = ()  # full dates the child now waits for
    session_booking_ids: tuple[int, ...] = field(default_factory=tuple)


def validate_request(req: BookingRequest) -> None:
    if req.end_date is not None and req.end_date < req.start_date:
        raise ValidationError("The last day is before the first day.", "end_date")
    if req.end_date is not None and (req.end_date - req.start_date).days > 400:
        raise ValidationError("A standing booking can last at most one school year.", "end_date")
    if any(not 0 <= d <= 4 for d in req.weekdays):
        raise ValidationError("Clubs run Monday to Friday.", "weekdays")
    if len(req.notes) > 300:
        raise ValidationError("The note can be at most 300 characters.", "notes")


class Planner:
    """Checks for many bookings in one transaction; site calendars and travel times load once."""

    def __init__(self, s: Session, travel: Callable[[int, int], int]) -> None:
        self.s = s
        self.travel = travel
        self._calendars: dict[int, SchoolCalendar] = {}
        self._sites: dict[int, str] = {}

    def calendar(self, site_id: int) -> SchoolCalendar:
        if site_id not in self._calendars:
            self._calendars[site_id] = load_calendar(self.s, site_id)
        return self._calendars[site_id]

    def site_name(self, site_id: int) -> str:
        if not self._sites:
            self._sites = {i: n for i, n in self.s.execute(select(Site.id, Site.name))}
        return self._sites.get(site_id, "?")

    def plan(self, req: BookingRequest) -> BookingPreview:
        validate_request(req)
        s = self.s
        child, club = load_child(s, req.child_id), load_club(s, req.club_id)
        name = child_name(child)
        end = req.start_date if req.end_date is None else req.end_date
        problems = self._whole_problems(child, club, req, name)
        sessions = {x.day: x for x in s.scalars(
            select(ClubSession).where(ClubSession.club_id == club.id,
                                      ClubSession.day.between(req.start_date, end)))}
        school = None if club.kind == "holiday" else self.calendar(child.school_site_id)
        skipped: list[Skipped] = []
        if req.one_off:
            days = [req.start_date]
        else:
            wanted = set(req.weekdays) or weekday_set(club.weekdays)
            running = {d for d, x in sessions.items() if x.status == "running"}
            cancelled = {d: x.cancel_reason for d, x in sessions.items() if x.status != "running"}
            days, skipped = standing_days(wanted, req.start_date, end, running, cancelled,
                                          self.calendar(club.site_id), school)
        existing = self._existing(child.id, req.start_date, end)
        booked_here = {sid for sid, _slot in existing if sid in {x.id for x in sessions.values()}}
        slots = [slot for sid, slot in existing if sid not in booked_here]
        label = f"{club.name} at {self.site_name(club.site_id)}"
        lines = []
        for day in days:
            x = sessions.get(day)
            problem = None
            if x is None or x.status != "running":
                why = x.cancel_reason if x is not None else \
                    self.calendar(club.site_id).status(day).reason
                problem = Problem(checks.NOT_RUNNING, f"{club.name} does not run on "
                                  f"{day:%a %d/%m/%Y} ({why if why != 'open' else 'no session'}).")
                lines.append(PreviewLine(day, None, None, None, 0, problem.code, problem.message))
                continue
            free = max(x.capacity - x.booked - x.held, 0)
            if school is not None and not school.is_open(day):
                problem = Problem(checks.SCHOOL_CLOSED, f"{name}'s school is closed on "
                                  f"{day:%a %d/%m/%Y} ({school.status(day).reason}).")
            problem = problem or checks.left_problem(child.left_on, day, name)
            if problem is None and x.id in booked_here:
                problem = Problem(checks.ALREADY_BOOKED,
                                  f"{name} is already booked into {club.name} on {day:%a %d/%m}.")
            candidate = Slot(day, x.start_time, x.end_time, club.site_id, label)
            problem = problem or checks.clash_problem(candidate, slots, self.travel, name)
            if problem is None and free == 0:
                problem = Problem(checks.FULL, f"{club.name} is full on {day:%a %d/%m/%Y}; "
                                  "the child can go on the waiting list.")
            lines.append(PreviewLine(day, x.id, x.start_time, x.end_time, free,
                                     problem.code if problem else "",
                                     problem.message if problem else ""))
        return BookingPreview(child.id, name, club.id, club.name, self.site_name(club.site_id),
                              tuple(lines), tuple(skipped), tuple(problems))

    def _whole_problems(self, child: Child, club: Club, req: BookingRequest,
                        name: str) -> list[Problem]:
        problems = []
        left = checks.left_problem(child.left_on, req.start_date, name)
        if left:
            problems.append(left)
        if not club.active:
            problems.append(Problem(checks.CLUB_CLOSED, f"{club.name} is closed (not active)."))
        year = checks.year_group_problem(child.year_group, club.min_year, club.max_year, name)
        if year:
            problems.append(year)
        if child.school_site_id != club.site_id and not club.open_to_other_schools:
            problems.append(Problem(checks.OTHER_SCHOOL, f"{club.name} is only for children of "
                                    f"{self.site_name(club.site_id)}; {name} is at "
                                    f"{self.site_name(child.school_site_id)}."))
        extra = set(req.weekdays) - weekday_set(club.weekdays)
        if extra and not req.one_off:
            problems.append(Problem(checks.NOT_RUNNING, f"{club.name} does not run on "
                                    f"{weekdays_label(extra)}."))
        return problems

    def _existing(self, child_id: int, start: date, end: date) -> list[tuple[int, Slot]]:
        """The child's live bookings in the period, as (session id, slot)."""
        stmt = (select(ClubSession.id, ClubSession.day, ClubSession.start_time,
                       ClubSession.end_time, Club.site_id, Club.name)
                .join(SessionBooking, SessionBooking.session_id == ClubSession.id)
                .join(Club, Club.id == ClubSession.club_id)
                .where(SessionBooking.child_id == child_id, SessionBooking.status == "booked",
                       ClubSession.day.between(start, end)))
        return [(sid, Slot(day, st, en, site, f"{club} at {self.site_name(site)}"))
                for sid, day, st, en, site, club in self.s.execute(stmt)]


def summary(preview: BookingPreview) -> str:
    """One sentence listing what stops a booking, for a Conflict message."""
    if preview.problems:
        return " ".join(p.message for p in preview.problems)
    refused = preview.refused
    text = " ".join(line.problem for line in refused[:3])
    more = f" (and {len(refused) - 3} more dates)" if len(refused) > 3 else ""
    return text + more


def write_plan(s: Session, req: BookingRequest, preview: BookingPreview, now: datetime,
               skip_problems: bool, waiting_list: bool) -> BookingResult:
    """Book every date without a problem; refuse everything when a problem is not to be skipped."""
    if preview.problems:
        raise Conflict(summary(preview))
    if not preview.lines:
        raise Conflict(f"There is nothing to book: {preview.club_name} has no session for "
                       f"{preview.child_name} in those dates.")
    if preview.refused and not skip_problems:
        if waiting_list and all(line.problem_code == checks.FULL for line in preview.refused):
            pass  # full dates go on the waiting list, the rest is booked
        else:
            raise Conflict(summary(preview))
    booked: list[date] = []
    refused = list(preview.refused)
    full = [line for line in refused if line.problem_code == checks.FULL]
    rows: list[dict[str, object]] = []
    booking: Booking | None = None
    taken = take_places(s, [line.session_id for line in preview.bookable
                            if line.session_id is not None])
    for line in preview.bookable:
        assert line.session_id is not None
        if line.session_id not in taken:
            message = f"{preview.club_name} became full on {line.day:%a %d/%m/%Y} just now " \
                      "(booked from another computer)."
            if not (skip_problems or waiting_list):
                raise Conflict(message + " Nothing was booked; the child can go on the "
                                         "waiting list.")
            late_full = PreviewLine(line.day, line.session_id, line.start_time, line.end_time, 0,
                                    checks.FULL, message)
            refused.append(late_full)
            full.append(late_full)
            continue
        if booking is None:
            booking = _booking_row(s, req, now)
        rows.append({"booking_id": booking.id, "session_id": line.session_id, "child_id": req.child_id,
                     "status": "booked", "booked_at": now, "cancelled_at": None, "late": False,
                     "cancel_reason": ""})
        booked.append(line.day)
    shares = term_block_shares(s, req.club_id, [cast(int, r["session_id"]) for r in rows], now)
    for row in rows:
        row["block_pence"] = shares.get(cast(int, row["session_id"]))
    ids = _insert_places(s, booking, rows)
    waited: list[date] = []
    if waiting_list:
        for line in full:
            assert line.session_id is not None
            if s.scalar(select(WaitingListEntry.id).where(
                    WaitingListEntry.child_id == req.child_id,
                    WaitingListEntry.session_id == line.session_id,
                    WaitingListEntry.status.in_(("waiting", "offered")))) is None:
                s.add(WaitingListEntry(child_id=req.child_id, club_id=req.club_id,
                                       session_id=line.session_id, joined_at=now))
            waited.append(line.day)
    s.flush()
    return BookingResult(booking.id if booking else None, tuple(booked), preview.skipped,
                         tuple(refused), tuple(waited), ids)


def _insert_places(s: Session, booking: Booking | None, rows: list[dict[str, object]]) -> tuple[int, ...]:
    """Every place of a new booking in one INSERT (a term is 39 rows), audited as the ORM would.

    The ORM writes SQLite rows one statement each to learn their ids; the places of a booking just made
    are told apart by its id instead, read back in one query.
    """
    if booking is None or not rows:
        return ()
    s.execute(insert(SessionBooking), rows)
    written = s.execute(select(SessionBooking.id, SessionBooking.session_id)
                        .where(SessionBooking.booking_id == booking.id)).all()
    by_session = {session_id: row_id for row_id, session_id in written}
    ids = tuple(by_session[cast(int, row["session_id"])] for row in rows)
    record_inserts(s, SessionBooking.__tablename__,
                   [{"id": row_id, **row} for row_id, row in zip(ids, rows, strict=True)])
    return ids


def _booking_row(s: Session, req: BookingRequest, now: datetime) -> Booking:
    end = req.start_date if req.end_date is None else req.end_date
    booking = Booking(child_id=req.child_id, club_id=req.club_id,
                      kind="one_off" if req.one_off else "standing",
                      weekdays=weekdays_code(req.weekdays), start_date=req.start_date,
                      end_date=end, created_at=now, notes=req.notes.strip())
    s.add(booking)
    s.flush()
    return booking
