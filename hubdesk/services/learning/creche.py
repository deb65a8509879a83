"""The course crèche: learners' under-fives, bookings for a course's sessions, the required staff
per session (from the editable ratio rules) and the crèche register.

The staff rota calls ``CrecheService.staffing_needs`` (or ``required_staff`` for one session) to
know how many crèche workers each course session needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk.core.clock import format_local, to_local
from hubdesk.core.errors import Conflict, NotFound, ValidationError
from hubdesk.core.models import (
    Carer,
    Child,
    ChildCarer,
    Course,
    CourseSession,
    CrecheAttendance,
    CrecheBooking,
    CrecheChild,
    Enrolment,
    MetaValue,
    Site,
)
from hubdesk.core.models.meta import store_meta
from hubdesk.core.rules.creche import (
    DEFAULT_RULES,
    MAX_AGE_MONTHS,
    CrecheRules,
    age_in_months,
    age_label,
    explain,
    required_staff,
    rules_from_json,
    rules_to_json,
    validate_rules,
)
from hubdesk.core.vocabulary import fold
from hubdesk.services.base import Service, check_lengths
from hubdesk.services.learning.courses import PLACE_HOLDING, load_course, person_name

RULES_KEY = "creche_ratio_rules"


@dataclass(frozen=True)
class CrecheChildForm:
    forename: str
    surname: str
    date_of_birth: date
    carer_id: int
    id: int | None = None
    child_id: int | None = None  # the Child row when the child is a nursery pupil
    allergies: str = ""
    medical_notes: str = ""
    notes: str = ""


@dataclass(frozen=True)
class FamilyChild:
    """A learner's child already on a school roll who is young enough for the crèche."""

    child_id: int
    name: str
    date_of_birth: date
    school: str


@dataclass(frozen=True)
class CrecheBookingRow:
    creche_child_id: int
    name: str
    age: str
    carer: str
    allergies: str
    medical_notes: str


@dataclass(frozen=True)
class CrecheSessionRow:
    """One session's crèche: children booked, staff needed, and how many came."""

    session_id: int
    course_id: int
    course: str
    site_id: int
    site: str
    day: date
    start_time: time
    end_time: time
    children: int
    required_staff: int
    explanation: str
    signed_in: int


@dataclass(frozen=True)
class CrecheRegisterLine:
    creche_child_id: int
    name: str
    age: str
    carer: str
    medical: str
    signed_in: str
    signed_out: str
    collected_by: str

    @property
    def is_in(self) -> bool:
        return bool(self.signed_in) and not self.signed_out


def validate_creche_child(form: CrecheChildForm, today: date) -> None:
    if not form.forename.strip():
        raise ValidationError("Enter the child's forename.", "forename")
    if not form.surname.strip():
        raise ValidationError("Enter the child's surname.", "surname")
    if form.date_of_birth > today:
        raise ValidationError("The date of birth is in the future.", "date_of_birth")
    if age_in_months(form.date_of_birth, today) >= MAX_AGE_MONTHS:
        raise ValidationError("The crèche is for children under 5; check the date of birth.",
                              "date_of_birth")
    check_lengths(form, CrecheChild.__table__)


def load_rules(s: Session) -> CrecheRules:
    stored = s.get(MetaValue, RULES_KEY)
    return DEFAULT_RULES if stored is None else rules_from_json(stored.value)


def _name(forename: str, surname: str) -> str:
    return person_name(forename, surname)


def _medical(child: CrecheChild) -> str:
    parts = [f"Allergies: {child.allergies}" if child.allergies else "",
             f"Medical: {child.medical_notes}" if child.medical_notes else ""]
    return "; ".join(p for p in parts if p)


def _booked(s: Session, course_id: int) -> list[CrecheChild]:
    return list(s.scalars(select(CrecheChild).join(CrecheBooking).where(
        CrecheBooking.course_id == course_id)))


def _session_row(s: Session, session: CourseSession, course: Course, site: str,
                 children: list[CrecheChild], rules: CrecheRules) -> CrecheSessionRow:
    ages = [age_in_months(c.date_of_birth, session.session_date) for c in children]
    signed = s.scalar(select(func.count()).select_from(CrecheAttendance)
                      .where(CrecheAttendance.session_id == session.id)) or 0
    return CrecheSessionRow(session.id, course.id, course.title, course.site_id, site,
                            session.session_date, session.start_time, session.end_time, len(ages),
                            required_staff(ages, rules), explain(ages, rules), signed)


class CrecheService(Service):
    # --- children -------------------------------------------------------------------------
    def children_of(self, carer_id: int) -> list[CrecheChildForm]:
        with self._read() as s:
            rows = s.scalars(select(CrecheChild).where(CrecheChild.carer_id == carer_id)
                             .order_by(CrecheChild.date_of_birth.desc()))
            return [_form(c) for c in rows]

    def family_candidates(self, carer_id: int, on: date | None = None) -> list[FamilyChild]:
        """The learner's children on a school roll who are under 5 and not yet crèche children."""
        on = on or self._clock.today()
        with self._read() as s:
            taken = select(CrecheChild.child_id).where(CrecheChild.child_id.is_not(None))
            rows = s.execute(
                select(Child, Site.name).join(ChildCarer, ChildCarer.child_id == Child.id)
                .join(Site, Site.id == Child.school_site_id)
                .where(ChildCarer.carer_id == carer_id, Child.left_on.is_(None),
                       Child.id.not_in(taken))).all()
            return [FamilyChild(c.id, _name(c.preferred_forename or c.forename, c.surname),
                                c.date_of_birth, school)
                    for c, school in rows if age_in_months(c.date_of_birth, on) < MAX_AGE_MONTHS]

    def save_child(self, form: CrecheChildForm, today: date | None = None) -> int:
        validate_creche_child(form, today or self._clock.today())
        with self._write() as s:
            if s.get(Carer, form.carer_id) is None:
                raise NotFound("That adult is no longer in the database.")
            if form.child_id is not None and s.get(Child, form.child_id) is None:
                raise ValidationError("That pupil is no longer in the database.", "child_id")
            if form.id is None:
                child = CrecheChild()
                s.add(child)
            else:
                found = s.get(CrecheChild, form.id)
                if found is None:
                    raise NotFound("That crèche child no longer exists.")
                child = found
            for name in ("forename", "surname", "allergies", "medical_notes", "notes"):
                setattr(child, name, getattr(form, name).strip())
            child.carer_id, child.child_id = form.carer_id, form.child_id
            child.date_of_birth = form.date_of_birth
            s.flush()
            return child.id

    def add_family_child(self, carer_id: int, child_id: int, today: date | None = None) -> int:
        """Make a nursery pupil of the learner a crèche child, copying name, birthday and notes."""
        with self._read() as s:
            pupil = s.get(Child, child_id)
            if pupil is None:
                raise NotFound("That pupil is no longer in the database.")
            form = CrecheChildForm(pupil.preferred_forename or pupil.forename, pupil.surname,
                                   pupil.date_of_birth, carer_id, child_id=pupil.id,
                                   allergies=pupil.allergies, medical_notes=pupil.medical_notes)
        return self.save_child(form, today)

    # --- bookings -------------------------------------------------------------------------
    def book(self, course_id: int, creche_child_id: int, today: date | None = None) -> int:
        """Book a crèche place for every session of the course; returns the places left."""
        today = today or self._clock.today()
        with self._write() as s:
            course = load_course(s, course_id)
            child = s.get(CrecheChild, creche_child_id)
            if child is None:
                raise NotFound("That crèche child no longer exists.")
            name = f"{child.forename} {child.surname}"
            if course.creche_places == 0:
                raise Conflict(f"'{course.title}' has no crèche. Give the course crèche places "
                               "first (Edit course).")
            if s.get(CrecheBooking, (course_id, creche_child_id)) is not None:
                raise Conflict(f"{name} is already booked into this crèche.")
            status = s.scalar(select(Enrolment.status).where(
                Enrolment.course_id == course_id, Enrolment.carer_id == child.carer_id))
            if status not in PLACE_HOLDING:
                reason = "is on the waiting list" if status == "waiting" else "is not enrolled"
                raise Conflict(f"{name}'s parent {reason} on this course: the crèche is for "
                               "learners with a place.")
            first = s.scalar(select(func.min(CourseSession.session_date)).where(
                CourseSession.course_id == course_id, CourseSession.session_date >= today))
            if first is None:
                raise Conflict(f"'{course.title}' has no sessions left to book.")
            if age_in_months(child.date_of_birth, first) >= MAX_AGE_MONTHS:
                raise Conflict(f"{name} will be 5 or older on {first:%d/%m/%Y}: the crèche is for "
                               "children under 5.")
            taken = s.scalar(select(func.count()).select_from(CrecheBooking)
                             .where(CrecheBooking.course_id == course_id)) or 0
            if taken >= course.creche_places:
                raise Conflict(f"The crèche is full: all {course.creche_places} places are booked.")
            s.add(CrecheBooking(course_id=course_id, creche_child_id=creche_child_id,
                                booked_on=today))
            return course.creche_places - taken - 1

    def cancel(self, course_id: int, creche_child_id: int) -> None:
        with self._write() as s:
            booking = s.get(CrecheBooking, (course_id, creche_child_id))
            if booking is None:
                raise NotFound("That crèche booking no longer exists.")
            s.delete(booking)

    def bookings(self, course_id: int) -> list[CrecheBookingRow]:
        with self._read() as s:
            course = load_course(s, course_id)
            rows = s.execute(select(CrecheChild, Carer).join(CrecheBooking)
                             .join(Carer, Carer.id == CrecheChild.carer_id)
                             .where(CrecheBooking.course_id == course_id)).all()
            result = [CrecheBookingRow(
                c.id, _name(c.forename, c.surname),
                age_label(age_in_months(c.date_of_birth, max(course.start_date, c.date_of_birth))),
                _name(p.forename, p.surname), c.allergies, c.medical_notes) for c, p in rows]
        return sorted((self._medical_shown(r) for r in result), key=lambda r: fold(r.name))

    # --- staffing: the hook for the rota ---------------------------------------------------
    def sessions(self, course_id: int) -> list[CrecheSessionRow]:
        """Each session of a course with the crèche staff it needs."""
        with self._read() as s:
            course = load_course(s, course_id)
            site = s.get_one(Site, course.site_id).name
            children, rules = _booked(s, course_id), load_rules(s)
            sessions = s.scalars(select(CourseSession).where(CourseSession.course_id == course_id)
                                 .order_by(CourseSession.session_date))
            return [_session_row(s, x, course, site, children, rules) for x in sessions]

    def required_staff(self, session_id: int) -> int:
        """Crèche workers one course session needs (0 when nobody is booked)."""
        with self._read() as s:
            session = s.get(CourseSession, session_id)
            if session is None:
                raise NotFound("That session no longer exists.")
            ages = [age_in_months(c.date_of_birth, session.session_date)
                    for c in _booked(s, session.course_id)]
            return required_staff(ages, load_rules(s))

    def staffing_needs(self, start: date, end: date) -> list[CrecheSessionRow]:
        """Every course session between two dates whose crèche needs staff, by date and time."""
        with self._read() as s:
            rules = load_rules(s)
            sites = dict(s.execute(select(Site.id, Site.name)).all())
            rows = s.execute(select(CourseSession, Course).join(Course).where(
                CourseSession.session_date.between(start, end), Course.creche_places > 0)
                .order_by(CourseSession.session_date, CourseSession.start_time)).all()
            booked: dict[int, list[CrecheChild]] = {}
            result = []
            for session, course in rows:
                if course.id not in booked:
                    booked[course.id] = _booked(s, course.id)
                row = _session_row(s, session, course, sites.get(course.site_id, ""),
                                   booked[course.id], rules)
                if row.required_staff:
                    result.append(row)
            return result

    def rules(self) -> CrecheRules:
        with self._read() as s:
            return load_rules(s)

    def save_rules(self, rules: CrecheRules) -> None:
        try:
            validate_rules(rules)
        except ValueError as exc:
            raise ValidationError(str(exc), "rules") from exc
        with self._write() as s:
            store_meta(s, RULES_KEY, rules_to_json(rules))

    # --- the crèche register ---------------------------------------------------------------
    def register(self, session_id: int) -> list[CrecheRegisterLine]:
        with self._read() as s:
            session = s.get(CourseSession, session_id)
            if session is None:
                raise NotFound("That session no longer exists.")
            marks = {a.creche_child_id: a for a in s.scalars(
                select(CrecheAttendance).where(CrecheAttendance.session_id == session_id))}
            booked = {c.id: c for c in _booked(s, session.course_id)}
            extra = [c for c in s.scalars(select(CrecheChild).where(
                CrecheChild.id.in_(set(marks) - set(booked))))]
            carers = {c.id: _name(c.forename, c.surname) for c in s.scalars(
                select(Carer).where(Carer.id.in_({c.carer_id for c in [*booked.values(), *extra]})))}
            lines = []
            for child in [*booked.values(), *extra]:
                mark = marks.get(child.id)
                lines.append(CrecheRegisterLine(
                    child.id, _name(child.forename, child.surname),
                    age_label(age_in_months(child.date_of_birth, session.session_date)),
                    carers.get(child.carer_id, ""), _medical(child),
                    _clock(mark.signed_in_at) if mark else "",
                    _clock(mark.signed_out_at) if mark and mark.signed_out_at else "",
                    mark.collected_by if mark else ""))
        # Without "children.medical" the register (and its printout) carries no medical words.
        return sorted((self._medical_shown(line) for line in lines), key=lambda line: fold(line.name))

    def sign_in(self, session_id: int, creche_child_id: int, at: datetime | None = None) -> None:
        """Record the actual time a child was left at the crèche (``at`` is UTC)."""
        at = at or self._clock.now()
        with self._write() as s:
            session = _session_on_the_day(s, session_id, at)
            if s.get(CrecheBooking, (session.course_id, creche_child_id)) is None:
                raise Conflict("This child is not booked into this crèche.")
            if s.get(CrecheAttendance, (session_id, creche_child_id)) is not None:
                raise Conflict("This child is already signed in.")
            s.add(CrecheAttendance(session_id=session_id, creche_child_id=creche_child_id,
                                   signed_in_at=at))

    def sign_out(self, session_id: int, creche_child_id: int, collected_by: str,
                 at: datetime | None = None) -> None:
        """Record who collected the child and when."""
        at = at or self._clock.now()
        if not collected_by.strip():
            raise ValidationError("Enter who collected the child.", "collected_by")
        with self._write() as s:
            _session_on_the_day(s, session_id, at)
            mark = s.get(CrecheAttendance, (session_id, creche_child_id))
            if mark is None:
                raise Conflict("This child was not signed in.")
            if mark.signed_out_at is not None:
                raise Conflict("This child is already signed out.")
            if at < mark.signed_in_at:
                raise ValidationError("The time out is before the time in.", "signed_out_at")
            mark.signed_out_at, mark.collected_by = at, collected_by.strip()

    def undo(self, session_id: int, creche_child_id: int) -> None:
        """Take back the last entry for a child: the sign-out if there is one, else the sign-in."""
        with self._write() as s:
            mark = s.get(CrecheAttendance, (session_id, creche_child_id))
            if mark is None:
                raise NotFound("There is nothing to undo for this child.")
            if mark.signed_out_at is not None:
                mark.signed_out_at, mark.collected_by = None, ""
            else:
                s.delete(mark)


def _session_on_the_day(s: Session, session_id: int, at: datetime) -> CourseSession:
    session = s.get(CourseSession, session_id)
    if session is None:
        raise NotFound("That session no longer exists.")
    if to_local(at).date() != session.session_date:
        raise ValidationError(
            f"This session is on {session.session_date:%d/%m/%Y}; the crèche register is kept on "
            "the day.", "session")
    return session


def _clock(moment: datetime) -> str:
    return format_local(moment)[-5:]


def _form(c: CrecheChild) -> CrecheChildForm:
    return CrecheChildForm(c.forename, c.surname, c.date_of_birth, c.carer_id, c.id, c.child_id,
                           c.allergies, c.medical_notes, c.notes)
