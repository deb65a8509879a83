"""What the register services share: the DTOs of a register, and loading whole days of them.

A register is read in a handful of queries whatever its size (sessions, bookings with children
and attendance, carers), so the cluster's ~40 sessions of a day load in one go for printing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from hubdesk.core.clock import LONDON, to_local
from hubdesk.core.errors import NotFound
from hubdesk.core.models import (
    ABSENCE_REASONS,
    CLUB_KIND_LABELS,
    Attendance,
    Booking,
    Carer,
    Child,
    ChildCarer,
    Club,
    ClubSession,
    CollectionAuthorisation,
    Room,
    SessionBooking,
    Site,
    Staff,
    fold,
    year_label,
)

MISSING_AFTER = timedelta(minutes=15)
WALKED_HOME_ALONE = "Walked home alone"
TAKEN_TO_CLASS = "Taken to class by staff"
SCHOOL_DAY_CLUBS = ("breakfast", "free_breakfast")  # children go on to class, not home
STATE_LABELS = {"expected": "Expected", "missing": "MISSING", "in": "In", "out": "Gone home",
                "absent": "Absent"}


def moment(day: date, wall: time) -> datetime:
    """A London wall-clock time on a day as a naive UTC moment (how moments are stored)."""
    return datetime.combine(day, wall, tzinfo=LONDON).astimezone(UTC).replace(tzinfo=None)


def hhmm(value: datetime | None) -> str:
    """'15:42' in London time, or '' for None."""
    return "" if value is None else to_local(value).strftime("%H:%M")


def child_label(c: Child) -> str:
    first = c.preferred_forename or c.forename
    last = c.preferred_surname or c.surname
    return f"{last}, {first}"


def carer_label(c: Carer) -> str:
    return " ".join(p for p in (c.forename, c.surname) if p) or "(no name)"


def phone_of(c: Carer) -> str:
    return c.phone_mobile or c.phone_home or c.phone_work


@dataclass(frozen=True)
class SessionHeader:
    session_id: int
    club_id: int
    club: str
    kind_label: str
    site_id: int
    site: str
    room: str
    day: date
    start_time: time
    end_time: time
    staff: tuple[str, ...]
    capacity: int
    booked: int
    status: str  # running or cancelled

    @property
    def times(self) -> str:
        return f"{self.start_time:%H:%M}–{self.end_time:%H:%M}"

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"


@dataclass(frozen=True)
class Collector:
    """Someone a child may go home with today: a carer, a one-off adult, or alone."""

    kind: str  # carer, one_off, alone
    name: str
    carer_id: int | None = None
    authorisation_id: int | None = None
    relationship: str = ""
    password: str = ""
    phone: str = ""

    @property
    def label(self) -> str:
        extra = f" ({self.relationship})" if self.relationship else ""
        return f"{self.name}{extra}"


@dataclass(frozen=True)
class RegisterLine:
    session_booking_id: int
    child_id: int
    name: str
    year: str
    school: str
    class_name: str
    photo_consent: bool
    allergies: str
    medical: str
    dietary: str
    emergency: str  # "Name (relationship): phone" of the first emergency contact
    collectors: tuple[str, ...]  # who may collect, for the paper register
    state: str  # expected, missing, in, out, absent
    one_off: bool = False
    signed_in_at: datetime | None = None
    signed_out_at: datetime | None = None
    collected_by: str = ""
    absence: str = ""
    late_minutes: int = 0
    corrected: bool = False
    attendance_id: int | None = None

    @property
    def has_medical(self) -> bool:
        return bool(self.allergies.strip() or self.medical.strip())

    @property
    def medical_summary(self) -> str:
        parts = [f"Allergies: {self.allergies.strip()}" if self.allergies.strip() else "",
                 f"Medical: {self.medical.strip()}" if self.medical.strip() else "",
                 f"Diet: {self.dietary.strip()}" if self.dietary.strip() else ""]
        return "\n".join(p for p in parts if p)

    @property
    def time_in(self) -> str:
        return hhmm(self.signed_in_at)

    @property
    def time_out(self) -> str:
        return hhmm(self.signed_out_at)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class Register:
    header: SessionHeader
    lines: tuple[RegisterLine, ...]

    def count(self, state: str) -> int:
        return sum(1 for line in self.lines if line.state == state)

    @property
    def summary(self) -> str:
        n = len(self.lines)
        parts = [f"{n} booked", f"{self.count('in')} in", f"{self.count('out')} gone home",
                 f"{self.count('absent')} absent"]
        if self.count("missing"):
            parts.append(f"{self.count('missing')} MISSING")
        return ", ".join(parts)


def state_of(a: Attendance | None, day: date, start: time, now: datetime) -> str:
    if a is not None:
        return a.status
    return "missing" if now >= moment(day, start) + MISSING_AFTER else "expected"


def session_query() -> Select[ClubSession, Club, Site, Room, Staff]:
    return (select(ClubSession, Club, Site, Room, Staff)
            .join(Club, Club.id == ClubSession.club_id)
            .join(Site, Site.id == Club.site_id)
            .outerjoin(Room, Room.id == Club.room_id)
            .outerjoin(Staff, Staff.id == Club.lead_staff_id))


def header_of(row: Sequence[object]) -> SessionHeader:
    cs, club, site, room, lead = row
    assert isinstance(cs, ClubSession) and isinstance(club, Club) and isinstance(site, Site)
    staff = (f"{lead.forename} {lead.surname} ({lead.role})",) if isinstance(lead, Staff) else ()
    return SessionHeader(cs.id, club.id, club.name, CLUB_KIND_LABELS.get(club.kind, club.kind),
                         site.id, site.name, room.name if isinstance(room, Room) else "", cs.day,
                         cs.start_time, cs.end_time, staff, cs.capacity, cs.booked, cs.status)


def load_header(s: Session, session_id: int) -> SessionHeader:
    row = s.execute(session_query().where(ClubSession.id == session_id)).first()
    if row is None:
        raise NotFound("That club session no longer exists.")
    return header_of(row)


def day_headers(s: Session, day: date, site_id: int | None = None) -> list[SessionHeader]:
    stmt = session_query().where(ClubSession.day == day)
    if site_id is not None:
        stmt = stmt.where(Club.site_id == site_id)
    rows = s.execute(stmt.order_by(Site.name, ClubSession.start_time, Club.name)).all()
    return [header_of(r) for r in rows]


@dataclass(frozen=True)
class _CarerInfo:
    emergency: str
    collectors: tuple[str, ...]


def carer_info(s: Session, child_ids: Iterable[int]) -> dict[int, _CarerInfo]:
    """Each child's first emergency contact and the adults who may collect them."""
    ids = sorted(set(child_ids))
    links: dict[int, list[tuple[ChildCarer, Carer]]] = {i: [] for i in ids}
    for chunk in range(0, len(ids), 900):
        part = ids[chunk:chunk + 900]
        for link, carer in s.execute(select(ChildCarer, Carer).join(Carer)
                                     .where(ChildCarer.child_id.in_(part))):
            links[link.child_id].append((link, carer))
    result: dict[int, _CarerInfo] = {}
    for child_id, pairs in links.items():
        pairs.sort(key=lambda p: (p[0].emergency_priority or 99, p[1].surname))
        emergency = ""
        for link, carer in pairs:
            if phone_of(carer) and not link.must_not_collect:
                rel = f" ({link.relationship_})" if link.relationship_ else ""
                emergency = f"{carer_label(carer)}{rel}: {phone_of(carer)}"
                break
        collectors = tuple(carer_label(c) for link, c in pairs if link.can_collect)
        result[child_id] = _CarerInfo(emergency, collectors)
    return result


def collected_label(a: Attendance, carers: dict[int, Carer],
                    authorisations: dict[int, CollectionAuthorisation]) -> str:
    if a.collected_kind == "alone":
        return WALKED_HOME_ALONE
    if a.collected_kind == "school":
        return TAKEN_TO_CLASS
    if a.collected_kind == "carer" and a.collected_by_carer_id in carers:
        return carer_label(carers[a.collected_by_carer_id])
    if a.collected_kind == "one_off" and a.authorisation_id in authorisations:
        return f"{authorisations[a.authorisation_id].adult_name} (one-off)"
    return ""


def load_registers(s: Session, headers: list[SessionHeader], now: datetime) -> list[Register]:
    """The registers of the given sessions, children sorted by name, in few queries."""
    if not headers:
        return []
    by_id = {h.session_id: h for h in headers}
    school = aliased(Site)
    rows: list[Any] = []
    ids = list(by_id)
    for chunk in range(0, len(ids), 900):
        rows += s.execute(
            select(SessionBooking.id, SessionBooking.session_id, Booking.kind, Child,
                   school.name, Attendance)
            .join(Booking, Booking.id == SessionBooking.booking_id)
            .join(Child, Child.id == SessionBooking.child_id)
            .join(school, school.id == Child.school_site_id)
            .outerjoin(Attendance, Attendance.session_booking_id == SessionBooking.id)
            .where(SessionBooking.session_id.in_(ids[chunk:chunk + 900]),
                   SessionBooking.status == "booked")).all()
    info = carer_info(s, (r[3].id for r in rows))
    attendance = [r[5] for r in rows if r[5] is not None]
    carer_ids = {a.collected_by_carer_id for a in attendance if a.collected_by_carer_id}
    auth_ids = {a.authorisation_id for a in attendance if a.authorisation_id}
    carers = {c.id: c for c in s.scalars(select(Carer).where(Carer.id.in_(carer_ids)))} \
        if carer_ids else {}
    auths = {x.id: x for x in s.scalars(select(CollectionAuthorisation)
                                        .where(CollectionAuthorisation.id.in_(auth_ids)))} \
        if auth_ids else {}
    lines: dict[int, list[RegisterLine]] = {sid: [] for sid in by_id}
    for sb_id, session_id, kind, child, school_name, a in rows:
        h = by_id[session_id]
        ci = info[child.id]
        absence = ""
        if a is not None and a.status == "absent" and a.absence_reason:
            absence = ABSENCE_REASONS[a.absence_reason] + (f": {a.absence_note}"
                                                           if a.absence_note else "")
        lines[session_id].append(RegisterLine(
            sb_id, child.id, child_label(child), year_label(child.year_group), school_name,
            child.class_name, child.consent_photos, child.allergies, child.medical_notes,
            child.dietary_needs, ci.emergency, ci.collectors,
            state_of(a, h.day, h.start_time, now), kind == "one_off",
            a.signed_in_at if a else None, a.signed_out_at if a else None,
            collected_label(a, carers, auths) if a else "", absence,
            a.late_minutes if a else 0, bool(a and a.corrected_at), a.id if a else None))
    return [Register(h, tuple(sorted(lines[h.session_id], key=lambda x: (fold(x.name), x.child_id))))
            for h in headers]
