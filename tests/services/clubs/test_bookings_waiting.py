"""Waiting lists: priority order, offers that hold the freed place, confirm, decline, positions."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hubdesk.app import HubApp
from hubdesk.core.errors import Conflict
from hubdesk.core.rules.club_rules import ClubRules
from hubdesk.services.clubs.booking_plan import BookingRequest
from tests.services.clubs.club_setup import carer_for, child, club, freeze

MON, WED = date(2026, 9, 14), date(2026, 9, 16)


@pytest.fixture
def full(hub: HubApp, two_schools: dict[str, int]) -> dict[str, int]:
    """A one-place club, booked on Monday 14th by Ella; three children waiting."""
    freeze(hub)
    oak = two_schools["oak"]
    ids = {"oak": oak, "club": club(hub, oak, capacity=1),
           "ella": child(hub, oak, forename="Ella")}
    hub.bookings.confirm(BookingRequest(ids["ella"], ids["club"], MON))
    ids["session"] = hub.club_sessions.sessions(ids["club"], MON, MON)[0].id
    for minute, name, extra in ((1, "Early", {}), (2, "Funded", {"fsm": True}),
                                (3, "Sibling", {})):
        freeze(hub, datetime(2026, 9, 8, 8, minute))
        ids[name] = child(hub, oak, forename=name, **extra)
        ids[name + "_entry"] = hub.waiting_lists.join(ids[name], ids["club"], ids["session"])
    freeze(hub)
    big_sister = child(hub, oak, forename="Big")
    carer_for(hub, [big_sister, ids["Sibling"]])
    hub.bookings.confirm(BookingRequest(big_sister, ids["club"], WED))
    return ids


def names(hub: HubApp, session_id: int) -> list[tuple[str, int]]:
    return [(r.child_name.split()[0], r.position) for r in hub.waiting_lists.for_session(session_id)]


def test_order_is_sibling_then_funded_then_date_joined(hub: HubApp, full: dict[str, int]) -> None:
    assert names(hub, full["session"]) == [("Sibling", 1), ("Funded", 2), ("Early", 3)]
    assert hub.waiting_lists.position(full["Early_entry"]) == 3
    rows = {r.child_name.split()[0]: r for r in hub.waiting_lists.open_entries()
            if r.club_id == full["club"]}
    assert rows["Sibling"].sibling_booked and rows["Funded"].funded
    assert rows["Early"].day == MON and rows["Early"].status == "waiting"


def test_order_follows_the_offices_rules(hub: HubApp, full: dict[str, int]) -> None:
    hub.clubs.save_rules(ClubRules(waiting_priority=("joined",)))
    assert names(hub, full["session"]) == [("Early", 1), ("Funded", 2), ("Sibling", 3)]
    hub.clubs.save_rules(ClubRules(waiting_priority=("funded", "sibling", "joined")))
    assert names(hub, full["session"]) == [("Funded", 1), ("Sibling", 2), ("Early", 3)]


def test_freed_place_is_offered_and_held_until_confirmed(hub: HubApp,
                                                         full: dict[str, int]) -> None:
    [sb] = [line.session_booking_id for line in hub.bookings.history(full["ella"])]
    cancelled = hub.bookings.cancel(sb)
    [offer] = cancelled.offers
    assert offer.child_name.startswith("Sibling") and offer.day == MON
    assert offer.phones == ("Anna Wiśniewska: 07700 900123",)
    session = hub.club_sessions.session(full["session"])
    assert (session.booked, session.held, session.free) == (0, 1, 0)
    outsider = child(hub, full["oak"], forename="Walk-in")
    with pytest.raises(Conflict, match="full"):
        hub.bookings.confirm(BookingRequest(outsider, full["club"], MON))
    assert names(hub, full["session"]) == [("Sibling", 0), ("Funded", 1), ("Early", 2)]
    result = hub.waiting_lists.confirm_offer(offer.entry_id)
    assert result.booked == (MON,)
    session = hub.club_sessions.session(full["session"])
    assert (session.booked, session.held) == (1, 0)
    assert names(hub, full["session"]) == [("Funded", 1), ("Early", 2)]
    with pytest.raises(Conflict, match="no place on offer"):
        hub.waiting_lists.confirm_offer(offer.entry_id)


def test_declined_offer_moves_to_the_next_child(hub: HubApp, full: dict[str, int]) -> None:
    [sb] = [line.session_booking_id for line in hub.bookings.history(full["ella"])]
    [offer] = hub.bookings.cancel(sb).offers
    following = hub.waiting_lists.decline_offer(offer.entry_id)
    assert following is not None and following.child_name.startswith("Funded")
    last = hub.waiting_lists.withdraw(following.entry_id)
    assert last is not None and last.child_name.startswith("Early")
    assert hub.waiting_lists.decline_offer(last.entry_id) is None
    session = hub.club_sessions.session(full["session"])
    assert (session.booked, session.held, session.free) == (0, 0, 1)
    assert hub.waiting_lists.for_session(full["session"]) == []


def test_joining_twice_or_with_free_places_is_refused(hub: HubApp, full: dict[str, int]) -> None:
    with pytest.raises(Conflict, match="already on this waiting list"):
        hub.waiting_lists.join(full["Early"], full["club"], full["session"])
    with pytest.raises(Conflict, match="already booked into that session"):
        hub.waiting_lists.join(full["ella"], full["club"], full["session"])
    tuesday_club = club(hub, full["oak"], name="Chess", weekdays=(1,))
    session = hub.club_sessions.sessions(tuesday_club, MON, WED)[0]
    with pytest.raises(Conflict, match="There are free places on Tue 15/09/2026"):
        hub.waiting_lists.join(full["Early"], tuesday_club, session.id)


def test_club_wide_entry_is_offered_a_matching_day_and_booked_onwards(
        hub: HubApp, full: dict[str, int]) -> None:
    hopeful = child(hub, full["oak"], forename="Hope")
    for entry in ("Early_entry", "Funded_entry", "Sibling_entry"):
        hub.waiting_lists.withdraw(full[entry])
    entry = hub.waiting_lists.join(hopeful, full["club"], None, (0,))
    assert hub.waiting_lists.position(entry) == 1
    [sb] = [line.session_booking_id for line in hub.bookings.history(full["ella"])]
    [offer] = hub.bookings.cancel(sb).offers
    assert offer.entry_id == entry
    result = hub.waiting_lists.confirm_offer(entry)
    assert result.booked[0] == MON and all(d.weekday() == 0 for d in result.booked)
    assert len(result.booked) == 13  # every Monday to the end of term, half-term skipped
    assert hub.waiting_lists.open_entries() == []
