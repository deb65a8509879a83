"""Parent learning, the minibus and club viability on the demo cluster, against raw-row counts."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, time

import pytest

from hubdesk.app import HubApp
from hubdesk.core.errors import ValidationError
from hubdesk.services.overview import PeriodChoice
from tests.services.overview.test_figures import END, START, day, rows, sessions_in_term

TERM = PeriodChoice("term", "2026-autumn")


def minutes(start: object, end: object) -> int:
    def at(v: object) -> datetime:
        return datetime.combine(date.min, v if isinstance(v, time) else time.fromisoformat(str(v)))
    return int((at(end) - at(start)).total_seconds() // 60)


def test_club_viability_income_and_staff_cost(demo_hub: HubApp) -> None:
    for role, pence in {"club leader": 1500, "play worker": 1200}.items():
        demo_hub.overview.figures.set_rate(role, pence)
    rates = {r.role: r.pence_per_hour for r in demo_hub.overview.figures.rates()}  # the demo's too
    assert rates["club leader"] == 1500 and rates["play worker"] == 1200
    sessions = sessions_in_term(demo_hub)
    club_of = {sid: club for sid, club in rows(demo_hub, "SELECT id, club_id FROM club_sessions")}
    booked = Counter(club_of[sid] for sid, status in rows(
        demo_hub, "SELECT session_id, status FROM session_bookings")
        if sid in sessions and status == "booked")
    role = dict(rows(demo_hub, "SELECT id, role FROM staff"))
    cost: defaultdict[int, float] = defaultdict(float)
    for staff, sid, start, end, cancelled in rows(
            demo_hub, "SELECT staff_id, club_session_id, start_time, end_time, cancelled_at "
                      "FROM shifts WHERE kind = 'club'"):
        if sid in sessions and cancelled is None:
            cost[club_of[sid]] += minutes(start, end) * rates.get(role[staff], 0) / 60
    names = {cid: name for cid, name in rows(demo_hub, "SELECT id, name FROM clubs")}
    found = demo_hub.overview.figures.overview(TERM)
    charged = {r.club_id: r.pence for r in demo_hub.money.accounts.income_by_club(
        found.period.start, found.period.end)}  # Money's own figures, tested line by line there
    by_club = {(v.site, v.club): v for v in found.viability}
    sites = dict(rows(demo_hub, "SELECT id, name FROM sites"))
    club_site = {cid: sites[site] for cid, site in rows(demo_hub, "SELECT id, site_id FROM clubs")}
    assert len(by_club) == len({club_of[sid] for sid in sessions})
    for cid in {club_of[sid] for sid in sessions}:
        row = by_club[club_site[cid], names[cid]]
        assert row.places == booked[cid]
        assert row.income_pence == charged.get(cid, 0)
        assert row.staff_cost_pence == round(cost[cid])
    assert sum(charged.values()) > 0 and "Money charged" in found.income_note
    assert "club leader" not in found.missing_rates
    listed = [r.role for r in demo_hub.overview.figures.rates()]
    assert listed.count("club leader") == 1 and len(listed) == len(set(listed))  # replaced, not added


def test_rates_refuse_nonsense(demo_hub: HubApp) -> None:
    with pytest.raises(ValidationError, match="between £0.00 and £1,000.00"):
        demo_hub.overview.figures.set_rate("play worker", -5)
    with pytest.raises(ValidationError, match="Name the staff role"):
        demo_hub.overview.figures.set_rate("  ", 1000)


def test_parent_learning(demo_hub: HubApp) -> None:
    sites = dict(rows(demo_hub, "SELECT id, name FROM sites"))
    courses = {cid: sites[site] for cid, site, start, end in rows(
        demo_hub, "SELECT id, site_id, start_date, end_date FROM courses")
        if day(start) <= END and day(end) >= START}
    status: Counter[tuple[str, str]] = Counter()
    for course, state in rows(demo_hub, "SELECT course_id, status FROM enrolments"):
        if course in courses:
            status[courses[course], state] += 1
    session_course = {sid: cid for sid, cid, d in rows(
        demo_hub, "SELECT id, course_id, session_date FROM course_sessions")
        if START <= day(d) <= END}
    visits = Counter(courses[session_course[sid]] for (sid,) in rows(
        demo_hub, "SELECT session_id FROM creche_attendance")
        if sid in session_course and session_course[sid] in courses)
    found = {r.site: r for r in demo_hub.overview.figures.overview(TERM).learning}
    assert set(found) == set(courses.values())
    for site, row in found.items():
        assert row.courses == sum(1 for s in courses.values() if s == site)
        assert row.enrolments == sum(status[site, k] for k in ("enrolled", "completed", "withdrawn"))
        assert row.completions == status[site, "completed"]
        assert row.creche_visits == visits[site]


def test_minibus_seats_used_and_children_carried(demo_hub: HubApp) -> None:
    runs = {rid: (name or "(unnamed)", vehicle) for rid, name, vehicle, d, status in rows(
        demo_hub, "SELECT id, name, vehicle_id, day, status FROM runs")
        if START <= day(d) <= END and status == "planned"}
    used = Counter(rid for rid, removed in rows(demo_hub, "SELECT run_id, removed_at FROM run_passengers")
                   if rid in runs and removed is None)
    regs = dict(rows(demo_hub, "SELECT id, registration FROM vehicles"))
    expected: dict[tuple[str, str], list[int]] = defaultdict(list)
    for rid, (name, vehicle) in runs.items():
        expected[name, regs[vehicle]].append(used[rid])
    found = demo_hub.overview.figures.overview(TERM)
    assert {(r.run, r.vehicle): (r.runs, r.passengers, r.fullest) for r in found.runs} == {
        key: (len(v), sum(v), max(v)) for key, v in expected.items()}
    children = {child for rid, kind, child, removed in rows(
        demo_hub, "SELECT run_id, kind, child_id, removed_at FROM run_passengers")
        if rid in runs and kind == "child" and removed is None}
    assert sum(c.children for c in found.carried) >= len(children) > 0
