"""Fixtures for driving the Registers page against a real temporary database (time frozen)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.registers.page import RegistersPage
from hubdesk.ui.shell.events import AppEvents
from tests.services.registers.registers_data import DAY, Cluster, build_cluster, frozen_now
from tests.ui.helpers import Said

__all__ = ["frozen_now"]


@pytest.fixture
def cluster(hub: HubApp, two_schools: dict[str, int], frozen_now: datetime) -> Cluster:
    return build_cluster(hub, two_schools)


@pytest.fixture
def page(qtbot: QtBot, hub: HubApp, cluster: Cluster, said: Said) -> RegistersPage:
    widget = RegistersPage(hub, AppEvents())
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.day.setDate(QDate(DAY))
    widget.site.setCurrentIndex(widget.site.findData(cluster.oak))
    widget.sessions.setCurrentRow(1)  # 07:45 breakfast, then 15:15 after-school
    widget.show()
    qtbot.waitExposed(widget)
    return widget


