"""The Minibus page driven through its widgets: the timeline, clicking a run to edit it, the needs
list, automatic assignment reviewed then saved, the walk-round check, and printing."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.common import page as common_page
from hubdesk.ui.common.dates import qdate
from hubdesk.ui.minibus.dialogs import AssignDialog, CheckDialog, RunDialog
from hubdesk.ui.minibus.page import MinibusPage
from hubdesk.ui.shell.events import AppEvents
from tests.services.minibus.minibus_setup import MON, Scene, driver, elm_to_oak, scene, vehicle, walk_round
from tests.ui.helpers import Said, save


@pytest.fixture
def sc(hub: HubApp, two_schools: dict[str, int]) -> Scene:
    return scene(hub, two_schools, children=5, seats=3)


@pytest.fixture
def page(qtbot: QtBot, hub: HubApp, sc: Scene) -> MinibusPage:
    widget = MinibusPage(hub, AppEvents())
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.day.setDate(qdate(MON))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click_run(qtbot: QtBot, page: MinibusPage, index: int = 0) -> None:
    page.timeline.repaint()
    rect = page.timeline._rects[index][0]
    qtbot.mouseClick(page.timeline, Qt.MouseButton.LeftButton,
                     pos=QPoint(int(rect.center().x()), int(rect.center().y())))


def test_timeline_click_a_run_to_edit_it(qtbot: QtBot, page: MinibusPage, hub: HubApp, sc: Scene,
                                         said: Said) -> None:
    run_id = elm_to_oak(hub, sc)
    escort = driver(hub, "Zoë", role="escort")
    page.refresh()
    assert [lane.title for lane in page.timeline.lanes] == ["Bus XKA (PN19 XKA)"]
    assert [n.met for n in page.needs.rows] == [False] * 5
    assert "5</b> transport needs: <b>0</b> met" in page.needs_summary.text()
    click_run(qtbot, page)
    dialog = page.dialog
    assert isinstance(dialog, RunDialog) and dialog.form_data is not None
    assert dialog.form_data.id == run_id and dialog.stops.table.rowCount() == 2
    dialog.escort.setCurrentIndex(dialog.escort.findData(escort))
    save(qtbot, dialog)
    assert not dialog.isVisible() and said.texts == []
    assert hub.minibus.runs.get(run_id).row.escort == "Zoë Driver"


def test_assign_automatically_is_reviewed_then_saved(qtbot: QtBot, page: MinibusPage, hub: HubApp,
                                                     sc: Scene, said: Said) -> None:
    spare = vehicle(hub, "YX70 ABC", seats=8)
    walk_round(hub, spare, MON)
    elm_to_oak(hub, sc)
    page.refresh()
    qtbot.mouseClick(page.assign_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, AssignDialog) and dialog.rides.rowCount() == 5
    assert not any(n.met for n in hub.minibus.needs.day(MON))  # nothing saved yet
    dialog.accept()
    assert said.texts and said.texts[0].startswith("5 passengers placed, 1 new run made")
    assert all(n.met for n in page.needs.rows)
    assert len(page.timeline.runs) == 2
    assert any(p.startswith("BLOCKING") and "has no driver" in p
               for p in (page.problems.item(i).text() for i in range(page.problems.count())))


def test_walk_round_check_blocks_a_vehicle_until_it_passes(qtbot: QtBot, page: MinibusPage,
                                                           hub: HubApp, sc: Scene,
                                                           said: Said) -> None:
    page.tabs.setCurrentIndex(1)
    tab = page.vehicles_tab
    tab.vehicles_view.selectRow(0)
    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, CheckDialog)
    dialog.items.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.visible_errors() == {"checked_by": "Enter who did the check."}
    qtbot.keyClicks(dialog.checked_by, "Pat")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert "Say what is wrong with: Tyres and wheel nuts." in dialog.visible_errors().values()
    dialog.items.item(0, 1).setText("Nearside front bald")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    [row] = tab.vehicles.rows
    assert row.status == "Blocked" and "Tyres and wheel nuts" in row.blocks[0]
    assert "FAILED: Tyres and wheel nuts: Nearside front bald" in tab.checks_list.item(0).text()


def test_print_run_sheets_off_the_gui_thread(qtbot: QtBot, page: MinibusPage, hub: HubApp, sc: Scene,
                                             monkeypatch: pytest.MonkeyPatch, said: Said) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(common_page, "open_pdf", opened.append)
    run_id = elm_to_oak(hub, sc)
    hub.minibus.runs.add_passenger(run_id, hub.minibus.needs.day(MON)[0].key)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    assert opened[0].exists() and opened[0].stat().st_size > 1000 and said.texts == []
    page.mode.setCurrentIndex(1)
    assert len(page.timeline.lanes) == 5  # Monday to Friday for the one bus
    qtbot.mouseClick(page.print_week_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=10000)


def test_new_vehicle_dates_left_empty_say_so(qtbot: QtBot, page: MinibusPage, hub: HubApp,
                                             said: Said) -> None:
    from hubdesk.ui.minibus.dialogs import VehicleDialog

    page.vehicles_tab.vehicle_dialog(None)
    dialog = page.vehicles_tab.dialog
    assert isinstance(dialog, VehicleDialog)
    assert dialog.dates["mot_due"].text() == "not recorded"
    qtbot.keyClicks(dialog.registration, "ab12 cde")
    save(qtbot, dialog)
    assert not dialog.isVisible() and said.texts == []
    row = next(v for v in page.vehicles_tab.vehicles.rows if v.registration == "AB12 CDE")
    assert row.mot_due is None and any("no MOT date is recorded" in b for b in row.blocks)


def test_both_runs_of_a_clash_are_red(qtbot: QtBot, page: MinibusPage, hub: HubApp, sc: Scene,
                                      said: Said) -> None:
    first = elm_to_oak(hub, sc)
    second = elm_to_oak(hub, sc, depart=time(15, 25), driver_staff_id=driver(hub, "Lee"))
    page.refresh()
    assert {first, second} <= page.timeline.blocked
    assert page.problems.wordWrap()
