"""What the rota services share inside one transaction: loading a week's sessions with the staff
they need, the shifts, the people and the settings, as plain facts for the checks.

A session's need comes from the children actually signed in once its register has been started,
and from the children booked before that. Crèche sessions use the crèche ratio rules.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, time, timedelta

from sqlalchemy import and_, or_, select, union
from sqlalchemy.orm import Session

from hubdesk.core.models import (
    Child,
    Club,
    ClubSession,
    Course,
    CourseSession,
    CrecheBooking,
    CrecheChild,
    MetaValue,
    RatioRule,
    Room,
    Run,
    RunStop,
    SessionBooking,
    Shift,
    Site,
    Staff,
    StaffAvailability,
    StaffSite,
)
from hubdesk.core.models.meta import store_meta
from hubdesk.core.models.registers import Attendance
from hubdesk.core.rules import creche
from hubdesk.core.rules.ratios import DEFAULT_BANDS, AgeBand, Need, age_on, is_eyfs, session_need
from hubdesk.core.rules.staff_checks import Person, SessionFact, Settings, ShiftFact, Visit
from hubdesk.core.rules.travel import DEFAULT_TRAVEL_MINUTES
from hubdesk.services.learning import load_rules as load_creche_rules
from hubdesk.services.sites import save_travel_default, travel_default

SETTINGS_KEY = "rota_settings"
WEEK_DAYS = 5  # the rota covers Monday to Friday


@dataclass(frozen=True)
class RotaSettings:
    """Editable by the office: the warning window, DBS re-check interval, minimum staff, travel."""

    warn_days: int = 30
    dbs_recheck_years: int = 3
    minimum_staff: int = 2
    default_travel_minutes: int = DEFAULT_TRAVEL_MINUTES  # kept by sites; shown with these

    def checks(self) -> Settings:
        return Settings(self.warn_days, self.dbs_recheck_years)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_days(monday: date) -> list[date]:
    return [monday + timedelta(days=n) for n in range(WEEK_DAYS)]


def load_settings(s: Session) -> RotaSettings:
    """The rota's settings, with the travel default from the sites' own setting."""
    travel = travel_default(s)
    stored = s.get(MetaValue, SETTINGS_KEY)
    if stored is None:
        return RotaSettings(default_travel_minutes=travel)
    try:
        data = json.loads(stored.value)
        return replace(RotaSettings(**{k: int(v) for k, v in data.items()
                                       if k in RotaSettings.__dataclass_fields__}),
                       default_travel_minutes=travel)
    except (ValueError, TypeError):
        return RotaSettings(default_travel_minutes=travel)


def save_settings(s: Session, settings: RotaSettings) -> None:
    own = {k: v for k, v in settings.__dict__.items() if k != "default_travel_minutes"}
    store_meta(s, SETTINGS_KEY, json.dumps(own))
    save_travel_default(s, settings.default_travel_minutes)


def load_bands(s: Session) -> dict[int | None, tuple[AgeBand, ...]]:
    """Age bands by site id; the key None holds the cluster's defaults."""
    found: dict[int | None, list[AgeBand]] = defaultdict(list)
    for rule in s.scalars(select(RatioRule).order_by(RatioRule.from_age)):
        found[rule.site_id].append(AgeBand(rule.from_age, rule.per_adult))
    bands = {site: tuple(rows) for site, rows in found.items()}
    bands.setdefault(None, DEFAULT_BANDS)
    return bands


def person_name(p: Staff) -> str:
    return f"{p.forename} {p.surname}"


def load_people(s: Session, ids: Iterable[int] | None = None) -> dict[int, Person]:
    """Check facts for staff (all of them when ``ids`` is None)."""
    return load_staff(s, ids)[1]


def load_staff(s: Session, ids: Iterable[int] | None = None
               ) -> tuple[dict[int, Staff], dict[int, Person]]:
    """Staff records and their check facts from one read (all staff when ``ids`` is None)."""
    stmt = select(Staff)
    avail_stmt = select(StaffAvailability)
    sites_stmt = select(StaffSite)
    if ids is not None:
        wanted = sorted(set(ids))
        stmt = stmt.where(Staff.id.in_(wanted))
        avail_stmt = avail_stmt.where(StaffAvailability.staff_id.in_(wanted))
        sites_stmt = sites_stmt.where(StaffSite.staff_id.in_(wanted))
    availability: dict[int, dict[int, tuple[time, time]]] = defaultdict(dict)
    for a in s.scalars(avail_stmt):
        availability[a.staff_id][a.weekday] = (a.start_time, a.end_time)
    sites: dict[int, set[int]] = defaultdict(set)
    for link in s.scalars(sites_stmt):
        sites[link.staff_id].add(link.site_id)
    staff = {p.id: p for p in s.scalars(stmt)}
    return staff, {p.id: to_person(p, availability.get(p.id, {}), sites.get(p.id, set()))
                   for p in staff.values()}


def staff_at(s: Session, site_id: int, start: date, end: date) -> set[int]:
    """Who belongs on a site's grid: anyone with a live shift there in the dates, and active staff
    based there or linked to it."""
    on_shift = select(Shift.staff_id).where(Shift.site_id == site_id, Shift.day.between(start, end),
                                            Shift.cancelled_at.is_(None))
    linked = select(StaffSite.staff_id).where(StaffSite.site_id == site_id)
    based = select(Staff.id).where(Staff.active.is_(True),
                                   or_(Staff.home_site_id == site_id, Staff.id.in_(linked)))
    return set(s.scalars(union(on_shift, based)))


def to_person(p: Staff, availability: dict[int, tuple[time, time]], sites: set[int]) -> Person:
    return Person(
        id=p.id, name=person_name(p), active=p.active, dbs_number=p.dbs_number,
        dbs_checked=bool(p.dbs_checked_by.strip()), barred_list_checked=p.barred_list_checked,
        dbs_issued_on=p.dbs_issued_on, update_service=p.dbs_update_service,
        first_aid_expires=p.first_aid_expires, food_hygiene_expires=p.food_hygiene_expires,
        midas_expires=p.midas_expires, week_minutes=p.contracted_week_minutes,
        day_minutes=p.contracted_day_minutes, availability=dict(availability),
        home_site_id=p.home_site_id, site_ids=frozenset(sites))


@dataclass(frozen=True)
class SessionInfo:
    """A session needing staff, with what a screen or printout shows about it."""

    fact: SessionFact
    kind: str  # club or creche
    session_id: int
    title: str
    room: str
    club_kind: str
    counted: str  # "booked" or "signed in"


def load_sessions(s: Session, start: date, end: date, site_id: int | None = None,
                  settings: RotaSettings | None = None) -> list[SessionInfo]:
    """Club and crèche sessions between two dates with the staff their children need."""
    settings = settings or load_settings(s)
    bands = load_bands(s)
    stmt = (select(ClubSession.id, ClubSession.day, ClubSession.start_time, ClubSession.end_time,
                   Club.site_id, Club.name, Club.kind, Room.name)
            .join(Club, Club.id == ClubSession.club_id).outerjoin(Room, Room.id == Club.room_id)
            .where(ClubSession.day.between(start, end), ClubSession.status == "running"))
    if site_id is not None:
        stmt = stmt.where(Club.site_id == site_id)
    rows = s.execute(stmt).all()
    in_range = and_(ClubSession.day.between(start, end), ClubSession.status == "running")
    booked: dict[int, list[tuple[date, int]]] = defaultdict(list)
    children_q = (select(SessionBooking.session_id, Child.date_of_birth, Child.year_group)
                  .join(ClubSession, ClubSession.id == SessionBooking.session_id)
                  .join(Child, Child.id == SessionBooking.child_id)
                  .where(in_range, SessionBooking.status == "booked"))
    present_q = (select(Attendance.session_id, Attendance.status, Child.date_of_birth, Child.year_group)
                 .join(ClubSession, ClubSession.id == Attendance.session_id)
                 .join(Child, Child.id == Attendance.child_id).where(in_range))
    if site_id is not None:
        site_sessions = select(ClubSession.id).join(Club).where(Club.site_id == site_id)
        children_q = children_q.where(SessionBooking.session_id.in_(site_sessions))
        present_q = present_q.where(Attendance.session_id.in_(site_sessions))
    for sid, dob, year in s.execute(children_q):
        booked[sid].append((dob, year))
    present: dict[int, list[tuple[date, int]]] = defaultdict(list)
    started: set[int] = set()
    for sid, status, dob, year in s.execute(present_q):
        started.add(sid)
        if status in ("in", "out"):
            present[sid].append((dob, year))
    result = []
    for sid, day, st, en, site, name, kind, room in rows:
        children = present[sid] if sid in started else booked[sid]
        ages = [age_on(dob, day) for dob, _ in children]
        eyfs = sum(1 for _, year in children if is_eyfs(year))
        need = session_need(ages, eyfs, bands.get(site, bands[None]), settings.minimum_staff)
        fact = SessionFact(f"club:{sid}", site, day, st, en, name, need)
        result.append(SessionInfo(fact, "club", sid, name, room or "", kind,
                                  "signed in" if sid in started else "booked"))
    result += _creche_sessions(s, start, end, site_id)
    return sorted(result, key=lambda x: (x.fact.day, x.fact.start, x.fact.site_id, x.title))


def target_place(s: Session, target: str) -> tuple[int, date] | None:
    """The site and day of a session target ('club:ID' or 'creche:ID'); None when there is none."""
    kind, _, ident = target.partition(":")
    row = None
    if ident.isdigit() and kind == "club":
        row = s.execute(select(Club.site_id, ClubSession.day)
                        .join(ClubSession, ClubSession.club_id == Club.id)
                        .where(ClubSession.id == int(ident))).first()
    elif ident.isdigit() and kind == "creche":
        row = s.execute(select(Course.site_id, CourseSession.session_date)
                        .join(CourseSession, CourseSession.course_id == Course.id)
                        .where(CourseSession.id == int(ident))).first()
    return None if row is None else (row[0], row[1])


def _creche_sessions(s: Session, start: date, end: date, site_id: int | None) -> list[SessionInfo]:
    stmt = (select(CourseSession, Course.title, Course.site_id, Room.name)
            .join(Course, Course.id == CourseSession.course_id)
            .outerjoin(Room, Room.id == Course.room_id)
            .where(CourseSession.session_date.between(start, end), Course.creche_places > 0))
    if site_id is not None:
        stmt = stmt.where(Course.site_id == site_id)
    rows = s.execute(stmt).all()
    if not rows:
        return []
    rules = load_creche_rules(s)
    course_ids = {x.course_id for x, *_ in rows}
    children: dict[int, list[date]] = defaultdict(list)
    for course_id, dob in s.execute(
            select(CrecheBooking.course_id, CrecheChild.date_of_birth)
            .join(CrecheChild, CrecheChild.id == CrecheBooking.creche_child_id)
            .where(CrecheBooking.course_id.in_(course_ids))):
        children[course_id].append(dob)
    result = []
    for session, title, site, room in rows:
        months = [max(0, creche.age_in_months(dob, session.session_date))
                  for dob in children[session.course_id]]
        required = creche.required_staff(months, rules)
        need = Need(len(months), len(months), required, required, bool(months))
        fact = SessionFact(f"creche:{session.id}", site, session.session_date, session.start_time,
                           session.end_time, f"Crèche: {title}", need)
        result.append(SessionInfo(fact, "creche", session.id, f"Crèche: {title}", room or "",
                                  "creche", "booked"))
    return result


@dataclass(frozen=True)
class ShiftInfo:
    """A live shift with the names a screen shows."""

    fact: ShiftFact
    kind: str
    role: str
    site: str
    note: str


def target_of(shift: Shift) -> str:
    return _target(shift.kind, shift.club_session_id, shift.course_session_id, shift.run_id, shift.id)


def _target(kind: str, club_session_id: int | None, course_session_id: int | None,
            run_id: int | None, shift_id: int) -> str:
    if kind == "club":
        return f"club:{club_session_id}"
    if kind == "creche":
        return f"creche:{course_session_id}"
    if kind == "run":
        return f"run:{run_id}"
    return f"duty:{shift_id}"


def load_shifts(s: Session, start: date, end: date, labels: dict[str, str] | None = None,
                staff_ids: Iterable[int] | None = None, sites: dict[int, str] | None = None
                ) -> list[ShiftInfo]:
    """Live shifts between two dates: everyone's (all sites: people move between them), or only
    those of ``staff_ids``. Read as plain columns: a scale-10 week has thousands."""
    sites = site_names(s) if sites is None else sites
    labels = labels or {}
    stmt = (select(Shift.id, Shift.staff_id, Shift.kind, Shift.role, Shift.day, Shift.start_time,
                   Shift.end_time, Shift.site_id, Shift.club_session_id, Shift.course_session_id,
                   Shift.run_id, Shift.note)
            .where(Shift.day.between(start, end), Shift.cancelled_at.is_(None))
            .order_by(Shift.day, Shift.start_time, Shift.id))
    if staff_ids is not None:
        stmt = stmt.where(Shift.staff_id.in_(sorted(set(staff_ids))))
    shifts = s.execute(stmt).all()
    runs = _run_stops(s, {x.run_id for x in shifts if x.run_id is not None}, sites)
    result = []
    # unpacked, not read by name: a name on a row costs as much as building the fact
    for ident, staff_id, kind, role, day, st, en, site_id, club_sid, creche_sid, run_id, note in shifts:
        target = _target(kind, club_sid, creche_sid, run_id, ident)
        site = sites.get(site_id, "") if site_id else ""
        run_name, stops = runs.get(run_id or 0, ("", ()))
        label = labels.get(target) or (f"Site duty at {site}" if kind == "duty"
                                       else run_name or "Minibus run")
        fact = ShiftFact(ident, staff_id, day, st, en, site_id, target, label, site, stops)
        result.append(ShiftInfo(fact, kind, role, site, note))
    return result


def _run_stops(s: Session, run_ids: set[int], sites: dict[int, str]
               ) -> dict[int, tuple[str, tuple[Visit, ...]]]:
    """Each run's name for the rota ('Minibus run Oak → Elm') and its stops: leaving the first,
    reaching the others, so a check knows where and when the driver and escort are free."""
    found: dict[int, list[tuple[str, int, time | None, time | None]]] = defaultdict(list)
    if run_ids:
        for run_id, name, site_id, arrive, depart in s.execute(
                select(RunStop.run_id, Run.name, RunStop.site_id, RunStop.arrive, RunStop.depart)
                .join(Run, Run.id == RunStop.run_id).where(RunStop.run_id.in_(sorted(run_ids)))
                .order_by(RunStop.run_id, RunStop.position)):
            found[run_id].append((name, site_id, arrive, depart))
    result = {}
    for run_id, rows in found.items():
        visits = []
        for n, (_, site_id, arrive, depart) in enumerate(rows):
            at = (depart or arrive) if n == 0 else (arrive or depart)
            if at is not None:
                visits.append(Visit(site_id, sites.get(site_id, ""), at))
        route = " → ".join(sites.get(site_id, "?") for _, site_id, _, _ in rows)
        result[run_id] = (rows[0][0] or f"Minibus run {route}",
                          tuple(visits) if len(visits) == len(rows) else ())
    return result


def site_names(s: Session) -> dict[int, str]:
    return {sid: name for sid, name in s.execute(select(Site.id, Site.name))}


def session_labels(s: Session, shifts_start: date, shifts_end: date) -> dict[str, str]:
    """Labels of every session shifts may point at in the dates (for messages across sites)."""
    labels = {f"club:{sid}": name for sid, name in s.execute(
        select(ClubSession.id, Club.name).join(Club)
        .where(ClubSession.day.between(shifts_start, shifts_end)))}
    labels.update({f"creche:{sid}": f"Crèche: {title}" for sid, title in s.execute(
        select(CourseSession.id, Course.title).join(Course)
        .where(CourseSession.session_date.between(shifts_start, shifts_end)))})
    return labels
