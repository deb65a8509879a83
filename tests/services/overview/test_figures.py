"""The Overview's figures on the demo cluster, each checked against a count made here from the raw
rows (plain selects, added up in Python), never against the service's own queries."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from hubdesk.app import HubApp
from hubdesk.core.errors import ValidationError
from hubdesk.services.overview import CLUSTER, PeriodChoice, suppressed
from tests.statements import counting

START, END = date(2026, 9, 2), date(2026, 12, 18)  # the demo's autumn term 2026


def rows(hub: HubApp, sql: str) -> list[Any]:
    with hub.engine.connect() as conn:
        return list(conn.execute(text(sql)))


def day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def sessions_in_term(hub: HubApp) -> dict[int, tuple[str, str, int]]:
    """session id -> (site name, club kind, capacity), running sessions of the term only."""
    sites = dict(rows(hub, "SELECT id, name FROM sites"))
    clubs = {cid: (sites[site], kind) for cid, site, kind in rows(hub, "SELECT id, site_id, kind FROM clubs")}
    return {sid: (*clubs[club], cap) for sid, club, d, cap, status in rows(
        hub, "SELECT id, club_id, day, capacity, status FROM club_sessions")
        if START <= day(d) <= END and status == "running"}


def test_term_period_from_the_calendars(demo_hub: HubApp) -> None:
    period = demo_hub.overview.figures.period(PeriodChoice("term", "2026-autumn"))
    assert (period.start, period.end) == (START, END)
    assert demo_hub.overview.figures.terms() == ["2026-autumn", "2027-spring", "2027-summer"]
    half = demo_hub.overview.figures.period(PeriodChoice("half_term"))
    assert (half.start, half.end) == (date(2026, 10, 31), END)  # today 24/11 is after the break
    week = demo_hub.overview.figures.period(PeriodChoice("week"))
    assert (week.start, week.end) == (date(2026, 11, 23), date(2026, 11, 29))
    year = demo_hub.overview.figures.period(PeriodChoice("year"))
    assert (year.start, year.end) == (date(2026, 9, 1), date(2027, 8, 31))


@pytest.mark.parametrize(("choice", "words"), [
    (PeriodChoice("term", "2031-autumn"), "no 2031-autumn term"),
    (PeriodChoice("term", "autumn 2026"), "2026-autumn"),
    (PeriodChoice("custom", start=date(2026, 12, 1), end=date(2026, 11, 1)), "swap the dates"),
    (PeriodChoice("custom"), "both dates"),
    (PeriodChoice("fortnight"), "Choose a period"),
])
def test_bad_periods_say_what_to_do(demo_hub: HubApp, choice: PeriodChoice, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        demo_hub.overview.figures.overview(choice)


def test_places_offered_booked_attended(demo_hub: HubApp) -> None:
    sessions = sessions_in_term(demo_hub)
    offered: Counter[tuple[str, str]] = Counter()
    count: Counter[tuple[str, str]] = Counter()
    for site, kind, cap in sessions.values():
        offered[site, kind] += cap
        count[site, kind] += 1
    booked: Counter[tuple[str, str]] = Counter()
    for session_id, status in rows(demo_hub, "SELECT session_id, status FROM session_bookings"):
        if session_id in sessions and status == "booked":
            booked[sessions[session_id][:2]] += 1
    attended: Counter[tuple[str, str]] = Counter()
    for session_id, status in rows(demo_hub, "SELECT session_id, status FROM attendance"):
        if session_id in sessions and status in ("in", "out"):
            attended[sessions[session_id][:2]] += 1
    found = demo_hub.overview.figures.overview(PeriodChoice("term", "2026-autumn"))
    assert {(p.site, p.kind): (p.sessions, p.offered, p.booked, p.attended) for p in found.places} == {
        key: (count[key], offered[key], booked[key], attended[key]) for key in offered}
    assert found.totals().offered == sum(offered.values())
    assert sum(attended.values()) > 0 and sum(booked.values()) > 0


def test_take_up_by_group_against_the_roll(demo_hub: HubApp) -> None:
    sessions = sessions_in_term(demo_hub)
    places: Counter[int] = Counter()
    for session_id, child_id, status in rows(
            demo_hub, "SELECT session_id, child_id, status FROM session_bookings"):
        if session_id in sessions and status == "booked":
            places[child_id] += 1
    sites = dict(rows(demo_hub, "SELECT id, name FROM sites"))
    roll = [(sites[school], fsm, sen, cid) for cid, school, fsm, sen, left in rows(
        demo_hub, "SELECT id, school_site_id, fsm, sen_level, left_on FROM children")
        if left is None or day(left) >= START]
    found = {(t.school, t.group): t for t in
             demo_hub.overview.figures.overview(PeriodChoice("term", "2026-autumn")).take_up}
    for school in {r[0] for r in roll} | {CLUSTER}:
        mine = [r for r in roll if school in (r[0], CLUSTER)]
        fsm = [r for r in mine if r[1]]
        ehcp = [r for r in mine if r[2] == "ehcp"]
        for group, members in (("FSM", fsm), ("EHC plan", ehcp), ("All children", mine)):
            row = found[school, group]
            assert row.on_roll == len(members)
            assert row.roll_total == len(mine)
            assert row.attending == sum(1 for r in members if places[r[3]])
            assert row.places == sum(places[r[3]] for r in members)
            assert row.places_total == sum(places[r[3]] for r in mine)
    fsm_row = found[CLUSTER, "FSM"]
    roll_share = round(100 * fsm_row.on_roll / fsm_row.roll_total, 1)
    places_share = round(100 * fsm_row.places / fsm_row.places_total, 1)
    assert fsm_row.gap == f"FSM: {roll_share:g}% of the roll, {places_share:g}% of club places"


def test_children_who_attended_nothing(demo_hub: HubApp) -> None:
    sessions = sessions_in_term(demo_hub)
    came = {child for session_id, child, status in rows(
        demo_hub, "SELECT session_id, child_id, status FROM attendance")
        if session_id in sessions and status in ("in", "out")}
    # attendance in a cancelled session would not count either; the demo cancels none with registers
    on_roll = {cid for cid, left in rows(demo_hub, "SELECT id, left_on FROM children")
               if left is None or day(left) >= START}
    found = demo_hub.overview.figures.overview(PeriodChoice("term", "2026-autumn")).missing
    assert {m.child_id for m in found} == on_roll - came
    assert len(found) == len(on_roll - came) > 0
    phones = defaultdict(list)
    for child, mobile in rows(demo_hub, "SELECT child_id, phone_mobile FROM child_carers JOIN carers "
                                        "ON carers.id = carer_id WHERE NOT must_not_collect"):
        phones[child].append(mobile)
    for m in found[:50]:
        if phones[m.child_id] and any(phones[m.child_id]):
            assert any(p and p in m.phones for p in phones[m.child_id])


def test_one_site_keeps_to_its_own_clubs_and_pupils(demo_hub: HubApp) -> None:
    site_id, name = rows(demo_hub, "SELECT id, name FROM sites WHERE kind = 'school' ORDER BY name")[0]
    found = demo_hub.overview.figures.overview(PeriodChoice("term", "2026-autumn"), site_id)
    assert found.site == name
    assert {p.site for p in found.places} == {name}
    assert {t.school for t in found.take_up} == {name, CLUSTER}
    assert {m.school for m in found.missing} == {name}


def test_statements_do_not_grow_with_the_cluster(demo_hub: HubApp, hub: HubApp,
                                                 two_schools: dict[str, int]) -> None:
    choice = PeriodChoice("custom", start=START, end=END)
    assert hub.actor and demo_hub.actor  # who acts is settled first (a look at the users table)
    for app in (hub, demo_hub):  # and Money's stored sums are current (worked out apart)
        app.money.accounts.overdue_total()
    with counting(hub.engine) as small:
        hub.overview.figures.overview(choice)
    with counting(demo_hub.engine) as large:
        demo_hub.overview.figures.overview(choice)
    assert small.count == large.count <= 25  # the figures, Money's income per club, the referral counts


def test_small_numbers_are_suppressed() -> None:
    assert [suppressed(n) for n in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]
