"""Building a checked week: sessions with their staff, shifts by person, and every problem.

``checked_week`` loads the whole cluster's week and runs the checks over it, for printing every site
and for the week's list of problems. A site's grid reads only that site's sessions but the whole
week of everyone who works there, because people move between sites: the grid still shows a clash
with a shift at another site. A person's week reads only their own shifts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from sqlalchemy.orm import Session

from hubdesk.core.models import Staff
from hubdesk.core.rules.staff_checks import (
    FEW_STAFF,
    NO_FIRST_AIDER,
    UNDER_RATIO,
    Person,
    Problem,
    check_week,
)
from hubdesk.core.rules.travel import TravelTimes
from hubdesk.core.vocabulary import SHIFT_ROLE_LABELS
from hubdesk.services.rota.dto import ProblemRow, SessionCell, ShiftRow, StaffWeek
from hubdesk.services.rota.queries import (
    RotaSettings,
    SessionInfo,
    ShiftInfo,
    load_people,
    load_sessions,
    load_settings,
    load_shifts,
    load_staff,
    person_name,
    session_labels,
    site_names,
    staff_at,
    week_days,
)
from hubdesk.services.sites import load_calendar, load_travel


@dataclass
class CheckedWeek:
    monday: date
    settings: RotaSettings
    sessions: list[SessionInfo]
    shifts: list[ShiftInfo]
    people: dict[int, Person]
    staff: dict[int, Staff]
    sites: dict[int, str]
    problems: list[Problem]
    travel: TravelTimes

    @cached_property
    def shifts_by_staff(self) -> dict[int, list[ShiftInfo]]:
        """Each person's shifts of the week, in the week's order (a grid asks for hundreds of people;
        scanning every shift for each was most of a second at scale 10)."""
        found: dict[int, list[ShiftInfo]] = defaultdict(list)
        for info in self.shifts:
            found[info.fact.staff_id].append(info)
        return dict(found)

    def shift_row(self, info: ShiftInfo) -> ShiftRow:
        f = info.fact
        person = self.people.get(f.staff_id)
        return ShiftRow(f.id, f.staff_id, person.name if person else "?", info.kind, info.role,
                        SHIFT_ROLE_LABELS.get(info.role, info.role), f.day, f.start, f.end,
                        f.site_id, info.site, f.label, f.target,
                        bool(person and person.first_aider_on(f.day)), info.note)

    def problem_row(self, p: Problem) -> ProblemRow:
        return ProblemRow(p.severity, p.code, p.message, p.day, p.site_id,
                          self.sites.get(p.site_id, "") if p.site_id else "", p.staff_id,
                          p.shift_id, p.target)

    @cached_property
    def shifts_by_target(self) -> dict[str, list[ShiftInfo]]:
        """The shifts on each session (grouped once: printing every site asks for each site's cells)."""
        found: dict[str, list[ShiftInfo]] = defaultdict(list)
        for info in self.shifts:
            found[info.fact.target].append(info)
        return dict(found)

    @cached_property
    def session_problems(self) -> dict[str, list[Problem]]:
        """Each session's own problems (ratio, first aid, too few staff)."""
        found: dict[str, list[Problem]] = defaultdict(list)
        for p in self.problems:
            if p.target and p.staff_id is None:
                found[p.target].append(p)
        return dict(found)

    @cached_property
    def staff_by_site(self) -> dict[int | None, set[int]]:
        """Who has a shift at each site this week."""
        found: dict[int | None, set[int]] = defaultdict(set)
        for info in self.shifts:
            found[info.fact.site_id].add(info.fact.staff_id)
        return dict(found)

    def cells(self, site_id: int | None = None) -> list[SessionCell]:
        by_target, session_problems = self.shifts_by_target, self.session_problems
        result = []
        for x in self.sessions:
            f = x.fact
            if site_id is not None and f.site_id != site_id:
                continue
            found = session_problems.get(f.target, [])
            codes = {p.code for p in found}
            if not f.need.children:
                status = "none"
            elif UNDER_RATIO in codes:
                status = "under"
            elif codes & {FEW_STAFF, NO_FIRST_AIDER}:
                status = "warning"
            else:
                status = "ok"
            staff = tuple(self.shift_row(i) for i in sorted(
                by_target.get(f.target, []), key=lambda i: (i.role != "lead", i.fact.id)))
            result.append(SessionCell(
                f.target, x.kind, x.session_id, f.site_id, f.day, f.start, f.end, x.title, x.room,
                x.club_kind, f.need.children, x.counted, f.need.by_ratio, f.need.required,
                f.need.eyfs_children, staff, tuple(p.message for p in found), status))
        return result

    def staff_week(self, staff_id: int, shifts: list[ShiftInfo] | None = None) -> StaffWeek:
        p = self.staff[staff_id]
        own = shifts if shifts is not None else self.shifts_by_staff.get(staff_id, [])
        days = week_days(self.monday)
        by_day = tuple(tuple(self.shift_row(i) for i in own if i.fact.day == d) for d in days)
        person = self.people.get(staff_id)
        return StaffWeek(staff_id, person_name(p), p.role,
                         self.sites.get(p.home_site_id, "") if p.home_site_id else "", by_day,
                         sum(i.fact.minutes for i in own), p.contracted_week_minutes,
                         bool(person and person.first_aider_on(self.monday)))


def checked_week(s: Session, monday: date, site_id: int | None = None) -> CheckedWeek:
    """The week with every check run: the whole cluster's, or what one site's grid shows (its
    sessions, and the whole week of everyone based there or with a shift there, so a clash with a
    shift at another site still shows)."""
    settings = load_settings(s)
    sessions = load_sessions(s, monday, monday + timedelta(days=4), site_id, settings)
    people = None if site_id is None else staff_at(s, site_id, monday, monday + timedelta(days=4))
    return load_week(s, monday, settings, sessions, people)


def person_checked_week(s: Session, monday: date, staff_id: int) -> CheckedWeek:
    """One person's week and their own problems (a session's problems are not about one person)."""
    return load_week(s, monday, load_settings(s), [], {staff_id})


def load_week(s: Session, monday: date, settings: RotaSettings, sessions: list[SessionInfo],
              staff_ids: set[int] | None, check: bool = True) -> CheckedWeek:
    """A week from sessions already read: the shifts and facts of ``staff_ids`` (everyone when None)
    and, with ``check``, the problems of those sessions and people."""
    friday = monday + timedelta(days=4)
    sites = site_names(s)
    shifts = load_shifts(s, monday, friday, session_labels(s, monday, friday), staff_ids, sites)
    staff, people = load_staff(s, staff_ids)
    travel = load_travel(s)
    minimum = settings.minimum_staff
    problems = check_week(people, [i.fact for i in shifts], [x.fact for x in sessions], travel,
                          settings.checks(), lambda _site: minimum) if check else []
    return CheckedWeek(monday, settings, sessions, shifts, people, staff, sites, problems, travel)


def closed_days(s: Session, site_id: int, monday: date) -> tuple[str, ...]:
    """Why the site is closed on each day of the week ("" when open); read for this site alone
    (the rota prints every site: reading every site's calendar for each was most of its reading)."""
    calendar = load_calendar(s, site_id)
    return tuple("" if status.open else status.reason
                 for status in (calendar.status(d) for d in week_days(monday)))


def person_shift_rows(s: Session, staff_id: int, start: date, end: date) -> list[ShiftRow]:
    """A person's live shifts between two dates (a week or a whole term) for a calendar file."""
    person = s.get(Staff, staff_id)
    if person is None:
        return []
    facts = load_people(s, [staff_id]).get(staff_id)
    shifts = load_shifts(s, start, end, session_labels(s, start, end), [staff_id])
    return [ShiftRow(i.fact.id, staff_id, person_name(person), i.kind, i.role,
                     SHIFT_ROLE_LABELS.get(i.role, i.role), i.fact.day, i.fact.start, i.fact.end,
                     i.fact.site_id, i.site, i.fact.label, i.fact.target,
                     bool(facts and facts.first_aider_on(i.fact.day)), i.note) for i in shifts]
