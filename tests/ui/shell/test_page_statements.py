"""Every list the window shows is read in a bounded number of SQL statements, whatever its length.

Each page's refresh is counted on the demo cluster (2,400 children, hundreds of rows on most pages);
the bound is a small constant, far below the rows shown. The pages whose lists grow with the waiting
lists and the audit log are counted again after twenty more children join a list: the count must not
move.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.shell.main_window import MainWindow
from tests.statements import counting

BOUNDS = {  # page: at most this many statements per refresh (the demo's counts are a little lower)
    "Today": 140,  # sites, sessions, calendars, late children, offers, money, minibus, and the rota
    # page's own week check once per site (8 sites), so its counts equal the rota page's
    "Registers": 20,
    "Clubs": 20,
    "Waiting lists": 20,
    "Staff rota": 30,  # one site's sessions and the weeks of its people (23 on the demo)
    "Minibus": 60,
    "Parent learning": 20,  # the courses, and the chosen course in the tab on screen (14 on the demo)
    "History": 12,  # one read of the entries, then one per kind of record they name
}


def _refresh_count(qtbot: QtBot, window: MainWindow, hub: HubApp, title: str) -> int:
    page = window.show_page(title)
    _wait_loaded(qtbot, page)
    QThreadPool.globalInstance().waitForDone(60000)  # the Today page's reads, when it was the one shown
    with counting(hub.engine) as counter:
        page.refresh()
        _wait_loaded(qtbot, page)
    return counter.count


def _wait_loaded(qtbot: QtBot, page: object) -> None:
    """Today reads its areas in the background: its refresh ends when the last area is on screen."""
    if hasattr(page, "loaded"):
        qtbot.waitUntil(lambda: bool(page.loaded), timeout=30000)


@pytest.mark.parametrize("title", list(BOUNDS))
def test_a_page_refresh_sends_a_bounded_number_of_statements(
        qtbot: QtBot, demo_hub: HubApp, title: str) -> None:
    window = MainWindow(demo_hub)
    qtbot.addWidget(window)
    window.show()
    assert _refresh_count(qtbot, window, demo_hub, title) <= BOUNDS[title]


def test_twenty_more_children_waiting_cost_no_more_statements(qtbot: QtBot, demo_hub: HubApp) -> None:
    window = MainWindow(demo_hub)
    qtbot.addWidget(window)
    window.show()
    titles = ("Today", "Waiting lists", "History")
    club = demo_hub.clubs.list()[0]
    on_list = {row.child_id for row in demo_hub.waiting_lists.open_entries() if row.club_id == club.id}
    first, *children = [c.id for c in demo_hub.children.search("")[:60] if c.id not in on_list][:21]
    # History reads names once per kind of record on its page: one joining first brings that kind in.
    demo_hub.waiting_lists.join(first, club.id)
    before = {title: _refresh_count(qtbot, window, demo_hub, title) for title in titles}
    rows_before = len(demo_hub.waiting_lists.open_entries())
    for child_id in children:
        demo_hub.waiting_lists.join(child_id, club.id)
    assert len(demo_hub.waiting_lists.open_entries()) == rows_before + 20
    after = {title: _refresh_count(qtbot, window, demo_hub, title) for title in titles}
    assert after == before
