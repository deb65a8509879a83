"""Tabs built when first shown or asked for: in their place, under their title, the chosen tab kept."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.common.lazy_tabs import LazyTabs
from hubdesk.ui.registers.day_tabs import LATE
from hubdesk.ui.registers.page import RegistersPage
from hubdesk.ui.shell.events import AppEvents


def test_a_tab_is_built_once_when_shown_or_asked_for(qtbot: QtBot) -> None:
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel("first"), "First")
    lazy = LazyTabs(tabs)
    made: list[str] = []

    def maker(name: str) -> QWidget:
        made.append(name)
        return QLabel(name)

    second = lazy.add("Second", lambda: maker("second"))
    third = lazy.add("Third", lambda: maker("third"))
    shown: list[int] = []
    tabs.currentChanged.connect(lambda i: shown.append(i) or None)
    assert made == [] and lazy.built(second) is None and lazy.built(0) is tabs.widget(0)
    tabs.setCurrentIndex(second)  # shown: built before other handlers look
    assert made == ["second"] and tabs.currentWidget() is lazy.built(second)
    assert isinstance(tabs.currentWidget(), QLabel) and shown == [second]
    page = lazy.get(third)  # asked for while another tab is on screen
    assert made == ["second", "third"] and tabs.currentIndex() == second and shown == [second]
    assert tabs.widget(third) is page and [tabs.tabText(i) for i in range(3)] == [
        "First", "Second", "Third"]
    assert lazy.get(third) is page and made == ["second", "third"]


def test_the_registers_page_builds_its_other_tabs_when_shown(qtbot: QtBot, demo_hub: HubApp) -> None:
    page = RegistersPage(demo_hub, AppEvents())
    qtbot.addWidget(page)
    lazy = page.day_tabs.lazy
    assert all(lazy.built(i) is None for i in range(1, page.tabs.count()))
    page.tabs.setCurrentIndex(LATE)
    assert lazy.built(LATE) is page.day_tabs.late is page.tabs.currentWidget()
