"""The main window opens on the demo cluster and every page shows without an error."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.shell.main_window import MainWindow
from hubdesk.ui.shell.pages import PAGES
from tests.ui.helpers import Said


def test_every_page_opens_on_the_demo_cluster(qtbot: QtBot, demo_hub: HubApp, said: Said) -> None:
    window = MainWindow(demo_hub)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    for title, _module, _cls in PAGES:
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
