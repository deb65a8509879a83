"""What a family owes, derived from bookings and registers: one implementation of the charging rules.

Pure functions over plain values. A booked session is charged at the price known when it was
booked; a cancellation before the cut-off charges nothing, after it the late-cancellation percentage;
a session the hub cancels is charged and credited; a late-collection fee from the register is
charged. Free places (per club kind and funding basis) and discretionary places reduce a charge;
the sibling discount takes a percentage off every child of a family but the dearest on a day.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from hubdesk.core.money import percent_of

FREE_KIND = "free_breakfast"
BASES = ("fsm", "pupil_premium", "looked_after", "haf")
BASIS_LABELS = {"fsm": "free school meals", "pupil_premium": "Pupil Premium",
                "looked_after": "looked-after", "haf": "HAF (holiday activities and food)"}


@dataclass(frozen=True)
class MoneyRules:
    """Charging rules the office edits (kept as JSON beside the club rules)."""

    sibling_percent: int = 10
    late_cancel_percent: int = 100
    arrears_limit_pence: int = 5000
    tfc_provider_reference: str = ""
    payee: str = ""


DEFAULT_MONEY_RULES = MoneyRules()


def validate_money_rules(rules: MoneyRules) -> None:
    """Raise ValueError with a sentence for the office."""
    if not 0 <= rules.sibling_percent <= 100:
        raise ValueError("The sibling discount is a percentage between 0 and 100.")
    if not 0 <= rules.late_cancel_percent <= 100:
        raise ValueError("The late-cancellation charge is a percentage between 0 and 100.")
    if not 0 <= rules.arrears_limit_pence <= 10_000_000:
        raise ValueError("The arrears limit is between £0 and £100,000.")
    if len(rules.tfc_provider_reference) > 40 or len(rules.payee) > 200:
        raise ValueError("The TFC provider reference is at most 40 characters and the payee 200.")


def money_rules_to_json(rules: MoneyRules) -> str:
    return json.dumps(rules.__dict__)


def money_rules_from_json(text: str) -> MoneyRules:
    data = json.loads(text)
    known = {k: data[k] for k in DEFAULT_MONEY_RULES.__dict__ if k in data}
    return replace(DEFAULT_MONEY_RULES, **known)


@dataclass(frozen=True)
class Price:
    club_id: int
    from_date: date
    pence: int
    created_at: datetime


@dataclass(frozen=True)
class Funding:
    """A child's funding flags now, their changes (basis, value before, day of the change) and
    discretionary places (percent, from, to, reason)."""

    fsm: bool = False
    pupil_premium: bool = False
    looked_after: bool = False
    discretionary: tuple[tuple[int, date, date, str], ...] = ()
    changes: tuple[tuple[str, bool, date], ...] = ()

    def flags_on(self, day: date) -> dict[str, bool]:
        """The flags the child had on ``day``: a change made after it is undone (its earliest
        ``before``), so a flag ticked today never rewrites the charge of an earlier session."""
        flags = {"fsm": self.fsm, "pupil_premium": self.pupil_premium,
                 "looked_after": self.looked_after}
        undone: set[str] = set()
        for basis, before, changed_on in sorted(self.changes, key=lambda c: c[2]):
            if changed_on > day and basis not in undone:
                flags[basis] = before
                undone.add(basis)
        return flags


@dataclass(frozen=True)
class SessionFact:
    """One session booking as the registers and bookings know it."""

    ref: int  # session booking id
    child_id: int
    club_id: int
    club_name: str
    club_kind: str
    day: date
    booked_at: datetime
    cancelled: bool  # by the family
    late: bool  # cancelled after the cut-off
    hub_cancelled: bool  # the session itself was cancelled
    late_fee_pence: int
    late_minutes: int
    attended: str = ""  # from the register: "yes", "absent (ill)", or "" when not taken
    site_id: int = 0
    block_pence: int | None = None  # this session's share of a term block price


def block_shares(block_pence: int, sessions: int) -> list[int]:
    """A term block price spread over its sessions in whole pence, the odd pennies on the first
    sessions, so the shares add up exactly to the block."""
    if sessions <= 0:
        return []
    each, odd = divmod(block_pence, sessions)
    return [each + (1 if i < odd else 0) for i in range(sessions)]


@dataclass(frozen=True)
class Line:
    """One line of a family's account; ``pence`` is what it adds (a credit is negative)."""

    child_id: int
    day: date
    kind: str  # session, late_cancel, hub_credit, late_collection, extra
    text: str
    full_pence: int
    pence: int
    why: str = ""  # free place, discount: the reason the charge is less than the price
    ref: int = 0
    attended: str = ""
    site_id: int = 0


def price_on(prices: Sequence[Price], fallback: int, day: date, booked_at: datetime) -> int:
    """The price for a session on ``day`` that was known when it was booked.

    ``prices`` are one club's; a price entered after the booking never applies to it. With no
    dated price known, the club's own opening price applies.
    """
    best: Price | None = None
    for p in prices:
        if p.from_date <= day and p.created_at <= booked_at and (
                best is None or (p.from_date, p.created_at) > (best.from_date, best.created_at)):
            best = p
    return fallback if best is None else best.pence


def reduction(kind: str, funding: Funding, rules: Mapping[tuple[str, str], int],
              day: date) -> tuple[int, str]:
    """The best free-place percentage for a child in a club of ``kind`` on ``day``, and why."""
    best, why = 0, ""
    flags = funding.flags_on(day) if funding.changes else {
        "fsm": funding.fsm, "pupil_premium": funding.pupil_premium,
        "looked_after": funding.looked_after}
    flags["haf"] = flags["fsm"]
    for basis in BASES:
        percent = rules.get((kind, basis), 0)
        if flags[basis] and percent > best:
            what = "free place" if percent == 100 else f"{percent}% off"
            best, why = percent, f"{BASIS_LABELS[basis]} {what}"
    for percent, start, end, reason in funding.discretionary:
        if start <= day <= end and percent > best:
            best, why = percent, f"discretionary place: {reason}"
    return best, why


def session_lines(fact: SessionFact, price: int, funding: Funding,
                  rules: Mapping[tuple[str, str], int], money_rules: MoneyRules) -> list[Line]:
    """The lines one session booking makes (none for a cancellation in good time)."""
    lines: list[Line] = []
    if fact.block_pence is not None:
        price = fact.block_pence
    full = 0 if fact.club_kind == FREE_KIND else price
    percent, why = reduction(fact.club_kind, funding, rules, fact.day)
    if fact.club_kind == FREE_KIND:
        why = "free breakfast club"
    if fact.cancelled and fact.late:
        full = percent_of(full, money_rules.late_cancel_percent)
        net = full - percent_of(full, percent)
        lines.append(Line(fact.child_id, fact.day, "late_cancel",
                          f"{fact.club_name}: cancelled after the cut-off", full, net, why, fact.ref))
    elif not fact.cancelled:
        net = full - percent_of(full, percent)
        text = f"Term block: {fact.club_name}" if fact.block_pence is not None else fact.club_name
        lines.append(Line(fact.child_id, fact.day, "session", text, full, net, why,
                          fact.ref, fact.attended, fact.site_id))
        if fact.hub_cancelled and net:
            lines.append(Line(fact.child_id, fact.day, "hub_credit",
                              f"{fact.club_name}: cancelled by the hub, credited", 0, -net, "",
                              fact.ref))
    if fact.late_fee_pence and not fact.cancelled:
        lines.append(Line(fact.child_id, fact.day, "late_collection",
                          f"Late collection ({fact.late_minutes} min), {fact.club_name}",
                          fact.late_fee_pence, fact.late_fee_pence, "", fact.ref))
    return lines


def sibling_discount(lines: Iterable[Line], family_of: Mapping[int, int], percent: int) -> list[Line]:
    """Take ``percent`` off the session charges of every child but the dearest, per family and day."""
    result = list(lines)
    if percent <= 0:
        return result
    size: dict[int, int] = defaultdict(int)
    for family in family_of.values():
        size[family] += 1
    per_day: dict[tuple[int, date], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for line in result:
        family = family_of.get(line.child_id, line.child_id)
        if size[family] > 1 and line.kind in ("session", "late_cancel") and line.pence > 0:
            per_day[(family, line.day)][line.child_id] += line.pence
    cheaper: set[tuple[int, date]] = set()
    for (_family, day), totals in per_day.items():
        if len(totals) > 1:
            dearest = max(totals, key=lambda c: (totals[c], -c))
            cheaper.update((c, day) for c in totals if c != dearest)
    if not cheaper:
        return result
    out: list[Line] = []
    off_by_ref: dict[int, int] = {}
    for line in result:
        if (line.child_id, line.day) in cheaper and line.kind in ("session", "late_cancel") \
                and line.pence > 0:
            off = percent_of(line.pence, percent)
            off_by_ref[line.ref] = off
            why = f"{line.why}; " if line.why else ""
            line = replace(line, pence=line.pence - off, why=f"{why}sibling discount {percent}%")
        out.append(line)
    # a session the hub cancelled is credited with what was charged, after the discount
    return [replace(ln, pence=ln.pence + off_by_ref[ln.ref])
            if ln.kind == "hub_credit" and ln.ref in off_by_ref else ln for ln in out]


@dataclass(frozen=True)
class Allocated:
    line: Line
    unpaid: int  # what is still owed on this charge after payments, oldest first


def allocate(lines: Sequence[Line], money_in: int) -> tuple[list[Allocated], int]:
    """Pay charges oldest first from ``money_in`` (payments and credits less refunds).

    Returns each charge with what is still unpaid, and the credit carried forward.
    """
    pool = money_in + sum(-ln.pence for ln in lines if ln.pence < 0)
    out: list[Allocated] = []
    for line in sorted((ln for ln in lines if ln.pence > 0), key=lambda ln: (ln.day, ln.ref, ln.kind)):
        paid = min(max(pool, 0), line.pence)
        pool -= paid
        out.append(Allocated(line, line.pence - paid))
    return out, max(pool, 0)


AGE_BANDS = ((0, 30, "0–30 days"), (31, 60, "31–60 days"), (61, 10**6, "61+ days"))


def due_on(day: date) -> date:
    """Sessions are billed monthly: a charge falls due on the first day of the following month."""
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def ages(allocated: Iterable[Allocated], today: date) -> tuple[int, int, int]:
    """Overdue pence by days past due (0–30, 31–60, 61+); this month's charges are not yet due."""
    bands = [0, 0, 0]
    for a in allocated:
        age = (today - due_on(a.line.day)).days
        if a.unpaid and age >= 0:
            index = next(i for i, (lo, hi, _label) in enumerate(AGE_BANDS) if lo <= age <= hi)
            bands[index] += a.unpaid
    return bands[0], bands[1], bands[2]
