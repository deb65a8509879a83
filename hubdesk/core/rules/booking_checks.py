"""The checks made before a club place is booked: plain data in, a problem (or None) out.

Each problem has a code (so a screen or an import can group them) and a sentence for the office.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from hubdesk.core.vocabulary import year_label

FULL = "full"
YEAR_GROUP = "year_group"
OVERLAP = "overlap"
TRAVEL = "travel"
SCHOOL_CLOSED = "school_closed"
NOT_RUNNING = "not_running"
LEFT = "left"
OTHER_SCHOOL = "other_school"
ALREADY_BOOKED = "already_booked"
CLUB_CLOSED = "club_closed"


@dataclass(frozen=True)
class Problem:
    code: str
    message: str


@dataclass(frozen=True)
class Slot:
    """A child's time in a club session: when, where, and a name for messages."""

    day: date
    start: time
    end: time
    site_id: int
    label: str  # "Football at Elm Street Primary"


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def hhmm(t: time) -> str:
    return f"{t:%H:%M}"


def year_group_problem(year: int, low: int, high: int, name: str) -> Problem | None:
    if low <= year <= high:
        return None
    span = year_label(low) if low == high else f"{year_label(low)} to {year_label(high)}"
    return Problem(YEAR_GROUP, f"{name} is in {year_label(year)}; this club is for {span}.")


def left_problem(left_on: date | None, day: date, name: str) -> Problem | None:
    if left_on is not None and left_on <= day:
        return Problem(LEFT, f"{name} left on {left_on:%d/%m/%Y} and cannot be booked from then.")
    return None


def clash_problem(candidate: Slot, existing: Iterable[Slot],
                  travel_minutes: Callable[[int, int], int], name: str) -> Problem | None:
    """An overlap with another booking the same day, or too little time to travel between sites."""
    for other in existing:
        if other.day != candidate.day:
            continue
        if candidate.start < other.end and other.start < candidate.end:
            return Problem(OVERLAP, f"{name} is already booked at {other.label} "
                                    f"{hhmm(other.start)}–{hhmm(other.end)} on "
                                    f"{other.day:%a %d/%m}, which overlaps.")
        if other.site_id == candidate.site_id:
            continue
        if other.end <= candidate.start:
            gap = _minutes(candidate.start) - _minutes(other.end)
            need = travel_minutes(other.site_id, candidate.site_id)
            before, after = other, candidate
        else:
            gap = _minutes(other.start) - _minutes(candidate.end)
            need = travel_minutes(candidate.site_id, other.site_id)
            before, after = candidate, other
        if gap < need:
            return Problem(TRAVEL, f"{name} is booked at {other.label} on {other.day:%a %d/%m} "
                                   f"({hhmm(other.start)}–{hhmm(other.end)}); getting from "
                                   f"{before.label} (ends {hhmm(before.end)}) to {after.label} "
                                   f"(starts {hhmm(after.start)}) takes {need} minutes, "
                                   f"but there are only {max(gap, 0)}.")
    return None


def is_late(session_start: datetime, now: datetime, cutoff_hours: int) -> bool:
    """A cancellation after the cut-off (both moments in UTC) is late."""
    return now > session_start - timedelta(hours=cutoff_hours)
