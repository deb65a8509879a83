"""Each family's charges kept as rows (per club and day, and per month), and kept current.

Working every charge out from the bookings takes seconds on a large cluster, and the arrears list,
the balances, the Today page and the Overview's income need only sums. Triggers (migration 0019)
write into ``money_marks`` the child of every change that can alter a charge, however it is made;
before the money services read sums, ``bring_up_to_date`` works out again the whole families of
the marked children (the sibling discount and the family key need every member), with the SQL
rules of ``totals.py``, in one write transaction. The charging percentages are not marked by
triggers (the payee or the arrears limit change no charge): the percentages the rows were worked
out on are stored beside them, and when they differ every family is worked out again. Tests hold
the stored sums to the rules line by line after every kind of change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, delete, func, insert, literal, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import CTE

from hubdesk.core.models import (
    Carer,
    Child,
    ChildCarer,
    Club,
    ExtraCharge,
    MetaValue,
    MoneyBasis,
    MoneyDay,
    MoneyMark,
    MoneyMember,
    MoneyMonth,
    Payment,
)
from hubdesk.core.rules.charging import MoneyRules
from hubdesk.services.money.ledger import (
    MONEY_RULES_KEY,
    child_name,
    family_keys,
    money_rules_of,
    payer_name,
)
from hubdesk.services.money.totals import FamilyTotals, charges, month_of

# More children than this to work out again, and one pass over everyone is the quicker way.
WHOLE_CLUSTER = 3000
_PG_LOCK = 190019  # one refresh at a time across PCs (an advisory lock's number)


def _month_key(until: date) -> str:
    """``until``'s month as money_months names it (YYYY-MM)."""
    return f"{until.year:04d}-{until.month:02d}"


def basis(rules: MoneyRules) -> str:
    """What every charge depends on beyond the rows the triggers mark: the percentages of the
    charging rules (the payee or the arrears limit change no charge)."""
    return f"{rules.late_cancel_percent} {rules.sibling_percent}"


def _state(s: Session) -> tuple[bool, str | None, MoneyRules]:
    """Whether a mark is waiting, the basis stored, and the rules now, in one statement."""
    meta = MetaValue
    mark = select(MoneyMark.id).limit(1).scalar_subquery()
    stored = select(MoneyBasis.basis).where(MoneyBasis.id == 1).scalar_subquery()
    rules = select(meta.value).where(meta.key == MONEY_RULES_KEY).scalar_subquery()
    marked, basis_now, rules_json = s.execute(select(mark, stored, rules)).one()
    return marked is not None, basis_now, money_rules_of(rules_json)


def out_of_date(s: Session) -> bool:
    """Whether anything changed since the sums were worked out (one statement)."""
    marked, stored, rules = _state(s)
    return marked or stored != basis(rules)


def bring_up_to_date(s: Session) -> int:
    """Work out again the families changed since the last time (all of them when the rules
    changed or a mark asks for everything); returns how many children were worked out."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": _PG_LOCK})
    _marked, stored, rules = _state(s)
    now = basis(rules)
    everything = stored != now or s.scalar(
        select(MoneyMark.id).where(MoneyMark.child_id.is_(None)).limit(1)) is not None
    if everything:
        s.execute(delete(MoneyMark))
        done = _rebuild_all(s, rules)
        s.execute(delete(MoneyBasis))
        s.execute(insert(MoneyBasis).values(id=1, basis=now))
        return done
    marked = {c for c in s.scalars(delete(MoneyMark).returning(MoneyMark.child_id)) if c}
    return _rework(s, rules, marked) if marked else 0


def _rebuild_all(s: Session, rules: MoneyRules) -> int:
    for table in (MoneyDay, MoneyMonth, MoneyMember):
        s.execute(delete(table))
    keys = _keys(s, set(s.scalars(select(Child.id))))
    _write_members(s, keys)
    _store(s, rules, None)
    return len(keys)


def _rework(s: Session, rules: MoneyRules, marked: set[int]) -> int:
    """Work out again the families of ``marked`` as they were stored and as they are now."""
    found = set(marked)
    while True:
        if len(found) > WHOLE_CLUSTER:
            return _rebuild_all(s, rules)
        old_keys = set(s.scalars(select(MoneyMember.key).where(MoneyMember.child_id.in_(found))))
        grown = found | set(s.scalars(select(MoneyMember.child_id).where(
            MoneyMember.key.in_(old_keys)))) | _linked(s, found)
        if grown == found:
            break
        found = grown
    keys = _keys(s, set(s.scalars(select(Child.id).where(Child.id.in_(found)))))
    stale = old_keys | set(keys.values())
    s.execute(delete(MoneyMember).where(MoneyMember.child_id.in_(found)))
    for table in (MoneyDay, MoneyMonth):
        s.execute(delete(table).where(table.key.in_(stale)))
    _write_members(s, keys)
    _store(s, rules, list(keys), set(keys.values()))
    return len(keys)


def _linked(s: Session, children: set[int]) -> set[int]:
    """Every child sharing a carer with one of ``children``, one step out."""
    carers = select(ChildCarer.carer_id).where(ChildCarer.child_id.in_(children))
    return set(s.scalars(select(ChildCarer.child_id).where(ChildCarer.carer_id.in_(carers))))


def _keys(s: Session, children: set[int]) -> dict[int, int]:
    """Each of ``children`` (whole families) with its family key: the smallest child id it is
    joined to through carers."""
    links = select(ChildCarer.child_id, ChildCarer.carer_id)
    if len(children) <= WHOLE_CLUSTER:
        links = links.where(ChildCarer.child_id.in_(children))
    return family_keys(children, ((child, carer) for child, carer in s.execute(links)))


def _write_members(s: Session, keys: dict[int, int]) -> None:
    rows = [{"child_id": c, "key": k} for c, k in keys.items()]
    for start in range(0, len(rows), 5000):
        s.execute(insert(MoneyMember), rows[start:start + 5000])


def _store(s: Session, rules: MoneyRules, children: list[int] | None,
           keys: set[int] | None = None) -> None:
    """Sum the charges of ``children`` (everyone when None) into money_days and money_months."""
    fam: CTE = select(MoneyMember.child_id, MoneyMember.key).cte("fam")
    ch = charges(s, rules, None, fam, children)
    credit = case((ch.c.hub == 1, ch.c.charge), else_=0)
    counted = case((and_(ch.c.hub == 0, ch.c.cancelled == 0), 1), else_=0)
    columns = ["key", "club_id", "day", "charged", "credit", "sessions"]
    s.execute(insert(MoneyDay).from_select(columns, select(
        ch.c.key, ch.c.club_id, ch.c.day, func.sum(ch.c.charge + ch.c.fee), func.sum(credit),
        func.sum(counted)).group_by(ch.c.key, ch.c.club_id, ch.c.day)))
    extra_key = func.coalesce(fam.c.key, ExtraCharge.child_id)
    extras = (select(extra_key, literal(0), ExtraCharge.day, func.sum(ExtraCharge.pence),
                     literal(0), literal(0))
              .outerjoin(fam, fam.c.child_id == ExtraCharge.child_id)
              .where(ExtraCharge.reversed_at.is_(None),
                     *([] if children is None else [ExtraCharge.child_id.in_(children)]))
              .group_by(extra_key, ExtraCharge.day))
    s.execute(insert(MoneyDay).from_select(columns, extras))
    month = month_of(s, MoneyDay.day)
    per_month = (select(MoneyDay.key, month, func.sum(MoneyDay.charged), func.sum(MoneyDay.credit))
                 .where(*([] if keys is None else [MoneyDay.key.in_(keys)]))
                 .group_by(MoneyDay.key, month))
    s.execute(insert(MoneyMonth).from_select(["key", "month", "charged", "credit"], per_month))


@dataclass(frozen=True)
class Balance:
    charged: int  # charges less credits, up to the end of the month
    paid: int
    overdue: int


def stored_balances(s: Session, until: date) -> dict[int, Balance]:
    """Each family with money (charges, credits or payments) up to ``until`` (the last day of a
    month): charged, paid and overdue, summed in the database, one row a family."""
    return _balances(s, _month_key(until), _paid(s))


def _balances(s: Session, last: str, paid: dict[int, int]) -> dict[int, Balance]:
    """Payments and credits pay the oldest charges first, so what is overdue is the charges of
    the months before ``last`` that they do not cover."""
    m = MoneyMonth
    due = func.sum(case((m.month < last, m.charged), else_=0))
    sums = {key: (int(charged), int(credit), int(owed)) for key, charged, credit, owed in s.execute(
        select(m.key, func.sum(m.charged), func.sum(m.credit), due).where(m.month <= last)
        .group_by(m.key))}
    found = {}
    for key in sums.keys() | {k for k, pence in paid.items() if pence}:
        charged, credit, owed = sums.get(key, (0, 0, 0))
        pence = paid.get(key, 0)
        found[key] = Balance(charged - credit, pence, max(0, owed - max(pence + credit, 0)))
    return found


def _paid(s: Session) -> dict[int, int]:
    """Payments less refunds per family, reversed ones left out."""
    pay_key = func.coalesce(MoneyMember.key, Payment.child_id)
    signed = case((Payment.route == "refund", -Payment.pence), else_=Payment.pence)
    return {key: int(pence) for key, pence in s.execute(
        select(pay_key, func.sum(signed))
        .outerjoin(MoneyMember, MoneyMember.child_id == Payment.child_id)
        .where(Payment.child_id.is_not(None), Payment.reversed_at.is_(None))
        .group_by(pay_key))}


def owing_totals(s: Session, until: date) -> dict[int, FamilyTotals]:
    """The month-by-month totals (up to ``until``, the last day of a month) and payments of every
    family with anything overdue, picked out by ``_balances``: three statements."""
    last = _month_key(until)
    paid = _paid(s)
    owing = [key for key, found in _balances(s, last, paid).items() if found.overdue]
    totals: dict[int, FamilyTotals] = defaultdict(FamilyTotals)
    for key, month, charged, credit in s.execute(
            select(MoneyMonth.key, MoneyMonth.month, MoneyMonth.charged, MoneyMonth.credit)
            .where(MoneyMonth.month <= last, MoneyMonth.key.in_(owing))):
        found = totals[key]
        found.months[date(int(month[:4]), int(month[5:7]), 1)] = charged
        found.credits += credit
    for key in totals:
        totals[key].paid = paid.get(key, 0)
    return dict(totals)


@dataclass(frozen=True)
class FamilyNames:
    """What the balances list shows of a family, and the payer a search may name."""

    name: str  # the children's surnames
    children: str
    payer: str


def family_names(s: Session, *, with_payer: bool, keys: Collection[int] | None = None
                 ) -> dict[int, FamilyNames]:
    """The surnames and children of every family (of ``keys`` only, when given), the payer too
    when asked, by the stored family keys: one statement (three with the payer), no working out of
    who is joined to whom."""
    kids: dict[int, list[tuple[date, int, str, str]]] = defaultdict(list)
    for key, cid, fore, sur, pfore, psur, born in s.connection().execute(
            select(MoneyMember.key, Child.id, Child.forename, Child.surname,
                   Child.preferred_forename, Child.preferred_surname, Child.date_of_birth)
            .join(Child, Child.id == MoneyMember.child_id)):
        if keys is None or key in keys:
            kids[key].append((born, cid, child_name(fore, sur, pfore, psur), psur or sur))
    payers = _payers(s) if with_payer else {}
    found = {}
    for key, rows in kids.items():
        if len(rows) == 1:  # most families: nothing to sort or join
            found[key] = FamilyNames(rows[0][3], rows[0][2], payers.get(key, ""))
            continue
        rows.sort()
        found[key] = FamilyNames(" / ".join(sorted({r[3] for r in rows})),
                                 ", ".join(r[2] for r in rows), payers.get(key, ""))
    return found


def _payers(s: Session) -> dict[int, str]:
    """Each family's payer: the first carer with parental responsibility by emergency priority
    (as ``ledger.load_families`` chooses them)."""
    chosen: dict[int, tuple[tuple[bool, int], int]] = {}
    for key, carer, pr, prio in s.execute(
            select(MoneyMember.key, ChildCarer.carer_id, ChildCarer.parental_responsibility,
                   ChildCarer.emergency_priority)
            .join(MoneyMember, MoneyMember.child_id == ChildCarer.child_id)):
        rank = (not pr, prio or 10)
        if key not in chosen or rank < chosen[key][0]:
            chosen[key] = (rank, carer)
    names = {cid: payer_name(title, fore, sur) for cid, title, fore, sur in s.execute(
        select(Carer.id, Carer.title, Carer.forename, Carer.surname))}
    return {key: names.get(carer, "") for key, (_rank, carer) in chosen.items()}


def stored_members(s: Session, keys: Iterable[int]) -> set[int]:
    """Every child of the families ``keys``."""
    wanted = list(keys)
    return set(s.scalars(select(MoneyMember.child_id).where(MoneyMember.key.in_(wanted)))) | set(
        wanted)


def stored_oldest_unpaid(s: Session, wanted: dict[int, tuple[date, int]]) -> dict[int, date]:
    """The day of each family's oldest unpaid charge, given the month it is in and what was paid
    into that month (charges are paid oldest first): one read per month named."""
    by_month: dict[date, list[int]] = defaultdict(list)
    for key, (month, _into) in wanted.items():
        by_month[month].append(key)
    per_day: dict[int, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    for month, keys in by_month.items():
        end = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        for key, day, pence in s.execute(
                select(MoneyDay.key, MoneyDay.day, func.sum(MoneyDay.charged))
                .where(MoneyDay.key.in_(keys), MoneyDay.day >= month, MoneyDay.day < end)
                .group_by(MoneyDay.key, MoneyDay.day)):
            per_day[key][day] += int(pence or 0)
    found = {}
    for key, (_month, into) in wanted.items():
        for day in sorted(per_day[key]):
            into -= per_day[key][day]
            if into < 0:
                found[key] = day
                break
    return found


def stored_before(s: Session, start: date) -> tuple[dict[int, int], dict[int, set[int]]]:
    """Each family's charges less credits before ``start`` (extra charges included), and the
    sites of the clubs it was charged for then: a statement's opening balance and, for a family
    with nothing in the period, the Ofsted numbers it shows."""
    d = MoneyDay
    charged = {key: int(pence) for key, pence in s.execute(
        select(d.key, func.sum(d.charged - d.credit)).where(d.day < start).group_by(d.key))}
    sites: dict[int, set[int]] = defaultdict(set)
    for key, site in s.execute(select(d.key, Club.site_id).distinct()
                               .join(Club, Club.id == d.club_id).where(d.day < start)):
        sites[key].add(site)
    return charged, sites


def stored_club_income(s: Session, start: date, end: date) -> list[tuple[int, int, int]]:
    """(club id, sessions charged, pence) per club for sessions from ``start`` to ``end``, read
    from the index of money_days: club by club (the IN), each club's days as one range."""
    d = MoneyDay
    return [(club, int(n or 0), int(p or 0)) for club, n, p in s.execute(
        select(d.club_id, func.sum(d.sessions), func.sum(d.charged - d.credit))
        .where(d.club_id.in_(select(Club.id)), d.day >= start, d.day <= end)
        .group_by(d.club_id).order_by(d.club_id))]


def differences_from_afresh(s: Session) -> list[str]:
    """Where the stored sums (brought up to date) differ from sums worked out from nothing:
    each family's month and each club's month. Works inside the caller's transaction, which the
    caller rolls back (``hubdesk check`` reads; it changes nothing)."""
    bring_up_to_date(s)
    kept = _sums_to_compare(s)
    s.execute(insert(MoneyMark).values(child_id=None))
    bring_up_to_date(s)
    fresh = _sums_to_compare(s)
    return [f"{what}: kept {kept.get(what, (0, 0))}, afresh {fresh.get(what, (0, 0))}"
            for what in sorted(kept.keys() | fresh.keys())
            if kept.get(what, (0, 0)) != fresh.get(what, (0, 0))]


def _sums_to_compare(s: Session) -> dict[str, tuple[int, int]]:
    found = {f"family {key} in {month}": (int(charged), int(credit)) for key, month, charged, credit
             in s.execute(select(MoneyMonth.key, MoneyMonth.month, MoneyMonth.charged,
                                 MoneyMonth.credit))}
    month = month_of(s, MoneyDay.day)
    for club, when, charged, credit in s.execute(
            select(MoneyDay.club_id, month, func.sum(MoneyDay.charged), func.sum(MoneyDay.credit))
            .group_by(MoneyDay.club_id, month)):
        found[f"club {club} in {when}"] = (int(charged), int(credit))
    return found

