"""Reading a family's money inside one transaction: families, derived charge lines and payments.

Every read is a handful of statements whatever the number of families (tests/statements.py counts
them): the charges are worked out in Python from the bookings, registers, prices and rules.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.models import (
    Attendance,
    Carer,
    Child,
    ChildCarer,
    Club,
    ClubPrice,
    ClubSession,
    DiscretionaryPlace,
    ExtraCharge,
    FreePlaceRule,
    FundingChange,
    MetaValue,
    Payment,
    SessionBooking,
    Site,
)
from hubdesk.core.rules.charging import (
    DEFAULT_MONEY_RULES,
    Funding,
    Line,
    MoneyRules,
    Price,
    SessionFact,
    money_rules_from_json,
    price_on,
    session_lines,
    sibling_discount,
)
from hubdesk.services.money.dto import Family, FamilyChild, PaymentRow

MONEY_RULES_KEY = "money_rules"


def load_money_rules(s: Session) -> MoneyRules:
    stored = s.get(MetaValue, MONEY_RULES_KEY)
    return money_rules_of(None if stored is None else stored.value)


def money_rules_of(stored: str | None) -> MoneyRules:
    """The charging rules kept as JSON in ``meta`` (the defaults when none are kept)."""
    return DEFAULT_MONEY_RULES if stored is None else money_rules_from_json(stored)


def _name(c: Any) -> str:
    return child_name(c.forename, c.surname, c.preferred_forename, c.preferred_surname)


def payer_name(title: str, forename: str, surname: str) -> str:
    """The carer a family's statement is addressed to, as it names them."""
    return f"{title} {forename} {surname}".strip()


def child_name(forename: str, surname: str, preferred_forename: str | None,
               preferred_surname: str | None) -> str:
    """A child as money names them: the names they go by, first name first."""
    return f"{preferred_forename or forename} {preferred_surname or surname}"


@dataclass
class Families:
    """Every family: children joined by any carer they share (brothers, sisters, step-siblings)."""

    by_key: dict[int, Family]
    family_of: dict[int, int]  # child id -> family key
    children: dict[int, Any]  # child id -> row of the columns money needs


def family_members(s: Session, child_id: int) -> set[int]:
    """The child and every child linked to them through carers, however many steps away."""
    found, frontier = {child_id}, {child_id}
    while frontier:
        carers = set(s.scalars(select(ChildCarer.carer_id).where(
            ChildCarer.child_id.in_(frontier))))
        kids = set(s.scalars(select(ChildCarer.child_id).where(
            ChildCarer.carer_id.in_(carers)))) if carers else set()
        frontier = kids - found
        found |= kids
    return found


def family_keys(children: Iterable[int], links: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Each child with its family key: the smallest child id it is joined to through carers
    (``links``: child, carer; links of children not in ``children`` are left out)."""
    parent = {c: c for c in children}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[int, int] = {}
    for child, carer in links:
        if child not in parent:
            continue
        a, b = root(child), root(first.setdefault(carer, child))
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {c: root(c) for c in parent}


def load_families(s: Session, only: set[int] | None = None) -> Families:
    """All families (or the one family of the children ``only``) in four statements (children,
    schools, links, carers), joined in Python."""
    who = select(Child.id, Child.forename, Child.surname, Child.preferred_forename,
                 Child.preferred_surname, Child.date_of_birth, Child.school_site_id,
                 Child.tfc_reference, Child.fsm, Child.pupil_premium, Child.looked_after)
    linked = select(ChildCarer.child_id, ChildCarer.carer_id, ChildCarer.parental_responsibility,
                    ChildCarer.emergency_priority)
    if only is not None:
        who = who.where(Child.id.in_(only))
        linked = linked.where(ChildCarer.child_id.in_(only))
    children = {r.id: r for r in s.execute(who.order_by(Child.id))}
    schools = dict(s.execute(select(Site.id, Site.name)).all())
    links = s.execute(linked).all()
    family_of = family_keys(children, ((child, carer) for child, carer, _pr, _prio in links))
    members: dict[int, list[int]] = defaultdict(list)
    for cid in children:
        members[family_of[cid]].append(cid)
    payer: dict[int, tuple[tuple[bool, int], int]] = {}
    for child_id, carer_id, pr, prio in links:
        key, rank = family_of[child_id], (not pr, prio or 10)
        if key not in payer or rank < payer[key][0]:
            payer[key] = (rank, carer_id)
    payers = select(Carer.id, Carer.title, Carer.forename, Carer.surname, Carer.address,
                    Carer.postcode)
    if only is not None:
        payers = payers.where(Carer.id.in_({carer for _rank, carer in payer.values()}))
    carers = {r.id: r for r in s.execute(payers)}
    by_key: dict[int, Family] = {}
    for key, ids in members.items():
        kids = sorted((children[i] for i in ids), key=lambda c: (c.date_of_birth, c.id))
        surnames = sorted({k.preferred_surname or k.surname for k in kids})
        carer = carers.get(payer[key][1]) if key in payer else None
        by_key[key] = Family(
            key, " / ".join(surnames),
            payer_name(carer.title, carer.forename, carer.surname) if carer else "",
            ", ".join(p for p in (carer.address, carer.postcode) if p) if carer else "",
            tuple(FamilyChild(k.id, _name(k), schools.get(k.school_site_id, ""), k.tfc_reference)
                  for k in kids))
    return Families(by_key, family_of, children)


def charge_lines(s: Session, fams: Families, child_ids: Iterable[int] | None,
                 until: date | None = None, extra_facts: Sequence[SessionFact] = (), *,
                 since: date | None = None) -> list[Line]:
    """Every charge line of these children (all children when None), up to ``until`` and from
    ``since`` (each day's lines depend on that day alone, the sibling discount included).

    ``extra_facts`` are sessions not booked yet (ref 0), priced as if booked now: a booking's cost.
    """
    ids = None if child_ids is None else list(child_ids)
    rules = load_money_rules(s)
    free = {(r.club_kind, r.basis): r.percent_off for r in s.scalars(select(FreePlaceRule))}
    prices: dict[int, list[Price]] = defaultdict(list)
    for p in s.scalars(select(ClubPrice)):
        prices[p.club_id].append(Price(p.club_id, p.from_date, p.pence, p.created_at))
    opening = dict(s.execute(select(Club.id, Club.price_pence)).all())
    places = select(DiscretionaryPlace)
    if ids is not None:
        places = places.where(DiscretionaryPlace.child_id.in_(ids))
    granted: dict[int, list[tuple[int, date, date, str]]] = defaultdict(list)
    for d in s.scalars(places):
        granted[d.child_id].append((d.percent_off, d.start_date, d.end_date, d.reason))
    changes = select(FundingChange.child_id, FundingChange.basis, FundingChange.before,
                     FundingChange.changed_on)
    if ids is not None:
        changes = changes.where(FundingChange.child_id.in_(ids))
    history: dict[int, list[tuple[str, bool, date]]] = defaultdict(list)
    for child_id, basis, before, changed_on in s.execute(changes):
        history[child_id].append((basis, before, changed_on))
    funding = {cid: Funding(c.fsm, c.pupil_premium, c.looked_after, tuple(granted[cid]),
                            tuple(history[cid])) for cid, c in fams.children.items()}
    lines: list[Line] = []
    kinds = dict(s.execute(select(Club.id, Club.kind).where(
        Club.id.in_({f.club_id for f in extra_facts}))).all()) if extra_facts else {}
    planned = [replace(f, club_kind=kinds.get(f.club_id, "")) for f in extra_facts]
    for fact in [*_facts(s, ids, until, since), *planned]:
        price = price_on(prices[fact.club_id], opening[fact.club_id], fact.day, fact.booked_at)
        lines += session_lines(fact, price, funding.get(fact.child_id, Funding()), free, rules)
    lines = sibling_discount(lines, fams.family_of, rules.sibling_percent)
    extras = select(ExtraCharge).where(ExtraCharge.reversed_at.is_(None))
    if ids is not None:
        extras = extras.where(ExtraCharge.child_id.in_(ids))
    if until is not None:
        extras = extras.where(ExtraCharge.day <= until)
    if since is not None:
        extras = extras.where(ExtraCharge.day >= since)
    lines += [Line(e.child_id, e.day, "extra", e.reason, e.pence, e.pence, "", e.id)
              for e in s.scalars(extras)]
    lines.sort(key=lambda ln: (ln.day, ln.child_id, ln.kind, ln.ref))
    return lines


def _facts(s: Session, ids: list[int] | None, until: date | None,
           since: date | None = None) -> list[SessionFact]:
    """Session bookings that make a line: booked, cancelled late, or cancelled with the session
    by the hub (same moment as the session's cancellation)."""
    sb, cs = SessionBooking, ClubSession
    by_hub = (cs.status == "cancelled") & (sb.cancelled_at == cs.cancelled_at)
    stmt = (select(sb.id, sb.child_id, Club.id, Club.name, Club.kind, cs.day, sb.booked_at,
                   sb.status, sb.late, by_hub, Attendance.late_fee_pence, Attendance.late_minutes,
                   Attendance.status, Attendance.absence_reason, Club.site_id, sb.block_pence)
            .join(cs, cs.id == sb.session_id).join(Club, Club.id == cs.club_id)
            .outerjoin(Attendance, Attendance.session_booking_id == sb.id)
            .where((sb.status == "booked") | sb.late.is_(True) | by_hub))
    if ids is not None:
        stmt = stmt.where(sb.child_id.in_(ids))
    if until is not None:
        stmt = stmt.where(cs.day <= until)
    if since is not None:
        stmt = stmt.where(cs.day >= since)
    # Run as Core, not through the ORM session's loading: tens of thousands of plain rows.
    return [SessionFact(ref, child, club, name, kind, day, booked_at,
                        status == "cancelled" and not hub, late, bool(hub), fee or 0, minutes or 0,
                        _attended(came, why), site, block)
            for ref, child, club, name, kind, day, booked_at, status, late, hub, fee,
            minutes, came, why, site, block in s.connection().execute(stmt)]


def _attended(status: str | None, reason: str | None) -> str:
    """What the register says of a session: attended, absent (and why), or not taken yet."""
    if status in ("in", "out"):
        return "yes"
    if status == "absent":
        return f"absent ({(reason or 'other').replace('_', ' ')})"
    return ""


def payment_rows(s: Session, fams: Families, child_ids: Iterable[int] | None) -> list[PaymentRow]:
    """Payments (and refunds, negative) of these children, reversed ones included and marked."""
    stmt = select(Payment).where(Payment.child_id.is_not(None)).order_by(Payment.received_on,
                                                                         Payment.id)
    if child_ids is not None:
        stmt = stmt.where(Payment.child_id.in_(list(child_ids)))
    rows = []
    for p in s.scalars(stmt):
        child = fams.children.get(p.child_id or 0)
        rows.append(PaymentRow(p.id, p.received_on, p.child_id or 0, _name(child) if child else "", p.route,
                               -p.pence if p.route == "refund" else p.pence, p.reference,
                               p.provider, p.note, p.reversed_at is not None, p.reversed_reason))
    return rows


def payment_child(s: Session, payment_ids: Iterable[int]) -> dict[int, int | None]:
    return dict(s.execute(select(Payment.id, Payment.child_id)
                          .where(Payment.id.in_(list(payment_ids)))).all())
