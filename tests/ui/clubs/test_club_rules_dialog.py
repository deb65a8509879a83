"""The club rules the office sets from the Clubs page: late cut-off and waiting-list order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.core.rules.club_rules import FUNDED, JOINED, SIBLING
from hubdesk.ui.clubs.club_rules_dialog import ClubRulesDialog
from hubdesk.ui.clubs.page import ClubsPage
from hubdesk.ui.shell.events import AppEvents
from tests.ui.helpers import save


def test_change_cut_off_and_put_funded_places_first(qtbot: QtBot, hub: HubApp,
                                                   two_schools: dict[str, int]) -> None:
    page = ClubsPage(hub, AppEvents())
    qtbot.addWidget(page)
    qtbot.mouseClick(page.rules_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ClubRulesDialog)
    assert dialog.cutoff.value() == 48
    dialog.cutoff.setValue(24)
    dialog.order.setCurrentRow(1)  # "FSM or Pupil Premium"
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    assert dialog.order.item(1).text() == "sibling already booked"
    dialog.order.item(1).setCheckState(Qt.CheckState.Unchecked)
    save(qtbot, dialog)
    rules = hub.clubs.rules()
    assert rules.late_cutoff_hours == 24
    assert rules.waiting_priority == (FUNDED, JOINED)
    again = ClubRulesDialog(hub.clubs)
    qtbot.addWidget(again)
    assert again.order.item(2).data(Qt.ItemDataRole.UserRole) == SIBLING
