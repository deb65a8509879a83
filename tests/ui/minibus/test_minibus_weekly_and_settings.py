"""The Minibus page's 'Weekly runs…' (add one, change one from a date) and 'Settings…' dialogs,
driven through their widgets with inline errors."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QComboBox, QTimeEdit
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.common.dates import qdate
from hubdesk.ui.minibus.page import MinibusPage
from hubdesk.ui.minibus.patterns_dialog import PatternDialog, PatternsDialog
from hubdesk.ui.minibus.settings_dialog import MinibusSettingsDialog
from hubdesk.ui.shell.events import AppEvents
from tests.conftest import frozen_clock
from tests.services.minibus.minibus_setup import MON, Scene, scene
from tests.ui.helpers import Said, save, type_over

TODAY = date(2026, 9, 1)


@pytest.fixture
def page(qtbot: QtBot, hub: HubApp, two_schools: dict[str, int]) -> tuple[MinibusPage, Scene]:
    sc = scene(hub, two_schools, children=2)
    hub.clock.frozen_at = frozen_clock(TODAY, 9).now()  # weekly runs change from today on
    widget = MinibusPage(hub, AppEvents())
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.day.setDate(qdate(MON))
    widget.show()
    return widget, sc


def test_settings_dialog_saves_with_inline_errors(qtbot: QtBot, page: tuple[MinibusPage, Scene],
                                                  hub: HubApp, said: Said) -> None:
    widget, sc = page
    assert "2</b> transport needs" in widget.needs_summary.text()
    qtbot.mouseClick(widget.settings_button, Qt.MouseButton.LeftButton)
    dialog = widget.dialog
    assert isinstance(dialog, MinibusSettingsDialog)
    assert dialog.school_ends.time() == QTime(15, 15) and dialog.max_ride.value() == 45
    dialog.school_ends.setTime(QTime(8, 30))
    type_over(qtbot, dialog.max_ride, "200")
    save(qtbot, dialog)
    assert dialog.visible_errors() == {"school_ends": "School must end after it starts."}
    dialog.school_ends.setTime(QTime(15, 10))
    save(qtbot, dialog)
    assert dialog.visible_errors() == {
        "max_ride_minutes": "The longest ride must be between 5 and 180 minutes."}
    type_over(qtbot, dialog.max_ride, "40")
    elm_row = next(r for r in range(dialog.sites.rowCount())
                   if dialog.sites.item(r, 0).data(256) == sc.elm)
    ends = dialog.sites.cellWidget(elm_row, 2)
    escort = dialog.sites.cellWidget(elm_row, 3)
    assert isinstance(ends, QTimeEdit) and isinstance(escort, QComboBox)
    assert ends.text() == "as the cluster" and escort.currentText() == "as the cluster"
    ends.setTime(QTime(15, 30))
    escort.setCurrentIndex(escort.findData("anyone"))
    save(qtbot, dialog)
    assert not dialog.isVisible() and said.texts == []
    stored = hub.minibus.settings.get()
    assert (stored.school_ends, stored.max_ride_minutes) == (time(15, 10), 40)
    assert stored.ends(sc.elm) == time(15, 30) and stored.escort_rule_at(sc.elm) == "anyone"
    assert stored.ends(sc.oak) == time(15, 10) and len(stored.sites) == 1
    assert {n.ready_at for n in widget.needs.rows} == {time(15, 30)}  # the page reloaded


def test_weekly_run_added_then_changed_from_a_date(qtbot: QtBot, page: tuple[MinibusPage, Scene],
                                                   hub: HubApp, said: Said) -> None:
    widget, sc = page
    qtbot.mouseClick(widget.patterns_button, Qt.MouseButton.LeftButton)
    weekly = widget.dialog
    assert isinstance(weekly, PatternsDialog) and weekly.table.rowCount() == 0
    qtbot.mouseClick(weekly.new_button, Qt.MouseButton.LeftButton)
    form = weekly.child
    assert isinstance(form, PatternDialog)
    first = form.stops.stops()[0]
    assert first.arrive is None and first.depart == time(15, 15)  # leaves when school ends
    for box in form.days:
        box.setChecked(False)
    save(qtbot, form)
    assert form.visible_errors() == {"name": "Name the weekly run, e.g. After school: Elm to Oak."}
    qtbot.keyClicks(form.name, "After school: Elm to Oak")
    save(qtbot, form)
    assert form.visible_errors() == {"weekdays": "Choose the weekdays (Monday to Friday) it runs."}
    qtbot.mouseClick(form.days[0], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.days[4], Qt.MouseButton.LeftButton)
    form.start.setDate(qdate(date(2026, 9, 14)))
    form.end.setDate(qdate(date(2026, 10, 23)))
    form.calendar.setCurrentIndex(form.calendar.findData(sc.elm))
    form.driver.setCurrentIndex(form.driver.findData(sc.pat))
    sites = form.stops.table
    for row, site in ((0, sc.elm), (1, sc.oak)):
        box = sites.cellWidget(row, 0)
        assert isinstance(box, QComboBox)
        box.setCurrentIndex(box.findData(site))
    depart = sites.cellWidget(0, 2)
    assert isinstance(depart, QTimeEdit)
    depart.setTime(QTime(15, 20))
    qtbot.mouseClick(form.stops.times_button, Qt.MouseButton.LeftButton)
    save(qtbot, form)
    assert not form.isVisible() and said.texts == []
    assert weekly.table.rowCount() == 1 and weekly.table.item(0, 5).text() == "12"
    # Change it from Mon 5 October: Mondays only, leaving at 15:30.
    weekly.table.selectRow(0)
    qtbot.mouseClick(weekly.edit_button, Qt.MouseButton.LeftButton)
    change = weekly.child
    assert isinstance(change, PatternDialog) and change.name.text() == "After school: Elm to Oak"
    change.from_day.setDate(qdate(date(2026, 10, 5)))
    qtbot.mouseClick(change.days[4], Qt.MouseButton.LeftButton)
    depart = change.stops.table.cellWidget(0, 2)
    assert isinstance(depart, QTimeEdit)
    depart.setTime(QTime(15, 30))
    qtbot.mouseClick(change.stops.times_button, Qt.MouseButton.LeftButton)
    save(qtbot, change)
    assert not change.isVisible()
    assert said.texts == ["3 later runs changed, 0 new, 3 cancelled. Earlier runs are as they were."]
    starts = {r.day: f"{r.start:%H:%M}" for r in hub.minibus.runs.runs(date(2026, 9, 1),
                                                                         date(2026, 10, 31))}
    assert starts[date(2026, 9, 28)] == "15:20" and starts[date(2026, 10, 2)] == "15:20"
    assert starts[date(2026, 10, 5)] == "15:30" and date(2026, 10, 9) not in starts
    assert weekly.table.item(0, 5).text() == "9"
    weekly.reject()
    assert len(widget.timeline.runs) == 1  # the page shows Monday 14 September's run
