"""Free places follow the child's flags on each session's day: ticking FSM never rewrites charges
already made, and a hub-cancelled sibling session is credited with what was charged."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from hubdesk.app import HubApp
from hubdesk.services.clubs.booking_plan import BookingRequest
from tests.services.clubs.club_setup import carer_for, child, club, freeze

MON, LATER = date(2026, 9, 14), date(2026, 9, 28)


def test_a_flag_ticked_later_keeps_earlier_charges(hub: HubApp, two_schools: dict[str, int]) -> None:
    freeze(hub)
    oak = two_schools["oak"]
    kid = child(hub, oak, forename="Ola", surname="Zed")
    football = club(hub, oak)
    for day in (MON, LATER):
        hub.bookings.confirm(BookingRequest(kid, football, day))
    assert [ln.pence for ln in hub.money.accounts.account(kid).lines] == [750, 750]
    freeze(hub, datetime(2026, 9, 20, 9))  # the office learns the child is FSM on 20 September
    form = hub.children.get(kid)
    hub.children.save(replace(form, fsm=True))
    lines = hub.money.accounts.account(kid).lines
    assert [(ln.day, ln.pence) for ln in lines] == [(MON, 750), (LATER, 375)]
    assert "free school meals" in lines[1].why and not lines[0].why
    assert hub.money.accounts.balances("Zed")[0].charged == 1125
    freeze(hub, datetime(2026, 11, 2, 9))  # and no longer FSM from 2 November
    hub.children.save(replace(hub.children.get(kid), fsm=False))
    assert [ln.pence for ln in hub.money.accounts.account(kid).lines] == [750, 375]


def test_hub_cancelled_sibling_session_credits_what_was_charged(
        hub: HubApp, two_schools: dict[str, int]) -> None:
    freeze(hub)
    oak = two_schools["oak"]
    kids = [child(hub, oak, forename="Ada", surname="Lo"), child(hub, oak, forename="Bo",
                                                                  surname="Lo")]
    carer_for(hub, kids)
    football = club(hub, oak)
    for kid in kids:
        hub.bookings.confirm(BookingRequest(kid, football, MON))
    session_id = next(s.id for s in hub.club_sessions.sessions(football, MON, MON))
    hub.club_sessions.cancel_session(session_id, "Pitch flooded")
    account = hub.money.accounts.account(kids[0])
    assert account.charged == 0 == sum(ln.pence for ln in account.lines)
    assert hub.money.accounts.balances("Lo")[0].balance == 0
