"""The Staff page driven through its widgets against a real temporary database."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.services.people.staff import StaffForm
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.staff.page import StaffPage
from tests.ui.helpers import Said, save


@pytest.fixture
def page(qtbot: QtBot, hub: HubApp, two_schools: dict[str, int], events: AppEvents) -> StaffPage:
    hub.staff.save(StaffForm("Ben", "Carter", "play worker", home_site_id=two_schools["elm"]))
    widget = StaffPage(hub, events)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown(page: StaffPage) -> list[str]:
    return [row.name for row in page.model.rows]


def test_add_a_staff_member(qtbot: QtBot, page: StaffPage, hub: HubApp, events: AppEvents,
                            two_schools: dict[str, int], said: Said) -> None:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.forename, "Ana")
    dialog.surname.insert("Ş")  # QTest types Latin-1 only
    qtbot.keyClicks(dialog.surname, "ahin")
    dialog.role.setCurrentIndex(dialog.role.findData("driver"))
    dialog.home_site.setCurrentIndex(dialog.home_site.findData(two_schools["oak"]))
    qtbot.keyClicks(dialog.phone, "07700 900123")
    qtbot.keyClicks(dialog.email, "ana@oak")
    save(qtbot, dialog)
    assert list(dialog.visible_errors()) == ["email"]
    assert dialog.isVisible() and hub.staff.list("ana") == []
    qtbot.keyClicks(dialog.email, ".sch.uk")
    with qtbot.waitSignal(events.staff_changed):
        save(qtbot, dialog)
    assert said.warnings == [] and not dialog.isVisible()
    assert shown(page) == ["Carter, Ben", "Şahin, Ana"]
    row = page.model.rows[1]
    assert (row.role, row.home_site, row.phone, row.email) == (
        "driver", "Oakfield Primary", "07700 900123", "ana@oak.sch.uk")
    assert page.model.index(1, 1).data() == "Driver"


def test_names_are_required_inline(qtbot: QtBot, page: StaffPage, hub: HubApp) -> None:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.forename, "Ana")
    save(qtbot, dialog)
    assert list(dialog.visible_errors()) == ["surname"]
    assert dialog.errors["surname"].isVisible()
    assert len(hub.staff.list(include_inactive=True)) == 1


def test_edit_and_retire_a_staff_member(qtbot: QtBot, page: StaffPage, hub: HubApp) -> None:
    page.view.selectRow(0)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and dialog.surname.text() == "Carter"
    assert dialog.home_site.currentText() == "Elm Street Primary"
    dialog.role.setCurrentIndex(dialog.role.findData("club leader"))
    qtbot.mouseClick(dialog.active, Qt.MouseButton.LeftButton)
    assert not dialog.active.isChecked()
    save(qtbot, dialog)
    assert shown(page) == []
    assert "No staff yet" in page.count.text()
    qtbot.mouseClick(page.show_inactive, Qt.MouseButton.LeftButton)
    assert shown(page) == ["Carter, Ben"]
    assert page.model.index(0, 5).data() == "No (left)"
    person = hub.staff.get(page.model.rows[0].id)
    assert (person.role, person.active) == ("club leader", False)


def test_search_by_name_or_role(qtbot: QtBot, page: StaffPage, hub: HubApp) -> None:
    hub.staff.save(StaffForm("Chidi", "Okafor", "driver"))
    page.refresh()
    qtbot.keyClicks(page.search, "driv")
    qtbot.waitUntil(lambda: shown(page) == ["Okafor, Chidi"])
    page.search.clear()
    qtbot.keyClicks(page.search, "ben carter")
    qtbot.waitUntil(lambda: shown(page) == ["Carter, Ben"])
    page.search.clear()
    qtbot.keyClicks(page.search, "nobody")
    qtbot.waitUntil(lambda: shown(page) == [])
    assert "Nobody matches" in page.count.text()


def test_home_site_names_follow_site_changes(page: StaffPage, hub: HubApp, events: AppEvents,
                                             two_schools: dict[str, int]) -> None:
    elm = hub.sites.get(two_schools["elm"])
    hub.sites.save(replace(elm, name="Elm Street Academy"))
    events.sites_changed.emit()
    assert page.model.rows[0].home_site == "Elm Street Academy"
