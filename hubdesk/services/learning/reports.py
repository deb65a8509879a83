"""What the parent-learning printouts show: the course register, certificates and a term summary."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.calendar import academic_year_start
from hubdesk.core.dates import spoken_day
from hubdesk.core.errors import DomainError, ValidationError
from hubdesk.core.models import (
    CalendarEntry,
    Carer,
    Child,
    ChildCarer,
    Course,
    CourseAttendance,
    CourseSession,
    CrecheAttendance,
    CrecheBooking,
    CrecheChild,
    Enrolment,
    Site,
)
from hubdesk.core.rules.creche import age_in_months, age_label
from hubdesk.core.rules.medical import must_act
from hubdesk.core.vocabulary import COURSE_KINDS, ENROLMENT_STATUSES, fold
from hubdesk.services.base import Service
from hubdesk.services.learning.courses import (
    CourseRow,
    SessionRow,
    course_rows,
    load_course,
    person_name,
    session_rows,
)

NO_SCHOOL = "No child at a cluster school"


@dataclass(frozen=True)
class SheetLine:
    """A learner's row of the course register: one mark per session ('✓', 'A' or blank)."""

    name: str
    status: str
    marks: tuple[str, ...]
    absences: tuple[str, ...]  # "12/10: ill"
    attended: int


@dataclass(frozen=True)
class CrecheLine:
    """A crèche child's row on the course register: '✓' for each session they were signed in."""

    name: str
    age: str  # at the first session: '2 y 4 m'
    parent: str  # the learner who brings them
    medical: str
    must_act: bool
    marks: tuple[str, ...]


@dataclass(frozen=True)
class RegisterSheet:
    course: CourseRow
    sessions: tuple[SessionRow, ...]
    lines: tuple[SheetLine, ...]
    creche: tuple[CrecheLine, ...] = ()

    @property
    def first_day(self) -> date:
        """The first real session (the course's dates are only its planned span)."""
        return self.sessions[0].day if self.sessions else self.course.start_date

    @property
    def last_day(self) -> date:
        return self.sessions[-1].day if self.sessions else self.course.end_date


@dataclass(frozen=True)
class Certificate:
    learner: str
    course: str
    kind: str
    provider: str
    site: str
    start_date: date
    end_date: date
    hours: float
    tutor: str
    completed_on: date


@dataclass(frozen=True)
class SummaryCourse:
    title: str
    site: str
    kind: str
    start_date: date
    end_date: date
    enrolled: int
    completed: int
    withdrawn: int
    waiting: int
    attendance_rate: float | None


@dataclass(frozen=True)
class SummarySchool:
    school: str
    learners: int
    enrolments: int
    completed: int
    attendance_rate: float | None


@dataclass(frozen=True)
class TermSummary:
    start: date
    end: date
    courses: tuple[SummaryCourse, ...]
    schools: tuple[SummarySchool, ...]
    learners: int
    enrolled: int
    completed: int
    attendance_rate: float | None


def _rate(present: int, marked: int) -> float | None:
    return present / marked if marked else None


def _full_name(carer: Carer) -> str:
    return " ".join(p for p in (carer.forename, carer.surname) if p)


class LearningReportService(Service):
    def register_sheet(self, course_id: int) -> RegisterSheet:
        with self._read() as s:
            course = load_course(s, course_id)
            sessions = session_rows(s, course_id)
            marks = {(a.enrolment_id, a.session_id): a for a in s.scalars(
                select(CourseAttendance).join(CourseSession)
                .where(CourseSession.course_id == course_id))}
            rows = s.execute(select(Enrolment, Carer).join(Carer, Carer.id == Enrolment.carer_id)
                             .where(Enrolment.course_id == course_id,
                                    Enrolment.enrolled_on.is_not(None))).all()
            lines = []
            for e, c in rows:
                cells, absences = [], []
                for x in sessions:
                    mark = marks.get((e.id, x.id))
                    cells.append("" if mark is None else "✓" if mark.present else "A")
                    if mark is not None and not mark.present:
                        absences.append(f"{spoken_day(x.day, short=True)}: {mark.absence_reason}")
                status = ENROLMENT_STATUSES[e.status]
                if e.status == "withdrawn" and e.withdrawn_on:
                    status = f"Withdrawn {spoken_day(e.withdrawn_on, weekday=False)}"
                lines.append(SheetLine(person_name(c.forename, c.surname), status, tuple(cells),
                                       tuple(absences), cells.count("✓")))
            lines.sort(key=lambda line: (line.status.startswith("Withdrawn"), fold(line.name)))
            creche = _creche_lines(s, course_id, sessions)
            if not self._may("children.medical"):  # no medical words, nor their marker
                creche = [dataclasses.replace(line, medical="", must_act=False) for line in creche]
            return RegisterSheet(course_rows(s, [course])[0], tuple(sessions), tuple(lines),
                                 tuple(creche))

    def certificates(self, course_id: int) -> list[Certificate]:
        """One certificate per learner who completed; refuses when nobody has yet."""
        with self._read() as s:
            course = load_course(s, course_id)
            row = course_rows(s, [course])[0]
            learners = s.execute(select(Enrolment, Carer).join(Carer, Carer.id == Enrolment.carer_id)
                                 .where(Enrolment.course_id == course_id,
                                        Enrolment.status == "completed")).all()
            if not learners:
                raise DomainError(f"No learner has completed '{course.title}' yet. Mark learners "
                                  "as completed on the Learners tab first.")
            provider = course.provider or row.site
            days = [x.day for x in session_rows(s, course_id)] or [course.start_date,
                                                                   course.end_date]
            # In the register's order (surname, forename), so the two can be checked side by side.
            learners = sorted(learners, key=lambda r: fold(person_name(r[1].forename,
                                                                       r[1].surname)))
            return [Certificate(_full_name(c), course.title, row.kind_label, provider, row.site,
                                days[0], days[-1], row.hours, row.tutor,
                                e.completed_on or days[-1])
                    for e, c in learners]

    def term_around(self, today: date | None = None) -> tuple[date, date, str]:
        """The hub's term that contains ``today`` (or the last one before it), for the summary.

        Falls back to the school year (1 September to 31 August) when no term dates are kept.
        """
        today = today or self._clock.today()
        with self._read() as s:
            hub_first = select(Site.id).order_by(Site.is_hub.desc(), Site.id).limit(1)
            term = s.scalars(select(CalendarEntry).where(
                CalendarEntry.kind == "term", CalendarEntry.site_id.in_(hub_first),
                CalendarEntry.start_date <= today).order_by(CalendarEntry.start_date.desc())).first()
            if term is not None:
                return term.start_date, term.end_date, f"{term.label or 'Term'} {term.start_date.year}"
        year = academic_year_start(today)
        return date(year, 9, 1), date(year + 1, 8, 31), f"School year {year}–{year + 1}"

    def term_summary(self, start: date, end: date) -> TermSummary:
        """Courses running between two dates: take-up, completion and attendance, and the same
        by the school(s) of the learners' children."""
        if end < start:
            raise ValidationError("The end date is before the start date.", "end")
        with self._read() as s:
            courses = s.scalars(select(Course).where(Course.start_date <= end,
                                                     Course.end_date >= start)
                                .order_by(Course.start_date, Course.title)).all()
            ids = [c.id for c in courses]
            enrolments = s.scalars(select(Enrolment).where(Enrolment.course_id.in_(ids))).all()
            marks = _marks(s, ids)
            schools = _schools_by_carer(s, {e.carer_id for e in enrolments})
            sites = dict(s.execute(select(Site.id, Site.name)).all())
            return _summary(start, end, list(courses), list(enrolments), marks, schools, sites)


def _summary(start: date, end: date, courses: list[Course], enrolments: list[Enrolment],
             marks: dict[int, tuple[int, int]], schools: dict[int, list[str]],
             sites: dict[int, str]) -> TermSummary:
    by_course: list[SummaryCourse] = []
    for c in courses:
        mine = [e for e in enrolments if e.course_id == c.id]
        placed = [e for e in mine if e.enrolled_on is not None]
        present = sum(marks.get(e.id, (0, 0))[0] for e in placed)
        marked = sum(marks.get(e.id, (0, 0))[1] for e in placed)
        by_course.append(SummaryCourse(
            c.title, sites.get(c.site_id, ""), COURSE_KINDS.get(c.kind, c.kind), c.start_date,
            c.end_date, len(placed), sum(e.status == "completed" for e in placed),
            sum(e.status == "withdrawn" for e in placed),
            sum(e.status == "waiting" for e in mine), _rate(present, marked)))
    groups: dict[str, list[Enrolment]] = {}
    placed_all = [e for e in enrolments if e.enrolled_on is not None]
    for e in placed_all:
        for school in schools.get(e.carer_id) or [NO_SCHOOL]:
            groups.setdefault(school, []).append(e)
    by_school = []
    for school in sorted(groups, key=lambda name: (name == NO_SCHOOL, name)):
        group = groups[school]
        by_school.append(SummarySchool(
            school, len({e.carer_id for e in group}), len(group),
            sum(e.status == "completed" for e in group),
            _rate(sum(marks.get(e.id, (0, 0))[0] for e in group),
                  sum(marks.get(e.id, (0, 0))[1] for e in group))))
    present = sum(marks.get(e.id, (0, 0))[0] for e in placed_all)
    marked = sum(marks.get(e.id, (0, 0))[1] for e in placed_all)
    return TermSummary(start, end, tuple(by_course), tuple(by_school),
                       len({e.carer_id for e in placed_all}), len(placed_all),
                       sum(e.status == "completed" for e in placed_all), _rate(present, marked))


def _marks(s: Session, course_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(present, marked) per enrolment."""
    result: dict[int, tuple[int, int]] = {}
    rows = s.execute(select(CourseAttendance.enrolment_id, CourseAttendance.present)
                     .join(CourseSession).where(CourseSession.course_id.in_(course_ids))).all()
    for enrolment_id, present in rows:
        p, m = result.get(enrolment_id, (0, 0))
        result[enrolment_id] = (p + int(present), m + 1)
    return result


def _schools_by_carer(s: Session, carer_ids: set[int]) -> dict[int, list[str]]:
    rows = s.execute(select(ChildCarer.carer_id, Site.name)
                     .join(Child, Child.id == ChildCarer.child_id)
                     .join(Site, Site.id == Child.school_site_id)
                     .where(ChildCarer.carer_id.in_(carer_ids), Child.left_on.is_(None))
                     .distinct()).all()
    result: dict[int, list[str]] = {}
    for carer_id, school in rows:
        result.setdefault(carer_id, []).append(school)
    return {k: sorted(v) for k, v in result.items()}


def _creche_lines(s: Session, course_id: int, sessions: list[SessionRow]) -> list[CrecheLine]:
    """The crèche children booked on the course, with a mark for each session they came to."""
    rows = s.execute(select(CrecheChild, Carer).join(CrecheBooking)
                     .join(Carer, Carer.id == CrecheChild.carer_id)
                     .where(CrecheBooking.course_id == course_id)).all()
    came = {(child_id, session_id) for child_id, session_id in s.execute(
        select(CrecheAttendance.creche_child_id, CrecheAttendance.session_id)
        .join(CourseSession, CourseSession.id == CrecheAttendance.session_id)
        .where(CourseSession.course_id == course_id))}
    first = sessions[0].day if sessions else None
    lines = []
    for child, carer in rows:
        on = max(first or child.date_of_birth, child.date_of_birth)
        medical = "; ".join(x for x in (f"ALLERGY: {child.allergies.strip()}"
                                        if child.allergies.strip() else "",
                                        child.medical_notes.strip()) if x)
        lines.append(CrecheLine(
            person_name(child.forename, child.surname),
            age_label(age_in_months(child.date_of_birth, on)),
            _full_name(carer), medical, must_act(child.allergies, child.medical_notes),
            tuple("✓" if (child.id, x.id) in came else "" for x in sessions)))
    return sorted(lines, key=lambda line: fold(line.name))
