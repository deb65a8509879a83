"""The staff rota: weekly grids per site, a person's week, putting people on sessions and taking
them off, copying last week, the week's problems, and proposals to fill the gaps.

A shift that would break a blocking rule (no DBS, DBS not checked, no barred-list check, a person
who has left) is refused here and by nothing else: warnings never stop a save, they are shown.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.errors import Conflict, NotFound, ValidationError
from hubdesk.core.models import (
    Club,
    ClubSession,
    Course,
    CourseSession,
    RatioRule,
    Shift,
    Site,
    Staff,
)
from hubdesk.core.models.meta import database_id
from hubdesk.core.rules.ratios import AgeBand, validate_bands
from hubdesk.core.rules.staff_checks import blocking_reasons, check_person, expiring_items
from hubdesk.services.base import Service
from hubdesk.services.rota.copy import copy_week
from hubdesk.services.rota.dto import (
    AssignForm,
    AssignResult,
    Candidate,
    CopyResult,
    ExpiringItem,
    PersonWeek,
    ProblemRow,
    Proposal,
    RatioBandRow,
    SessionStaffing,
    ShiftRow,
    WeekGrid,
)
from hubdesk.services.rota.fill import candidates_for, propose, session_staffing
from hubdesk.services.rota.queries import (
    RotaSettings,
    load_bands,
    load_people,
    load_settings,
    monday_of,
    save_settings,
    week_days,
)
from hubdesk.services.rota.week import (
    CheckedWeek,
    checked_week,
    closed_days,
    person_checked_week,
    person_shift_rows,
)

_ROLES_BY_KIND = {"club": ("lead", "assistant"), "creche": ("creche",), "duty": ("duty",)}


class RotaService(Service):
    # --- reading --------------------------------------------------------------------------
    def week_grid(self, site_id: int, day: date) -> WeekGrid:
        """The week of ``day`` at one site: sessions, the staff who work there, problems."""
        with self._read() as s:
            site = s.get(Site, site_id)
            if site is None:
                raise NotFound("That site no longer exists.")
            return _grid(s, checked_week(s, monday_of(day), site_id), site_id, site.name)

    def week_grids(self, day: date, site_ids: list[int] | None = None) -> list[WeekGrid]:
        """Grids for several sites (all active sites when None), for printing; one check."""
        with self._read() as s:
            stmt = select(Site.id, Site.name).order_by(Site.name)
            stmt = stmt.where(Site.id.in_(site_ids)) if site_ids else stmt.where(Site.active.is_(True))
            sites = list(s.execute(stmt))
            if site_ids and len(sites) != len(set(site_ids)):
                raise NotFound("One of the sites no longer exists.")
            week = checked_week(s, monday_of(day))
            return [_grid(s, week, site_id, name) for site_id, name in sites]

    def person_week(self, staff_id: int, day: date) -> PersonWeek:
        monday = monday_of(day)
        with self._read() as s:
            if s.get(Staff, staff_id) is None:
                raise NotFound("That staff member no longer exists.")
            week = person_checked_week(s, monday, staff_id)
            row = week.staff_week(staff_id)
            problems = tuple(week.problem_row(p) for p in week.problems if p.staff_id == staff_id)
            return PersonWeek(staff_id, row.name, row.role, monday, row, problems)

    def database_id(self) -> str:
        """This database's identifier, which calendar files put in every UID."""
        with self._read() as s:
            return database_id(s)

    def person_shifts(self, staff_id: int, start: date, end: date) -> list[ShiftRow]:
        """A person's shifts between two dates, for their calendar file."""
        if end < start:
            raise ValidationError("The end date must be on or after the start date.", "end")
        if (end - start).days > 400:
            raise ValidationError("Choose at most a year of shifts.", "end")
        with self._read() as s:
            if s.get(Staff, staff_id) is None:
                raise NotFound("That staff member no longer exists.")
            return person_shift_rows(s, staff_id, start, end)

    def problems(self, day: date, site_id: int | None = None) -> list[ProblemRow]:
        """Every problem of the week of ``day`` (blocking first), optionally at one site."""
        with self._read() as s:
            week = checked_week(s, monday_of(day))
            return [week.problem_row(p) for p in week.problems
                    if site_id is None or p.site_id == site_id]

    def candidates(self, target: str, day: date | None = None) -> list[Candidate]:
        """Everyone who could take a session, best first, with what would go wrong."""
        with self._read() as s:
            return candidates_for(s, target, day)

    def session_staffing(self, target: str, day: date) -> SessionStaffing:
        """A session's staff and problems with everyone who could take it, in one read."""
        with self._read() as s:
            return session_staffing(s, target, day)

    def expiring(self, today: date) -> list[ExpiringItem]:
        """Qualifications of active staff running out within the warning window, soonest first."""
        with self._read() as s:
            settings = load_settings(s)
            active = list(s.scalars(select(Staff.id).where(Staff.active.is_(True))))
            items = [ExpiringItem(p.id, p.name, what, when, when < today)
                     for p in load_people(s, active).values()
                     for what, when in expiring_items(p, today, settings.checks())]
            return sorted(items, key=lambda i: (i.when, i.name))

    # --- changing ---------------------------------------------------------------------------
    def assign(self, form: AssignForm) -> AssignResult:
        """Put someone on a session or a site duty; refused when a blocking rule is broken."""
        kind = form.target.split(":", 1)[0]
        if kind not in _ROLES_BY_KIND:
            raise ValidationError("Choose a club session, crèche or site duty.", "target")
        if form.role not in _ROLES_BY_KIND[kind]:
            raise ValidationError(f"A {kind} shift cannot have the role '{form.role}'.", "role")
        with self._write() as s:
            staff = s.get(Staff, form.staff_id)
            if staff is None:
                raise NotFound("That staff member no longer exists.")
            person = load_people(s, [staff.id])[staff.id]
            reasons = blocking_reasons(person)
            if reasons:
                raise Conflict(reasons[0][1])
            shift = Shift(staff_id=staff.id, kind=kind, role=form.role, note=form.note.strip()[:200],
                          created_at=self._clock.now())
            _place(s, shift, form)
            s.add(shift)
            s.flush()
            week = person_checked_week(s, monday_of(shift.day), staff.id)
            own = [i.fact for i in week.shifts]
            checks = week.settings.checks()
            before = {p.message for p in check_person(
                person, [f for f in own if f.id != shift.id], week.travel, checks)}
            warnings = [p.message for p in check_person(person, own, week.travel, checks)
                        if p.message not in before]
            return AssignResult(shift.id, tuple(warnings))

    def unassign(self, shift_id: int) -> None:
        """Take someone off a shift (the shift is kept, marked cancelled, for the history)."""
        with self._write() as s:
            shift = s.get(Shift, shift_id)
            if shift is None or shift.cancelled_at is not None:
                raise NotFound("That shift is no longer on the rota.")
            shift.cancelled_at = self._clock.now()

    def copy_last_week(self, day: date, site_id: int | None = None) -> CopyResult:
        """Copy the week before ``day``'s week onto it (people already there are not doubled)."""
        with self._write() as s:
            return copy_week(s, monday_of(day) - timedelta(days=7), monday_of(day), site_id,
                             self._clock.now())

    def propose_fill(self, day: date, site_id: int | None = None) -> list[Proposal]:
        """Staff for under-staffed sessions, never breaking a blocking rule; nothing is saved."""
        with self._read() as s:
            return propose(s, monday_of(day), site_id)

    def apply(self, proposals: list[Proposal]) -> int:
        """Save accepted proposals in one go; returns how many shifts were added."""
        with self._write() as s:
            added = 0
            people = load_people(s, [p.staff_id for p in proposals])
            for proposal in proposals:
                person = people.get(proposal.staff_id)
                if person is None or blocking_reasons(person):
                    raise Conflict(f"{proposal.name} can no longer be put on the rota; "
                                   "ask for new proposals.")
                shift = Shift(staff_id=proposal.staff_id, kind=proposal.target.split(":")[0],
                              role=proposal.role, note="", created_at=self._clock.now())
                _place(s, shift, AssignForm(proposal.staff_id, proposal.target, proposal.role))
                s.add(shift)
                added += 1
            s.flush()
            return added

    # --- rules and settings -------------------------------------------------------------------
    def ratio_bands(self, site_id: int | None = None) -> tuple[list[RatioBandRow], bool]:
        """A site's age bands and whether they are its own (False: the cluster's defaults)."""
        with self._read() as s:
            bands = load_bands(s)
            own = site_id is not None and site_id in bands
            chosen = bands[site_id] if own else bands[None]
            return [RatioBandRow(b.from_age, b.per_adult) for b in chosen], own

    def save_ratio_bands(self, site_id: int | None, bands: list[RatioBandRow] | None) -> None:
        """Save a site's own bands (``site_id`` None: the defaults); None reverts a site to them."""
        if bands is not None:
            try:
                validate_bands([AgeBand(b.from_age, b.per_adult) for b in bands])
            except ValueError as exc:
                raise ValidationError(str(exc), "bands") from exc
        elif site_id is None:
            raise ValidationError("The cluster's default bands cannot be removed.", "bands")
        with self._write() as s:
            if site_id is not None and s.get(Site, site_id) is None:
                raise NotFound("That site no longer exists.")
            clause = RatioRule.site_id.is_(None) if site_id is None else RatioRule.site_id == site_id
            for rule in s.scalars(select(RatioRule).where(clause)):
                s.delete(rule)
            s.flush()
            for band in bands or []:
                s.add(RatioRule(site_id=site_id, from_age=band.from_age, per_adult=band.per_adult))

    def settings(self) -> RotaSettings:
        with self._read() as s:
            return load_settings(s)

    def save_settings(self, settings: RotaSettings) -> None:
        limits = {"warn_days": (0, 365), "dbs_recheck_years": (1, 10), "minimum_staff": (1, 10),
                  "default_travel_minutes": (1, 600)}
        for name, (low, high) in limits.items():
            if not low <= getattr(settings, name) <= high:
                raise ValidationError(f"This must be between {low} and {high}.", name)
        with self._write() as s:
            save_settings(s, settings)


def _grid(s: Session, week: CheckedWeek, site_id: int, site_name: str) -> WeekGrid:
    """One site's part of a checked week."""
    cells = week.cells(site_id)
    here = set(week.staff_by_site.get(site_id, ()))
    here |= {p.id for p in week.people.values()
             if week.staff[p.id].active and (p.home_site_id == site_id or site_id in p.site_ids)}
    rows = sorted((week.staff_week(pid) for pid in here), key=lambda r: (r.name.split()[-1], r.name))
    targets = {c.target for c in cells}
    problems = tuple(week.problem_row(p) for p in week.problems
                     if p.site_id == site_id or p.target in targets
                     or (p.staff_id in here and p.severity == "blocking"))
    return WeekGrid(site_id, site_name, week.monday, tuple(week_days(week.monday)),
                    closed_days(s, site_id, week.monday), tuple(cells), tuple(rows), problems)


def _place(s: Session, shift: Shift, form: AssignForm) -> None:
    """Fill a new shift's target, site, day and times from the form (checked against the data)."""
    kind, _, ident = form.target.partition(":")
    start, end = form.start, form.end
    if kind == "club":
        session = s.get(ClubSession, int(ident or 0))
        if session is None or session.status != "running":
            raise NotFound("That club session is not running any more.")
        club = s.get_one(Club, session.club_id)
        shift.club_session_id, shift.site_id, shift.day = session.id, club.site_id, session.day
        start, end = start or session.start_time, end or session.end_time
    elif kind == "creche":
        course_session = s.get(CourseSession, int(ident or 0))
        if course_session is None:
            raise NotFound("That course session no longer exists.")
        course = s.get_one(Course, course_session.course_id)
        shift.course_session_id, shift.site_id = course_session.id, course.site_id
        shift.day = course_session.session_date
        start, end = start or course_session.start_time, end or course_session.end_time
    else:
        if form.day is None or form.site_id is None:
            raise ValidationError("Choose the day and site of the duty.", "day")
        if s.get(Site, form.site_id) is None:
            raise NotFound("That site no longer exists.")
        shift.site_id, shift.day = form.site_id, form.day
    if start is None or end is None:
        raise ValidationError("Enter the start and end times.", "start")
    if end <= start:
        raise ValidationError("The shift must end after it starts.", "end")
    _check_times(start, end)
    shift.start_time, shift.end_time = start, end
    live = select(Shift.id).where(Shift.staff_id == shift.staff_id, Shift.cancelled_at.is_(None))
    if shift.club_session_id is not None and s.scalar(
            live.where(Shift.club_session_id == shift.club_session_id)):
        raise Conflict("This person is already on that session.")
    if shift.course_session_id is not None and s.scalar(
            live.where(Shift.course_session_id == shift.course_session_id)):
        raise Conflict("This person is already on that crèche.")


def _check_times(start: time, end: time) -> None:
    if (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute) > 16 * 60:
        raise ValidationError("A shift can be at most 16 hours long.", "end")
