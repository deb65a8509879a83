"""The pages of the main window, in navigation order: (title, factory returning the page class).

Each factory imports its page module with a plain ``from … import …`` inside the function: importing this
list stays cheap (no page module loads until its factory is called), and a freezer such as PyInstaller
still sees every page, because it follows imports inside functions too. Each page class takes
``(app, events, parent=None)`` and has ``refresh()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hubdesk.ui.common.page import Page

PageFactory = Callable[[], "type[Page]"]


def _today() -> type[Page]:
    from hubdesk.ui.today.page import TodayPage

    return TodayPage


def _children() -> type[Page]:
    from hubdesk.ui.children.page import ChildrenPage

    return ChildrenPage


def _registers() -> type[Page]:
    from hubdesk.ui.registers.page import RegistersPage

    return RegistersPage


def _clubs() -> type[Page]:
    from hubdesk.ui.clubs.page import ClubsPage

    return ClubsPage


def _waiting_lists() -> type[Page]:
    from hubdesk.ui.clubs.waiting_lists import WaitingListsPage

    return WaitingListsPage


def _sites() -> type[Page]:
    from hubdesk.ui.sites.page import SitesPage

    return SitesPage


def _staff() -> type[Page]:
    from hubdesk.ui.staff.page import StaffPage

    return StaffPage


def _rota() -> type[Page]:
    from hubdesk.ui.rota.page import RotaPage

    return RotaPage


def _minibus() -> type[Page]:
    from hubdesk.ui.minibus.page import MinibusPage

    return MinibusPage


def _learning() -> type[Page]:
    from hubdesk.ui.learning.page import LearningPage

    return LearningPage


def _money() -> type[Page]:
    from hubdesk.ui.money.page import MoneyPage

    return MoneyPage


def _referrals() -> type[Page]:
    from hubdesk.ui.referrals.page import ReferralsPage

    return ReferralsPage


def _overview() -> type[Page]:
    from hubdesk.ui.overview.page import OverviewPage

    return OverviewPage


def _history() -> type[Page]:
    from hubdesk.ui.history.page import HistoryPage

    return HistoryPage


PAGES: list[tuple[str, PageFactory]] = [
    ("Today", _today),
    ("Children & families", _children),
    ("Registers", _registers),
    ("Clubs", _clubs),
    ("Waiting lists", _waiting_lists),
    ("Sites & calendars", _sites),
    ("Staff", _staff),
    ("Staff rota", _rota),
    ("Minibus", _minibus),
    ("Parent learning", _learning),
    ("Money", _money),
    ("Referrals", _referrals),
    ("Overview", _overview),
    ("History", _history),
]


# --- who sees which page -----------------------------------------------------------------------
# The permission a role needs to see each page (None: every signed-in role). A page not listed
# here is shown to everyone; its own service still refuses what the role may not do.
PAGE_PERMISSIONS: dict[str, str | None] = {
    "Today": None,
    "Children & families": "children",
    "Registers": "registers",
    "Clubs": "clubs",
    "Waiting lists": "clubs",
    "Sites & calendars": "sites",
    "Staff": "staff",
    "Staff rota": "rota",
    "Minibus": "minibus",
    "Parent learning": "courses",
    "Money": "money",
    "Overview": "overview",
    "Referrals": "referrals",
    "History": "history",
}


# --- pages shown read-only ----------------------------------------------------------------------
# Permissions that show a page without allowing its changes (Referrals stays with those who may
# work on it; users, settings and retention are not pages).
_READ_ALL = ("read_all",)
READ_PERMISSIONS: dict[str, tuple[str, ...]] = {
    title: _READ_ALL for title in PAGE_PERMISSIONS if title not in ("Today", "Referrals")
}
READ_PERMISSIONS["Minibus"] = ("read_all", "minibus.run_sheets")


def pages_for(may: Callable[[str], bool]) -> list[tuple[str, PageFactory]]:
    """The pages a role may use or read, in navigation order (``may`` answers for one permission)."""
    return [(title, factory) for title, factory in PAGES
            if (needed := PAGE_PERMISSIONS.get(title)) is None or may(needed)
            or any(may(reading) for reading in READ_PERMISSIONS.get(title, ()))]


def read_only(title: str, may: Callable[[str], bool]) -> bool:
    """True when the role sees the page ``title`` only to read: its own permission is missing."""
    needed = PAGE_PERMISSIONS.get(title)
    return needed is not None and not may(needed)
