"""The totals summed in the database agree with the charging rules worked out line by line, on the
whole demo cluster (prices from a date, free places, flags changed, discretionary places,
siblings, late cancellations, hub credits, late fees, extras, refunds), and cost a fixed number
of statements."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import func, select, update

from hubdesk.app import HubApp
from hubdesk.core.models import Club, ClubSession, SessionBooking
from hubdesk.core.rules.charging import ages, allocate, block_shares
from hubdesk.services.money.dto import DiscretionaryForm
from hubdesk.services.money.ledger import charge_lines, load_families, payment_rows
from tests.statements import counting


def _line_by_line(hub: HubApp) -> dict[int, tuple[int, int, tuple[int, int, int]]]:
    """Each family's (charged, paid, overdue bands) from the Python rules."""
    today = hub.clock.today()
    until = date(today.year + (today.month == 12), today.month % 12 + 1, 1).replace(day=1)
    until = date.fromordinal(until.toordinal() - 1)
    with hub.factory() as s:
        fams = load_families(s)
        lines = charge_lines(s, fams, None, until=until)
        payments = payment_rows(s, fams, None)
    per: dict[int, list] = defaultdict(list)  # type: ignore[type-arg]
    for ln in lines:
        per[fams.family_of[ln.child_id]].append(ln)
    paid: dict[int, int] = defaultdict(int)
    for p in payments:
        if not p.reversed:
            paid[fams.family_of[p.child_id]] += p.pence
    found = {}
    for key in set(per) | set(paid):
        allocated, _ = allocate(per[key], paid[key])
        found[key] = (sum(ln.pence for ln in per[key]), paid[key], ages(allocated, today))
    return found


def _sell_one_club_as_term_blocks(hub: HubApp) -> int:
    """Every place in the busiest paid club carries its share of a £123.45 term block (odd pennies
    and all, cancelled and hub-cancelled places too), as a block booking writes them."""
    sb, cs = SessionBooking, ClubSession
    with hub.factory() as s:
        club_id = s.scalar(select(cs.club_id).join(sb, sb.session_id == cs.id)
                           .join(Club, Club.id == cs.club_id).where(Club.kind != "free_breakfast")
                           .group_by(cs.club_id).order_by(func.count().desc()).limit(1))
        places: dict[int, list[int]] = defaultdict(list)
        for pid, kid in s.execute(select(sb.id, sb.child_id).join(cs, cs.id == sb.session_id)
                                  .where(cs.club_id == club_id).order_by(cs.day, sb.id)):
            places[kid].append(pid)
        for ids in places.values():
            for pid, share in zip(ids, block_shares(12345, len(ids)), strict=True):
                s.execute(update(sb).where(sb.id == pid).values(block_pence=share))
        s.commit()
    return sum(len(ids) for ids in places.values())


def test_sql_totals_equal_the_rules_line_by_line(demo_hub: HubApp) -> None:
    hub = demo_hub
    some = hub.money.accounts.balances()[:40]
    for row in some[:10]:  # flags ticked and unticked on the way
        kid = hub.money.accounts.account(row.key).family.children[0].child_id
        hub.clock.frozen_at = datetime(2026, 10, 12, 9)
        form = hub.children.get(kid)
        hub.children.save(replace(form, fsm=not form.fsm, looked_after=not form.looked_after))
    for row in some[10:20]:
        kid = hub.money.accounts.account(row.key).family.children[-1].child_id
        hub.money.prices.grant_place(DiscretionaryForm(kid, 50, date(2026, 10, 1),
                                                       date(2026, 10, 31), "Family crisis"))
    blocks = _sell_one_club_as_term_blocks(hub)
    hub.clock.frozen_at = datetime(2026, 11, 24, 12)
    expected = _line_by_line(hub)
    rows = hub.money.accounts.balances()
    assert len(rows) > 500
    for r in rows:
        charged, paid, bands = expected[r.key]
        assert (r.charged, r.paid, r.overdue) == (charged, paid, sum(bands)), r.name
    arrears = {a.key: (a.days_0_30, a.days_31_60, a.days_61_plus) for a in hub.money.accounts.arrears()}
    assert arrears == {k: v[2] for k, v in expected.items() if sum(v[2])}
    assert arrears and blocks > 100


def test_balances_and_arrears_cost_a_fixed_number_of_statements(demo_hub: HubApp) -> None:
    with counting(demo_hub.engine) as balances:
        demo_hub.money.accounts.balances()
    with counting(demo_hub.engine) as arrears:
        demo_hub.money.accounts.arrears()
    with counting(demo_hub.engine) as today:
        demo_hub.money.accounts.overdue_total()
    assert balances.count <= 10 and arrears.count <= 14 and today.count <= 6, (
        balances.count, arrears.count, today.count)


def test_income_by_club_in_one_aggregate_query(hub: HubApp, two_schools: dict[str, int]) -> None:
    from hubdesk.services.clubs.booking_plan import BookingRequest
    from tests.services.clubs.club_setup import carer_for, child, club, freeze

    freeze(hub)
    oak = two_schools["oak"]
    kids = [child(hub, oak, forename="Ada", surname="Lo"), child(hub, oak, forename="Bo",
                                                                  surname="Lo")]
    carer_for(hub, kids)
    football = club(hub, oak)
    chess = club(hub, oak, name="Chess", price_pence=500)
    mon = date(2026, 9, 14)
    for kid in kids:
        hub.bookings.confirm(BookingRequest(kid, football, mon))
    hub.bookings.confirm(BookingRequest(kids[0], chess, date(2026, 9, 16)))
    hub.bookings.confirm(BookingRequest(kids[0], chess, date(2026, 10, 5)))  # outside the period
    with counting(hub.engine) as worked_out:
        hub.money.accounts.overdue_total()  # brings the stored sums up to date
    with counting(hub.engine) as c:
        rows = hub.money.accounts.income_by_club(date(2026, 9, 1), date(2026, 9, 30))
    assert [(r.club, r.sessions, r.pence) for r in rows] == [("Chess", 1, 500),
                                                             ("Football", 2, 750 + 675)]
    assert c.count <= 6 and worked_out.count <= 30, (c.count, worked_out.count)
