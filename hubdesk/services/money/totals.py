"""The charging rules as SQL: every charged session of a family, summed into ``stored.py``.

The balances, the arrears, the Today page and the Overview's income need sums, not lines, so the
charging rules of ``core/rules/charging.py`` are written once more here as SQL (price known when
booked or the place's share of a term block, free places by the flags of the session's day,
discretionary places, late cancellation, hub credits, late-collection fees, the sibling discount
per family and day). A family's key is the smallest child id it is joined to through carers, as
``load_families`` keys it. Tests hold the two implementations to the same totals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Integer, and_, case, cast, func, literal, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import CTE, Subquery

from hubdesk.core.models import (
    Attendance,
    Child,
    Club,
    ClubPrice,
    ClubSession,
    DiscretionaryPlace,
    FreePlaceRule,
    FundingChange,
    SessionBooking,
)
from hubdesk.core.rules.charging import FREE_KIND, MoneyRules, due_on


@dataclass
class FamilyTotals:
    """One family's charges per month (positive lines), credits (negative lines) and payments."""

    months: dict[date, int] = field(default_factory=dict)  # first of the month -> pence charged
    credits: int = 0  # hub credits, as a positive number
    paid: int = 0  # payments less refunds, reversed ones left out

    @property
    def charged(self) -> int:
        return sum(self.months.values()) - self.credits

    def bands(self, today: date) -> tuple[tuple[int, int, int], tuple[date, int] | None]:
        """Overdue pence by age (0–30, 31–60, 61+ days past due), payments and credits taken
        oldest charge first; and the month of the oldest unpaid charge with what was paid into
        that month (``oldest_unpaid`` finds the day)."""
        pool, bands, oldest = self.paid + self.credits, [0, 0, 0], None
        for month in sorted(self.months):
            into = min(max(pool, 0), self.months[month])
            unpaid = self.months[month] - into
            pool -= into
            age = (today - due_on(month)).days
            if unpaid and age >= 0:
                bands[0 if age <= 30 else 1 if age <= 60 else 2] += unpaid
                oldest = oldest or (month, into)
        return (bands[0], bands[1], bands[2]), oldest


def _greatest(s: Session, *values: ColumnElement[Any]) -> ColumnElement[Any]:
    return func.max(*values) if s.get_bind().dialect.name == "sqlite" else func.greatest(*values)


def month_of(s: Session, day: Any) -> ColumnElement[Any]:
    if s.get_bind().dialect.name == "sqlite":
        return func.strftime("%Y-%m", day)
    return func.to_char(day, "YYYY-MM")


def _flag(basis: str, now: Any, child: Any, day: Any) -> ColumnElement[Any]:
    """The flag on ``day``: the value a later change replaced, else the flag as it is now."""
    fc = aliased(FundingChange)
    before = select(fc.before).where(fc.child_id == child, fc.basis == basis,
                                     fc.changed_on > day).order_by(fc.changed_on, fc.id).limit(1)
    changed = select(FundingChange.child_id).where(FundingChange.basis == basis)
    return case((child.in_(changed), func.coalesce(before.scalar_subquery(), now)), else_=now)


def _percent_off(s: Session, free: dict[tuple[str, str], int], kind: Any, child: Any,
                 day: Any, flags: Any) -> ColumnElement[Any]:
    """The best free-place percentage (rules per club kind and basis, discretionary places)."""
    def rule(basis: str) -> ColumnElement[Any]:
        kinds = {k: p for (k, b), p in free.items() if b == basis}
        return case(kinds, value=kind, else_=0) if kinds else literal(0)

    fsm = _flag("fsm", flags.fsm, child, day)
    offs = [case((fsm, rule("fsm")), else_=0), case((fsm, rule("haf")), else_=0),
            case((_flag("pupil_premium", flags.pupil_premium, child, day), rule("pupil_premium")),
                 else_=0),
            case((_flag("looked_after", flags.looked_after, child, day), rule("looked_after")),
                 else_=0)]
    dp = DiscretionaryPlace
    granted = select(func.max(dp.percent_off)).where(dp.child_id == child, dp.start_date <= day,
                                                     dp.end_date >= day).scalar_subquery()
    with_place = select(dp.child_id)
    offs.append(case((child.in_(with_place), func.coalesce(granted, 0)), else_=0))
    return _greatest(s, *offs)


def _session_lines(s: Session, rules: MoneyRules, free: dict[tuple[str, str], int],
                   until: date | None, fam: CTE, children: Iterable[int] | None = None) -> Subquery:
    """One row per charged session booking: the family, month, net charge before the sibling
    discount, whether the hub cancelled it (credited) and the late-collection fee."""
    sb, cs, cp = SessionBooking, ClubSession, aliased(ClubPrice)
    by_hub = and_(cs.status == "cancelled", sb.cancelled_at == cs.cancelled_at)
    family_cancelled = and_(sb.status == "cancelled", ~by_hub)
    known = select(cp.pence).where(cp.club_id == cs.club_id, cp.from_date <= cs.day,
                                   cp.created_at <= sb.booked_at).order_by(
        cp.from_date.desc(), cp.created_at.desc(), cp.id).limit(1).scalar_subquery()
    dated = cs.club_id.in_(select(ClubPrice.club_id))
    price = case((Club.kind == FREE_KIND, 0), (sb.block_pence.is_not(None), sb.block_pence),
                 (dated, func.coalesce(known, Club.price_pence)), else_=Club.price_pence)
    percent = _percent_off(s, free, Club.kind, sb.child_id, cs.day, Child)
    inner = (select(sb.child_id.label("child_id"), cs.club_id.label("club_id"),
                    func.coalesce(fam.c.key, sb.child_id).label("key"), cs.day.label("day"),
                    month_of(s, cs.day).label("month"), price.label("price"),
                    percent.label("percent"),
                    case((family_cancelled, 1), else_=0).label("cancelled"),
                    case((by_hub, 1), else_=0).label("hub"),
                    func.coalesce(Attendance.late_fee_pence, 0).label("late_fee"))
             .join(cs, cs.id == sb.session_id).join(Club, Club.id == cs.club_id)
             .join(Child, Child.id == sb.child_id)
             .outerjoin(Attendance, Attendance.session_booking_id == sb.id)
             .outerjoin(fam, fam.c.child_id == sb.child_id)
             .where(or_(sb.status == "booked", sb.late.is_(True), by_hub),
                    *([] if until is None else [cs.day <= until]),
                    *([] if children is None else [sb.child_id.in_(list(children))]),
                    )
             .cte("facts").prefix_with("MATERIALIZED"))  # worked out once per booking
    full = case((inner.c.cancelled == 1, (inner.c.price * rules.late_cancel_percent + 50) // 100),
                else_=inner.c.price)
    net = cast(full - (full * inner.c.percent + 50) // 100, Integer)
    fee = case((inner.c.cancelled == 1, 0), else_=inner.c.late_fee)
    return (select(inner.c.child_id, inner.c.club_id, inner.c.key, inner.c.day, inner.c.month,
                   net.label("net"), inner.c.hub, inner.c.cancelled, fee.label("fee"))
            .subquery("lines"))


def charges(s: Session, rules: MoneyRules, until: date | None, fam: CTE,
             children: Iterable[int] | None = None) -> Subquery:
    """(key, club_id, day, month, charge, fee, hub, cancelled) of every charged session (up to
    ``until``, all when None), the sibling discount taken off every child of a family but the
    dearest on a day; ``fam`` gives each child's family key (child_id, key)."""
    free = {(r.club_kind, r.basis): r.percent_off for r in s.scalars(select(FreePlaceRule))}
    lines = _session_lines(s, rules, free, until, fam, children)
    positive = case((lines.c.net > 0, lines.c.net), else_=0)
    with_total = select(lines, func.sum(positive).over(
        partition_by=(lines.c.key, lines.c.day, lines.c.child_id)).label("child_day")).subquery()
    ranked = select(with_total, func.dense_rank().over(
        partition_by=(with_total.c.key, with_total.c.day),
        order_by=(with_total.c.child_day.desc(), with_total.c.child_id)).label("rank")).subquery()
    off = (ranked.c.net * rules.sibling_percent + 50) // 100
    charge = case((and_(ranked.c.rank > 1, ranked.c.net > 0), ranked.c.net - off),
                  else_=ranked.c.net)
    return select(ranked.c.key, ranked.c.club_id, ranked.c.day, ranked.c.month,
                  charge.label("charge"), ranked.c.fee, ranked.c.hub,
                  ranked.c.cancelled).subquery("charges")
