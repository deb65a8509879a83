"""Term block prices: a booking of every running session of a term is charged the block price,
spread over its sessions to the penny; free places, sibling discount and cancellations per session."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from hubdesk.app import HubApp
from hubdesk.core.errors import ValidationError
from hubdesk.core.rules.charging import block_shares
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.services.money.dto import Account
from tests.services.clubs.club_setup import carer_for, child, club, freeze

TERM = (date(2026, 9, 3), date(2026, 12, 18))  # the two_schools autumn term
BEFORE_TERM = datetime(2026, 9, 1, 8)


@pytest.fixture
def setup(hub: HubApp, two_schools: dict[str, int]) -> dict[str, int]:
    freeze(hub, BEFORE_TERM)
    oak = two_schools["oak"]
    ella = child(hub, oak, forename="Ella", surname="Ng")
    sam = child(hub, oak, forename="Sam", surname="Ng")
    carer_for(hub, [ella, sam])
    football = club(hub, oak)
    hub.money.prices.set_block_price(football, date(2026, 9, 1), 20000)
    return {"oak": oak, "club": football, "ella": ella, "sam": sam}


def whole_term(hub: HubApp, child_id: int, club_id: int) -> list[int]:
    hub.bookings.confirm(BookingRequest(child_id, club_id, *TERM))
    return [h.session_booking_id for h in sorted(hub.bookings.history(child_id),
                                                  key=lambda h: h.day) if h.status == "booked"]


def term_account(hub: HubApp, child_id: int) -> Account:
    """The family's account read after the term (an account counts sessions up to this month)."""
    moment = hub.clock.frozen_at
    freeze(hub, datetime(2026, 12, 31, 12))
    try:
        return hub.money.accounts.account(child_id)
    finally:
        hub.clock.frozen_at = moment


def sessions(hub: HubApp, club_id: int) -> int:
    return sum(1 for s in hub.club_sessions.sessions(club_id, *TERM) if s.status == "running")


def test_block_shares_add_up_to_the_block() -> None:
    assert block_shares(20000, 30) == [667] * 20 + [666] * 10
    assert sum(block_shares(12345, 29)) == 12345 and block_shares(500, 0) == []


def test_a_whole_term_is_charged_the_block_price_exactly(hub: HubApp,
                                                         setup: dict[str, int]) -> None:
    n = sessions(hub, setup["club"])
    places = whole_term(hub, setup["ella"], setup["club"])
    assert len(places) == n
    account = term_account(hub, setup["ella"])
    assert sum(ln.pence for ln in account.lines) == 20000 == account.balance
    assert {ln.pence for ln in account.lines} == set(block_shares(20000, n))
    assert all(ln.text == "Term block: Football" for ln in account.lines)
    assert n * 750 > 20000  # the block is cheaper than the sessions one by one


def test_part_of_a_term_is_charged_per_session(hub: HubApp, setup: dict[str, int]) -> None:
    hub.bookings.confirm(BookingRequest(setup["ella"], setup["club"], TERM[0], date(2026, 10, 9)))
    account = term_account(hub, setup["ella"])
    assert {ln.pence for ln in account.lines} == {750}


def test_a_block_price_set_after_the_booking_never_rewrites_it(
        hub: HubApp, setup: dict[str, int]) -> None:
    whole_term(hub, setup["ella"], setup["club"])
    freeze(hub, datetime(2026, 9, 2, 8))
    hub.money.prices.set_block_price(setup["club"], date(2026, 9, 1), 15000)
    assert term_account(hub, setup["ella"]).balance == 20000
    whole_term(hub, setup["sam"], setup["club"])
    sam = [ln for ln in term_account(hub, setup["sam"]).lines if ln.child == "Sam Ng"]
    assert sum(ln.pence for ln in sam) == 15000 - sum(
        ln.full_pence - ln.pence for ln in sam if "sibling" in ln.why)


def test_cancelling_part_of_a_block_before_and_after_the_cut_off(
        hub: HubApp, setup: dict[str, int]) -> None:
    n = sessions(hub, setup["club"])
    shares = block_shares(20000, n)
    places = whole_term(hub, setup["ella"], setup["club"])
    hub.bookings.cancel(places[-1])  # in good time: that session's share is credited
    assert term_account(hub, setup["ella"]).balance == 20000 - shares[-1]
    first_day = min(h.day for h in hub.bookings.history(setup["ella"]))
    freeze(hub, datetime(first_day.year, first_day.month, first_day.day, 12))
    hub.bookings.cancel(places[0])  # after the cut-off: the late-cancellation rule (100%)
    account = term_account(hub, setup["ella"])
    assert account.balance == 20000 - shares[-1]
    assert next((ln.kind, ln.pence) for ln in account.lines) == ("late_cancel", shares[0])


def test_free_places_and_sibling_discount_apply_per_session(
        hub: HubApp, setup: dict[str, int]) -> None:
    n = sessions(hub, setup["club"])
    shares = block_shares(20000, n)
    hub.money.prices.set_free_place_rule("activity", "fsm", 50)
    form = hub.children.get(setup["sam"])
    hub.children.save(replace(form, fsm=True))
    whole_term(hub, setup["ella"], setup["club"])
    whole_term(hub, setup["sam"], setup["club"])
    lines = term_account(hub, setup["ella"]).lines
    sam = [ln for ln in lines if ln.child == "Sam Ng"]
    half = [sh - (sh * 50 + 50) // 100 for sh in shares]
    assert sum(ln.pence for ln in sam) == sum(h - (h * 10 + 50) // 100 for h in half)
    assert all(ln.why == "free school meals 50% off; sibling discount 10%" for ln in sam)


def test_booking_cost_shows_the_block_and_bad_prices_are_refused(
        hub: HubApp, setup: dict[str, int]) -> None:
    days = [s.day for s in hub.club_sessions.sessions(setup["club"], *TERM)
            if s.status == "running"]
    cost = hub.money.accounts.booking_cost(setup["ella"], setup["club"], days)
    assert (cost.sessions, cost.pence, cost.why) == (len(days), 20000, "term block price")
    assert hub.money.accounts.booking_cost(setup["ella"], setup["club"], days[1:]).pence == \
        750 * (len(days) - 1)
    shown = hub.money.prices.club_prices(setup["club"])
    assert shown.block_pence == 20000 and len(shown.block_changes) == 1
    with pytest.raises(ValidationError, match="term block price is between"):
        hub.money.prices.set_block_price(setup["club"], date(2026, 9, 1), -1)


def test_statement_says_term_block(hub: HubApp, setup: dict[str, int], tmp_path: Path) -> None:
    from pypdf import PdfReader

    from hubdesk.reports.statements import write_statements

    whole_term(hub, setup["ella"], setup["club"])
    book = hub.money.accounts.statements(date(2026, 9, 1), date(2026, 9, 30))
    lines = [ln for st in book.statements for ln in st.lines]
    assert lines and all(ln.text == "Term block: Football" for ln in lines)
    path = tmp_path / "statements.pdf"
    write_statements(book, path)
    assert "Term block: Football" in "".join(p.extract_text() for p in PdfReader(path).pages)
