"""Parent-learning courses: the course record and its dated sessions on the site's open days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk.core.errors import Conflict, NotFound, ValidationError
from hubdesk.core.models import (
    Course,
    CourseAttendance,
    CourseSession,
    CrecheAttendance,
    CrecheBooking,
    Enrolment,
    Room,
    Site,
    Staff,
)
from hubdesk.core.vocabulary import COURSE_KINDS, fold
from hubdesk.core.words import count
from hubdesk.services.base import Service, fetch
from hubdesk.services.sites import load_calendar

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri")
PLACE_HOLDING = ("enrolled", "completed")  # statuses that use one of the course's places
RECENT_DAYS = 42  # finished courses stay in the current list this long


@dataclass(frozen=True)
class CourseForm:
    """Every editable field of a course; ``id`` None means a new course."""

    title: str
    kind: str
    site_id: int
    start_date: date
    end_date: date
    weekdays: tuple[int, ...]
    start_time: time
    end_time: time
    capacity: int
    id: int | None = None
    provider: str = ""
    external: bool = False
    tutor_staff_id: int | None = None
    tutor_name: str = ""
    room_id: int | None = None
    fee_pence: int = 0
    learning_aim: str = ""
    funding_source: str = ""
    creche_places: int = 0
    notes: str = ""
    row_version: int | None = None


@dataclass(frozen=True)
class CourseRow:
    """One line of the course list, with its take-up."""

    id: int
    title: str
    kind: str
    kind_label: str
    site_id: int
    site: str
    room: str
    provider: str
    tutor: str
    start_date: date
    end_date: date
    weekdays: str
    times: str
    sessions: int
    hours: float
    capacity: int
    enrolled: int
    waiting: int
    completed: int
    creche_places: int
    creche_booked: int
    fee_pence: int

    @property
    def dates(self) -> str:
        return f"{self.start_date:%d/%m/%Y} – {self.end_date:%d/%m/%Y}"

    @property
    def places(self) -> str:
        return f"{self.enrolled}/{self.capacity}"

    @property
    def fee(self) -> str:
        return "Free" if self.fee_pence == 0 else f"£{self.fee_pence / 100:.2f}"


@dataclass(frozen=True)
class SessionRow:
    id: int
    course_id: int
    number: int
    day: date
    start_time: time
    end_time: time
    marked: int
    present: int

    @property
    def label(self) -> str:
        return f"{self.number}. {self.day:%a %d/%m/%Y} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


@dataclass(frozen=True)
class Choice:
    """An id and a name for a drop-down (tutors, rooms)."""

    id: int
    name: str


_FIELDS = ("title", "kind", "site_id", "start_date", "end_date", "start_time", "end_time",
           "capacity", "provider", "external", "tutor_staff_id", "tutor_name", "room_id",
           "fee_pence", "learning_aim", "funding_source", "creche_places", "notes")


def weekday_set(weekdays: str | tuple[int, ...]) -> set[int]:
    """Weekday numbers (0 = Monday) from a stored "024" or a form's (0, 2, 4)."""
    return {int(d) for d in weekdays}


def weekdays_label(weekdays: str | tuple[int, ...]) -> str:
    return ", ".join(WEEKDAY_NAMES[d] for d in sorted(weekday_set(weekdays)))


def hours_between(start: time, end: time) -> float:
    return (datetime.combine(date.min, end) - datetime.combine(date.min, start)).seconds / 3600


def validate_course(form: CourseForm) -> None:
    """Raise ValidationError naming the first bad field."""
    if not form.title.strip():
        raise ValidationError("Enter the course title.", "title")
    if form.kind not in COURSE_KINDS:
        raise ValidationError("Choose the kind of course.", "kind")
    if not form.weekdays:
        raise ValidationError("Tick the weekdays the course meets.", "weekdays")
    if any(not 0 <= d <= 4 for d in form.weekdays):
        raise ValidationError("Courses meet Monday to Friday, when the sites are open.", "weekdays")
    if form.end_date < form.start_date:
        raise ValidationError("The end date is before the start date.", "end_date")
    if form.end_date - form.start_date > timedelta(days=366):
        raise ValidationError("A course cannot run for more than a year; split it into terms.",
                              "end_date")
    if form.end_time <= form.start_time:
        raise ValidationError("The session must end after it starts.", "end_time")
    if not 1 <= form.capacity <= 200:
        raise ValidationError("Places must be between 1 and 200.", "capacity")
    if form.fee_pence < 0:
        raise ValidationError("The fee cannot be negative (0 means free).", "fee_pence")
    if not 0 <= form.creche_places <= 60:
        raise ValidationError("Crèche places must be between 0 (no crèche) and 60.", "creche_places")
    if form.external and not form.provider.strip():
        raise ValidationError("Enter the partner who runs the course (e.g. the adult college).",
                              "provider")


def person_name(forename: str, surname: str) -> str:
    """'Surname, Forename' for lists (either part may be missing for a carer)."""
    if forename and surname:
        return f"{surname}, {forename}"
    return surname or forename


def load_course(s: Session, course_id: int) -> Course:
    return fetch(s, Course, course_id, f"Course {course_id} no longer exists.")


def session_dates(s: Session, course: Course | CourseForm) -> list[date]:
    """Open days of the course's site on its weekdays between its start and end dates."""
    wanted = weekday_set(course.weekdays)
    calendar = load_calendar(s, course.site_id)
    return [d for d in calendar.open_days(course.start_date, course.end_date)
            if d.weekday() in wanted]


def promote_waiting(s: Session, course: Course, today: date) -> list[Enrolment]:
    """Give free places to the waiting list, first come first served."""
    held = s.scalar(select(func.count()).select_from(Enrolment).where(
        Enrolment.course_id == course.id, Enrolment.status.in_(PLACE_HOLDING))) or 0
    free = course.capacity - held
    if free <= 0:
        return []
    waiting = s.scalars(select(Enrolment).where(
        Enrolment.course_id == course.id, Enrolment.status == "waiting")
        .order_by(Enrolment.requested_at, Enrolment.id).limit(free)).all()
    for enrolment in waiting:
        enrolment.status = "enrolled"
        enrolment.enrolled_on = today
    return list(waiting)


class CourseService(Service):
    def get(self, course_id: int) -> CourseForm:
        with self._read() as s:
            return _form(load_course(s, course_id))

    def row(self, course_id: int) -> CourseRow:
        with self._read() as s:
            return course_rows(s, [load_course(s, course_id)])[0]

    def find(self, id_or_title: str) -> CourseRow:
        """A course by its number or (part of) its title, for the command line."""
        wanted = id_or_title.strip()
        with self._read() as s:
            if wanted.isdigit():
                return course_rows(s, [load_course(s, int(wanted))])[0]
            key = fold(wanted)
            if not key:
                raise ValidationError("Give a course number or title.", "course")
            matches = s.scalars(select(Course).where(
                Course.search_key.contains(key, autoescape=True)).order_by(Course.start_date)).all()
            exact = [c for c in matches if c.search_key == key]
            chosen = exact if exact else matches
            if not chosen:
                raise NotFound(f"No course is called '{wanted}'. 'hubdesk courses' lists them.")
            if len(chosen) > 1:
                listed = "; ".join(f"{c.id}: {c.title} ({c.start_date:%d/%m/%Y})" for c in chosen)
                raise ValidationError(
                    f"'{wanted}' matches {len(chosen)} courses ({listed}). Give the number.",
                    "course")
            return course_rows(s, [chosen[0]])[0]

    def save(self, form: CourseForm, today: date | None = None) -> int:
        """Create or update a course and bring its dated sessions in line with it."""
        validate_course(form)
        today = today or self._clock.today()
        with self._write() as s:
            if s.get(Site, form.site_id) is None:
                raise ValidationError("Choose the site where the course meets.", "site_id")
            if form.room_id is not None:
                room = s.get(Room, form.room_id)
                if room is None or room.site_id != form.site_id:
                    raise ValidationError("Choose a room at the course's site.", "room_id")
            if form.tutor_staff_id is not None and s.get(Staff, form.tutor_staff_id) is None:
                raise ValidationError("That tutor is no longer on the staff list.", "tutor_staff_id")
            if form.id is None:
                course = Course()
                s.add(course)
            else:
                course = load_course(s, form.id)
                if form.row_version is not None and course.row_version != form.row_version:
                    raise Conflict("Someone else saved this course while you were editing. Close "
                                   "the form and open it again to see their change.")
                held = s.scalar(select(func.count()).select_from(Enrolment).where(
                    Enrolment.course_id == course.id, Enrolment.status.in_(PLACE_HOLDING))) or 0
                if held > form.capacity:
                    raise ValidationError(
                        f"{held} learners already have places; withdraw learners before cutting "
                        f"the course to {form.capacity} places.", "capacity")
                booked = s.scalar(select(func.count()).select_from(CrecheBooking)
                                  .where(CrecheBooking.course_id == course.id)) or 0
                if booked > form.creche_places:
                    raise ValidationError(
                        f"{booked} children are booked into the crèche; cancel bookings before "
                        f"cutting it to {form.creche_places} places.", "creche_places")
            for name in _FIELDS:
                value = getattr(form, name)
                setattr(course, name, value.strip() if isinstance(value, str) else value)
            course.weekdays = "".join(str(d) for d in sorted(set(form.weekdays)))
            if not course.external:
                course.tutor_name = ""
            course.refresh_search_key()
            s.flush()
            _sync_sessions(s, course)
            promote_waiting(s, course, today)
            s.flush()
            return course.id

    def delete(self, course_id: int) -> None:
        """Remove a course set up by mistake; one with learners is kept for the records."""
        with self._write() as s:
            course = load_course(s, course_id)
            used = s.scalar(select(func.count()).select_from(Enrolment)
                            .where(Enrolment.course_id == course_id)) or 0
            if used:
                raise Conflict(f"'{course.title}' has {count(used, 'learner record')}, so it is kept. "
                               "Withdraw learners instead of deleting the course.")
            for session in s.scalars(select(CourseSession).where(CourseSession.course_id == course_id)):
                s.delete(session)
            s.flush()  # sessions first, each audited, before the course goes
            s.delete(course)

    def sessions(self, course_id: int) -> list[SessionRow]:
        with self._read() as s:
            load_course(s, course_id)
            return session_rows(s, course_id)

    def preview_dates(self, form: CourseForm) -> list[date]:
        """The session dates a course would get, to show in the editor before saving."""
        with self._read() as s:
            return session_dates(s, form)

    def rooms(self, site_id: int) -> list[Choice]:
        with self._read() as s:
            return [Choice(r.id, r.name) for r in
                    s.scalars(select(Room).where(Room.site_id == site_id).order_by(Room.name))]

    def tutors(self) -> list[Choice]:
        """Active staff whose role is tutor."""
        with self._read() as s:
            rows = s.scalars(select(Staff).where(Staff.role == "tutor", Staff.active.is_(True))
                             .order_by(Staff.surname, Staff.forename))
            return [Choice(p.id, f"{p.forename} {p.surname}") for p in rows]

    def list(self, include_finished: bool = True, site_id: int | None = None,
             today: date | None = None) -> list[CourseRow]:
        """Courses newest first, each with places taken, waiting and crèche bookings.

        Without ``include_finished``, courses that ended in the last RECENT_DAYS still show:
        completions are marked and certificates printed after the last session.
        """
        today = today or self._clock.today()
        stmt = select(Course)
        if not include_finished:
            stmt = stmt.where(Course.end_date >= today - timedelta(days=RECENT_DAYS))
        if site_id is not None:
            stmt = stmt.where(Course.site_id == site_id)
        with self._read() as s:
            courses = s.scalars(stmt.order_by(Course.start_date.desc(), Course.title)).all()
            return course_rows(s, list(courses))


def session_rows(s: Session, course_id: int) -> list[SessionRow]:
    marks = dict(s.execute(
        select(CourseAttendance.session_id, func.count()).join(CourseSession)
        .where(CourseSession.course_id == course_id).group_by(CourseAttendance.session_id)).all())
    present = dict(s.execute(
        select(CourseAttendance.session_id, func.count()).join(CourseSession)
        .where(CourseSession.course_id == course_id, CourseAttendance.present.is_(True))
        .group_by(CourseAttendance.session_id)).all())
    sessions = s.scalars(select(CourseSession).where(CourseSession.course_id == course_id)
                         .order_by(CourseSession.session_date)).all()
    return [SessionRow(x.id, course_id, n, x.session_date, x.start_time, x.end_time,
                       marks.get(x.id, 0), present.get(x.id, 0))
            for n, x in enumerate(sessions, start=1)]


def _sync_sessions(s: Session, course: Course) -> None:
    wanted = set(session_dates(s, course))
    if not wanted:
        raise ValidationError(
            f"The site is not open on any {weekdays_label(course.weekdays)} between "
            f"{course.start_date:%d/%m/%Y} and {course.end_date:%d/%m/%Y}. Check the dates, the "
            "weekdays and the site's term dates.", "start_date")
    existing = {x.session_date: x for x in s.scalars(
        select(CourseSession).where(CourseSession.course_id == course.id))}
    for day, session in existing.items():
        if day in wanted:
            session.start_time, session.end_time = course.start_time, course.end_time
            continue
        used = (s.scalar(select(func.count()).select_from(CourseAttendance)
                         .where(CourseAttendance.session_id == session.id)) or 0) + \
               (s.scalar(select(func.count()).select_from(CrecheAttendance)
                         .where(CrecheAttendance.session_id == session.id)) or 0)
        if used:
            raise Conflict(
                f"The session on {day:%a %d/%m/%Y} already has a register, so it cannot be "
                "dropped. Keep that date in the course or clear its register first.")
        s.delete(session)
    for day in sorted(wanted - existing.keys()):
        s.add(CourseSession(course_id=course.id, session_date=day, start_time=course.start_time,
                            end_time=course.end_time))
    s.flush()


def course_rows(s: Session, courses: list[Course]) -> list[CourseRow]:
    if not courses:
        return []
    ids = [c.id for c in courses]
    status_counts: dict[tuple[int, str], int] = {
        (cid, status): n for cid, status, n in s.execute(
            select(Enrolment.course_id, Enrolment.status, func.count())
            .where(Enrolment.course_id.in_(ids)).group_by(Enrolment.course_id, Enrolment.status))}
    session_counts = dict(s.execute(
        select(CourseSession.course_id, func.count()).where(CourseSession.course_id.in_(ids))
        .group_by(CourseSession.course_id)).all())
    creche = dict(s.execute(
        select(CrecheBooking.course_id, func.count()).where(CrecheBooking.course_id.in_(ids))
        .group_by(CrecheBooking.course_id)).all())
    sites = dict(s.execute(select(Site.id, Site.name)).all())
    rooms = dict(s.execute(select(Room.id, Room.name).where(
        Room.id.in_([c.room_id for c in courses if c.room_id]))).all())
    tutors = {p.id: f"{p.forename} {p.surname}" for p in s.scalars(select(Staff).where(
        Staff.id.in_([c.tutor_staff_id for c in courses if c.tutor_staff_id])))}
    rows = []
    for c in courses:
        count = session_counts.get(c.id, 0)
        completed = status_counts.get((c.id, "completed"), 0)
        rows.append(CourseRow(
            id=c.id, title=c.title, kind=c.kind, kind_label=COURSE_KINDS.get(c.kind, c.kind),
            site_id=c.site_id, site=sites.get(c.site_id, ""), room=rooms.get(c.room_id or 0, ""),
            provider=c.provider, tutor=c.tutor_name if c.external else
            tutors.get(c.tutor_staff_id or 0, ""),
            start_date=c.start_date, end_date=c.end_date, weekdays=weekdays_label(c.weekdays),
            times=f"{c.start_time:%H:%M}–{c.end_time:%H:%M}", sessions=count,
            hours=round(count * hours_between(c.start_time, c.end_time), 2), capacity=c.capacity,
            enrolled=status_counts.get((c.id, "enrolled"), 0) + completed,
            waiting=status_counts.get((c.id, "waiting"), 0), completed=completed,
            creche_places=c.creche_places, creche_booked=creche.get(c.id, 0),
            fee_pence=c.fee_pence))
    return rows


def _form(course: Course) -> CourseForm:
    values = {name: getattr(course, name) for name in _FIELDS}
    return CourseForm(id=course.id, row_version=course.row_version,
                      weekdays=tuple(int(d) for d in course.weekdays), **values)
