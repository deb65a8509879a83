"""Demo rota: checks and qualifications for the demo staff, sessional play workers where a school's
clubs need more hands, and a rota for the current and next week filled by the same greedy rule the
office uses, with a few deliberate problems for the problems panel: an under-ratio session, a play
worker without a DBS on the rota, and one person in two places at once.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from random import Random
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from hubdesk.core.audit import record_event
from hubdesk.core.models import Shift, Staff, StaffAvailability, StaffCostRate, StaffSite
from hubdesk.core.vocabulary import fold
from hubdesk.demo.context import DemoContext
from hubdesk.demo.names import HERITAGES
from hubdesk.services.rota import load_sessions, monday_of, propose

# What an hour of each role costs the hub with on-costs (pence), for the Overview's club viability.
COST_RATES = {"club leader": 1650, "play worker": 1395, "driver": 1500, "escort": 1395,
              "tutor": 2800, "crèche worker": 1450, "office": 1550, "co-ordinator": 2100,
              "head": 4800}

CLUB_ROLES = {"club leader", "play worker", "crèche worker", "escort", "driver"}
DAY = {"start": time(7, 30), "end": time(18, 15)}


def _days(rng: Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def _qualify(s: Session, ctx: DemoContext) -> list[Staff]:
    """DBS and qualifications for everyone; a few items run out soon, one DBS is missing."""
    rng, today = ctx.rng, ctx.today
    people = list(s.scalars(select(Staff).order_by(Staff.id)))
    checker = {p.home_site_id: f"{p.forename} {p.surname}" for p in people if p.role == "head"}
    for p in people:
        update_service = rng.random() < 0.6
        issued = today - _days(rng, 120, 2500 if update_service else 1000)
        p.dbs_number = f"{rng.randint(0, 10**12 - 1):012d}"
        p.dbs_issued_on, p.dbs_checked_on = issued, issued + _days(rng, 1, 14)
        p.dbs_checked_by = checker.get(p.home_site_id, "Hub co-ordinator")
        p.barred_list_checked, p.dbs_update_service = True, update_service
        p.safeguarding_lead = p.role in ("head", "co-ordinator")
        if p.role in CLUB_ROLES or rng.random() < 0.3:
            p.first_aid_expires = today + _days(rng, 60, 1090)
        if p.role == "club leader":
            p.food_hygiene_expires = today + _days(rng, 90, 1000)
        if p.role == "driver":
            p.date_of_birth = date(rng.randint(1958, 1985), rng.randint(1, 12), rng.randint(1, 28))
            p.licence_first_held = p.date_of_birth.replace(year=p.date_of_birth.year + 18)
            p.licence_categories = "B, D1" if p.licence_first_held.year < 1997 else "B"
            p.midas_expires = today + _days(rng, 100, 1300)
        if p.role in ("play worker", "club leader"):
            p.contracted_week_minutes, p.contracted_day_minutes = 25 * 60, 6 * 60
    workers = [p for p in people if p.role == "play worker"]
    for p in workers[1:4]:  # first aid running out within the warning window
        p.first_aid_expires = today + _days(rng, 5, 25)
    drivers = [p for p in people if p.role == "driver"]
    if drivers:
        drivers[0].midas_expires = today + _days(rng, 10, 20)
    if workers:
        missing = workers[0]
        missing.dbs_number, missing.dbs_issued_on, missing.dbs_checked_on = "", None, None
        missing.dbs_checked_by, missing.barred_list_checked, missing.dbs_update_service = "", False, False
    s.flush()
    return people


def _availability(s: Session, ctx: DemoContext, people: list[Staff]) -> None:
    """Office hours for heads and office staff (so they are not put on clubs); hub staff travel."""
    rows: list[dict[str, Any]] = []
    for p in people:
        if p.role in ("head", "office"):
            rows += [{"staff_id": p.id, "weekday": d, "start_time": time(8, 30),
                      "end_time": time(16, 30)} for d in range(5)]
    if rows:
        s.execute(insert(StaffAvailability), rows)
    links = [{"staff_id": p.id, "site_id": site} for p in people
             if p.home_site_id == ctx.hub_site_id and p.role in ("play worker", "escort")
             for site in ctx.school_ids if site != ctx.hub_site_id]
    if links:
        s.execute(insert(StaffSite), links)


def _sessional_staff(s: Session, ctx: DemoContext, monday: date, people: list[Staff]) -> None:
    """Add sessional play workers (no hub email) so each school's busiest moment can be staffed,
    plus one."""
    sessions = load_sessions(s, monday, monday + timedelta(days=11))
    peak: dict[int, int] = defaultdict(int)
    for x in sessions:
        f = x.fact
        overlapping = [y.fact.need.required for y in sessions
                       if y.fact.site_id == f.site_id and y.fact.day == f.day
                       and y.fact.start < f.end and f.start < y.fact.end]
        peak[f.site_id] = max(peak[f.site_id], sum(overlapping))
    have: dict[int, int] = defaultdict(int)
    for p in people:
        if p.role in CLUB_ROLES and p.home_site_id is not None:
            have[p.home_site_id] += 1
    rows: list[dict[str, Any]] = []
    rng, today = ctx.rng, ctx.today
    for site, needed in sorted(peak.items()):
        for _ in range(max(0, needed + 1 - have[site])):
            _, (girls, boys), surnames = rng.choices(HERITAGES, weights=[h[0] for h in HERITAGES])[0]
            forename = rng.choice(girls if rng.random() < 0.8 else boys)
            surname = rng.choice(surnames)
            issued = today - _days(rng, 120, 1000)
            rows.append({
                "forename": forename, "surname": surname, "role": "play worker",
                "home_site_id": site, "phone": f"07700 {rng.randint(900000, 900999)}",
                "email": "", "active": True, "search_key": fold(f"{forename} {surname} play worker"),
                "dbs_number": f"{rng.randint(0, 10**12 - 1):012d}", "dbs_issued_on": issued,
                "dbs_checked_on": issued + _days(rng, 1, 10), "dbs_checked_by": "Hub co-ordinator",
                "barred_list_checked": True, "dbs_update_service": rng.random() < 0.5,
                "first_aid_expires": today + _days(rng, 60, 1000) if rng.random() < 0.5 else None,
                "contracted_week_minutes": 20 * 60, "contracted_day_minutes": 5 * 60})
    if rows:
        s.execute(insert(Staff), rows)


def _shift_row(staff_id: int, p: Any, now: datetime) -> dict[str, Any]:
    kind, _, ident = p.target.partition(":")
    return {"staff_id": staff_id, "kind": kind, "role": p.role, "day": p.day,
            "start_time": p.start, "end_time": p.end, "site_id": None, "note": "",
            "club_session_id": int(ident) if kind == "club" else None,
            "course_session_id": int(ident) if kind == "creche" else None,
            "created_at": now}


def build(s: Session, ctx: DemoContext) -> None:
    monday = monday_of(ctx.today)
    people = _qualify(s, ctx)
    _availability(s, ctx, people)
    _sessional_staff(s, ctx, monday, people)
    sites = {x.fact.target: x.fact.site_id for x in load_sessions(s, monday, monday + timedelta(days=11))}
    rows: list[dict[str, Any]] = []
    under_done = False
    for week in (monday, monday + timedelta(days=7)):
        proposals = propose(s, week)
        by_target: dict[str, list[Any]] = defaultdict(list)
        for p in proposals:
            by_target[p.target].append(p)
        for target, chosen in by_target.items():
            if week == monday and not under_done and len(chosen) >= 3 and chosen[0].day > monday:
                chosen = chosen[:-1]  # deliberately one short: an under-ratio session
                under_done = True
            for p in chosen:
                row = _shift_row(p.staff_id, p, ctx.now)
                row["site_id"] = sites[target]
                rows.append(row)
        if rows:
            s.execute(insert(Shift), rows)
            rows = []
    _deliberate_problems(s, ctx, monday)
    s.execute(insert(StaffCostRate), [{"role": role, "pence_per_hour": pence}
                                      for role, pence in COST_RATES.items()])
    record_event(s, "demo", "rota", {"week": monday.isoformat()})


def _deliberate_problems(s: Session, ctx: DemoContext, monday: date) -> None:
    """The play worker without a DBS on a club, and a hub play worker in two places at once."""
    wednesday = monday + timedelta(days=2)
    missing = s.scalar(select(Staff).where(Staff.dbs_number == "", Staff.role == "play worker"))
    shifts = list(s.scalars(select(Shift).where(Shift.day == wednesday, Shift.kind == "club")
                            .order_by(Shift.start_time.desc(), Shift.id)))
    if missing is not None:
        home = [x for x in shifts if x.site_id == missing.home_site_id] or shifts
        if home:
            x = home[0]
            s.add(Shift(staff_id=missing.id, kind="club", role="assistant", day=x.day,
                        start_time=x.start_time, end_time=x.end_time, site_id=x.site_id,
                        club_session_id=x.club_session_id, created_at=ctx.now))
    tuesday = monday + timedelta(days=1)
    afternoon = list(s.scalars(select(Shift).where(Shift.day == tuesday, Shift.kind == "club",
                                                   Shift.start_time >= time(15))
                               .order_by(Shift.site_id, Shift.id)))
    for first in afternoon:
        other = next((x for x in afternoon if x.site_id != first.site_id
                      and x.start_time < first.end_time and first.start_time < x.end_time
                      and x.staff_id != first.staff_id), None)
        if other is not None:
            s.add(Shift(staff_id=first.staff_id, kind="club", role="assistant", day=tuesday,
                        start_time=other.start_time, end_time=other.end_time, site_id=other.site_id,
                        club_session_id=other.club_session_id, created_at=ctx.now))
            break
    s.flush()
