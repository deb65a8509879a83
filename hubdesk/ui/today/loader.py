"""Reading the Today page's areas off the GUI thread, one area at a time.

The page is the first thing the window shows; its reads cover the whole cluster (the rota's week
check, the minibus checks, the money owed) and take from a fraction of a second to several seconds
on a large database. Read here, in a worker, the window appears at once with "Loading…" in each area
and stays responsive while each area arrives. Everything a worker hands back is plain data (rows and
words); only the GUI thread touches widgets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from hubdesk.core.errors import DomainError
from hubdesk.core.money import money
from hubdesk.core.words import count
from hubdesk.ui.shell.tasks import read_finished, read_started
from hubdesk.ui.today.attention import Line, minibus_lines, rota_lines

if TYPE_CHECKING:
    from hubdesk.app import HubApp
    from hubdesk.core.calendar import DayStatus
    from hubdesk.services.referrals import ReferralRow
    from hubdesk.services.rota import ExpiringItem

T = TypeVar("T")
R = TypeVar("R")
log = logging.getLogger(__name__)


def _safe(read: Callable[[], T], fallback: T) -> T:
    """One area failing to load must not blank the whole page."""
    try:
        return read()
    except DomainError as exc:
        log.warning("Today page: %s", exc)
    except Exception:
        log.exception("Today page: an area could not be read")
    return fallback


def _safe_rows(read: Callable[[], Sequence[R]]) -> Sequence[R]:
    """Rows for one area, or none when it cannot be read (the failure is logged)."""
    return _safe(read, ())


@dataclass(frozen=True)
class SiteLine:
    """One row of "Sites today": its four cells and whether the site is open."""
    cells: tuple[str, str, str, str]
    open: bool


@dataclass(frozen=True)
class SitesArea:
    rows: tuple[SiteLine, ...]
    summary: str


def read_sites(app: HubApp, day: date) -> SitesArea:
    """Each site open or closed today, its running sessions and children booked; the roll's size."""
    sites = _safe_rows(app.sites.list)
    sessions = _safe_rows(lambda: app.registers.take.sessions(day))
    per_site: dict[int, tuple[int, int]] = {}
    for h in sessions:
        if h.status != "running":
            continue
        number, booked = per_site.get(h.site_id, (0, 0))
        per_site[h.site_id] = (number + 1, booked + h.booked)
    months: dict[int, list[DayStatus]] = _safe(lambda: app.calendars.months(
        [site.id or 0 for site in sites], day.year, day.month), {})  # every site in one read
    rows = []
    for site in sites:
        month = months.get(site.id or 0)
        status = month[day.day - 1] if month else None
        is_open = status is None or status.open
        state = "open" if is_open else f"closed: {status.reason}" if status else "closed"
        number, booked = per_site.get(site.id or 0, (0, 0))
        rows.append(SiteLine((site.name, state, str(number) if number else "–",
                              f"{booked:,}" if number else "–"), is_open))
    children = _safe(app.children.count, 0)
    booked_today = sum(b for _c, b in per_site.values())
    return SitesArea(tuple(rows), f"{children:,} children on roll across the cluster; "
                                  f"{booked_today:,} club places booked today.")


def sees(app: HubApp, *permissions: str) -> bool:
    """True when the role holds one of ``permissions``: an area of the page is for those only."""
    return any(app.actor.may(permission) for permission in permissions)


def read_attention(app: HubApp, day: date) -> list[Line]:
    """What needs someone now, most urgent kinds first (each kind for the roles it concerns)."""
    lines: list[Line] = []
    if sees(app, "registers", "read_all"):
        for late in _safe_rows(lambda: app.registers.late.late_children(day)):
            lines.append(Line(f"{late.name} not collected from {late.club} at {late.site}: "
                              f"{late.minutes_late} min late — {late.next_step}", "Registers", True))
    offers = _safe_rows(app.waiting_lists.open_offers) if sees(app, "clubs", "read_all") else ()
    if offers:
        lines.append(Line(f"{count(len(offers), 'waiting-list offer')} waiting for the family's answer "
                          f"(first: {offers[0].child_name}, {offers[0].club_name}).", "Waiting lists"))
    if sees(app, "rota"):
        lines += rota_lines(app, day, _safe_rows)
    if sees(app, "minibus", "minibus.run_sheets", "read_all"):
        lines += minibus_lines(app, day, _safe_rows)
    return lines


def read_money(app: HubApp, _day: date) -> list[Line]:
    """The money owed, read last: it derives every family's charges (seconds on a large cluster)."""
    if not app.actor.may("money"):
        return []
    overdue, families, old = _safe(app.money.accounts.overdue_total, (0, 0, 0))
    if not overdue:
        return []
    return [Line(f"Money: {money(overdue)} overdue from {count(families, 'family', 'families')} "
                 f"({money(old)} over 60 days).", "Money", old > 0)]


def read_expiring(app: HubApp, day: date) -> Sequence[ExpiringItem]:
    """Staff checks running out: for the roles that see staff records."""
    if not sees(app, "staff", "read_all"):
        return ()
    return _safe_rows(lambda: app.rota.expiring(day))


def read_referrals(app: HubApp, _day: date) -> Sequence[ReferralRow]:
    """Open referrals whose family was not contacted by the hub's target (the safeguarding lead's)."""
    if not app.actor.may("referrals"):
        return ()
    return _safe_rows(app.referrals.overdue)


# The areas in the order they are read: the quick ones first, so the page fills from the top; the
# money line joins "Needs attention" when it is ready rather than holding the other lines back.
AREAS: tuple[tuple[str, Callable[[HubApp, date], object]], ...] = (
    ("sites", read_sites), ("expiring", read_expiring), ("attention", read_attention),
    ("referrals", read_referrals), ("money", read_money))


class _Signals(QObject):
    area = Signal(int, str, object)  # generation, area name, its data
    finished = Signal(int)


class TodayReader(QRunnable):
    """Reads every area for one day in a worker thread and hands each to the GUI thread as it is read."""

    def __init__(self, app: HubApp, day: date, generation: int) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.app, self.day, self.generation = app, day, generation
        self.signals = _Signals()
        self.cancelled = False

    def run(self) -> None:
        try:
            for name, read in AREAS:
                if self.cancelled:
                    break
                self.signals.area.emit(self.generation, name, self._read(read))
        except RuntimeError:  # the page (and the signals' owner) closed while reading: no one to tell
            return
        try:
            self.signals.finished.emit(self.generation)
        except RuntimeError:
            return

    def _read(self, read: Callable[[HubApp, date], object]) -> object:
        return _safe(lambda: read(self.app, self.day), None)

    def start(self) -> None:
        read_started(self)  # kept alive (with its signals) until it has finished
        self.signals.finished.connect(lambda _g: read_finished(self))
        QThreadPool.globalInstance().start(self)
