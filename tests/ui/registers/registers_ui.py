"""Fixtures for driving the Registers page against a real temporary database (time frozen)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.registers.page import RegistersPage
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents
from tests.services.registers.registers_data import DAY, Cluster, build_cluster, frozen_now

__all__ = ["frozen_now"]


@pytest.fixture
def cluster(hub: HubApp, two_schools: dict[str, int], frozen_now: datetime) -> Cluster:
    return build_cluster(hub, two_schools)


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(feedback, "warn", lambda _p, _t, text: messages.append(text))
    monkeypatch.setattr(feedback, "inform", lambda _p, _t, text: messages.append(text))
    return messages


@pytest.fixture
def page(qtbot: QtBot, hub: HubApp, cluster: Cluster, said: list[str]) -> RegistersPage:
    widget = RegistersPage(hub, AppEvents())
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.day.setDate(QDate(DAY))
    widget.site.setCurrentIndex(widget.site.findData(cluster.oak))
    widget.sessions.setCurrentRow(1)  # 07:45 breakfast, then 15:15 after-school
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def row_of(page: RegistersPage, name: str) -> int:
    return [x.name for x in page.table.register_model.lines].index(name)


def click_ok(qtbot: QtBot, buttons: QDialogButtonBox) -> None:
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
