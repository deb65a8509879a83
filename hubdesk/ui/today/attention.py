"""What needs someone now, in the same counts as the pages the lines lead to.

Each count is read from the very service call the linked page makes: the rota's problems per site
from the week's grids (what the Staff rota page shows for that site), the minibus checks for the
week Monday to Friday (the Minibus page in Week view), and today's transport needs not met (the
Minibus page in Day view). So a number on Today never disagrees with the page it opens.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol, TypeVar

from hubdesk.app import HubApp
from hubdesk.core.words import count

R = TypeVar("R")
MAX_LISTED = 5  # blocking problems listed one by one; the rest are in the counts


class SafeRows(Protocol):
    """Reads one area's rows, or none when it cannot be read (the page logs why)."""
    def __call__(self, read: Callable[[], Sequence[R]]) -> Sequence[R]: ...


@dataclass(frozen=True)
class Line:
    """One line of "Needs attention": its words, the page that deals with it and where to look."""
    text: str
    page: str
    urgent: bool = False
    site_id: int | None = None
    day: date | None = None
    week: bool = False


def week_words(monday: date) -> str:
    return f"week of {monday:%a %d %b}"


def counts(blocking: int, warnings: int) -> str:
    """'1 blocking problem and 14 warnings', or one half when the other is none."""
    parts = [count(blocking, "blocking problem")] if blocking else []
    if warnings or not blocking:
        parts.append(count(warnings, "warning"))
    return " and ".join(parts)


def rota_lines(app: HubApp, day: date, safe: SafeRows) -> list[Line]:
    """The blocking rota problems by name, then each site's counts as its rota page shows them."""
    monday = day - timedelta(days=day.weekday())
    grids = safe(lambda: app.rota.week_grids(day))
    lines: list[Line] = []
    named: list[str] = []
    for grid in grids:
        for p in grid.problems:
            if p.blocking and p.message not in named:
                named.append(p.message)
                if len(named) <= MAX_LISTED:
                    lines.append(Line(f"Rota: {p.message}", "Staff rota", True, p.site_id or grid.site_id))
    for grid in grids:
        blocking = sum(1 for p in grid.problems if p.blocking)
        warnings = len(grid.problems) - blocking
        if grid.problems:
            lines.append(Line(f"Rota at {grid.site}, {week_words(monday)}: {counts(blocking, warnings)}.",
                              "Staff rota", bool(blocking), grid.site_id))
    return lines


def minibus_lines(app: HubApp, day: date, safe: SafeRows) -> list[Line]:
    """The week's minibus checks (blocking ones by name) and today's transport needs not met."""
    monday = day - timedelta(days=day.weekday())
    checks = safe(lambda: app.minibus.checks.check(monday, monday + timedelta(days=4)))
    blocking = [c for c in checks if c.blocking]
    lines = [Line(f"Minibus: {c.message}", "Minibus", True, day=c.day) for c in blocking[:MAX_LISTED]]
    if checks:
        found = counts(len(blocking), len(checks) - len(blocking))
        lines.append(Line(f"Minibus, {week_words(monday)}: {found}.", "Minibus", bool(blocking),
                          day=monday, week=True))
    unmet = [n for n in safe(lambda: app.minibus.needs.day(day)) if not n.met and not n.optional]
    if unmet:
        by_site = Counter(n.from_site for n in unmet)
        where = ", ".join(f"{count} from {site}" for site, count in sorted(by_site.items()))
        lines.append(Line(f"Minibus today: {count(len(unmet), 'transport need')} not met ({where}).",
                          "Minibus", True, day=day))
    return lines
