"""Editing ratio bands per site and the rota settings from the Staff rota page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.services.rota.dto import RatioBandRow
from hubdesk.ui.rota.page import RotaPage
from hubdesk.ui.rota.ratio_rules_dialog import RatioRulesDialog
from hubdesk.ui.shell.events import AppEvents
from tests.ui.helpers import save


def test_a_site_gets_its_own_bands_and_can_go_back_to_the_defaults(
        qtbot: QtBot, hub: HubApp, two_schools: dict[str, int]) -> None:
    oak = two_schools["oak"]
    page = RotaPage(hub, AppEvents())
    qtbot.addWidget(page)
    page.choose_site(oak)
    qtbot.mouseClick(page.rules_button, Qt.MouseButton.LeftButton)
    dialog = page.rules_dialog
    qtbot.waitExposed(dialog)
    assert dialog.site.currentData() == oak and not dialog.own.isChecked()
    assert not dialog.table.isEnabled()
    dialog.own.setChecked(True)
    dialog.table.item(0, 1).setText("6")  # under-eights 1:6 at Oakfield
    dialog.minimum.setValue(3)
    with qtbot.waitSignal(page.events.staff_changed):
        save(qtbot, dialog)
    bands, own = hub.rota.ratio_bands(oak)
    assert own and bands[0] == RatioBandRow(bands[0].from_age, 6)
    assert hub.rota.ratio_bands(None)[0][0].per_adult == 8  # the defaults are untouched
    assert hub.rota.settings().minimum_staff == 3
    again = RatioRulesDialog(hub.rota, [(oak, "Oakfield")], oak)
    qtbot.addWidget(again)
    assert again.own.isChecked()
    again.own.setChecked(False)
    save(qtbot, again)
    assert hub.rota.ratio_bands(oak) == (hub.rota.ratio_bands(None)[0], False)


@pytest.mark.parametrize(("age", "per_adult", "message"), [("eight", "8", "whole numbers"),
                                                           ("0", "0", "")])
def test_bad_bands_show_beside_the_table_and_save_nothing(
        qtbot: QtBot, hub: HubApp, two_schools: dict[str, int], age: str, per_adult: str,
        message: str) -> None:
    dialog = RatioRulesDialog(hub.rota, [], None)
    qtbot.addWidget(dialog)
    dialog.table.item(0, 0).setText(age)
    dialog.table.item(0, 1).setText(per_adult)
    dialog.minimum.setValue(4)
    save(qtbot, dialog)
    errors = dialog.visible_errors()
    assert "bands" in errors and message in errors["bands"]
    assert dialog.saved_id is None
    assert hub.rota.ratio_bands(None)[0][0].per_adult == 8
    assert hub.rota.settings().minimum_staff == 2
