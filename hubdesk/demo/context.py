"""What the demo steps share: the random source, the scale, the school year and what was built so far."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session


@dataclass
class DemoContext:
    rng: random.Random
    scale: int
    seed: int
    today: date
    now: datetime  # when the demo is built (naive UTC, from the clock): created-at stamps
    year_start: date  # 1 September of the current school year
    year_end: date  # 31 August
    school_ids: list[int] = field(default_factory=list)
    centre_ids: list[int] = field(default_factory=list)
    hub_site_id: int = 0
    # school site id -> child ids (filled by the families step)
    children_by_school: dict[int, list[int]] = field(default_factory=dict)
    carer_ids: list[int] = field(default_factory=list)
    staff_ids: list[int] = field(default_factory=list)

    @property
    def site_ids(self) -> list[int]:
        return self.school_ids + self.centre_ids


# A step adds one area of the demo inside the demo's single transaction.
DemoStep = Callable[[Session, DemoContext], None]
