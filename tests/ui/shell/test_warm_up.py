"""Once the window is idle, the other pages' code is imported one page per step; none is built."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.shell.main_window import MainWindow
from hubdesk.ui.shell.warm_up import warm_up


def test_each_page_not_yet_built_is_imported_then_the_timer_stops(
        qtbot: QtBot, hub: HubApp, caplog: pytest.LogCaptureFixture) -> None:
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
    others = [title for title, _f in window.visible_pages if title != "Today"]
    qtbot.waitUntil(lambda: not timer.isActive() and imported == others, timeout=10000)
    assert window.pages.built() == ["Today"]  # imported only: nothing built, nothing read
    assert "ahead of time failed" in caplog.text
