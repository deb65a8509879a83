"""The main window opens on the demo cluster and every page shows without an error."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui import feedback
from hubdesk.ui.main_window import MainWindow
from hubdesk.ui.views import PAGES


def test_every_page_opens_on_the_demo_cluster(qtbot: QtBot, demo_hub: HubApp,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(feedback, "warn", lambda _p, _t, text: said.append(text))
    window = MainWindow(demo_hub)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    for title, _module, _cls in PAGES:
        page = window.show_page(title)
        qtbot.wait(10)
        assert window.stack.currentWidget() is page
        assert page.isVisible()
    assert said == []
    actions = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Import children from the MIS…" in actions
