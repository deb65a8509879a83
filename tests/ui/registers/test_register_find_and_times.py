"""A register's find box, signing out in the minute of signing in, and the early sign-in warning."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.registers.page import RegistersPage
from tests.services.registers.registers_data import DAY, Cluster
from tests.ui.helpers import Said, save


def test_the_find_box_finds_a_child_by_the_lists_own_form(qtbot: QtBot, page: RegistersPage,
                                                        cluster: Cluster) -> None:
    page.find_box.setText("Wiśniewska, Łu")  # pasted: QTest types ASCII only
    shown = [n for n in range(page.table.register_model.rowCount()) if not page.table.isRowHidden(n)]
    assert [page.table.register_model.lines[n].name for n in shown] == ["Wiśniewska, Łucja"]
    assert page.table.selected() is not None
    page.find_box.clear()
    assert not any(page.table.isRowHidden(n) for n in range(page.table.register_model.rowCount()))


def test_enter_in_the_find_box_signs_the_one_child_in(qtbot: QtBot, page: RegistersPage,
                                                       hub: HubApp, cluster: Cluster) -> None:
    qtbot.keyClicks(page.find_box, "lucja")
    qtbot.keyClick(page.find_box, Qt.Key.Key_Return)
    assert hub.registers.take.line(cluster.sb("lucja")).state == "in"


def test_signing_out_in_the_same_minute_as_signing_in_is_allowed(
        qtbot: QtBot, page: RegistersPage, hub: HubApp, cluster: Cluster) -> None:
    hub.clock.frozen_at = datetime(DAY.year, DAY.month, DAY.day, 17, 45, 30)  # 17:45 and 30 s
    page.load_register()
    button = page.table.buttons[cluster.sb("lucja")]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the time field says 17:45
    dialog = page.dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.radios[0], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    save(qtbot, dialog.buttons)  # type: ignore[attr-defined]
    assert dialog.visible_errors() == {}  # type: ignore[attr-defined]
    line = hub.registers.take.line(cluster.sb("lucja"))
    assert line.state == "out" and line.signed_out_at == line.signed_in_at


def test_signing_in_hours_before_the_session_asks_first(qtbot: QtBot, page: RegistersPage,
                                                        hub: HubApp, cluster: Cluster,
                                                        said: Said) -> None:
    hub.clock.frozen_at = datetime(DAY.year, DAY.month, DAY.day, 11, 5)  # 4 h 10 min early
    said.confirm = False
    qtbot.mouseClick(page.table.buttons[cluster.sb("lucja")], Qt.MouseButton.LeftButton)
    assert said.messages[-1].title == "Sign in early?"
    assert "starts at 15:15, 4 h 10 min from now" in said.messages[-1].text
    assert hub.registers.take.line(cluster.sb("lucja")).state != "in"
    said.confirm = True
    qtbot.mouseClick(page.table.buttons[cluster.sb("lucja")], Qt.MouseButton.LeftButton)
    assert hub.registers.take.line(cluster.sb("lucja")).state == "in"
