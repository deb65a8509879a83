"""Demo parent-learning: three courses (one with a crèche), learners from the families, some registers."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.clock import LONDON
from hubdesk.core.models import (
    Carer,
    Course,
    CourseAttendance,
    CourseSession,
    CrecheAttendance,
    CrecheBooking,
    CrecheChild,
    Enrolment,
    Room,
    Staff,
)
from hubdesk.core.vocabulary import fold
from hubdesk.demo.context import DemoContext
from hubdesk.services.learning import session_dates

ABSENCE_REASONS = ["Ill", "Child ill", "Work", "Appointment"]


def _course(s: Session, ctx: DemoContext, title: str, kind: str, site_id: int, weekday: int,
            start: date, weeks: int, times: tuple[time, time], capacity: int, creche: int,
            provider: str = "Ashworth Hub") -> Course:
    tutor = s.scalar(select(Staff).where(Staff.role == "tutor").order_by(Staff.id).offset(
        len(title) % 2).limit(1))
    room = s.scalar(select(Room).where(Room.site_id == site_id).order_by(Room.id).limit(1))
    course = Course(title=title, kind=kind, provider=provider, external=provider != "Ashworth Hub",
                    tutor_staff_id=tutor.id if tutor else None, site_id=site_id,
                    room_id=room.id if room else None, weekdays=str(weekday), start_date=start,
                    end_date=start + timedelta(weeks=weeks), start_time=times[0], end_time=times[1],
                    capacity=capacity, fee_pence=0, creche_places=creche, notes="",
                    search_key=fold(title), learning_aim="", funding_source="")
    s.add(course)
    s.flush()
    for day in session_dates(s, course):
        s.add(CourseSession(course_id=course.id, session_date=day, start_time=times[0],
                            end_time=times[1]))
    s.flush()
    return course


def build(s: Session, ctx: DemoContext) -> None:
    rng, first = ctx.rng, ctx.year_start.year
    centre = ctx.centre_ids[0] if ctx.centre_ids else ctx.hub_site_id
    autumn = date(first, 9, 15)
    courses = [
        _course(s, ctx, "Family English: Reading Together", "family_learning", centre, 1, autumn, 10,
                (time(9, 15), time(11, 15)), 12, 8),
        _course(s, ctx, "Digital Skills for Parents", "digital", ctx.hub_site_id, 3,
                date(first, 11, 5), 8, (time(13, 0), time(15, 0)), 8, 0,
                provider="Ashworth Adult College"),
        _course(s, ctx, "Paediatric First Aid for Parents", "first_aid", centre, 4,
                date(first + 1, 1, 15), 3, (time(9, 30), time(12, 0)), 14, 0),
    ]
    carers = list(s.scalars(select(Carer.id).order_by(Carer.id)))
    chosen = rng.sample(carers, 30)
    stamp = datetime(first, 9, 1, 9, 0)
    for course, learners in zip(courses, (chosen[:12], chosen[12:21], chosen[21:30]), strict=True):
        enrolments = []
        for n, carer_id in enumerate(learners):
            waiting = n >= course.capacity
            enrolment = Enrolment(course_id=course.id, carer_id=carer_id,
                                  status="waiting" if waiting else "enrolled",
                                  requested_at=stamp + timedelta(hours=n),
                                  enrolled_on=None if waiting else course.start_date - timedelta(days=7),
                                  withdraw_reason="", starting_point="", goals="", progress="",
                                  achievement="")
            s.add(enrolment)
            enrolments.append(enrolment)
        s.flush()
        sessions = list(s.scalars(select(CourseSession).where(CourseSession.course_id == course.id)
                                  .order_by(CourseSession.session_date)))
        for session in (x for x in sessions if x.session_date < ctx.today):
            for enrolment in enrolments:
                present = rng.random() < 0.85
                s.add(CourseAttendance(session_id=session.id, enrolment_id=enrolment.id,
                                       present=present,
                                       absence_reason="" if present else rng.choice(ABSENCE_REASONS)))
        if sessions and sessions[-1].session_date < ctx.today:
            for enrolment in enrolments[:-2]:
                enrolment.status, enrolment.completed_on = "completed", sessions[-1].session_date
        if course.creche_places:
            _creche(s, ctx, course, enrolments, sessions)


def _creche(s: Session, ctx: DemoContext, course: Course, enrolments: list[Enrolment],
            sessions: list[CourseSession]) -> None:
    rng = ctx.rng
    toddlers = []
    parents: dict[int, str] = {}
    for enrolment in enrolments[:5]:
        carer = s.get(Carer, enrolment.carer_id)
        assert carer is not None
        parents[carer.id] = f"{carer.forename} {carer.surname}"
        age_days = rng.randint(300, 4 * 365)
        toddler = CrecheChild(carer_id=carer.id, forename=rng.choice(["Zofia", "Musa", "Orla", "Emre",
                                                                       "Poppy", "Ştefan"]),
                              surname=carer.surname,
                              date_of_birth=course.start_date - timedelta(days=age_days),
                              allergies="", medical_notes="", notes="")
        s.add(toddler)
        toddlers.append(toddler)
    s.flush()
    for toddler in toddlers:
        s.add(CrecheBooking(course_id=course.id, creche_child_id=toddler.id,
                            booked_on=course.start_date))
    for session in (x for x in sessions if x.session_date < ctx.today):
        for toddler in toddlers:
            local = datetime.combine(session.session_date, session.start_time, LONDON)
            arrive = (local - timedelta(minutes=10)).astimezone(UTC).replace(tzinfo=None)
            s.add(CrecheAttendance(session_id=session.id, creche_child_id=toddler.id,
                                   signed_in_at=arrive,
                                   signed_out_at=arrive + timedelta(hours=2, minutes=20),
                                   collected_by=parents[toddler.carer_id]))
