"""Charges derived from bookings and registers: prices from a date, free places, siblings, credits."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from hubdesk.app import HubApp
from hubdesk.core.money import money, parse_money
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.services.money.dto import DiscretionaryForm, ExtraChargeForm, PaymentForm
from tests.services.clubs.club_setup import carer_for, child, club, freeze

MON, WED = date(2026, 9, 14), date(2026, 9, 16)


@pytest.fixture
def setup(hub: HubApp, two_schools: dict[str, int]) -> dict[str, int]:
    freeze(hub)
    oak = two_schools["oak"]
    ella = child(hub, oak, forename="Ella", surname="Ng")
    sam = child(hub, oak, forename="Sam", surname="Ng")
    carer_for(hub, [ella, sam])
    return {"oak": oak, "club": club(hub, oak), "ella": ella, "sam": sam}


def book(hub: HubApp, child_id: int, club_id: int, day: date) -> int:
    hub.bookings.confirm(BookingRequest(child_id, club_id, day))
    return next(h.session_booking_id for h in hub.bookings.history(child_id) if h.day == day
                and h.status == "booked")


def test_money_formats_and_parses_pence() -> None:
    assert money(123450) == "£1,234.50" and money(-1200) == "-£12.00" and money(5) == "£0.05"
    assert parse_money("£1,234.5") == 123450 and parse_money("12") == 1200
    with pytest.raises(ValueError, match="not an amount"):
        parse_money("twelve")


def test_booked_session_is_charged_and_a_new_price_never_rewrites_it(
        hub: HubApp, setup: dict[str, int]) -> None:
    book(hub, setup["ella"], setup["club"], MON)
    freeze(hub, datetime(2026, 9, 9, 8))
    hub.money.prices.set_price(setup["club"], date(2026, 9, 10), 900)
    book(hub, setup["ella"], setup["club"], WED)
    account = hub.money.accounts.account(setup["ella"])
    assert [(ln.day, ln.pence) for ln in account.lines] == [(MON, 750), (WED, 900)]
    assert account.balance == 1650
    assert [(p.current_pence, p.next_change) for p in hub.money.prices.prices()] == \
        [(750, "£9.00 from 10/09/2026")]


def test_cancel_in_time_charges_nothing_late_cancel_charges_and_hub_cancel_credits(
        hub: HubApp, setup: dict[str, int]) -> None:
    early = book(hub, setup["ella"], setup["club"], MON)
    hub.bookings.cancel(early)
    freeze(hub, datetime(2026, 9, 15, 8))
    late = book(hub, setup["ella"], setup["club"], WED)
    hub.bookings.cancel(late)
    account = hub.money.accounts.account(setup["ella"])
    assert [(ln.kind, ln.pence) for ln in account.lines] == [("late_cancel", 750)]
    book(hub, setup["sam"], setup["club"], date(2026, 9, 21))
    sid = next(s.id for s in hub.club_sessions.sessions(setup["club"], date(2026, 9, 21),
                                                        date(2026, 9, 21)))
    hub.club_sessions.cancel_session(sid, "Pitch flooded")
    account = hub.money.accounts.account(setup["ella"])
    assert [(ln.child, ln.kind, ln.pence) for ln in account.lines][1:] == \
        [("Sam Ng", "hub_credit", -750), ("Sam Ng", "session", 750)]
    assert account.balance == 750


def test_free_places_siblings_and_free_breakfast(hub: HubApp, setup: dict[str, int]) -> None:
    breakfast = club(hub, setup["oak"], name="Free breakfast", kind="free_breakfast",
                     price_pence=0, start_time=time(8, 15), end_time=time(8, 45))
    book(hub, setup["ella"], breakfast, MON)
    book(hub, setup["ella"], setup["club"], MON)
    book(hub, setup["sam"], setup["club"], MON)
    lines = hub.money.accounts.account(setup["ella"]).lines
    assert sorted(ln.pence for ln in lines) == [0, 675, 750]
    assert any("sibling discount 10%" in ln.why for ln in lines)
    assert any(ln.why == "free breakfast club" for ln in lines)
    hub.money.prices.grant_place(DiscretionaryForm(setup["sam"], 100, MON, MON, "Family crisis"))
    lines = hub.money.accounts.account(setup["ella"]).lines
    assert sorted(ln.pence for ln in lines) == [0, 0, 750]
    assert any(ln.why.startswith("discretionary place: Family crisis") for ln in lines)


def test_extra_charges_payments_oldest_first_refund_and_reversal(
        hub: HubApp, setup: dict[str, int]) -> None:
    book(hub, setup["ella"], setup["club"], MON)
    hub.money.payments.add_extra(ExtraChargeForm(setup["sam"], WED, 1200, "Zoo trip"))
    pay = hub.money.payments.record(PaymentForm(setup["ella"], "card", 1000, date(2026, 9, 8)))
    account = hub.money.accounts.account(setup["ella"])
    assert [(ln.pence, ln.unpaid) for ln in account.lines] == [(750, 0), (1200, 950)]
    hub.money.payments.record(PaymentForm(setup["sam"], "bank", 2000, date(2026, 9, 8)))
    assert hub.money.accounts.account(setup["sam"]).credit == 1050
    hub.money.payments.refund(setup["sam"], 1000, date(2026, 9, 8), "Bank transfer back")
    with pytest.raises(Exception, match="credit is £0.50"):
        hub.money.payments.refund(setup["sam"], 100, date(2026, 9, 8), "again")
    hub.money.payments.reverse(pay, "Card payment declined")
    account = hub.money.accounts.account(setup["ella"])
    assert account.balance == 1950 - 1000 and [p.reversed for p in account.payments] == \
        [True, False, False]


def test_tfc_payment_matches_the_childs_reference_or_waits(hub: HubApp,
                                                         setup: dict[str, int]) -> None:
    from tests.conftest import child_form
    form = child_form(setup["oak"], forename="Tia", surname="Bo", tfc_reference="ABCD1234TFC")
    tia = hub.children.save(form)
    hub.money.payments.record(PaymentForm(None, "tfc", 500, date(2026, 9, 8), "abcd 1234tfc"))
    hub.money.payments.record(PaymentForm(None, "tfc", 700, date(2026, 9, 8), "ZZZZ"))
    assert hub.money.accounts.account(tia).paid == 500
    [unmatched] = hub.money.payments.unmatched_tfc()
    assert (unmatched.pence, unmatched.reference) == (700, "ZZZZ")
    hub.money.payments.match_tfc(unmatched.id, tia)
    assert hub.money.accounts.account(tia).paid == 1200 and not hub.money.payments.unmatched_tfc()


def test_bad_payments_are_refused_with_a_sentence(hub: HubApp, setup: dict[str, int]) -> None:
    pay = hub.money.payments
    with pytest.raises(Exception, match="provider"):
        pay.record(PaymentForm(setup["ella"], "voucher", 500, date(2026, 9, 8)))
    with pytest.raises(Exception, match="more than £0.00"):
        pay.record(PaymentForm(setup["ella"], "cash", 0, date(2026, 9, 8)))
    with pytest.raises(Exception, match="future"):
        pay.record(PaymentForm(setup["ella"], "cash", 10, date(2027, 9, 8)))
    with pytest.raises(Exception, match="always free"):
        hub.money.prices.set_price(club(hub, setup["oak"], name="B", kind="free_breakfast",
                                        price_pence=0), MON, 100)


def test_booking_cost_before_book_and_the_arrears_limit(hub: HubApp, setup: dict[str, int]) -> None:
    book(hub, setup["ella"], setup["club"], MON)
    cost = hub.money.accounts.booking_cost(setup["sam"], setup["club"], [MON, WED])
    assert (cost.sessions, cost.pence, cost.balance) == (2, 675 + 750, 750)
    assert "sibling discount 10%" in cost.why and not cost.over_limit
    hub.money.payments.add_extra(ExtraChargeForm(setup["sam"], MON, 5000, "Residential trip"))
    assert hub.money.accounts.booking_cost(setup["sam"], setup["club"], [WED]).over_limit
