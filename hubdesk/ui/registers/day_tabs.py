"""The Registers page's tabs beside the register: late collection, who is on site (and fire drills),
incidents and medicines, the signing-in book. Each reads the page's chosen day and site when shown,
and is built the first time it is shown or asked for (most visits look at the register alone)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QTabWidget

from hubdesk.ui.common.lazy_tabs import LazyTabs
from hubdesk.ui.common.page import Page

if TYPE_CHECKING:
    from hubdesk.ui.registers.health_tab import HealthTab
    from hubdesk.ui.registers.sign_in_book import SignInBookTab
    from hubdesk.ui.registers.tabs import LateTab, OnSiteTab

LATE, ON_SITE, HEALTH, BOOK = 1, 2, 3, 4  # the tabs' places, after the register's


class DayTabs:
    """Adds the tabs to ``tabs`` (after the register's) and reads the one on screen."""

    def __init__(self, page: Page, tabs: QTabWidget, chosen_day: Callable[[], date],
                 site_id: Callable[[], int | None], site_name: Callable[[], str]) -> None:
        self.page, self.tabs = page, tabs
        self.chosen_day, self.site_id, self.site_name = chosen_day, site_id, site_name
        self.lazy = LazyTabs(tabs)
        self.lazy.add("Late collection", self._make_late)
        self.lazy.add("On site now && fire drills", self._make_on_site)
        self.lazy.add("Incidents && medicines", self._make_health)
        self.lazy.add("Signing-in book", self._make_book)

    def _make_late(self) -> LateTab:
        from hubdesk.ui.registers import tabs

        return tabs.LateTab(self.page.app, self.page, self.chosen_day)

    def _make_on_site(self) -> OnSiteTab:
        from hubdesk.ui.registers import tabs

        return tabs.OnSiteTab(self.page.app, self.page, self.chosen_day)

    def _make_health(self) -> HealthTab:
        from hubdesk.ui.registers import health_tab

        return health_tab.HealthTab(self.page.app, self.page, self.chosen_day)

    def _make_book(self) -> SignInBookTab:
        from hubdesk.ui.registers import sign_in_book

        return sign_in_book.SignInBookTab(self.page.app, self.page, self.chosen_day,
                                          self.site_name)

    @property
    def late(self) -> LateTab:
        return cast("LateTab", self.lazy.get(LATE))

    @property
    def on_site(self) -> OnSiteTab:
        return cast("OnSiteTab", self.lazy.get(ON_SITE))

    @property
    def health(self) -> HealthTab:
        return cast("HealthTab", self.lazy.get(HEALTH))

    @property
    def book(self) -> SignInBookTab:
        return cast("SignInBookTab", self.lazy.get(BOOK))

    def load_shown(self) -> None:
        """The tab on screen reads the chosen day and site (the register reads them itself)."""
        index = self.tabs.currentIndex()
        if index == LATE:
            self.late.load(self.chosen_day(), self.site_id())
        elif index == ON_SITE:
            self.on_site.load(self.site_id())
        elif index == HEALTH:
            self.health.load(self.site_id(), self.chosen_day())
        elif index == BOOK:
            self.book.load(self.site_id())
