"""Demo referrals and signposting: a few per school this term, some closed, some waiting for the
family to be contacted and a handful overdue, so the Referrals page and Today have something to show."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from hubdesk.core.audit import record_event
from hubdesk.core.models import ChildCarer, Referral, ReferralCategory
from hubdesk.core.vocabulary import REFERRAL_CONTACT_DAYS, REFERRAL_SERVICES
from hubdesk.demo.context import DemoContext
from hubdesk.services.referrals import due_date
from hubdesk.services.sites import load_calendar

MADE_BY = ("Mrs Patel (SENCo)", "Mr Hale (DSL)", "Ms Okafor (family worker)", "Mrs Byrne (office)")
PROVIDERS = ("Brightside Family Hub", "Ashworth Food Bank", "Riverside Parent Carer Forum")
OUTCOMES = ("Seen by the service; family supported.", "Family declined the referral.",
            "Placed on the service's waiting list.")
PER_SCHOOL = 6


def build(s: Session, ctx: DemoContext) -> None:
    rng = random.Random(ctx.seed + 20)  # its own source: the other steps' data stays the same
    categories = list(s.scalars(select(ReferralCategory.id).order_by(ReferralCategory.id)))
    carers = dict(s.execute(select(ChildCarer.child_id, ChildCarer.carer_id)).all())
    rows: list[dict[str, object]] = []
    for school in ctx.school_ids:
        children = ctx.children_by_school.get(school, [])
        calendar = load_calendar(s, school)
        for number in range(PER_SCHOOL * ctx.scale):
            if not children:
                break
            child = children[0] if number == 0 else rng.choice(children)
            family = number % 4 == 3 and child in carers
            made = ctx.today - timedelta(days=rng.randint(1, 60))
            made -= timedelta(days=max(0, made.weekday() - 4))  # a school day, not a weekend
            row = _row(rng, ctx.today, made, categories, number)
            row |= {"child_id": None if family else child,
                    "carer_id": carers[child] if family else None, "school_site_id": school,
                    "due_on": due_date(made, REFERRAL_CONTACT_DAYS, calendar)
                    if row["kind"] == "referral" else None}
            rows.append(row)
    if rows:
        s.execute(insert(Referral), rows)
    record_event(s, "referrals", "demo", {"referrals": len(rows)})


def _row(rng: random.Random, today: date, made: date, categories: list[int],
         number: int) -> dict[str, object]:
    """One referral's values; how far it has gone depends on how long ago it was made."""
    service = rng.choice(list(REFERRAL_SERVICES))
    age = (today - made).days
    kind = "signposting" if number % 5 == 4 else "referral"
    row: dict[str, object] = {
        "kind": kind, "service": service, "category_id": rng.choice(categories),
        "provider": rng.choice(PROVIDERS) if service == "local_provider" else "",
        "notes": "Discussed with the family at collection.", "consent_by": "Parent (verbal)",
        "made_by": rng.choice(MADE_BY), "made_on": made, "acknowledged_on": None,
        "allocated_on": None, "contacted_on": None, "closed_on": None, "outcome": "",
        "row_version": 1}
    if kind == "signposting":
        return row
    late = number % 3 == 1  # about a third of them wait for contact (overdue once past due)
    if age > 2:
        row["acknowledged_on"] = made + timedelta(days=1)
    if age > 5 and not late:
        row["allocated_on"] = made + timedelta(days=4)
        row["contacted_on"] = made + timedelta(days=5)
    if age > 35 and not late:
        row["closed_on"] = made + timedelta(days=30)
        row["outcome"] = rng.choice(OUTCOMES)
    return row
