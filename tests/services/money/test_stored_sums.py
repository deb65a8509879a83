"""The stored sums stay what a fresh working-out gives, whatever changes and however it is made.

Hypothesis drives the real services (and a few writes straight to the tables, as an import or a
bulk statement makes them) over every kind of change that can alter a charge; after each run the
sums kept up to date change by change must equal the sums worked out from nothing, and the
balances must equal the charging rules line by line.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Executable, delete, insert, select, text, update
from sqlalchemy.orm import Session

from hubdesk.app import HubApp
from hubdesk.core.errors import DomainError
from hubdesk.core.models import (
    Attendance,
    ExtraCharge,
    MoneyDay,
    MoneyMark,
    MoneyMember,
    MoneyMonth,
    SessionBooking,
)
from hubdesk.core.rules.charging import MoneyRules
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.services.money.dto import DiscretionaryForm, ExtraChargeForm, PaymentForm
from hubdesk.services.people.carers import CarerForm, CarerLink
from tests.services.clubs.club_setup import carer_for, child, club, freeze
from tests.services.money.test_totals import _line_by_line
from tests.statements import counting

DAYS = [date(2026, 9, 14) + timedelta(days=7 * w + d) for w in range(4) for d in (0, 2)]
MOMENTS = [datetime(2026, 9, 8, 8), datetime(2026, 9, 15, 8), datetime(2026, 9, 22, 8)]
KINDS = ["book", "book", "book", "cancel", "hub_cancel", "late_fee", "extra", "reverse_extra",
         "place", "flag", "free_rule", "rules", "link", "unlink", "price", "block", "pay",
         "later", "delete_booking"]
ACTIONS = st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 3), st.integers(0, 1),
                             st.integers(0, len(DAYS) - 1), st.integers(1, 100)),
                   min_size=1, max_size=14)


@pytest.fixture
def cluster(hub: HubApp, two_schools: dict[str, int]) -> dict[str, Any]:
    freeze(hub, MOMENTS[0])
    oak = two_schools["oak"]
    kids = [child(hub, oak, forename=n, surname=s) for n, s in
            (("Ada", "Lo"), ("Bo", "Lo"), ("Cy", "Ng"), ("Di", "Po"))]
    carers = [carer_for(hub, kids[:2], surname="Lo"), carer_for(hub, kids[2:3], surname="Ng")]
    clubs = [club(hub, oak), club(hub, oak, name="Chess", price_pence=500)]
    return {"kids": kids, "carers": carers, "clubs": clubs}


def _booked(hub: HubApp, kid: int, day: date) -> int | None:
    return next((h.session_booking_id for h in hub.bookings.history(kid)
                 if h.day == day and h.status == "booked"), None)


def _session(hub: HubApp, club_id: int, day: date) -> int:
    return next(s.id for s in hub.club_sessions.sessions(club_id, day, day))


def _act(hub: HubApp, c: dict[str, Any], kind: str, who: int, which: int, day_index: int,
         n: int) -> None:
    kid, club_id, day = c["kids"][who], c["clubs"][which], DAYS[day_index]
    place = _booked(hub, kid, day)
    if kind == "book" and place is None:
        hub.bookings.confirm(BookingRequest(kid, club_id, day))
    elif kind == "cancel" and place is not None:
        hub.bookings.cancel(place)
    elif kind == "hub_cancel" and day > hub.clock.today():
        session = _session(hub, club_id, day)
        if all(s.status == "running" for s in hub.club_sessions.sessions(club_id, day, day)):
            hub.club_sessions.cancel_session(session, "Pitch flooded")
    elif kind == "late_fee" and place is not None:
        with hub.factory.begin() as s:  # as a register or an import writes it
            s.execute(delete(Attendance).where(Attendance.session_booking_id == place))
            session_id = s.scalar(select(SessionBooking.session_id).where(
                SessionBooking.id == place))
            s.execute(insert(Attendance).values(
                session_booking_id=place, session_id=session_id, child_id=kid, status="in",
                signed_in_at=datetime(2026, 9, 1, 15), late_minutes=n, late_fee_pence=n * 100))
    elif kind == "extra":
        hub.money.payments.add_extra(ExtraChargeForm(kid, day, n * 50, "Trip"))
    elif kind == "reverse_extra":
        with hub.factory() as s:
            ids = list(s.scalars(select(ExtraCharge.id).where(ExtraCharge.reversed_at.is_(None))))
        if ids:
            hub.money.payments.reverse_extra(ids[0], "Trip cancelled")
    elif kind == "place":
        hub.money.prices.grant_place(DiscretionaryForm(kid, n, day, day + timedelta(days=9),
                                                       "Family crisis"))
    elif kind == "flag":
        form = hub.children.get(kid)
        hub.children.save(replace(form, fsm=not form.fsm))
    elif kind == "free_rule":
        hub.money.prices.set_free_place_rule("after_school", "fsm", n)
    elif kind == "rules":
        hub.money.prices.save_rules(MoneyRules(sibling_percent=n % 50, late_cancel_percent=n))
    elif kind == "link":
        carer = CarerForm(forename="Anna", surname="Lo", phone_mobile="07700 900123",
                          id=c["carers"][which])
        hub.carers.save_link(kid, CarerLink(carer, "Aunt", can_collect=True,
                                            parental_responsibility=False, emergency_priority=2))
    elif kind == "unlink" and any(link.carer.id == c["carers"][which]
                                  for link in hub.carers.links(kid)):
        hub.carers.unlink(kid, c["carers"][which])
    elif kind == "price":
        hub.money.prices.set_price(club_id, day, 600 + n)
    elif kind == "block" and place is not None:
        with hub.factory.begin() as s:
            s.execute(update(SessionBooking).where(SessionBooking.id == place)
                      .values(block_pence=n * 7))
    elif kind == "pay":
        hub.money.payments.record(PaymentForm(kid, "cash", n * 30, date(2026, 9, 8)))
    elif kind == "later":
        moment = next((m for m in MOMENTS if m > hub.clock.now()), None)
        if moment:
            freeze(hub, moment)
    elif kind == "delete_booking" and place is not None:
        with hub.factory.begin() as s:
            s.execute(delete(Attendance).where(Attendance.session_booking_id == place))
            s.execute(delete(SessionBooking).where(SessionBooking.id == place))


def _rows(s: Session, stmt: Executable) -> list[tuple[Any, ...]]:
    return sorted(tuple(r) for r in s.execute(stmt))


def _stored(hub: HubApp) -> tuple[Any, ...]:
    hub.money.accounts.overdue_total()  # brings them up to date
    with hub.factory() as s:
        return (_rows(s, select(MoneyMember.child_id, MoneyMember.key)),
                _rows(s, select(MoneyDay.key, MoneyDay.club_id, MoneyDay.day, MoneyDay.charged,
                                MoneyDay.credit, MoneyDay.sessions)),
                _rows(s, select(MoneyMonth.key, MoneyMonth.month, MoneyMonth.charged,
                                MoneyMonth.credit)))


def _from_nothing(hub: HubApp) -> tuple[Any, ...]:
    with hub.factory.begin() as s:
        s.execute(insert(MoneyMark).values(child_id=None))
    return _stored(hub)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_sums_kept_change_by_change_equal_sums_worked_out_afresh(
        hub: HubApp, cluster: dict[str, Any], actions: list[tuple[str, int, int, int, int]]) -> None:
    for action in actions:
        with suppress(DomainError):  # refused with a sentence (a session started): no change
            _act(hub, cluster, *action)
        if action[0] in ("link", "unlink", "rules", "block"):
            _stored(hub)  # worked out between changes too, so the next change meets stored rows
    kept = _stored(hub)
    assert kept == _from_nothing(hub)
    expected = _line_by_line(hub)
    for row in hub.money.accounts.balances():
        charged, paid, bands = expected[row.key]
        assert (row.charged, row.paid, row.overdue) == (charged, paid, sum(bands)), row.name


def test_a_change_to_one_family_works_out_that_family_only(
        hub: HubApp, cluster: dict[str, Any]) -> None:
    kids, football = cluster["kids"], cluster["clubs"][0]
    for kid in kids:
        hub.bookings.confirm(BookingRequest(kid, football, DAYS[0]))
    hub.money.accounts.overdue_total()
    with hub.factory() as s:
        before = _rows(s, select(MoneyDay.key, MoneyDay.charged).where(MoneyDay.key != kids[0]))
    hub.bookings.confirm(BookingRequest(kids[1], football, DAYS[1]))
    with hub.factory() as s:
        assert list(s.scalars(select(MoneyMark.child_id))) == [kids[1]]
    with counting(hub.engine) as worked_out:
        hub.money.accounts.overdue_total()
    with hub.factory() as s:
        assert s.scalar(select(MoneyMark.id)) is None
        after = _rows(s, select(MoneyDay.key, MoneyDay.charged).where(MoneyDay.key != kids[0]))
        lo = _rows(s, select(MoneyDay.day, MoneyDay.charged).where(MoneyDay.key == kids[0]))
    assert after == before  # the other families' rows untouched
    assert lo == [(DAYS[0], 750 + 675), (DAYS[1], 750)]  # the sibling discount on the shared day
    assert worked_out.count <= 30  # one family worked out, whatever the size of the cluster
    with counting(hub.engine) as nothing_to_do:
        hub.money.accounts.overdue_total()
    assert nothing_to_do.count <= 5, nothing_to_do.statements  # as above: nothing worked out


def test_a_payee_change_works_nothing_out_a_percentage_change_works_out_everyone(
        hub: HubApp, cluster: dict[str, Any]) -> None:
    kids, football = cluster["kids"], cluster["clubs"][0]
    for kid in kids[:2]:
        hub.bookings.confirm(BookingRequest(kid, football, DAYS[0]))
    assert hub.money.accounts.overdue_total() == (0, 0, 0)
    rules = hub.money.prices.rules()
    hub.money.prices.save_rules(replace(rules, payee="Oak Hub Ltd"))
    with counting(hub.engine) as c:
        hub.money.accounts.overdue_total()
    assert c.count <= 5  # nothing worked out: BEGIN, marks and rules, paid, who owes, their months
    hub.money.prices.save_rules(replace(rules, sibling_percent=50))
    freeze(hub, datetime(2026, 11, 20, 9))
    overdue, families, _old = hub.money.accounts.overdue_total()
    assert (overdue, families) == (750 + 375, 1)


def test_a_new_database_works_out_its_one_mark_on_the_first_read(hub: HubApp) -> None:
    """A new database: the one mark the migration leaves is worked out on the first read."""
    with hub.factory() as s:
        assert list(s.scalars(select(MoneyMark.child_id))) == [None]
    assert hub.money.accounts.balances() == []
    with hub.factory() as s:
        assert s.scalar(select(MoneyMark.id)) is None
        assert s.execute(text("SELECT count(*) FROM money_days")).scalar() == 0


def test_statement_openings_from_the_stored_sums_equal_the_rules_line_by_line(
        demo_hub: HubApp) -> None:
    """A statement reads only its period's lines; its opening comes from the stored sums, for a
    month and for a period starting mid-month."""
    from collections import defaultdict

    from hubdesk.services.money.ledger import charge_lines, load_families, payment_rows

    for start, end in ((date(2026, 11, 1), date(2026, 11, 30)),
                       (date(2026, 10, 15), date(2026, 11, 20))):
        with demo_hub.factory() as s:
            fams = load_families(s)
            lines = charge_lines(s, fams, None, until=end)
            payments = payment_rows(s, fams, None)
        opening: dict[int, int] = defaultdict(int)
        closing: dict[int, int] = defaultdict(int)
        for ln in lines:
            key = fams.family_of[ln.child_id]
            closing[key] += ln.pence
            opening[key] += ln.pence if ln.day < start else 0
        for p in payments:
            key = fams.family_of[p.child_id]
            closing[key] -= 0 if p.reversed or p.received_on > end else p.pence
            opening[key] -= 0 if p.reversed or p.received_on >= start else p.pence
        book = demo_hub.money.accounts.statements(start, end)
        assert len(book.statements) > 500
        for one in book.statements:
            key = one.family.key
            assert (one.opening, one.closing) == (opening[key], closing[key]), one.family.name


def test_a_working_out_that_fails_half_way_changes_nothing_and_is_done_next_time(
        hub: HubApp, cluster: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from hubdesk.services.money import stored

    kids, football = cluster["kids"], cluster["clubs"][0]
    hub.bookings.confirm(BookingRequest(kids[0], football, DAYS[0]))
    before = _stored(hub)
    hub.bookings.confirm(BookingRequest(kids[2], football, DAYS[0]))
    real = stored._store

    def disk_full(*args: Any, **kwargs: Any) -> None:
        real(*args, **kwargs)  # the rows written, then the disk fills before the commit
        raise OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(stored, "_store", disk_full)
    with pytest.raises(DomainError, match="disk is full.*Nothing was saved"):
        hub.money.accounts.overdue_total()
    with hub.factory() as s:
        assert list(s.scalars(select(MoneyMark.child_id))) == [kids[2]]  # still asked for
    monkeypatch.setattr(stored, "_store", real)
    with hub.factory.begin() as s:  # the rows as they were: read them without working out
        s.execute(delete(MoneyMark))
    assert _stored(hub) == before
    with hub.factory.begin() as s:
        s.execute(insert(MoneyMark).values(child_id=kids[2]))
    assert _stored(hub) == _from_nothing(hub) != before
