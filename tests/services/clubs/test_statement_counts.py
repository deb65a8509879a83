"""Waiting lists and a term booking cost a fixed number of SQL statements, however many rows they have."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import text

from hubdesk.app import HubApp
from hubdesk.services.clubs.booking_plan import BookingRequest
from tests.services.clubs.club_setup import carer_for, child, club, freeze
from tests.statements import counting


def _waiting(hub: HubApp, school: int, how_many: int) -> int:
    """A full club with ``how_many`` children waiting (half of them for one session, some with a sibling)."""
    freeze(hub)
    club_id = club(hub, school, capacity=1)
    first = hub.club_sessions.sessions(club_id, date(2026, 9, 9), date(2026, 12, 18))[0].id
    booked = child(hub, school, forename="Booked")
    hub.bookings.confirm(BookingRequest(booked, club_id, date(2026, 9, 9), date(2026, 12, 18)))
    for n in range(how_many):
        kid = child(hub, school, forename=f"Waiter{n}", fsm=n % 3 == 0)
        carer_for(hub, [kid, booked] if n == 0 else [kid], surname=f"Family{n}")  # the first: a sibling
        hub.waiting_lists.join(kid, club_id, None if n % 2 else first)
    return first


def _statements(hub: HubApp, work: object) -> int:
    assert callable(work)
    with counting(hub.engine) as counter:
        work()
    return counter.count


def test_the_waiting_lists_cost_the_same_with_1_or_20_children(
        hub: HubApp, two_schools: dict[str, int]) -> None:
    one = _waiting(hub, two_schools["oak"], 1)
    small = _statements(hub, hub.waiting_lists.open_entries)
    small_session = _statements(hub, lambda: hub.waiting_lists.for_session(one))
    twenty = _waiting(hub, two_schools["elm"], 20)
    assert len(hub.waiting_lists.open_entries()) == 21
    assert _statements(hub, hub.waiting_lists.open_entries) == small
    assert _statements(hub, lambda: hub.waiting_lists.for_session(twenty)) == small_session
    assert small <= 12


def test_a_term_booking_costs_the_same_for_one_weekday_or_three(
        hub: HubApp, two_schools: dict[str, int]) -> None:
    freeze(hub)
    oak = two_schools["oak"]
    club_id = club(hub, oak, weekdays=(0, 1, 2, 3, 4), capacity=30)
    term = (date(2026, 9, 7), date(2026, 12, 18))
    counts = []
    for weekdays in ((0,), (0, 2, 4)):
        kid = child(hub, oak, forename=f"Term{len(weekdays)}")
        request = BookingRequest(kid, club_id, *term, weekdays=weekdays)
        with counting(hub.engine) as counter:
            result = hub.bookings.confirm(request)
        assert len(result.booked) >= 10 * len(weekdays)
        # Every place booked is written by one INSERT (one executemany), audited by one more;
        # everything else, the checks of every date included, is a fixed number of statements.
        inserts = [x for x in counter.statements if x.startswith("INSERT INTO session_bookings")]
        assert len(inserts) == 1
        counts.append(counter.count)
    assert counts[0] == counts[1] <= 20


def test_places_written_in_one_insert_are_audited_one_by_one_as_before(
        hub: HubApp, two_schools: dict[str, int]) -> None:
    freeze(hub)
    oak = two_schools["oak"]
    club_id = club(hub, oak, weekdays=(0, 2), capacity=30)
    kid = child(hub, oak, forename="Audited")
    result = hub.bookings.confirm(BookingRequest(kid, club_id, date(2026, 9, 7), date(2026, 10, 16),
                                                 weekdays=(0, 2)))
    with hub.engine.connect() as conn:
        entries = conn.execute(text(
            "SELECT record_id, child_id, changes FROM audit_log WHERE table_name = 'session_bookings' "
            "AND action = 'insert'")).all()
    assert sorted(int(r.record_id) for r in entries) == sorted(result.session_booking_ids)
    assert {r.child_id for r in entries} == {kid}
    changes = json.loads(entries[0].changes) if isinstance(entries[0].changes, str) else entries[0].changes
    assert changes["status"] == [None, "booked"] and changes["child_id"] == [None, kid]
    assert set(changes) >= {"id", "booking_id", "session_id", "booked_at", "cancelled_at", "late"}
