"""Once the window is idle, the pages slowest to build are built, then the other pages' code is
imported one page per step."""

from __future__ import annotations

import gc

import pytest
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.core import gc_pace
from hubdesk.ui.shell.main_window import MainWindow
from hubdesk.ui.shell.warm_up import BUILT_AHEAD, warm_up


def test_each_page_not_yet_built_is_imported_then_the_timer_stops(
        qtbot: QtBot, hub: HubApp, caplog: pytest.LogCaptureFixture) -> None:
    """… and at the end the garbage collector goes back to its usual pace (it collects less often
    while the program loads)."""
    gc_pace.loading()
    window = MainWindow(hub)
    qtbot.addWidget(window)
    window.show()
    imported: list[str] = []

    def factory(title: str) -> None:
        imported.append(title)
        if title == "Staff":
            raise ImportError("a page that cannot load says so when it is opened")

    window.visible_pages = [(title, lambda t=title: factory(t))  # type: ignore[misc]
                            for title, _f in window.visible_pages]
    timer = warm_up(window, start_after_ms=0)
    ahead = [title for title, _f in window.visible_pages if title in BUILT_AHEAD]
    # the slowest to build are built first, the others' code imported after, in navigation order
    qtbot.waitUntil(lambda: window.pages.built() == ["Today", *ahead], timeout=20000)
    others = [title for title, _f in window.visible_pages if title not in ("Today", *ahead)]
    qtbot.waitUntil(lambda: imported == others, timeout=10000)
    assert "ahead of time failed" in caplog.text
    qtbot.waitUntil(lambda: not timer.isActive(), timeout=20000)
    assert gc.get_threshold() == gc_pace.USUAL != gc_pace.LOADING


def test_the_imports_start_once_today_has_read_its_areas(qtbot: QtBot, hub: HubApp) -> None:
    window = MainWindow(hub)
    qtbot.addWidget(window)
    window.show()
    today = window.pages["Today"]
    today_loaded_at_first_import: list[bool] = []
    def factory() -> None:
        today_loaded_at_first_import.append(today.loaded)

    window.visible_pages = [(title, factory)  # type: ignore[misc]
                            for title, _f in window.visible_pages]
    timer = warm_up(window, start_after_ms=600_000)  # the latest start is far off: Today starts it
    qtbot.waitUntil(lambda: bool(today_loaded_at_first_import), timeout=20000)
    assert today_loaded_at_first_import[0] is True
    timer.stop()
