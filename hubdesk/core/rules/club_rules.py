"""Club rules the office can edit: the late-cancellation cut-off and the waiting-list order."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

SIBLING = "sibling"  # a brother or sister already booked in the club
FUNDED = "funded"  # free school meals or Pupil Premium
JOINED = "joined"  # earlier on the list first
PRIORITY_KEYS = (SIBLING, FUNDED, JOINED)
PRIORITY_LABELS = {SIBLING: "sibling already booked", FUNDED: "FSM or Pupil Premium",
                   JOINED: "date joined"}


@dataclass(frozen=True)
class ClubRules:
    late_cutoff_hours: int = 48
    waiting_priority: tuple[str, ...] = PRIORITY_KEYS


DEFAULT_RULES = ClubRules()


def validate_rules(rules: ClubRules) -> None:
    """Raise ValueError with a sentence for the office."""
    if not 0 <= rules.late_cutoff_hours <= 24 * 14:
        raise ValueError("The late-cancellation cut-off is between 0 hours and 14 days (336 hours).")
    unknown = [k for k in rules.waiting_priority if k not in PRIORITY_KEYS]
    if unknown:
        raise ValueError(f"Unknown waiting-list priority: {', '.join(unknown)}.")
    if len(set(rules.waiting_priority)) != len(rules.waiting_priority):
        raise ValueError("Each waiting-list priority can be listed once.")


def rules_to_json(rules: ClubRules) -> str:
    return json.dumps({"late_cutoff_hours": rules.late_cutoff_hours,
                       "waiting_priority": list(rules.waiting_priority)})


def rules_from_json(text: str) -> ClubRules:
    data = json.loads(text)
    return ClubRules(int(data.get("late_cutoff_hours", 48)),
                     tuple(str(k) for k in data.get("waiting_priority", PRIORITY_KEYS)))


@dataclass(frozen=True)
class Candidate:
    """What the waiting-list order looks at for one entry."""

    entry_id: int
    joined_at: datetime
    sibling_booked: bool
    funded: bool


def priority_order(candidates: Sequence[Candidate], priority: Sequence[str]) -> list[Candidate]:
    """Candidates first to last; the keys apply in the order given, then date joined, then id."""
    def key(c: Candidate) -> tuple[object, ...]:
        parts: list[object] = []
        for name in priority:
            if name == SIBLING:
                parts.append(not c.sibling_booked)
            elif name == FUNDED:
                parts.append(not c.funded)
            elif name == JOINED:
                parts.append(c.joined_at)
        return (*parts, c.joined_at, c.entry_id)

    return sorted(candidates, key=key)
