"""Who is on site now (the fire register) and the fire-drill log of each site.

Children on site are those signed in and not yet signed out to any of today's sessions at the site,
and the crèche children signed in to a course's crèche there (under-fives, most of them no pupil).
Staff on duty come from the rota: the shifts of those sessions and of sessions running at this
moment, and site duties and crèches covering it (a club's lead when its session has nobody on the
rota).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from hubdesk.core.clock import to_local
from hubdesk.core.dates import spoken_day
from hubdesk.core.errors import NotFound, ValidationError
from hubdesk.core.models import (
    Attendance,
    Carer,
    Child,
    Course,
    CourseSession,
    CrecheAttendance,
    CrecheChild,
    FireDrill,
    Room,
    Site,
)
from hubdesk.core.rules.creche import age_in_months, age_label
from hubdesk.core.rules.medical import must_act
from hubdesk.core.vocabulary import year_label
from hubdesk.services.base import Service
from hubdesk.services.registers.queries import (
    SessionHeader,
    carer_info,
    child_label,
    day_headers,
    hhmm,
    moment,
)
from hubdesk.services.registers.sign_in import SignInRow, adults_at
from hubdesk.services.registers.staff import rota_shifts

DRILL_DUE_AFTER = timedelta(days=49)  # each half-term: about seven weeks


@dataclass(frozen=True)
class OnSiteChild:
    child_id: int
    name: str
    year: str
    school: str
    club: str
    room: str
    signed_in_at: datetime
    allergies: str
    medical: str
    emergency: str

    @property
    def time_in(self) -> str:
        return hhmm(self.signed_in_at)

    @property
    def has_medical(self) -> bool:
        return bool(self.allergies.strip() or self.medical.strip())

    @property
    def must_act(self) -> bool:
        return must_act(self.allergies, self.medical)


@dataclass(frozen=True)
class FireList:
    site_id: int
    site: str
    at: datetime  # UTC
    children: tuple[OnSiteChild, ...]
    staff: tuple[str, ...]
    adults: tuple[SignInRow, ...] = ()  # from the signing-in book

    @property
    def people(self) -> int:
        return len(self.children) + len(self.staff) + len(self.adults)

    @property
    def when(self) -> str:
        local = to_local(self.at)
        return f"{spoken_day(local.date(), short=True, year=True)} {local:%H:%M}"


@dataclass(frozen=True)
class DrillForm:
    site_id: int
    held_at: datetime  # UTC
    evacuation_seconds: int
    children_out: int = 0
    staff_out: int = 0
    real_alarm: bool = False
    led_by: str = ""
    notes: str = ""


@dataclass(frozen=True)
class DrillRow:
    id: int
    site: str
    held_at: datetime
    evacuation_seconds: int
    children_out: int
    staff_out: int
    real_alarm: bool
    led_by: str
    notes: str
    recorded_by: str

    @property
    def time_taken(self) -> str:
        minutes, seconds = divmod(self.evacuation_seconds, 60)
        return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"


def validate_drill(form: DrillForm, now: datetime) -> None:
    if not 1 <= form.evacuation_seconds <= 7200:
        raise ValidationError("Enter how long everyone took to get out (1 second to 2 hours).",
                              "evacuation_seconds")
    if form.children_out < 0 or form.staff_out < 0:
        raise ValidationError("Counts cannot be negative.", "children_out")
    if form.held_at > now + timedelta(minutes=2):
        raise ValidationError("A drill cannot be recorded before it happens.", "held_at")
    if len(form.led_by.strip()) > 150 or len(form.notes) > 4000:
        raise ValidationError("That is too long to keep; shorten it.", "notes")


def staff_on_site(s: Session, site_id: int, headers: list[SessionHeader], busy: set[int],
                  now: datetime) -> list[str]:
    """Staff on the rota at the site now: the shifts of sessions running now (or still with
    children signed in after their end), and site duties and crèches covering this moment.

    A session with nobody on the rota counts its club's lead, as the register header does.
    """
    wall = to_local(now).time()
    shifts = rota_shifts(s, to_local(now).date(), [site_id])
    staff: list[str] = []
    for h in headers:
        running = moment(h.day, h.start_time) <= now <= moment(h.day, h.end_time)
        if not (running or h.session_id in busy):
            continue
        own = [x for x in shifts if x.session_id == h.session_id
               and (h.session_id in busy or x.covers(wall))]
        if not any(x.session_id == h.session_id for x in shifts):
            staff += [h.lead] if h.lead else []
        staff += [x.label() for x in own]
    staff += [x.label() for x in shifts if x.kind != "club" and x.covers(wall)]
    return list(dict.fromkeys(staff))


def fire_list(s: Session, site_id: int, now: datetime) -> FireList:
    site = s.get(Site, site_id)
    if site is None:
        raise NotFound("That site no longer exists.")
    day = to_local(now).date()
    headers = {h.session_id: h for h in day_headers(s, day, site_id) if not h.cancelled}
    children: list[OnSiteChild] = []
    busy: set[int] = set()
    if headers:
        school = {x.id: x.name for x in s.scalars(select(Site))}
        rows = s.execute(select(Attendance, Child).join(Child, Child.id == Attendance.child_id)
                         .where(Attendance.session_id.in_(list(headers)),
                                Attendance.status.in_(("in", "out")),
                                Attendance.signed_in_at <= now,
                                or_(Attendance.signed_out_at.is_(None),
                                    Attendance.signed_out_at > now))).all()
        info = carer_info(s, (c.id for _, c in rows))
        for a, c in rows:
            h = headers[a.session_id]
            busy.add(h.session_id)
            assert a.signed_in_at is not None
            children.append(OnSiteChild(c.id, child_label(c), year_label(c.year_group),
                                        school.get(c.school_site_id, ""), h.club, h.room,
                                        a.signed_in_at, c.allergies, c.medical_notes,
                                        info[c.id].emergency))
    staff = staff_on_site(s, site_id, list(headers.values()), busy, now)
    children += creche_children(s, site_id, now)
    children.sort(key=lambda x: (x.club, x.name))
    adults = adults_at(s, site_id, now)
    signed = {a.name for a in adults}
    staff = [x for x in staff if x.split(" (")[0] not in signed]  # listed once, as signed in
    return FireList(site.id, site.name, now, tuple(children), tuple(staff), tuple(adults))


def creche_children(s: Session, site_id: int, now: datetime) -> list[OnSiteChild]:
    """Crèche children signed in at the site at ``now`` and not yet collected; the parent on the
    course is their emergency contact, in the building."""
    day = to_local(now).date()
    rows = s.execute(
        select(CrecheAttendance, CrecheChild, Carer, Course.title, Room.name)
        .join(CrecheChild, CrecheChild.id == CrecheAttendance.creche_child_id)
        .join(Carer, Carer.id == CrecheChild.carer_id)
        .join(CourseSession, CourseSession.id == CrecheAttendance.session_id)
        .join(Course, Course.id == CourseSession.course_id)
        .outerjoin(Room, Room.id == Course.room_id)
        .where(Course.site_id == site_id, CourseSession.session_date == day,
               CrecheAttendance.signed_in_at <= now,
               or_(CrecheAttendance.signed_out_at.is_(None),
                   CrecheAttendance.signed_out_at > now))).all()
    found = []
    for a, child, carer, title, room in rows:
        parent = f"{carer.forename} {carer.surname}".strip()
        phone = carer.phone_mobile or carer.phone_home or carer.phone_work
        found.append(OnSiteChild(
            -child.id, f"{child.surname}, {child.forename}",
            age_label(age_in_months(child.date_of_birth, day)), "crèche", f"Crèche: {title}",
            room or "", a.signed_in_at, child.allergies, child.medical_notes,
            f"{parent} (on the course): {phone}" if phone else f"{parent} (on the course)"))
    return found


class SiteRollService(Service):
    def on_site(self, site_id: int, now: datetime | None = None) -> FireList:
        """Everyone at the site now (or at ``now``, UTC, for a drill or an inquiry): children
        signed in, staff on the rota and adults in the signing-in book."""
        with self._read() as s:
            return self._medical_shown(fire_list(s, site_id, now or self._clock.now()))

    def record_drill(self, form: DrillForm) -> int:
        validate_drill(form, self._clock.now())
        with self._write() as s:
            if s.get(Site, form.site_id) is None:
                raise NotFound("That site no longer exists.")
            drill = FireDrill(site_id=form.site_id, held_at=form.held_at,
                              evacuation_seconds=form.evacuation_seconds,
                              children_out=form.children_out, staff_out=form.staff_out,
                              real_alarm=form.real_alarm, led_by=form.led_by.strip(),
                              notes=form.notes.strip(), recorded_by=str(s.info.get("user") or ""))
            s.add(drill)
            s.flush()
            return drill.id

    def drills(self, site_id: int | None = None) -> list[DrillRow]:
        stmt = select(FireDrill, Site.name).join(Site, Site.id == FireDrill.site_id)
        if site_id is not None:
            stmt = stmt.where(FireDrill.site_id == site_id)
        with self._read() as s:
            return [DrillRow(d.id, name, d.held_at, d.evacuation_seconds, d.children_out,
                             d.staff_out, d.real_alarm, d.led_by, d.notes, d.recorded_by)
                    for d, name in s.execute(stmt.order_by(FireDrill.held_at.desc()))]

    def drill_reminder(self, site_id: int, today: date) -> str:
        """A sentence when the site has had no drill for about a half-term, else ''."""
        with self._read() as s:
            last = s.scalar(select(FireDrill.held_at).where(FireDrill.site_id == site_id)
                            .order_by(FireDrill.held_at.desc()).limit(1))
        if last is None:
            return "No fire drill is recorded for this site. Hold one each half-term."
        if today - to_local(last).date() > DRILL_DUE_AFTER:
            return (f"The last fire drill was on {to_local(last):%d/%m/%Y}. Hold one each "
                    "half-term.")
        return ""
