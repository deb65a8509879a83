"""Taking the register: sign in (one click, time correctable), sign out to an adult allowed to
collect, absences, unbooked arrivals, and one-off collection permissions.

Every write goes through ORM objects, so the audit hook keeps the history of each register entry.
A child is released only to a carer marked "can collect" (never one marked "must not collect"),
to an adult a parent authorised for that day, or alone where the walk-home consent exists.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hubdesk.core.audit import record_event
from hubdesk.core.clock import to_local
from hubdesk.core.errors import Conflict, NotFound, ValidationError
from hubdesk.core.models import (
    Attendance,
    Booking,
    Carer,
    Child,
    ChildCarer,
    Club,
    ClubSession,
    CollectionAuthorisation,
    SessionBooking,
    Site,
)
from hubdesk.core.vocabulary import ABSENCE_REASONS, search_words, year_label
from hubdesk.services.base import Service
from hubdesk.services.progress import NO_PROGRESS, Progress
from hubdesk.services.registers.collect import check_collector, collectors_of
from hubdesk.services.registers.late import load_fee_rule, minutes_after
from hubdesk.services.registers.queries import (
    SCHOOL_DAY_CLUBS,
    TAKEN_TO_CLASS,
    Collector,
    Register,
    RegisterLine,
    SessionHeader,
    carer_label,
    child_label,
    day_headers,
    load_header,
    load_registers,
    moment,
    phone_of,
)

FUTURE_SLACK = timedelta(minutes=2)  # PC clocks differ a little


@dataclass(frozen=True)
class SiteDay:
    """A site with the number of sessions it runs on a day, for the site picker."""

    site_id: int
    name: str
    sessions: int


@dataclass(frozen=True)
class ChildChoice:
    child_id: int
    name: str
    school: str
    year: str


class RegisterService(Service):
    # --- reading ---------------------------------------------------------------------------
    def sites(self, day: date) -> list[SiteDay]:
        """Every active site, with how many club sessions it runs on ``day``."""
        with self._read() as s:
            counts: dict[int, int] = {}
            for h in day_headers(s, day):
                counts[h.site_id] = counts.get(h.site_id, 0) + 1
            sites = s.scalars(select(Site).where(Site.active.is_(True)).order_by(Site.name))
            return [SiteDay(x.id, x.name, counts.get(x.id, 0)) for x in sites]

    def sites_named(self) -> list[tuple[int, str, str]]:
        """(id, name, short name) of every site, for finding one by name."""
        with self._read() as s:
            return [(x.id, x.name, x.short_name) for x in s.scalars(select(Site).order_by(Site.name))]

    def sessions(self, day: date, site_id: int | None = None) -> list[SessionHeader]:
        with self._read() as s:
            return day_headers(s, day, site_id)

    def register(self, session_id: int, now: datetime | None = None) -> Register:
        """One session's register: every booked child, with what happened so far."""
        with self._read() as s:
            return self._medical_shown(
                load_registers(s, [load_header(s, session_id)], now or self._clock.now())[0])

    def line(self, session_booking_id: int, now: datetime | None = None) -> RegisterLine:
        """One child's line, re-read after a change (quicker than the whole register)."""
        with self._read() as s:
            return self._medical_shown(_line(s, session_booking_id, now or self._clock.now()))

    def day_registers(self, day: date, site_id: int | None = None, now: datetime | None = None,
                      include_cancelled: bool = False,
                      progress: Progress = NO_PROGRESS) -> list[Register]:
        """Every register of a day (optionally one site), for printing."""
        progress.step(0, 2, "Reading the registers…")
        with self._read() as s:
            headers = [h for h in day_headers(s, day, site_id)
                       if include_cancelled or not h.cancelled]
            result = load_registers(s, headers, now or self._clock.now())
        progress.step(1, 2, "Laying out the pages…")
        return [self._medical_shown(register) for register in result]

    def collectors(self, session_booking_id: int) -> list[Collector]:
        """Who may take the child home from this session, with passwords to check.

        Passwords are blank for a role that may not see them; a signed-in person shown them is
        recorded in the audit."""
        shown = self._may("children.passwords")
        logged = shown and self._actor.user_id is not None
        with self._write(only_logging=True) if logged else self._read() as s:
            sb = _booked(s, session_booking_id)
            session = s.get(ClubSession, sb.session_id)
            assert session is not None
            club = s.get(Club, session.club_id)
            to_class = club is not None and club.kind in SCHOOL_DAY_CLUBS
            found = ([Collector("school", TAKEN_TO_CLASS)] if to_class else []) + \
                collectors_of(s, sb.child_id, session.day)
            if logged and any(c.password for c in found):
                record_event(s, "children", str(sb.child_id),
                             {"opened": [None, "collection passwords"]}, child_id=sb.child_id)
        return found if shown else [dataclasses.replace(c, password="") for c in found]

    def find_children(self, query: str, limit: int = 20) -> list[ChildChoice]:
        """Children on roll matching a name, to add an unbooked arrival."""
        words = search_words(query)
        if not words:
            return []
        stmt = select(Child, Site.name).join(Site, Site.id == Child.school_site_id) \
            .where(Child.left_on.is_(None))
        for word in words:
            stmt = stmt.where(Child.search_key.contains(word, autoescape=True))
        with self._read() as s:
            rows = s.execute(stmt.order_by(Child.sort_key).limit(limit)).all()
            return [ChildChoice(c.id, child_label(c), school, year_label(c.year_group))
                    for c, school in rows]

    # --- writing ---------------------------------------------------------------------------
    def sign_in(self, session_booking_id: int, at: datetime | None = None) -> RegisterLine:
        """Sign a booked child in now (or at a corrected moment of the session's day)."""
        now = self._clock.now()
        with self._write() as s:
            sb = _booked(s, session_booking_id)
            session = _running(s, sb.session_id)
            at = _check_moment(at or now, session.day, now, "sign-in")
            a = _attendance(s, sb)
            if a is not None and a.status in ("in", "out"):
                raise Conflict(f"{_name(s, sb.child_id)} was already signed in at "
                               f"{to_local(a.signed_in_at or at):%H:%M}. Correct the time instead.")
            if a is None:
                a = Attendance(session_booking_id=sb.id, session_id=sb.session_id,
                               child_id=sb.child_id)
                s.add(a)
            a.status, a.signed_in_at, a.signed_in_by = "in", at, _user(s)
            a.absence_reason, a.absence_note = None, ""
            s.flush()
            return self._medical_shown(_line(s, session_booking_id, self._clock.now()))

    def sign_out(self, session_booking_id: int, collector: Collector,
                 at: datetime | None = None, password_checked: bool = False) -> RegisterLine:
        """Sign a child out to an adult allowed to collect, or alone with the consent."""
        now = self._clock.now()
        with self._write() as s:
            sb = _booked(s, session_booking_id)
            session = _running(s, sb.session_id)
            a = _attendance(s, sb)
            name = _name(s, sb.child_id)
            if a is None or a.status == "absent":
                raise Conflict(f"{name} is not signed in, so cannot be signed out. "
                               "Sign them in first (correct the time if needed).")
            if a.status == "out":
                raise Conflict(f"{name} was already signed out at "
                               f"{to_local(a.signed_out_at or now):%H:%M}.")
            at = _check_moment(at or now, session.day, now, "sign-out")
            assert a.signed_in_at is not None
            if a.signed_in_at.replace(second=0, microsecond=0) <= at < a.signed_in_at:
                at = a.signed_in_at  # out in the minute they came in: times are typed to the minute
            if at < a.signed_in_at:
                raise ValidationError(f"The sign-out time is before {name} was signed in "
                                      f"({to_local(a.signed_in_at):%H:%M}).", "signed_out_at")
            if collector.kind == "school":
                club = s.get(Club, session.club_id)
                if club is None or club.kind not in SCHOOL_DAY_CLUBS:
                    raise Conflict("Only breakfast-club children are taken on to class; after "
                                   "this club a child goes home with an adult who may collect.")
            else:
                check_collector(s, sb.child_id, session.day, collector, name)
            # staff taking breakfast children on to class is never a parent's late collection
            late = 0 if collector.kind == "school" else minutes_after(
                moment(session.day, session.end_time), at)
            a.status, a.signed_out_at, a.signed_out_by = "out", at, _user(s)
            a.collected_kind = collector.kind
            a.collected_by_carer_id = collector.carer_id if collector.kind == "carer" else None
            a.authorisation_id = collector.authorisation_id if collector.kind == "one_off" else None
            a.password_checked = password_checked
            a.late_minutes, a.late_fee_pence = late, load_fee_rule(s).fee(late)
            s.flush()
            return self._medical_shown(_line(s, session_booking_id, self._clock.now()))

    def undo_sign_out(self, session_booking_id: int) -> RegisterLine:
        """Put a child signed out by mistake back on the 'in' list (the history keeps both)."""
        with self._write() as s:
            sb = _booked(s, session_booking_id)
            a = _attendance(s, sb)
            if a is None or a.status != "out":
                raise Conflict(f"{_name(s, sb.child_id)} is not signed out.")
            a.status, a.signed_out_at, a.signed_out_by = "in", None, ""
            a.collected_kind, a.collected_by_carer_id, a.authorisation_id = None, None, None
            a.password_checked, a.late_minutes, a.late_fee_pence = False, 0, 0
            _corrected(s, a, "sign-out undone", self._clock.now())
            s.flush()
            return self._medical_shown(_line(s, session_booking_id, self._clock.now()))

    def correct_times(self, session_booking_id: int, signed_in_at: datetime,
                      signed_out_at: datetime | None = None, note: str = "") -> RegisterLine:
        """Correct recorded times (e.g. signed in late on the PC); who and when is kept."""
        now = self._clock.now()
        with self._write() as s:
            sb = _booked(s, session_booking_id)
            session = _running(s, sb.session_id)
            a = _attendance(s, sb)
            if a is None or a.status == "absent":
                raise Conflict(f"{_name(s, sb.child_id)} is not signed in; sign them in first.")
            _check_moment(signed_in_at, session.day, now, "sign-in")
            if a.status == "out":
                if signed_out_at is None:
                    raise ValidationError("Give the sign-out time too.", "signed_out_at")
                _check_moment(signed_out_at, session.day, now, "sign-out")
                if signed_out_at < signed_in_at:
                    raise ValidationError("The sign-out time is before the sign-in time.",
                                          "signed_out_at")
                late = 0 if a.collected_kind == "school" else minutes_after(
                    moment(session.day, session.end_time), signed_out_at)
                a.signed_out_at, a.late_minutes = signed_out_at, late
                a.late_fee_pence = load_fee_rule(s).fee(late)
            elif signed_out_at is not None:
                raise ValidationError("The child is not signed out yet.", "signed_out_at")
            a.signed_in_at = signed_in_at
            _corrected(s, a, note.strip()[:300], now)
            s.flush()
            return self._medical_shown(_line(s, session_booking_id, self._clock.now()))

    def mark_absent(self, session_booking_id: int, reason: str, note: str = "") -> RegisterLine:
        if reason not in ABSENCE_REASONS:
            raise ValidationError("Choose a reason: ill, holiday, no-show, collected early from "
                                  "school or other.", "reason")
        if reason == "other" and not note.strip():
            raise ValidationError("Say why, for 'other'.", "note")
        if len(note.strip()) > 300:
            raise ValidationError("The note can be at most 300 characters.", "note")
        with self._write() as s:
            sb = _booked(s, session_booking_id)
            _running(s, sb.session_id)
            a = _attendance(s, sb)
            if a is not None and a.status in ("in", "out"):
                raise Conflict(f"{_name(s, sb.child_id)} was signed in at "
                               f"{to_local(a.signed_in_at or self._clock.now()):%H:%M}, so cannot be "
                               "absent. If that was a mistake, correct the register entry.")
            if a is None:
                a = Attendance(session_booking_id=sb.id, session_id=sb.session_id,
                               child_id=sb.child_id)
                s.add(a)
            a.status, a.absence_reason, a.absence_note = "absent", reason, note.strip()
            s.flush()
            return self._medical_shown(_line(s, session_booking_id, self._clock.now()))

    def add_unbooked(self, session_id: int, child_id: int, sign_in: bool = True) -> RegisterLine:
        """Book a child who arrived without a booking (a one-off, if there is room)."""
        now = self._clock.now()
        with self._write() as s:
            session = _running(s, session_id)
            child = s.get(Child, child_id)
            if child is None:
                raise NotFound("That child no longer exists.")
            name = child_label(child)
            if child.left_on is not None and child.left_on <= session.day:
                raise Conflict(f"{name} has left; they cannot be booked.")
            existing = s.scalar(select(SessionBooking).where(
                SessionBooking.session_id == session_id, SessionBooking.child_id == child_id,
                SessionBooking.status == "booked"))
            if existing is not None:
                raise Conflict(f"{name} is already on this register.")
            if not _take_place(s, session_id):
                raise Conflict(f"The session is full ({session.capacity} places). "
                               f"{name} cannot be added without going over the numbers.")
            booking = Booking(child_id=child_id, club_id=session.club_id, kind="one_off",
                              weekdays=str(session.day.weekday()), start_date=session.day,
                              end_date=session.day, created_at=now,
                              notes="Arrived unbooked; added on the register")
            s.add(booking)
            s.flush()
            sb = SessionBooking(booking_id=booking.id, session_id=session_id, child_id=child_id,
                                status="booked", booked_at=now)
            s.add(sb)
            s.flush()
            if sign_in:
                at = _check_moment(now, session.day, now, "sign-in")
                s.add(Attendance(session_booking_id=sb.id, session_id=session_id,
                                 child_id=child_id, status="in", signed_in_at=at,
                                 signed_in_by=_user(s)))
                s.flush()
            return self._medical_shown(_line(s, sb.id, self._clock.now()))

    def authorise_one_off(self, child_id: int, day: date, adult_name: str,
                          authorised_by_carer_id: int, given_how: str, description: str = "",
                          password: str = "") -> int:
        """Record a parent's permission for another adult to collect the child on one day."""
        adult_name, given_how = adult_name.strip(), given_how.strip()
        if not adult_name:
            raise ValidationError("Enter the name of the adult collecting.", "adult_name")
        if not given_how:
            raise ValidationError("Say how the parent gave permission (phone call, note).",
                                  "given_how")
        if len(adult_name) > 150 or len(description) > 300 or len(password) > 60 \
                or len(given_how) > 40:
            raise ValidationError("That is too long to keep; shorten it.", "description")
        with self._write() as s:
            child = s.get(Child, child_id)
            if child is None:
                raise NotFound("That child no longer exists.")
            link = s.get(ChildCarer, (child_id, authorised_by_carer_id))
            if link is None or not link.parental_responsibility or link.must_not_collect:
                raise Conflict("Only a parent or carer with parental responsibility for "
                               f"{child_label(child)} can authorise someone else to collect.")
            row = CollectionAuthorisation(
                child_id=child_id, day=day, adult_name=adult_name,
                description=description.strip(), password=password.strip(),
                authorised_by_carer_id=authorised_by_carer_id, given_how=given_how,
                recorded_by=_user(s), recorded_at=self._clock.now())
            s.add(row)
            s.flush()
            return row.id

    def cancel_authorisation(self, authorisation_id: int) -> None:
        with self._write() as s:
            row = s.get(CollectionAuthorisation, authorisation_id)
            if row is None:
                raise NotFound("That permission no longer exists.")
            if row.cancelled_at is None:
                row.cancelled_at = self._clock.now()

    def parents(self, child_id: int) -> list[Collector]:
        """Carers with parental responsibility: who can authorise a one-off collection."""
        with self._read() as s:
            rows = s.execute(select(ChildCarer, Carer).join(Carer).where(
                ChildCarer.child_id == child_id, ChildCarer.parental_responsibility.is_(True),
                ChildCarer.must_not_collect.is_(False)).order_by(Carer.surname)).all()
            return [Collector("carer", carer_label(c), c.id, None, link.relationship_, "",
                              phone_of(c)) for link, c in rows]


def _line(s: Session, session_booking_id: int, now: datetime) -> RegisterLine:
    sb = _booked(s, session_booking_id)
    register = load_registers(s, [load_header(s, sb.session_id)], now)[0]
    return next(x for x in register.lines if x.session_booking_id == session_booking_id)


def _user(s: Session) -> str:
    return str(s.info.get("user") or "")


def _name(s: Session, child_id: int) -> str:
    child = s.get(Child, child_id)
    return child_label(child) if child is not None else "The child"


def _booked(s: Session, session_booking_id: int) -> SessionBooking:
    sb = s.get(SessionBooking, session_booking_id)
    if sb is None or sb.status != "booked":
        raise NotFound("That booking is no longer on the register (it was cancelled). "
                       "Refresh the register.")
    return sb


def _running(s: Session, session_id: int) -> ClubSession:
    session = s.get(ClubSession, session_id)
    if session is None:
        raise NotFound("That club session no longer exists.")
    if session.status != "running":
        raise Conflict(f"This session ({session.day:%a %d/%m/%Y}) was cancelled; its register "
                       "cannot be taken.")
    return session


def _attendance(s: Session, sb: SessionBooking) -> Attendance | None:
    return s.scalar(select(Attendance).where(Attendance.session_booking_id == sb.id))


def _check_moment(at: datetime, day: date, now: datetime, what: str) -> datetime:
    """Refuse a time in the future or on another day than the session's (London time)."""
    if at > now + FUTURE_SLACK:
        if to_local(now).date() < day:
            raise Conflict(f"This session is on {day:%a %d/%m/%Y}; its register is taken on "
                           "the day.")
        raise ValidationError(f"The {what} time is in the future.", f"{what}_at")
    if to_local(at).date() != day:
        raise ValidationError(f"The {what} time must be on the day of the session "
                              f"({day:%d/%m/%Y}).", f"{what}_at")
    return at


def _corrected(s: Session, a: Attendance, note: str, now: datetime) -> None:
    a.corrected_by, a.corrected_at, a.correction_note = _user(s), now, note


def _take_place(s: Session, session_id: int) -> bool:
    """One more booked place if one is free (a conditional UPDATE, safe with two PCs)."""
    t = ClubSession
    result = s.execute(update(t).where(t.id == session_id, t.status == "running",
                                       t.booked + t.held < t.capacity)
                       .values(booked=t.booked + 1)
                       .execution_options(synchronize_session=False))
    changed = int(result.rowcount) == 1  # type: ignore[attr-defined]  # an UPDATE gives a CursorResult
    if changed:
        s.expire(s.get_one(ClubSession, session_id), ["booked"])
    return changed
