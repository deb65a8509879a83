"""The checks of a week's rota: plain facts about people, shifts and sessions in, problems out.

Blocking problems mean the person must not work with children on that shift (no DBS recorded, DBS
not checked, barred list not checked); the service refuses such a shift, and the automatic
proposals never make one. Warnings are shown for a person to judge: under ratio, no first-aider,
fewer than two staff, one person in two places (counting the travel time between sites), more
hours than contracted, outside their availability or sites, an expiring qualification.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from hubdesk.core.dates import spoken_day
from hubdesk.core.rules.ratios import Need
from hubdesk.core.words import duration

BLOCKING, WARNING = "blocking", "warning"
# Problem codes, so a screen can group and colour them.
NO_DBS, DBS_UNCHECKED, NO_BARRED_CHECK, LEFT = "no_dbs", "dbs_unchecked", "no_barred_check", "left"
UNDER_RATIO, NO_FIRST_AIDER, FEW_STAFF = "under_ratio", "no_first_aider", "few_staff"
DOUBLE_BOOKED, TRAVEL, DAY_HOURS, WEEK_HOURS = "double_booked", "travel", "day_hours", "week_hours"
UNAVAILABLE, OTHER_SITE, EXPIRING, EXPIRED = "unavailable", "other_site", "expiring", "expired"


@dataclass(frozen=True)
class Person:
    """What the checks need to know about a staff member."""

    id: int
    name: str
    active: bool = True
    dbs_number: str = ""
    dbs_checked: bool = False
    barred_list_checked: bool = False
    dbs_issued_on: date | None = None
    update_service: bool = False
    first_aid_expires: date | None = None
    food_hygiene_expires: date | None = None
    midas_expires: date | None = None
    week_minutes: int | None = None
    day_minutes: int | None = None
    # weekday -> (from, to); empty means they have not said, so any time.
    availability: dict[int, tuple[time, time]] = field(default_factory=dict)
    home_site_id: int | None = None
    site_ids: frozenset[int] = frozenset()  # besides home; empty with no home: anywhere

    def first_aider_on(self, day: date) -> bool:
        return self.first_aid_expires is not None and self.first_aid_expires >= day

    def works_at(self, site_id: int | None) -> bool:
        if site_id is None or (self.home_site_id is None and not self.site_ids):
            return True
        return site_id == self.home_site_id or site_id in self.site_ids


@dataclass(frozen=True)
class Visit:
    """A place and moment on a shift: where a minibus run stops, or a site at a session's start or end."""

    site_id: int | None
    site: str
    at: time


@dataclass(frozen=True)
class ShiftFact:
    """One shift: who, when, where, and which session it staffs (``target`` is e.g. 'club:12').

    ``site`` names the site for messages. A minibus run has its ``stops`` (leaving the first,
    reaching the others): its people start where the run leaves from and are free where it ends.
    """

    id: int
    staff_id: int
    day: date
    start: time
    end: time
    site_id: int | None
    target: str
    label: str
    site: str = ""
    stops: tuple[Visit, ...] = ()

    @property
    def minutes(self) -> int:
        return _minutes(self.end) - _minutes(self.start)

    @property
    def begins(self) -> Visit:
        """Where and when the person must be at the start."""
        return self.stops[0] if self.stops else Visit(self.site_id, self.site, self.start)

    @property
    def ends(self) -> Visit:
        """Where and when the person is free at the end (a run: its last stop's arrival)."""
        return self.stops[-1] if self.stops else Visit(self.site_id, self.site, self.end)


@dataclass(frozen=True)
class SessionFact:
    """A session that needs staff: its need from the children, and where and when it is."""

    target: str
    site_id: int
    day: date
    start: time
    end: time
    label: str
    need: Need


@dataclass(frozen=True)
class Problem:
    severity: str
    code: str
    message: str
    day: date | None = None
    site_id: int | None = None
    staff_id: int | None = None
    shift_id: int | None = None
    target: str = ""

    @property
    def blocking(self) -> bool:
        return self.severity == BLOCKING


@dataclass(frozen=True)
class Settings:
    """The editable parts of the checks."""

    warn_days: int = 30
    dbs_recheck_years: int = 3


Travel = Callable[[int, int], int]
# The order problems are listed in, most urgent first.
_RANK = {code: n for n, code in enumerate((
    LEFT, NO_DBS, DBS_UNCHECKED, NO_BARRED_CHECK, UNDER_RATIO, NO_FIRST_AIDER, FEW_STAFF,
    DOUBLE_BOOKED, TRAVEL, EXPIRED, UNAVAILABLE, OTHER_SITE, DAY_HOURS, WEEK_HOURS, EXPIRING))}


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _day(day: date) -> str:
    """'Wed 2 Dec': how a problem names its day on screen and on paper."""
    return spoken_day(day, short=True)


def hours(minutes: int) -> str:
    """'3 h 15 min', '45 min' (the words every printout and page uses)."""
    return duration(minutes)


def blocking_reasons(person: Person) -> list[tuple[str, str]]:
    """Why this person may not work with children at all (empty when they may)."""
    reasons = []
    if not person.active:
        reasons.append((LEFT, f"{person.name} has left; take them off the rota."))
    if not person.dbs_number:
        reasons.append((NO_DBS, f"No DBS recorded for {person.name}: they cannot work with "
                                "children until an enhanced DBS is recorded."))
    elif not person.dbs_checked:
        reasons.append((DBS_UNCHECKED, f"{person.name}'s DBS certificate has not been checked: "
                                       "record who checked it on the staff record."))
    if person.dbs_number and not person.barred_list_checked:
        reasons.append((NO_BARRED_CHECK, f"The children's barred-list check is missing for "
                                         f"{person.name} (needed for regulated activity)."))
    return reasons


def expiring_items(person: Person, today: date, settings: Settings) -> list[tuple[str, date]]:
    """(what, when) for each qualification of a person ending before today + warn_days."""
    limit = today + timedelta(days=settings.warn_days)
    items: list[tuple[str, date]] = []
    if person.dbs_issued_on and not person.update_service:
        recheck = _add_years(person.dbs_issued_on, settings.dbs_recheck_years)
        items.append(("DBS re-check", recheck))
    for label, when in (("Paediatric first aid", person.first_aid_expires),
                        ("Food hygiene", person.food_hygiene_expires),
                        ("MiDAS", person.midas_expires)):
        if when is not None:
            items.append((label, when))
    return sorted((item for item in items if item[1] <= limit), key=lambda i: i[1])


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _at(day: date, t: time) -> datetime:
    return datetime.combine(day, t)


def check_week(people: dict[int, Person], shifts: Sequence[ShiftFact],
               sessions: Iterable[SessionFact], travel: Travel,
               settings: Settings = Settings(), minimum_staff: Callable[[int], int] = lambda _s: 2
               ) -> list[Problem]:
    """Every problem of a set of shifts and the sessions they staff, blocking ones first."""
    problems: list[Problem] = []
    by_target: dict[str, list[ShiftFact]] = defaultdict(list)
    by_person: dict[int, list[ShiftFact]] = defaultdict(list)
    for shift in shifts:
        by_target[shift.target].append(shift)
        by_person[shift.staff_id].append(shift)
    for session in sessions:
        problems += check_session(session, by_target.get(session.target, []), people,
                                  minimum_staff(session.site_id))
    for staff_id, own in by_person.items():
        person = people.get(staff_id)
        if person is not None:
            problems += check_person(person, own, travel, settings)
    order = {BLOCKING: 0, WARNING: 1}
    return sorted(problems, key=lambda p: (order[p.severity], p.day or date.min,
                                           _RANK.get(p.code, len(_RANK)), p.message))


def check_session(session: SessionFact, staffing: Sequence[ShiftFact], people: dict[int, Person],
                  minimum_staff: int = 2) -> list[Problem]:
    """Ratio, first aid and minimum staff for one session with the shifts on it."""
    need = session.need
    if not need.children:
        return []
    found: list[Problem] = []
    where = f"{session.label} on {_day(session.day)}"

    def add(code: str, message: str) -> None:
        found.append(Problem(WARNING, code, message, session.day, session.site_id,
                             target=session.target))

    staff = [people[s.staff_id] for s in staffing if s.staff_id in people]
    if len(staff) < need.by_ratio:
        add(UNDER_RATIO, f"{where}: under ratio, {need.children} children need {need.by_ratio} "
                         f"staff and {len(staff)} {'is' if len(staff) == 1 else 'are'} on the rota.")
    elif len(staff) < minimum_staff:
        add(FEW_STAFF, f"{where}: only {len(staff)} staff on the rota; at least {minimum_staff} "
                       "should be there.")
    if not any(p.first_aider_on(session.day) for p in staff):
        if need.paediatric_first_aid:
            add(NO_FIRST_AIDER, f"{where}: no paediatric first-aider, and {need.eyfs_children} "
                                "EYFS-age children are booked.")
        else:
            add(NO_FIRST_AIDER, f"{where}: no first-aider on the rota.")
    return found


def check_person(person: Person, shifts: Sequence[ShiftFact], travel: Travel,
                 settings: Settings = Settings()) -> list[Problem]:
    """One person's week: checks, two places at once, hours, availability, expiring items."""
    found: list[Problem] = []
    ordered = sorted(shifts, key=lambda s: (s.day, s.start, s.end))

    def add(severity: str, code: str, message: str, shift: ShiftFact | None) -> None:
        found.append(Problem(severity, code, message, shift.day if shift else None,
                             shift.site_id if shift else None, person.id,
                             shift.id if shift else None, shift.target if shift else ""))

    if ordered:
        first = ordered[0]
        count = f"{len(ordered)} shifts this week" if len(ordered) > 1 else "1 shift this week"
        for code, message in blocking_reasons(person):
            add(BLOCKING, code, f"{message} ({count}, first {first.label} on {_day(first.day)})",
                first)
    for n, before in enumerate(ordered):
        for after in ordered[n + 1:]:
            if after.day != before.day:
                break
            found += _clash(person, before, after, travel)
    by_day: dict[date, list[ShiftFact]] = defaultdict(list)
    for shift in ordered:
        by_day[shift.day].append(shift)
        problem = availability_problem(person, shift)
        if problem:
            add(WARNING, problem[0], problem[1], shift)
    if person.day_minutes is not None:
        for day, own in by_day.items():
            total = sum(s.minutes for s in own)
            if total > person.day_minutes:
                add(WARNING, DAY_HOURS, f"{person.name} works {hours(total)} on {_day(day)}, "
                                        f"more than the {hours(person.day_minutes)} contracted.", own[-1])
    total = sum(s.minutes for s in ordered)
    if person.week_minutes is not None and total > person.week_minutes and ordered:
        add(WARNING, WEEK_HOURS, f"{person.name} works {hours(total)} this week, more than the "
                                 f"{hours(person.week_minutes)} contracted.", ordered[-1])
    if ordered:
        first = ordered[0]
        for what, when in expiring_items(person, first.day, settings):
            past = when < first.day
            verb = ("was due on" if past else "is due on") if what == "DBS re-check" else (
                "ran out on" if past else "runs out on")
            add(WARNING, EXPIRED if past else EXPIRING,
                f"{person.name}: {what} {verb} {when:%d/%m/%Y}.", first)
    return found


def _clash(person: Person, before: ShiftFact, after: ShiftFact, travel: Travel) -> list[Problem]:
    if before.day != after.day:
        return []
    gap = (_at(after.day, after.start) - _at(before.day, before.end)).total_seconds() // 60
    if gap < 0:
        message = (f"{person.name} is in two places on {_day(after.day)}: {before.label} "
                   f"{before.start:%H:%M}–{before.end:%H:%M} and {after.label} "
                   f"{after.start:%H:%M}–{after.end:%H:%M}.")
        return [Problem(WARNING, DOUBLE_BOOKED, message, after.day, after.site_id, person.id,
                        after.id, after.target)]
    leave, reach = before.ends, after.begins
    if leave.site_id and reach.site_id and leave.site_id != reach.site_id:
        gap = (_at(after.day, reach.at) - _at(before.day, leave.at)).total_seconds() // 60
        needed = travel(leave.site_id, reach.site_id)
        if gap < needed:
            message = (f"{person.name} cannot get from {_place(leave)} ({before.label}, until "
                       f"{leave.at:%H:%M}) to {_place(reach)} ({after.label}, {reach.at:%H:%M}) on "
                       f"{_day(after.day)}: {int(gap)} min between them, {needed} min travel.")
            return [Problem(WARNING, TRAVEL, message, after.day, after.site_id, person.id,
                            after.id, after.target)]
    return []


def _place(visit: Visit) -> str:
    return visit.site or "another site"


def availability_problem(person: Person, shift: ShiftFact) -> tuple[str, str] | None:
    """(code, message) when a shift is outside the person's days, times or sites."""
    if not person.works_at(shift.site_id):
        return OTHER_SITE, (f"{person.name} does not usually work at {_place(shift.begins)} "
                            f"({shift.label} on {_day(shift.day)}); add the site to their "
                            "record if this is agreed.")
    if not person.availability:
        return None
    window = person.availability.get(shift.day.weekday())
    if window is None:
        return UNAVAILABLE, f"{person.name} is not available on {shift.day:%A}s ({shift.label})."
    if shift.start < window[0] or shift.end > window[1]:
        return UNAVAILABLE, (f"{person.name} is available {window[0]:%H:%M}–{window[1]:%H:%M} on "
                             f"{shift.day:%A}s, but {shift.label} is {shift.start:%H:%M}–"
                             f"{shift.end:%H:%M}.")
    return None


def fits(person: Person, shift: ShiftFact, others: Sequence[ShiftFact], travel: Travel) -> bool:
    """Whether one more shift for a person raises no new problem (used to propose staff)."""
    if blocking_reasons(person) or availability_problem(person, shift):
        return False
    same_day = [o for o in others if o.day == shift.day]
    for other in same_day:
        first, second = sorted((other, shift), key=lambda s: (s.start, s.end))
        if _clash(person, first, second, travel):
            return False
    if person.day_minutes is not None and \
            sum(o.minutes for o in same_day) + shift.minutes > person.day_minutes:
        return False
    return person.week_minutes is None or \
        sum(o.minutes for o in others) + shift.minutes <= person.week_minutes
