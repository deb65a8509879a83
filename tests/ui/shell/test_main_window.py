"""The main window opens on the demo cluster and every page shows without an error."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp, open_app
from hubdesk.core.clock import Clock
from hubdesk.settings import Settings
from hubdesk.ui.shell.main_window import MainWindow
from hubdesk.ui.shell.pages import PAGES
from hubdesk.ui.sites.calendar_entry_dialog import to_date
from tests.ui.helpers import Said


def test_every_page_opens_on_the_demo_cluster(qtbot: QtBot, demo_hub: HubApp, said: Said) -> None:
    window = MainWindow(demo_hub)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    for title, _factory in PAGES:
        page = window.show_page(title)
        qtbot.wait(10)
        assert window.stack.currentWidget() is page
        assert page.isVisible()
    assert said.warnings == []
    actions = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Import children from the MIS…" in actions


def test_the_window_fits_a_1366_by_768_laptop_screen(qtbot: QtBot, demo_hub: HubApp) -> None:
    """Every page together decides the window's smallest size; school laptops are often 1366x768."""
    window = MainWindow(demo_hub)
    qtbot.addWidget(window)
    smallest = window.minimumSizeHint()
    too_big = {title: (page.minimumSizeHint().width(), page.minimumSizeHint().height())
               for title, page in window.pages.items()
               if page.minimumSizeHint().width() > 1366 - 200 or page.minimumSizeHint().height() > 640}
    assert too_big == {}
    assert smallest.width() <= 1366 and smallest.height() <= 720


# The same window on two very different days. The second moment is half past midnight in British
# Summer Time: the UTC date is still the day before, which the Clubs and Waiting lists pages used
# to show as "today".
@pytest.mark.parametrize(("day", "hour", "minute"), [(date(2026, 11, 30), 9, 0),
                                                     (date(2027, 7, 15), 0, 30)])
def test_the_pages_take_today_from_the_apps_clock_in_london(
        qtbot: QtBot, settings: Settings, day: date, hour: int, minute: int) -> None:
    clock = Clock.at_local(day, hour, minute)
    app = open_app(settings, create=True, clock=clock)
    try:
        window = MainWindow(app)
        qtbot.addWidget(window)
        window.show()
        clubs = window.show_page("Clubs")
        waiting = window.show_page("Waiting lists")
        assert clubs.today() == waiting.today() == clubs.panel.today() == clubs.panel.week == day
        assert to_date(clubs.week) == day  # the week shown is the London day's week
        assert app.clubs.list(week_of_day=None) == app.clubs.list(week_of_day=day)
        assert window.pages["Today"].heading.text() == f"Today — {day:%A %d %B %Y}"
        window.close()
    finally:
        app.close()


def test_half_past_midnight_in_summer_is_still_the_day_before_in_utc() -> None:
    """Guards the test above: its summer moment really falls in the hour the two dates differ."""
    clock = Clock.at_local(date(2027, 7, 15), 0, 30)
    assert clock.now().date() == date(2027, 7, 14) and clock.today() == date(2027, 7, 15)
