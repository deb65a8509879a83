"""Learners on a course: enrolling (never a second copy of an adult), the waiting list,
withdrawing, completion, RARPA progress notes and the per-session register."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk.core.errors import Conflict, NotFound, ValidationError
from hubdesk.core.models import (
    Carer,
    Child,
    ChildCarer,
    CourseAttendance,
    CourseSession,
    CrecheBooking,
    CrecheChild,
    Enrolment,
    Site,
)
from hubdesk.core.vocabulary import ENROLMENT_STATUSES, fold
from hubdesk.services.base import Service, fetch
from hubdesk.services.learning.courses import (
    PLACE_HOLDING,
    SessionRow,
    load_course,
    person_name,
    promote_waiting,
    session_rows,
)
from hubdesk.services.learning.family_clash import family_clashes
from hubdesk.services.people import CarerForm, validate_carer

NO_REASON = "No reason given"


@dataclass(frozen=True)
class ProgressNotes:
    """The RARPA record: where the learner started, their goals, progress and achievement."""

    starting_point: str = ""
    goals: str = ""
    progress: str = ""
    achievement: str = ""


@dataclass(frozen=True)
class LearnerRow:
    enrolment_id: int
    carer_id: int
    name: str
    phone: str
    email: str
    status: str
    status_label: str
    position: int | None  # place on the waiting list
    enrolled_on: date | None
    withdrawn_on: date | None
    withdraw_reason: str
    completed_on: date | None
    attended: int
    marked: int
    children: str
    notes: ProgressNotes

    @property
    def attendance(self) -> str:
        return f"{self.attended}/{self.marked}" if self.marked else ""


@dataclass(frozen=True)
class EnrolResult:
    enrolment_id: int
    carer_id: int
    name: str
    status: str
    position: int | None
    warnings: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        if self.status == "waiting":
            return f"The course is full: {self.name} is number {self.position} on the waiting list."
        return f"{self.name} is enrolled."


@dataclass(frozen=True)
class WithdrawResult:
    promoted: tuple[str, ...]
    creche_cancelled: int


@dataclass(frozen=True)
class RegisterLine:
    enrolment_id: int
    name: str
    present: bool | None  # None: not marked yet
    reason: str


@dataclass(frozen=True)
class Mark:
    enrolment_id: int
    present: bool | None  # None clears the mark
    reason: str = ""


def _load(s: Session, enrolment_id: int) -> Enrolment:
    return fetch(s, Enrolment, enrolment_id, "That enrolment no longer exists.")


def _carer_name(carer: Carer) -> str:
    return " ".join(p for p in (carer.forename, carer.surname) if p)


def _waiting_position(s: Session, enrolment: Enrolment) -> int:
    ahead = s.scalar(select(func.count()).select_from(Enrolment).where(
        Enrolment.course_id == enrolment.course_id, Enrolment.status == "waiting",
        (Enrolment.requested_at < enrolment.requested_at)
        | ((Enrolment.requested_at == enrolment.requested_at) & (Enrolment.id < enrolment.id))))
    return (ahead or 0) + 1


def _new_adult(s: Session, form: CarerForm) -> Carer:
    """A new Carer with no children, unless the same adult is already in the database."""
    validate_carer(form)
    forename, surname = form.forename.strip(), form.surname.strip()
    stmt = select(Carer)
    for word in fold(f"{forename} {surname}").split():
        stmt = stmt.where(Carer.search_key.contains(word, autoescape=True))
    same_name = [c for c in s.scalars(stmt)
                 if fold(c.forename) == fold(forename) and fold(c.surname) == fold(surname)]
    for other in same_name:
        phone = "".join(form.phone_mobile.split())
        same_phone = phone and phone == "".join(other.phone_mobile.split())
        same_email = form.email.strip() and form.email.strip().lower() == other.email.lower()
        untold = not phone and not form.email.strip()
        if same_phone or same_email or untold:
            contact = other.phone_mobile or other.email or "no phone or email"
            raise Conflict(
                f"{_carer_name(other)} ({contact}) is already in the database. Choose them from "
                "the matches instead of adding them again; if this is a different person, enter "
                "their mobile number or email so the two can be told apart.")
    carer = Carer(title=form.title.strip(), forename=forename, surname=surname,
                  phone_mobile=form.phone_mobile.strip(), phone_home=form.phone_home.strip(),
                  phone_work=form.phone_work.strip(), email=form.email.strip(),
                  address=form.address.strip(), postcode=form.postcode.strip().upper())
    carer.refresh_search_key()
    s.add(carer)
    s.flush()
    return carer


class EnrolmentService(Service):
    def enrol(self, course_id: int, carer_id: int | None = None,
              new_adult: CarerForm | None = None, today: date | None = None) -> EnrolResult:
        """Give an adult a place, or a waiting-list place when the course is full."""
        today = today or self._clock.today()
        if (carer_id is None) == (new_adult is None):
            raise ValidationError("Choose an adult already known, or enter a new one.", "carer")
        with self._write() as s:
            course = load_course(s, course_id)
            if course.end_date < today:
                raise Conflict(f"'{course.title}' finished on {course.end_date:%d/%m/%Y}; "
                               "learners cannot join it now.")
            if new_adult is not None:
                carer = _new_adult(s, new_adult)
            else:
                found = s.get(Carer, carer_id)
                if found is None:
                    raise NotFound("That adult is no longer in the database.")
                carer = found
            name = _carer_name(carer)
            enrolment = s.scalar(select(Enrolment).where(
                Enrolment.course_id == course_id, Enrolment.carer_id == carer.id))
            if enrolment is not None and enrolment.status != "withdrawn":
                label = ENROLMENT_STATUSES[enrolment.status].lower()
                raise Conflict(f"{name} is already on this course ({label}).")
            held = s.scalar(select(func.count()).select_from(Enrolment).where(
                Enrolment.course_id == course_id, Enrolment.status.in_(PLACE_HOLDING))) or 0
            queue = s.scalar(select(func.count()).select_from(Enrolment).where(
                Enrolment.course_id == course_id, Enrolment.status == "waiting")) or 0
            full = held >= course.capacity or queue > 0
            if enrolment is None:
                enrolment = Enrolment(course_id=course_id, carer_id=carer.id)
                s.add(enrolment)
            enrolment.status = "waiting" if full else "enrolled"
            enrolment.requested_at = self._clock.now()
            enrolment.enrolled_on = None if full else today
            enrolment.withdrawn_on, enrolment.withdraw_reason = None, ""
            s.flush()
            position = _waiting_position(s, enrolment) if full else None
            warnings = tuple(family_clashes(s, carer.id, course.id))
            return EnrolResult(enrolment.id, carer.id, name, enrolment.status, position, warnings)

    def withdraw(self, enrolment_id: int, reason: str, today: date | None = None) -> WithdrawResult:
        """Take a learner off the course (or its waiting list); the next in line gets the place."""
        today = today or self._clock.today()
        if not reason.strip():
            raise ValidationError("Enter why the learner is withdrawing.", "reason")
        with self._write() as s:
            enrolment = _load(s, enrolment_id)
            if enrolment.status == "withdrawn":
                raise Conflict("This learner has already withdrawn.")
            if enrolment.status == "completed":
                raise Conflict("This learner has completed the course. Undo the completion first "
                               "if they did not finish.")
            enrolment.status = "withdrawn"
            enrolment.withdrawn_on = today
            enrolment.withdraw_reason = reason.strip()
            children = select(CrecheChild.id).where(CrecheChild.carer_id == enrolment.carer_id)
            bookings = s.scalars(select(CrecheBooking).where(
                CrecheBooking.course_id == enrolment.course_id,
                CrecheBooking.creche_child_id.in_(children))).all()
            for booking in bookings:
                s.delete(booking)
            s.flush()
            promoted = promote_waiting(s, load_course(s, enrolment.course_id), today)
            names = tuple(_carer_name(s.get_one(Carer, e.carer_id)) for e in promoted)
            return WithdrawResult(names, len(bookings))

    def set_completed(self, enrolment_id: int, completed: bool, on: date | None = None) -> None:
        """Mark a learner as having completed (a certificate is printed for them), or undo it."""
        on = on or self._clock.today()
        with self._write() as s:
            enrolment = _load(s, enrolment_id)
            if completed:
                if enrolment.status != "enrolled":
                    raise Conflict("Only an enrolled learner can complete the course "
                                   f"(this one is {ENROLMENT_STATUSES[enrolment.status].lower()}).")
                first = s.scalar(select(func.min(CourseSession.session_date)).where(
                    CourseSession.course_id == enrolment.course_id))
                if first is None or first > on:
                    raise ValidationError("The course has not started yet.", "completed_on")
                enrolment.status, enrolment.completed_on = "completed", on
            else:
                if enrolment.status != "completed":
                    raise Conflict("This learner has not been marked as completed.")
                enrolment.status, enrolment.completed_on = "enrolled", None

    def save_progress(self, enrolment_id: int, notes: ProgressNotes) -> None:
        with self._write() as s:
            enrolment = _load(s, enrolment_id)
            for name in ("starting_point", "goals", "progress", "achievement"):
                setattr(enrolment, name, getattr(notes, name).strip())

    def learners(self, course_id: int) -> list[LearnerRow]:
        """Learners with a place (by surname), then the waiting list in order, then withdrawn."""
        with self._read() as s:
            load_course(s, course_id)
            rows = s.execute(select(Enrolment, Carer).join(Carer, Carer.id == Enrolment.carer_id)
                             .where(Enrolment.course_id == course_id)).all()
            attended = _counts(s, course_id, present_only=True)
            marked = _counts(s, course_id, present_only=False)
            families = _children_summary(s, [c.id for _, c in rows])
            result = []
            waiting = sorted((e for e, _ in rows if e.status == "waiting"),
                             key=lambda e: (e.requested_at, e.id))
            positions = {e.id: n for n, e in enumerate(waiting, start=1)}
            for e, c in rows:
                result.append(LearnerRow(
                    e.id, c.id, person_name(c.forename, c.surname), c.phone_mobile or c.phone_home,
                    c.email, e.status, ENROLMENT_STATUSES[e.status], positions.get(e.id),
                    e.enrolled_on, e.withdrawn_on, e.withdraw_reason, e.completed_on,
                    attended.get(e.id, 0), marked.get(e.id, 0), families.get(c.id, ""),
                    ProgressNotes(e.starting_point, e.goals, e.progress, e.achievement)))
        order = {"enrolled": 0, "completed": 0, "waiting": 1, "withdrawn": 2}
        return sorted(result, key=lambda r: (order[r.status], r.position or 0, fold(r.name)))

    def register(self, session_id: int) -> tuple[SessionRow, list[RegisterLine]]:
        """The register of one session: learners with a place, and anyone already marked."""
        with self._read() as s:
            session = s.get(CourseSession, session_id)
            if session is None:
                raise NotFound("That session no longer exists.")
            row = next(r for r in session_rows(s, session.course_id) if r.id == session_id)
            marks = {a.enrolment_id: a for a in s.scalars(
                select(CourseAttendance).where(CourseAttendance.session_id == session_id))}
            rows = s.execute(select(Enrolment, Carer).join(Carer, Carer.id == Enrolment.carer_id)
                             .where(Enrolment.course_id == session.course_id)).all()
            lines = []
            for e, c in rows:
                mark = marks.get(e.id)
                on_course = e.status in PLACE_HOLDING or (
                    e.status == "withdrawn" and e.enrolled_on is not None
                    and e.withdrawn_on is not None and e.withdrawn_on > session.session_date)
                if mark is None and not on_course:
                    continue
                lines.append(RegisterLine(e.id, person_name(c.forename, c.surname),
                                          None if mark is None else mark.present,
                                          "" if mark is None else mark.absence_reason))
        return row, sorted(lines, key=lambda line: fold(line.name))

    def mark(self, session_id: int, marks: Sequence[Mark], today: date | None = None) -> None:
        """Save a session's register in one go (present, or absent with a reason)."""
        today = today or self._clock.today()
        with self._write() as s:
            session = s.get(CourseSession, session_id)
            if session is None:
                raise NotFound("That session no longer exists.")
            if session.session_date > today:
                raise ValidationError(
                    f"This session is on {session.session_date:%d/%m/%Y}: its register can be "
                    "marked on the day or afterwards.", "session")
            for mark in marks:
                enrolment = _load(s, mark.enrolment_id)
                if enrolment.course_id != session.course_id:
                    raise ValidationError("A learner on another course was in this register.")
                if enrolment.status == "waiting":
                    raise ValidationError("A learner on the waiting list cannot be marked.")
                row = s.get(CourseAttendance, (session_id, enrolment.id))
                if mark.present is None:
                    if row is not None:
                        s.delete(row)
                    continue
                if row is None:
                    row = CourseAttendance(session_id=session_id, enrolment_id=enrolment.id)
                    s.add(row)
                row.present = mark.present
                row.absence_reason = "" if mark.present else (mark.reason.strip() or NO_REASON)


def _counts(s: Session, course_id: int, present_only: bool) -> dict[int, int]:
    stmt = (select(CourseAttendance.enrolment_id, func.count()).join(Enrolment)
            .where(Enrolment.course_id == course_id))
    if present_only:
        stmt = stmt.where(CourseAttendance.present.is_(True))
    return dict(s.execute(stmt.group_by(CourseAttendance.enrolment_id)).all())


def _children_summary(s: Session, carer_ids: list[int]) -> dict[int, str]:
    """'Zeynep (Oakfield Primary), Emre (Elm Street Primary)' per carer."""
    rows = s.execute(
        select(ChildCarer.carer_id, Child.forename, Child.preferred_forename, Site.name)
        .join(Child, Child.id == ChildCarer.child_id).join(Site, Site.id == Child.school_site_id)
        .where(ChildCarer.carer_id.in_(carer_ids), Child.left_on.is_(None))
        .order_by(Child.date_of_birth)).all()
    result: dict[int, list[str]] = {}
    for carer_id, forename, preferred, school in rows:
        result.setdefault(carer_id, []).append(f"{preferred or forename} ({school})")
    return {k: ", ".join(v) for k, v in result.items()}
