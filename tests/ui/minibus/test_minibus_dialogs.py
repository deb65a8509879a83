"""Minibus forms driven through their widgets: putting passengers on and taking them off in the run
editor with the seats per stretch shown before saving, and the vehicle's weight and equipment."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.minibus.dialogs import VehicleDialog
from hubdesk.ui.minibus.run_dialog import RunDialog
from tests.services.minibus.minibus_setup import MON, Scene, elm_to_oak, scene
from tests.ui.helpers import Said, save, type_over


@pytest.fixture
def sc(hub: HubApp, two_schools: dict[str, int]) -> Scene:
    return scene(hub, two_schools, children=4, seats=3)


def open_run(qtbot: QtBot, hub: HubApp, run_id: int) -> RunDialog:
    dialog = RunDialog(hub, MON, run_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_put_on_and_take_off_with_seats_shown_before_saving(qtbot: QtBot, hub: HubApp, sc: Scene,
                                                            said: Said) -> None:
    run_id = elm_to_oak(hub, sc)
    dialog = open_run(qtbot, hub, run_id)
    assert dialog.candidates.count() == 4 and dialog.aboard_table.rowCount() == 0
    assert "0/3 seats" in dialog.seats.text()
    for _ in range(4):
        qtbot.mouseClick(dialog.put_on_button, Qt.MouseButton.LeftButton)
    assert dialog.aboard_table.rowCount() == 4
    assert dialog.candidates.currentData() is None and not dialog.put_on_button.isEnabled()
    assert "4/3 seats" in dialog.seats.text() and "only 3 seats" in dialog.seats.text()
    assert not dialog.seats_ok
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert "no seat free on every stretch" in dialog.visible_errors()["passengers"]
    assert hub.minibus.runs.get(run_id).passengers == ()  # nothing saved
    dialog.aboard_table.selectRow(3)
    qtbot.mouseClick(dialog.take_off_button, Qt.MouseButton.LeftButton)
    assert "3/3 seats" in dialog.seats.text() and dialog.seats_ok
    assert dialog.candidates.count() == 1  # the child taken off can be put on again
    save(qtbot, dialog)
    assert not dialog.isVisible() and said.texts == []
    aboard = hub.minibus.runs.get(run_id).passengers
    assert len(aboard) == 3 and sum(n.met for n in hub.minibus.needs.day(MON)) == 3
    # Take one off and put the waiting child on, in one save.
    again = open_run(qtbot, hub, run_id)
    again.aboard_table.selectRow(0)
    qtbot.mouseClick(again.take_off_button, Qt.MouseButton.LeftButton)
    assert again.candidates.count() == 2
    again.candidates.setCurrentIndex(again.candidates.findData(hub.minibus.needs.day(MON)[3].key))
    qtbot.mouseClick(again.put_on_button, Qt.MouseButton.LeftButton)
    save(qtbot, again)
    assert not again.isVisible()
    assert [n.met for n in hub.minibus.needs.day(MON)] == [False, True, True, True]


def test_a_cancelled_booking_shows_in_the_editor(qtbot: QtBot, hub: HubApp, sc: Scene,
                                                 said: Said) -> None:
    run_id = elm_to_oak(hub, sc)
    first = hub.minibus.needs.day(MON)[0]
    hub.minibus.runs.add_passenger(run_id, first.key)
    hub.bookings.cancel(int(first.key.split(":")[1]), "Moved away")
    dialog = open_run(qtbot, hub, run_id)
    assert dialog.aboard_table.item(0, 3).text() == "booking cancelled: take off"
    assert "0/3 seats" in dialog.seats.text()  # holds no seat
    dialog.aboard_table.selectRow(0)
    qtbot.mouseClick(dialog.take_off_button, Qt.MouseButton.LeftButton)
    save(qtbot, dialog)
    assert not dialog.isVisible() and hub.minibus.runs.get(run_id).passengers == ()


def test_vehicle_weight_and_equipment_with_inline_errors(qtbot: QtBot, hub: HubApp, sc: Scene,
                                                         said: Said) -> None:
    dialog = VehicleDialog(hub, sc.bus)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.weight.value() == 3500 and not dialog.equipment.isChecked()
    type_over(qtbot, dialog.weight, "300")
    save(qtbot, dialog)
    assert dialog.visible_errors() == {"gross_weight_kg": "Enter the gross weight in kg, e.g. 3500."}
    type_over(qtbot, dialog.weight, "4200")
    qtbot.mouseClick(dialog.equipment, Qt.MouseButton.LeftButton)
    type_over(qtbot, dialog.seats, "0")
    save(qtbot, dialog)
    assert list(dialog.visible_errors()) == ["seats"]
    type_over(qtbot, dialog.seats, "14")
    type_over(qtbot, dialog.inspection_weeks, "8")
    save(qtbot, dialog)
    assert not dialog.isVisible() and said.texts == []
    form = hub.minibus.vehicles.get(sc.bus)
    assert (form.gross_weight_kg, form.disability_equipment, form.seats, form.inspection_weeks) == (
        4200, True, 14, 8)
    blank = VehicleDialog(hub, None)
    qtbot.addWidget(blank)
    assert blank.weight.text() == "not recorded"


def test_the_run_editor_fits_a_1366_by_768_screen(qtbot: QtBot, hub: HubApp, sc: Scene) -> None:
    dialog = open_run(qtbot, hub, elm_to_oak(hub, sc))
    assert dialog.height() <= 768 - 70
