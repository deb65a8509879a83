"""Demo money: the hub's charging details, a few new prices from January, discretionary places,
and the term's payments by every route, so the Money page, statements and arrears have something
to show. Most families pay each month's sessions early the next month; a few are behind; a few
Tax-Free Childcare payments carry a reference no child has. Bulk inserts and one audit event.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from hubdesk.core.audit import record_event
from hubdesk.core.models import Child, Club, ClubPrice, DiscretionaryPlace, FundingChange, Payment
from hubdesk.core.models.meta import store_meta
from hubdesk.core.rules.charging import MoneyRules, money_rules_to_json
from hubdesk.demo.context import DemoContext
from hubdesk.services.money import MONEY_RULES_KEY, bring_up_to_date, charge_lines, load_families

ROUTES = [("bank", 30), ("card", 20), ("tfc", 25), ("voucher", 10), ("cash", 10),
          ("universal_credit", 5)]
PROVIDERS = ["Edenred", "Sodexo", "Fideliti"]
BEHIND = 0.07  # families who have not paid the last two months


def _month_key(day: date) -> tuple[int, int]:
    return day.year, day.month


def _first_of_next(year: int, month: int) -> date:
    return date(year + (month == 12), month % 12 + 1, 1)


def _prices(s: Session, ctx: DemoContext) -> int:
    """A third of the paid clubs go up by 25p from the first school day of January."""
    january = date(ctx.year_start.year + 1, 1, 5)
    clubs = s.execute(select(Club.id, Club.price_pence).where(Club.price_pence > 0)).all()
    rows = [{"club_id": cid, "from_date": january, "pence": pence + 25, "created_at": ctx.now}
            for cid, pence in clubs if ctx.rng.random() < 0.33]
    if rows:
        s.execute(insert(ClubPrice), rows)
    return len(rows)


def _places(s: Session, ctx: DemoContext) -> int:
    pool = [c for ids in ctx.children_by_school.values() for c in ids[:40]]
    chosen = ctx.rng.sample(pool, min(3, len(pool)))
    reasons = ["Family bereavement", "Parent in hospital", "Early help plan"]
    rows = [{"child_id": cid, "percent_off": 100, "start_date": ctx.year_start,
             "end_date": ctx.year_start + timedelta(days=120), "reason": reason,
             "granted_by": "Head of Ashworth"} for cid, reason in zip(chosen, reasons, strict=False)]
    s.execute(insert(DiscretionaryPlace), rows)
    return len(rows)


def _flag_changes(s: Session, ctx: DemoContext) -> int:
    """A few children became FSM at October half-term: their earlier sessions stay charged in
    full, later ones are free places (the office ticked the flag on the day)."""
    fsm = list(s.scalars(select(Child.id).where(Child.fsm.is_(True)).order_by(Child.id).limit(200)))
    chosen = ctx.rng.sample(fsm, min(5, len(fsm)))
    day = ctx.year_start + timedelta(days=56)
    rows = [{"child_id": cid, "basis": "fsm", "before": False, "changed_on": day} for cid in chosen]
    if rows:
        s.execute(insert(FundingChange), rows)
    return len(rows)


def _payment(ctx: DemoContext, child_id: int, tfc: str, pence: int, day: date) -> dict[str, Any]:
    route = ctx.rng.choices([r for r, _ in ROUTES], [w for _, w in ROUTES])[0]
    if route == "tfc" and not tfc:
        route = "bank"
    reference = {"tfc": tfc, "bank": f"CLUBS {child_id}", "card": f"CARD-{ctx.rng.randint(1000, 9999)}",
                 "voucher": f"V{ctx.rng.randint(100000, 999999)}"}.get(route, "")
    return {"child_id": child_id, "route": route, "pence": pence, "received_on": day,
            "reference": reference,
            "provider": ctx.rng.choice(PROVIDERS) if route == "voucher" else "", "note": "",
            "import_key": None, "created_at": ctx.now, "reversed_at": None, "reversed_reason": ""}


def _payments(s: Session, ctx: DemoContext) -> list[dict[str, Any]]:
    """Each family pays each month's charges in the first days of the next (up to today)."""
    s.flush()
    fams = load_families(s)
    per_month: dict[int, dict[tuple[int, int], int]] = defaultdict(lambda: defaultdict(int))
    for line in charge_lines(s, fams, None, until=ctx.today):
        per_month[fams.family_of[line.child_id]][_month_key(line.day)] += line.pence
    rows: list[dict[str, Any]] = []
    this_month = _month_key(ctx.today)
    for key in sorted(per_month):
        family = fams.by_key[key]
        payer = family.children[0]
        behind = ctx.rng.random() < BEHIND
        months = sorted(m for m in per_month[key] if m < this_month)
        for month in months[:-2] if behind else months:
            pence = per_month[key][month]
            day = _first_of_next(*month) + timedelta(days=ctx.rng.randint(0, 6))
            if pence > 0 and day <= ctx.today:
                rows.append(_payment(ctx, payer.child_id, payer.tfc_reference, pence, day))
    for number in range(4):  # TFC payments whose reference matches no child
        rows.append({**_payment(ctx, 0, "X", 2000 + 500 * number, ctx.today - timedelta(days=3)),
                     "child_id": None, "route": "tfc",
                     "reference": f"Z{ctx.rng.randint(10000000, 99999999)}TFC"})
    return rows


def build(s: Session, ctx: DemoContext) -> None:
    store_meta(s, MONEY_RULES_KEY, money_rules_to_json(MoneyRules(
        sibling_percent=10, late_cancel_percent=100, arrears_limit_pence=5000,
        tfc_provider_reference="ASHHUB0001", payee="Ashworth Extended Schools Hub")))
    prices = _prices(s, ctx)
    places = _places(s, ctx)
    changes = _flag_changes(s, ctx)
    payments = _payments(s, ctx)
    if payments:
        s.execute(insert(Payment), payments)
    record_event(s, "payments", "demo", {"payments": len(payments), "new_prices": prices,
                                         "discretionary_places": places,
                                         "funding_changes": changes})


def work_out_sums(s: Session, ctx: DemoContext) -> None:
    """Store each family's sums once every booking, register and payment is in (the Money page,
    arrears and Today read them), so the first reader does not wait for them."""
    bring_up_to_date(s)
