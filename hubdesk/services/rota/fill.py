"""Who could take a session, and a greedy proposal to fill the week's gaps.

The rule is plain so an office can predict it: sessions are taken in time order; for each missing
adult the best person is the one who raises no problem at all (never anyone with a blocking one),
preferring a first-aider when none is there yet, then someone based at the site, then whoever has
the fewest hours that week. Nothing is saved until the proposals are accepted.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from hubdesk.core.errors import NotFound
from hubdesk.core.rules.staff_checks import (
    ShiftFact,
    blocking_reasons,
    check_person,
    check_session,
    fits,
    hours,
)
from hubdesk.services.rota.dto import Candidate, Proposal, SessionStaffing
from hubdesk.services.rota.queries import (
    SessionInfo,
    load_sessions,
    load_settings,
    monday_of,
    target_place,
)
from hubdesk.services.rota.week import CheckedWeek, load_week


def _new_fact(week: CheckedWeek, info: SessionInfo, staff_id: int, fake_id: int) -> ShiftFact:
    f = info.fact
    return ShiftFact(fake_id, staff_id, f.day, f.start, f.end, f.site_id, f.target, f.label,
                     week.sites.get(f.site_id, ""))


def _role_for(info: SessionInfo, staff_role: str, staffed: int) -> str:
    if info.kind == "creche":
        return "creche"
    return "lead" if staffed == 0 and staff_role == "club leader" else "assistant"


def propose(s: Session, monday: date, site_id: int | None = None) -> list[Proposal]:
    """Proposals for the sessions of one site (or all): anyone may be proposed, so everyone's week
    is read, but only those sessions' needs, and no problems are listed."""
    settings = load_settings(s)
    sessions = load_sessions(s, monday, monday + timedelta(days=4), site_id, settings)
    week = load_week(s, monday, settings, sessions, None, check=False)
    planned: dict[int, list[ShiftFact]] = defaultdict(list)
    on_target: dict[str, list[int]] = defaultdict(list)
    for shift in week.shifts:
        planned[shift.fact.staff_id].append(shift.fact)
        on_target[shift.fact.target].append(shift.fact.staff_id)
    active = [pid for pid, p in week.people.items()
              if week.staff[pid].active and not blocking_reasons(p)]
    proposals: list[Proposal] = []
    fake_id = -1
    for info in week.sessions:
        f = info.fact
        if site_id is not None and f.site_id != site_id:
            continue
        staffed = on_target[f.target]
        first_aid = any(week.people[pid].first_aider_on(f.day) for pid in staffed if pid in week.people)
        while len(staffed) < f.need.required:
            best: tuple[tuple[int, int, int, str], int] | None = None
            for pid in active:
                if pid in staffed:
                    continue
                person = week.people[pid]
                if not fits(person, _new_fact(week, info, pid, fake_id), planned[pid], week.travel):
                    continue
                score = (0 if not first_aid and person.first_aider_on(f.day) else 1,
                         0 if person.home_site_id == f.site_id else 1,
                         sum(x.minutes for x in planned[pid]), person.name)
                if best is None or score < best[0]:
                    best = (score, pid)
            if best is None:
                break
            pid = best[1]
            person = week.people[pid]
            role = _role_for(info, week.staff[pid].role, len(staffed))
            why = [w for w, ok in (("first-aider", person.first_aider_on(f.day)),
                                   ("based at this site", person.home_site_id == f.site_id)) if ok]
            why.append(f"{hours(sum(x.minutes for x in planned[pid]))} on the rota this week")
            proposals.append(Proposal(pid, person.name, f.target, role, f.day, f.start, f.end,
                                      week.sites.get(f.site_id, ""), info.title, ", ".join(why)))
            planned[pid].append(_new_fact(week, info, pid, fake_id))
            staffed.append(pid)
            first_aid = first_aid or person.first_aider_on(f.day)
            fake_id -= 1
    return proposals


def _session(week: CheckedWeek, target: str) -> SessionInfo:
    for info in week.sessions:
        if info.fact.target == target:
            return info
    raise NotFound("That session is not running that week.")


def candidates_for(s: Session, target: str, day: date | None) -> list[Candidate]:
    """Every active staff member for one session: blocking reasons, then the warnings it adds."""
    return _candidates(*_target_week(s, target, day))


def session_staffing(s: Session, target: str, day: date | None) -> SessionStaffing:
    """A session's cell (who is on it, what is wrong) and who could take it, from one read of the
    week's shifts: what the session's dialog shows again after each change."""
    week, info = _target_week(s, target, day)
    on_it = [x.fact for x in week.shifts if x.fact.target == target]
    problems = check_session(info.fact, on_it, week.people, week.settings.minimum_staff)
    cells = replace(week, problems=problems).cells(info.fact.site_id)
    return SessionStaffing(next(c for c in cells if c.target == target),
                           tuple(_candidates(week, info)))


def _target_week(s: Session, target: str, day: date | None) -> tuple[CheckedWeek, SessionInfo]:
    """Everyone's shifts of the week (unchecked) and the one session, read on its own day and site."""
    if day is None:
        raise NotFound("Choose the session's day.")
    monday = monday_of(day)
    place = target_place(s, target)
    if place is None or monday_of(place[1]) != monday:
        raise NotFound("That session is not running that week.")
    settings = load_settings(s)
    sessions = load_sessions(s, place[1], place[1], place[0], settings)
    week = load_week(s, monday, settings, sessions, None, check=False)
    return week, _session(week, target)


def _candidates(week: CheckedWeek, info: SessionInfo) -> list[Candidate]:
    target = info.fact.target
    own: dict[int, list[ShiftFact]] = defaultdict(list)
    for x in week.shifts:
        own[x.fact.staff_id].append(x.fact)
    already = {x.fact.staff_id for x in week.shifts if x.fact.target == target}
    result = []
    for pid, person in week.people.items():
        staff = week.staff[pid]
        if not staff.active or pid in already:
            continue
        new = _new_fact(week, info, pid, -1)
        warnings = tuple(p.message for p in check_person(person, [*own[pid], new], week.travel,
                                                         week.settings.checks())
                         if p.shift_id == -1 and not p.blocking)
        result.append(Candidate(pid, person.name, staff.role, person.first_aider_on(info.fact.day),
                                tuple(m for _, m in blocking_reasons(person)), warnings))
    home = {pid for pid, p in week.people.items() if p.home_site_id == info.fact.site_id}
    return sorted(result, key=lambda c: (bool(c.blocking), len(c.warnings), c.staff_id not in home,
                                         c.name))
