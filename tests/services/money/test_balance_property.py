"""A family's balance equals its charges less its payments, however bookings are made, cancelled
and made again (hypothesis drives the real services against one database)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hubdesk.app import HubApp
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.services.money.dto import PaymentForm
from tests.services.clubs.club_setup import carer_for, child, club, freeze

DAYS = [date(2026, 9, 14) + timedelta(days=7 * w + d) for w in range(3) for d in (0, 2)]
ACTIONS = st.lists(st.tuples(st.sampled_from(["book", "cancel", "pay"]), st.integers(0, 1),
                             st.integers(0, len(DAYS) - 1), st.integers(1, 3000)),
                   min_size=1, max_size=12)


@pytest.fixture
def family(hub: HubApp, two_schools: dict[str, int]) -> tuple[list[int], int]:
    freeze(hub)
    oak = two_schools["oak"]
    kids = [child(hub, oak, forename="Ada", surname="Lo"), child(hub, oak, forename="Bo",
                                                                  surname="Lo")]
    carer_for(hub, kids)
    return kids, club(hub, oak)


def booked(hub: HubApp, kid: int, day: date) -> int | None:
    return next((h.session_booking_id for h in hub.bookings.history(kid)
                 if h.day == day and h.status == "booked"), None)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_balance_is_charges_less_payments(hub: HubApp, family: tuple[list[int], int],
                                          actions: list[tuple[str, int, int, int]]) -> None:
    kids, club_id = family
    for action, who, day_index, pence in actions:
        kid, day = kids[who], DAYS[day_index]
        found = booked(hub, kid, day)
        if action == "book" and found is None:
            hub.bookings.confirm(BookingRequest(kid, club_id, day))
        elif action == "cancel" and found is not None:
            hub.bookings.cancel(found)
        elif action == "pay":
            hub.money.payments.record(PaymentForm(kid, "cash", pence, date(2026, 9, 8)))
    expected = 0
    for day in DAYS:  # 750 a session; the cheaper sibling on a shared day pays 10% less
        n = sum(booked(hub, k, day) is not None for k in kids)
        expected += {0: 0, 1: 750, 2: 1425}[n]
    account = hub.money.accounts.account(kids[0])
    paid = sum(p.pence for p in account.payments if not p.reversed)
    assert account.charged == expected == sum(ln.pence for ln in account.lines)
    assert account.balance == expected - paid
    rows = hub.money.accounts.balances("Lo")
    assert [r.balance for r in rows] == ([account.balance] if account.lines or paid else [])
    if rows:
        book = hub.money.accounts.statements(date(2026, 9, 1), date(2026, 12, 31), "Lo")
        assert book.statements[0].closing == account.balance
