"""Building the demo cluster, and refusing to do it over a database that holds real records."""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk.core.audit import record_event
from hubdesk.core.calendar import academic_year_start
from hubdesk.core.db import resync_id_sequences
from hubdesk.core.errors import DomainError
from hubdesk.core.models import AuditEntry, Carer, Child, MetaValue, Site, Staff
from hubdesk.demo import STEPS, DemoContext
from hubdesk.demo.users import add_demo_users
from hubdesk.services.base import Service
from hubdesk.services.progress import NO_PROGRESS, Progress

DEMO_KEY = "demo"


@dataclass(frozen=True)
class DemoSummary:
    sites: int
    children: int
    carers: int
    staff: int
    seconds: float
    scale: int
    seed: int


def database_state(s: Session) -> str:
    """'empty', 'demo' (built by the demo command) or 'real' (anything else with records)."""
    if s.get(MetaValue, DEMO_KEY) is not None:
        return "demo"
    has_rows = any(s.scalar(select(func.count()).select_from(model)) for model in (Site, Child, Staff))
    return "real" if has_rows else "empty"


class DemoService(Service):
    def state(self) -> str:
        with self._read() as s:
            return database_state(s)

    def changes_since_built(self) -> int:
        """How many records were added, changed or removed by hand after the demo was built.

        Someone may have typed real children into the demo; ``--fresh`` keeps a copy if so.
        """
        with self._read() as s:
            built = s.scalar(select(func.max(AuditEntry.id)).where(
                AuditEntry.table_name == "demo", AuditEntry.action == "event"))
            if built is None:
                return 0
            return s.scalar(select(func.count()).select_from(AuditEntry).where(
                AuditEntry.id > built, AuditEntry.action.in_(("insert", "update", "delete")))) or 0

    def build(self, scale: int = 1, seed: int = 1, today: date | None = None,
              progress: Progress = NO_PROGRESS) -> DemoSummary:
        """Fill an empty database with the demo cluster, all in one transaction."""
        if not 1 <= scale <= 50:
            raise DomainError("The demo scale must be between 1 and 50.")
        started = time.perf_counter()
        today = today or self._clock.today()
        first = academic_year_start(today)
        ctx = DemoContext(rng=random.Random(seed), scale=scale, seed=seed, today=today, now=self._clock.now(),
                          year_start=date(first, 9, 1), year_end=date(first + 1, 8, 31))
        with self._write() as s:
            state = database_state(s)
            if state == "real":
                raise DomainError(
                    "This database holds real records, so the demo cluster will not be added to it. "
                    "Give the demo its own file with --database, e.g. hubdesk demo --database demo.db.")
            if state == "demo":
                raise DomainError("This database already holds the demo cluster. "
                                  "Use --fresh to build it again from scratch.")
            for number, (label, step) in enumerate(STEPS):
                progress.step(number, len(STEPS), f"{label}…")
                step(s, ctx)
            resync_id_sequences(s)  # the steps insert rows with explicit ids
            add_demo_users(s)
            s.add(MetaValue(key=DEMO_KEY, value=json.dumps(
                {"scale": scale, "seed": seed, "built": today.isoformat()})))
            counts = {name: s.scalar(select(func.count()).select_from(model)) or 0
                      for name, model in (("sites", Site), ("children", Child), ("carers", Carer),
                                          ("staff", Staff))}
            record_event(s, "demo", "build", {"scale": scale, "seed": seed, **counts})
        progress.step(len(STEPS), len(STEPS), "Done")
        return DemoSummary(counts["sites"], counts["children"], counts["carers"], counts["staff"],
                           round(time.perf_counter() - started, 2), scale, seed)
