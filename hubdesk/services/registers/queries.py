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
    Attendance,
    Booking,
    Carer,
    Child,
    ChildCarer,
    Club,
    ClubSession,
    CollectionAuthorisation,
    MedicinePermission,
    Room,
    SessionBooking,
    Site,
    Staff,
)
from hubdesk.core.rules.medical import must_act
from hubdesk.core.vocabulary import ABSENCE_REASONS, CLUB_KIND_LABELS, fold, year_label
from hubdesk.services.registers.staff import with_rota_staff

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


def child_label(c: Child | Any) -> str:
    first = c.preferred_forename or c.forename
    last = c.preferred_surname or c.surname
    return f"{last}, {first}"


def carer_label(c: Carer | Any) -> str:
    return " ".join(p for p in (c.forename, c.surname) if p) or "(no name)"


def phone_of(c: Carer | Any) -> str:
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
    lead: str = ""  # the club's lead, "Name (role)": on duty when the rota has nobody
    kind: str = ""  # the club's kind: breakfast, after_school, …

    @property
    def to_class(self) -> bool:
        """A breakfast club: children go on to class with staff, not home."""
        return self.kind in SCHOOL_DAY_CLUBS

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
    medicines: tuple[str, ...] = ()  # current written permissions: "Inhaler 2 puffs (when wheezy)"
    date_of_birth: date | None = None  # tells apart two children of the same name
    signed_in_by: str = ""
    signed_out_by: str = ""
    password_checked: bool = False

    @property
    def has_medical(self) -> bool:
        return bool(self.allergies.strip() or self.medical.strip() or self.medicines)

    @property
    def must_act(self) -> bool:
        """Needs staff must act on (allergy, emergency condition, medicine), not only know."""
        return must_act(self.allergies, self.medical, self.medicines)

    @property
    def medical_summary(self) -> str:
        parts = [f"Allergies: {self.allergies.strip()}" if self.allergies.strip() else "",
                 f"Medical: {self.medical.strip()}" if self.medical.strip() else "",
                 f"Medicine: {'; '.join(self.medicines)}" if self.medicines else "",
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
        gone = "taken to class" if self.header.to_class else "gone home"
        parts = [f"{n} booked", f"{self.count('in')} in", f"{self.count('out')} {gone}",
                 f"{self.count('absent')} absent"]
        if self.count("missing"):
            parts.append(f"{self.count('missing')} MISSING")
        return ", ".join(parts)


def session_query() -> Select[*tuple[Any, ...]]:
    """The columns a register's heading shows (whole rows of five tables cost the first register
    shown a fifth of a second in setting up the ORM's loading)."""
    return (select(ClubSession.id, Club.id, Club.name, Club.kind, Site.id, Site.name, Room.name,
                   ClubSession.day, ClubSession.start_time, ClubSession.end_time,
                   ClubSession.capacity, ClubSession.booked, ClubSession.status,
                   Staff.forename, Staff.surname, Staff.role)
            .join(Club, Club.id == ClubSession.club_id)
            .join(Site, Site.id == Club.site_id)
            .outerjoin(Room, Room.id == Club.room_id)
            .outerjoin(Staff, Staff.id == Club.lead_staff_id))


def header_of(row: Sequence[Any]) -> SessionHeader:
    (session_id, club_id, club, kind, site_id, site, room, day, start, end, capacity, booked,
     status, forename, surname, role) = row
    named = f"{forename} {surname} ({role})" if forename is not None else ""
    return SessionHeader(session_id, club_id, club, CLUB_KIND_LABELS.get(kind, kind), site_id, site,
                         room or "", day, start, end, (named,) if named else (), capacity, booked,
                         status, named, kind)


def load_header(s: Session, session_id: int) -> SessionHeader:
    row = s.execute(session_query().where(ClubSession.id == session_id)).first()
    if row is None:
        raise NotFound("That club session no longer exists.")
    return with_rota_staff(s, [header_of(row)])[0]


def day_headers(s: Session, day: date, site_id: int | None = None) -> list[SessionHeader]:
    stmt = session_query().where(ClubSession.day == day)
    if site_id is not None:
        stmt = stmt.where(Club.site_id == site_id)
    rows = s.execute(stmt.order_by(Site.name, ClubSession.start_time, Club.name)).all()
    return with_rota_staff(s, [header_of(r) for r in rows])


@dataclass(frozen=True)
class _CarerInfo:
    emergency: str
    collectors: tuple[str, ...]


def carer_info(s: Session, child_ids: Iterable[int]) -> dict[int, _CarerInfo]:
    """Each child's first emergency contact and the adults who may collect them."""
    ids = sorted(set(child_ids))
    links: dict[int, list[Any]] = {i: [] for i in ids}
    for chunk in range(0, len(ids), 900):
        part = ids[chunk:chunk + 900]
        for row in s.execute(select(
                ChildCarer.child_id, ChildCarer.emergency_priority, ChildCarer.relationship_,
                ChildCarer.can_collect, ChildCarer.must_not_collect, Carer.forename,
                Carer.surname, Carer.phone_mobile, Carer.phone_home, Carer.phone_work)
                .join(Carer, Carer.id == ChildCarer.carer_id)
                .where(ChildCarer.child_id.in_(part))):
            links[row.child_id].append(row)
    result: dict[int, _CarerInfo] = {}
    for child_id, rows in links.items():
        rows.sort(key=lambda r: (r.emergency_priority or 99, r.surname))
        emergency = ""
        for r in rows:
            phone = phone_of(r)
            if phone and not r.must_not_collect:
                rel = f" ({r.relationship_})" if r.relationship_ else ""
                emergency = f"{carer_label(r)}{rel}: {phone}"
                break
        collectors = dict.fromkeys(carer_label(r) for r in rows if r.can_collect)
        result[child_id] = _CarerInfo(emergency, tuple(collectors))
    return result


def current_medicines(s: Session, child_ids: set[int],
                      days: set[date]) -> dict[tuple[int, date], tuple[str, ...]]:
    """(child, day) -> the medicines a parent's written permission covers that day."""
    if not child_ids or not days:
        return {}
    p = MedicinePermission
    found: dict[tuple[int, date], list[str]] = {}
    ids = sorted(child_ids)
    for chunk in range(0, len(ids), 900):
        for r in s.execute(select(p.child_id, p.medicine, p.dose, p.when_to_give, p.signed_on,
                                  p.valid_until)
                           .where(p.child_id.in_(ids[chunk:chunk + 900]), p.ended_at.is_(None),
                                  p.signed_on <= max(days))
                           .order_by(p.medicine, p.id)):
            label = f"{r.medicine} {r.dose}" + (f" ({r.when_to_give})" if r.when_to_give else "")
            for day in days:
                if r.signed_on <= day and (r.valid_until is None or day <= r.valid_until):
                    found.setdefault((r.child_id, day), []).append(label)
    return {key: tuple(value) for key, value in found.items()}


def _collected(r: Any, carers: dict[int, str], authorisations: dict[int, str]) -> str:
    kind = r.collected_kind
    if kind == "alone":
        return WALKED_HOME_ALONE
    if kind == "school":
        return TAKEN_TO_CLASS
    if kind == "carer":
        return carers.get(r.collected_by_carer_id, "")
    if kind == "one_off" and r.authorisation_id in authorisations:
        return f"{authorisations[r.authorisation_id]} (one-off)"
    return ""


def load_registers(s: Session, headers: list[SessionHeader], now: datetime) -> list[Register]:
    """The registers of the given sessions, children sorted by name, in few column queries."""
    if not headers:
        return []
    by_id = {h.session_id: h for h in headers}
    school = aliased(Site)
    rows: list[Any] = []
    ids = list(by_id)
    c, a = Child, Attendance
    for chunk in range(0, len(ids), 900):
        rows += s.execute(
            select(SessionBooking.id.label("sb_id"), SessionBooking.session_id, Booking.kind,
                   c.id.label("child_id"), c.forename, c.surname, c.preferred_forename,
                   c.preferred_surname, c.year_group, c.class_name, c.consent_photos,
                   c.allergies, c.medical_notes, c.dietary_needs, school.name.label("school"),
                   a.id.label("attendance_id"), a.status, a.signed_in_at, a.signed_out_at,
                   a.collected_kind, a.collected_by_carer_id, a.authorisation_id,
                   a.absence_reason, a.absence_note, a.late_minutes, a.corrected_at,
                   c.date_of_birth, a.signed_in_by, a.signed_out_by, a.password_checked)
            .join(Booking, Booking.id == SessionBooking.booking_id)
            .join(c, c.id == SessionBooking.child_id)
            .join(school, school.id == c.school_site_id)
            .outerjoin(a, a.session_booking_id == SessionBooking.id)
            .where(SessionBooking.session_id.in_(ids[chunk:chunk + 900]),
                   SessionBooking.status == "booked")).all()
    info = carer_info(s, (r.child_id for r in rows))
    medicines = current_medicines(s, {r.child_id for r in rows}, {h.day for h in headers})
    carer_ids = {r.collected_by_carer_id for r in rows if r.collected_by_carer_id}
    auth_ids = {r.authorisation_id for r in rows if r.authorisation_id}
    carers = {x.id: carer_label(x) for x in s.execute(
        select(Carer.id, Carer.forename, Carer.surname).where(Carer.id.in_(carer_ids)))} \
        if carer_ids else {}
    auths = {x.id: x.adult_name for x in s.execute(
        select(CollectionAuthorisation.id, CollectionAuthorisation.adult_name)
        .where(CollectionAuthorisation.id.in_(auth_ids)))} if auth_ids else {}
    lines: dict[int, list[RegisterLine]] = {sid: [] for sid in by_id}
    for r in rows:
        h = by_id[r.session_id]
        ci = info[r.child_id]
        absence = ""
        if r.status == "absent" and r.absence_reason:
            absence = ABSENCE_REASONS[r.absence_reason] + (f": {r.absence_note}"
                                                           if r.absence_note else "")
        if r.status is not None:
            state = str(r.status)
        else:
            state = "missing" if now >= moment(h.day, h.start_time) + MISSING_AFTER else "expected"
        lines[r.session_id].append(RegisterLine(
            r.sb_id, r.child_id, child_label(r), year_label(r.year_group), r.school,
            r.class_name, r.consent_photos, r.allergies, r.medical_notes, r.dietary_needs,
            ci.emergency, ci.collectors, state, r.kind == "one_off", r.signed_in_at,
            r.signed_out_at, _collected(r, carers, auths), absence, r.late_minutes or 0,
            r.corrected_at is not None, r.attendance_id, medicines.get((r.child_id, h.day), ()),
            r.date_of_birth, r.signed_in_by or "", r.signed_out_by or "",
            bool(r.password_checked)))
    return [Register(h, tuple(sorted(lines[h.session_id], key=lambda x: (fold(x.name), x.child_id))))
            for h in headers]
