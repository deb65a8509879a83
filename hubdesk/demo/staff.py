"""Demo staff: a head, an office manager, a club leader and play workers per school; hub specialists."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from hubdesk.core.models import Staff
from hubdesk.core.vocabulary import fold
from hubdesk.demo.context import DemoContext
from hubdesk.demo.names import HERITAGES

PER_SCHOOL = ["head", "office", "club leader", "play worker", "play worker", "play worker", "play worker"]
HUB_EXTRA = ["co-ordinator", "driver", "driver", "escort", "play worker", "play worker"]
CENTRE_TEAM = ["tutor", "tutor", "crèche worker", "crèche worker", "crèche worker"]


def build(s: Session, ctx: DemoContext) -> None:
    rng = ctx.rng
    plan: list[tuple[str, int]] = []
    for _ in range(ctx.scale):
        for school_id in ctx.school_ids:
            plan += [(role, school_id) for role in PER_SCHOOL]
        plan += [(role, ctx.hub_site_id) for role in HUB_EXTRA]
        plan += [(role, centre) for centre in ctx.centre_ids for role in CENTRE_TEAM]
    rows: list[dict[str, Any]] = []
    for role, site_id in plan:
        _, (girls, boys), surnames = rng.choices(HERITAGES, weights=[h[0] for h in HERITAGES])[0]
        forename = rng.choice(girls if rng.random() < 0.75 else boys)
        surname = rng.choice(surnames)
        email = f"{fold(forename)[:1]}.{fold(surname)}{len(rows)}@ashworth-hub.example.org" \
            .replace(" ", "").replace("'", "")
        rows.append({"forename": forename, "surname": surname, "role": role, "home_site_id": site_id,
                     "phone": f"07700 {rng.randint(900000, 900999)}", "email": email, "active": True,
                     "search_key": fold(f"{forename} {surname} {role}")})
    s.execute(insert(Staff), rows)
    ctx.staff_ids = list(s.scalars(select(Staff.id).order_by(Staff.id)))
