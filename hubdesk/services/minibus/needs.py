"""Transport needs, derived and never typed: children booked into a club at another site than
their school, staff on a shift away from their home site or with a trip asked for (training),
parents enrolled on a course who asked for a ride. Each need is met by a passenger on a run or
listed as unmet."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.errors import NotFound, ValidationError
from hubdesk.core.models import (
    Carer,
    Child,
    Club,
    ClubSession,
    Course,
    CourseSession,
    Enrolment,
    RunPassenger,
    SessionBooking,
    Shift,
    Site,
    Staff,
    TransportRequest,
)
from hubdesk.services.base import Service
from hubdesk.services.minibus.queries import (
    carer_name,
    child_name,
    load_runs,
    run_label,
    site_names,
    staff_name,
)
from hubdesk.services.minibus.settings import MinibusSettings, load_settings

BREAKFAST_KINDS = ("breakfast", "free_breakfast")
AFTER_KINDS = ("after_school", "activity")
BREAKFAST_MINUTES = 30  # a child at breakfast club eats before the bus takes them to school


@dataclass(frozen=True)
class Need:
    key: str
    kind: str  # child, staff, adult
    person_id: int
    name: str
    day: date
    from_site_id: int
    to_site_id: int
    ready_at: time | None
    arrive_by: time | None
    purpose: str
    wheelchair: bool = False
    optional: bool = False  # staff who may make their own way
    session_booking_id: int | None = None
    request_id: int | None = None
    medical: str = ""


@dataclass(frozen=True)
class NeedRow:
    key: str
    kind: str
    name: str
    day: date
    from_site_id: int
    from_site: str
    to_site_id: int
    to_site: str
    ready_at: time | None
    arrive_by: time | None
    purpose: str
    wheelchair: bool
    optional: bool
    medical: str
    run_id: int | None
    run: str  # the run's label when met
    why: str = ""  # why it is unmet, after an automatic assignment

    @property
    def met(self) -> bool:
        return self.run_id is not None

    @property
    def times(self) -> str:
        ready = f"after {self.ready_at:%H:%M}" if self.ready_at else ""
        due = f"by {self.arrive_by:%H:%M}" if self.arrive_by else ""
        return " ".join(p for p in (ready, due) if p)


@dataclass(frozen=True)
class RequestRow:
    id: int
    kind: str
    name: str
    route: str
    when: str
    purpose: str
    cancelled: bool


def _at(day: date, t: time, minutes: int) -> time:
    return (datetime.combine(day, t) + timedelta(minutes=minutes)).time()


def derive_needs(s: Session, day: date, settings: MinibusSettings | None = None) -> list[Need]:
    """Every transport need of one day, children first (school times from the settings)."""
    settings = settings or load_settings(s)
    return [*_child_needs(s, day, settings), *_staff_needs(s, day), *_adult_needs(s, day)]


def _child_needs(s: Session, day: date, settings: MinibusSettings) -> list[Need]:
    rows = s.execute(
        select(SessionBooking.id, Child, Club, ClubSession)
        .join(ClubSession, ClubSession.id == SessionBooking.session_id)
        .join(Club, Club.id == ClubSession.club_id)
        .join(Child, Child.id == SessionBooking.child_id)
        .where(ClubSession.day == day, ClubSession.status == "running",
               SessionBooking.status == "booked", Child.school_site_id != Club.site_id)
        .order_by(ClubSession.start_time, Club.name, Child.sort_key))
    found = []
    for sb_id, child, club, session in rows:
        if child.left_on is not None and child.left_on <= day:
            continue
        medical = "; ".join(x for x in (child.allergies.strip(), child.medical_notes.strip()) if x)
        need = partial(Need, kind="child", person_id=child.id, name=child_name(child), day=day,
                       purpose=club.name, session_booking_id=sb_id, medical=medical)
        if club.kind in AFTER_KINDS and session.start_time >= time(12, 0):
            found.append(need(key=f"sb:{sb_id}:out", from_site_id=child.school_site_id,
                              to_site_id=club.site_id, ready_at=settings.ends(child.school_site_id),
                              arrive_by=session.start_time))
        elif club.kind in BREAKFAST_KINDS:
            ready = min(_at(day, session.start_time, BREAKFAST_MINUTES), session.end_time)
            found.append(need(key=f"sb:{sb_id}:back", from_site_id=club.site_id,
                              to_site_id=child.school_site_id, ready_at=ready,
                              arrive_by=settings.starts(child.school_site_id)))
    return found


def _staff_needs(s: Session, day: date) -> list[Need]:
    found = []
    shifts = s.execute(
        select(Shift, Staff).join(Staff, Staff.id == Shift.staff_id)
        .where(Shift.day == day, Shift.cancelled_at.is_(None), Shift.kind != "run",
               Shift.site_id.is_not(None), Staff.home_site_id.is_not(None),
               Shift.site_id != Staff.home_site_id).order_by(Shift.start_time))
    for shift, person in shifts:
        assert shift.site_id is not None and person.home_site_id is not None
        found.append(Need(f"shift:{shift.id}", "staff", person.id, staff_name(person), day,
                          person.home_site_id, shift.site_id, None, shift.start_time,
                          shift.note or "Shift", optional=True))
    requests = s.execute(
        select(TransportRequest, Staff).join(Staff, Staff.id == TransportRequest.staff_id)
        .where(TransportRequest.kind == "staff", TransportRequest.day == day,
               TransportRequest.cancelled_at.is_(None)))
    for req, person in requests:
        assert req.to_site_id is not None
        found.append(Need(f"req:{req.id}:out", "staff", person.id, staff_name(person), day,
                          req.from_site_id, req.to_site_id, None, req.arrive_by, req.purpose,
                          req.wheelchair, request_id=req.id))
        if req.return_trip and req.return_after is not None:
            found.append(Need(f"req:{req.id}:back", "staff", person.id, staff_name(person), day,
                              req.to_site_id, req.from_site_id, req.return_after, None,
                              f"{req.purpose} (home)", req.wheelchair, request_id=req.id))
    return found


def _adult_needs(s: Session, day: date) -> list[Need]:
    rows = s.execute(
        select(TransportRequest, Carer, Course, CourseSession)
        .join(Enrolment, Enrolment.id == TransportRequest.enrolment_id)
        .join(Carer, Carer.id == Enrolment.carer_id)
        .join(Course, Course.id == Enrolment.course_id)
        .join(CourseSession, CourseSession.course_id == Course.id)
        .where(TransportRequest.kind == "course", TransportRequest.cancelled_at.is_(None),
               Enrolment.status == "enrolled", CourseSession.session_date == day)
        .order_by(CourseSession.start_time, Carer.surname))
    found = []
    for req, carer, course, session in rows:
        if req.from_site_id == course.site_id:
            continue
        need = partial(Need, kind="adult", person_id=carer.id, name=carer_name(carer), day=day,
                       wheelchair=req.wheelchair, request_id=req.id)
        found.append(need(key=f"req:{req.id}:{session.id}:out", from_site_id=req.from_site_id,
                          to_site_id=course.site_id, ready_at=None, arrive_by=session.start_time,
                          purpose=course.title))
        if req.return_trip:
            found.append(need(key=f"req:{req.id}:{session.id}:back", from_site_id=course.site_id,
                              to_site_id=req.from_site_id, ready_at=session.end_time, arrive_by=None,
                              purpose=f"{course.title} (home)"))
    return found


def met_by(s: Session, day: date, keys: Iterable[str]) -> dict[str, tuple[int, str]]:
    """need key -> (run id, run label) for needs with a live passenger on a planned run."""
    wanted = set(keys)
    names = site_names(s)
    found = {}
    for loaded in load_runs(s, day, day):
        label = run_label(loaded.run, names, loaded.stops)
        for p in loaded.passengers:
            if p.need_key in wanted:
                found[p.need_key] = (loaded.run.id, label)
    return found


def need_rows(s: Session, day: date) -> list[NeedRow]:
    needs = derive_needs(s, day)
    names = site_names(s)
    met = met_by(s, day, (n.key for n in needs))
    return [NeedRow(n.key, n.kind, n.name, n.day, n.from_site_id, names.get(n.from_site_id, "?"),
                    n.to_site_id, names.get(n.to_site_id, "?"), n.ready_at, n.arrive_by, n.purpose,
                    n.wheelchair, n.optional, n.medical, *met.get(n.key, (None, "")))
            for n in needs]


class MinibusNeeds(Service):
    def day(self, day: date) -> list[NeedRow]:
        """The day's needs, met (with their run) and unmet."""
        with self._read() as s:
            rows = need_rows(s, day)
        return [self._medical_shown(row) for row in rows]

    def request_course(self, enrolment_id: int, from_site_id: int, return_trip: bool = True,
                       wheelchair: bool = False) -> int:
        """A learner asks to be picked up at a site for every session of their course."""
        with self._write() as s:
            enrolment = s.get(Enrolment, enrolment_id)
            if enrolment is None:
                raise NotFound("That enrolment no longer exists.")
            course = s.get_one(Course, enrolment.course_id)
            if s.get(Site, from_site_id) is None:
                raise NotFound("That pick-up site no longer exists.")
            if from_site_id == course.site_id:
                raise ValidationError("The course is at that site already; choose where to pick "
                                      "the learner up.", "from_site_id")
            live = s.scalar(select(TransportRequest.id).where(
                TransportRequest.enrolment_id == enrolment_id, TransportRequest.cancelled_at.is_(None)))
            if live is not None:
                raise ValidationError("This learner already has transport asked for; cancel that "
                                      "first to change it.", "enrolment_id")
            req = TransportRequest(kind="course", enrolment_id=enrolment_id, from_site_id=from_site_id,
                                   return_trip=return_trip, wheelchair=wheelchair,
                                   purpose=course.title[:120], requested_at=self._clock.now())
            s.add(req)
            s.flush()
            return req.id

    def request_staff(self, staff_id: int, day: date, from_site_id: int, to_site_id: int,
                      arrive_by: time, purpose: str, return_after: time | None = None) -> int:
        """A staff member needs a ride on a day (in-service training, a meeting at another site)."""
        if from_site_id == to_site_id:
            raise ValidationError("Choose two different sites.", "to_site_id")
        if not purpose.strip():
            raise ValidationError("Say what the trip is for, e.g. INSET training.", "purpose")
        if return_after is not None and return_after <= arrive_by:
            raise ValidationError("The ride home must be after the arrival.", "return_after")
        with self._write() as s:
            if s.get(Staff, staff_id) is None:
                raise NotFound("That staff member no longer exists.")
            for site_id in (from_site_id, to_site_id):
                if s.get(Site, site_id) is None:
                    raise NotFound("That site no longer exists.")
            req = TransportRequest(kind="staff", staff_id=staff_id, day=day, from_site_id=from_site_id,
                                   to_site_id=to_site_id, arrive_by=arrive_by,
                                   return_after=return_after, return_trip=return_after is not None,
                                   purpose=purpose.strip()[:120], requested_at=self._clock.now())
            s.add(req)
            s.flush()
            return req.id

    def cancel_request(self, request_id: int, reason: str) -> int:
        """Cancel a request; its passengers come off their runs. Returns how many came off."""
        if not reason.strip():
            raise ValidationError("Say why the transport is no longer needed.", "reason")
        with self._write() as s:
            req = s.get(TransportRequest, request_id)
            if req is None:
                raise NotFound("That transport request no longer exists.")
            now = self._clock.now()
            req.cancelled_at, req.cancel_reason = now, reason.strip()[:200]
            riders = s.scalars(select(RunPassenger).where(RunPassenger.request_id == request_id,
                                                          RunPassenger.removed_at.is_(None))).all()
            for p in riders:
                p.removed_at, p.removed_reason = now, "Transport request cancelled"
            return len(riders)

    def requests(self, include_cancelled: bool = False) -> list[RequestRow]:
        with self._read() as s:
            names = site_names(s)
            stmt = select(TransportRequest).order_by(TransportRequest.requested_at.desc())
            if not include_cancelled:
                stmt = stmt.where(TransportRequest.cancelled_at.is_(None))
            rows = []
            for r in s.scalars(stmt):
                if r.kind == "staff":
                    who = staff_name(s.get(Staff, r.staff_id)) if r.staff_id else ""
                    when = f"{r.day:%a %d/%m/%Y} by {r.arrive_by:%H:%M}" if r.day and r.arrive_by else ""
                    route = f"{names.get(r.from_site_id, '?')} → {names.get(r.to_site_id or 0, '?')}"
                else:
                    enrolment = s.get_one(Enrolment, r.enrolment_id)
                    who = carer_name(s.get_one(Carer, enrolment.carer_id))
                    course = s.get_one(Course, enrolment.course_id)
                    when = "every session"
                    route = f"{names.get(r.from_site_id, '?')} → {names.get(course.site_id, '?')}"
                rows.append(RequestRow(r.id, r.kind, who, route, when, r.purpose,
                                       r.cancelled_at is not None))
            return rows

