"""Money reads send a bounded number of SQL statements, however many families and bookings."""

from __future__ import annotations

from datetime import date

from hubdesk.app import HubApp
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.services.money.dto import PaymentForm
from tests.services.clubs.club_setup import carer_for, child, club, freeze
from tests.statements import counting


def _families(hub: HubApp, oak: int, football: int, n: int) -> list[int]:
    kids = []
    for i in range(n):
        pair = [child(hub, oak, forename=f"A{i}", surname=f"S{i}"),
                child(hub, oak, forename=f"B{i}", surname=f"S{i}")]
        carer_for(hub, pair, surname=f"S{i}")
        for kid in pair:
            hub.bookings.confirm(BookingRequest(kid, football, date(2026, 9, 14), date(2026, 9, 30),
                                                (0, 2)))
        hub.money.payments.record(PaymentForm(pair[0], "cash", 500, date(2026, 9, 8)))
        kids += pair
    return kids


def test_money_reads_do_not_grow_with_families(hub: HubApp, two_schools: dict[str, int]) -> None:
    freeze(hub)
    oak = two_schools["oak"]
    football = club(hub, oak, capacity=30)
    kids = _families(hub, oak, football, 2)
    counts = []
    for more in (0, 4):
        kids += _families(hub, oak, football, more)
        hub.money.accounts.overdue_total()  # the stored sums brought up to date (counted apart)
        with counting(hub.engine) as c:
            hub.money.accounts.balances()
            hub.money.accounts.arrears()
            hub.money.accounts.statements(date(2026, 9, 1), date(2026, 9, 30))
        with counting(hub.engine) as one:
            hub.money.accounts.account(kids[0])
        counts.append((c.count, one.count))
    assert counts[0] == counts[1]
    assert counts[1][1] <= 20  # the family found through carers in two rounds, then its money
