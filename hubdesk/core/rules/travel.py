"""Travel time between two sites: the one rule every check uses (bookings, rota, minibus, courses).

The office enters minutes per ordered pair of sites. A pair entered one way only counts both ways,
because a missing return row is an oversight, not a road that runs one way; a site is 0 minutes
from itself; a pair with no row at all takes the office's default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# The default when the office has not set one (a short drive across town, with loading).
DEFAULT_TRAVEL_MINUTES = 15


def travel_minutes(table: Mapping[tuple[int, int], int], a: int, b: int,
                   default: int = DEFAULT_TRAVEL_MINUTES) -> int:
    """Minutes from site ``a`` to site ``b``: the row a→b, else b→a, else ``default``; 0 for a == b."""
    if a == b:
        return 0
    found = table.get((a, b))
    if found is None:
        found = table.get((b, a))
    return default if found is None else found


@dataclass(frozen=True)
class TravelTimes:
    """The travel table with its default, callable as ``travel(a, b)`` by the pure rules."""

    table: Mapping[tuple[int, int], int] = field(default_factory=dict)
    default: int = DEFAULT_TRAVEL_MINUTES

    def __call__(self, a: int, b: int) -> int:
        return travel_minutes(self.table, a, b, self.default)
