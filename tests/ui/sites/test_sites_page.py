"""The Sites & calendars page driven through its widgets against a real temporary database."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QWidget
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.services.sites.sites import SiteForm
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.sites.page import SitesPage
from tests.ui.helpers import Said, save


@pytest.fixture
def page(qtbot: QtBot, hub: HubApp, two_schools: dict[str, int], events: AppEvents) -> SitesPage:
    widget = SitesPage(hub, events)
    qtbot.addWidget(widget)
    widget.resize(1100, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def names(page: SitesPage) -> list[str]:
    return [site.name for site in page.sites.model.rows]


def test_new_site_through_the_dialog(qtbot: QtBot, page: SitesPage, hub: HubApp,
                                     events: AppEvents, said: Said) -> None:
    qtbot.mouseClick(page.sites.new_button, Qt.MouseButton.LeftButton)
    dialog = page.sites.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.name, "Hill View Primary")
    qtbot.keyClicks(dialog.dfe_number, "888/2003")
    dialog.ofsted_status.setCurrentIndex(dialog.ofsted_status.findData("exempt"))
    qtbot.keyClicks(dialog.room_name, "Hall")
    qtbot.mouseClick(dialog.add_room_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.room_name, "Music room")  # typed, never "added": still kept
    with qtbot.waitSignal(events.sites_changed):
        save(qtbot, dialog)
    assert said.warnings == []
    assert not dialog.isVisible()
    saved = next(s for s in hub.sites.list() if s.name == "Hill View Primary")
    assert (saved.dfe_number, saved.ofsted_status, saved.rooms) == (
        "8882003", "exempt", ("Hall", "Music room"))
    assert names(page) == ["Elm Street Primary", "Hill View Primary", "Oakfield Primary"]
    assert page.travel.table.rowCount() == 3
    assert page.calendar.school.findData(saved.id) >= 0


def test_bad_dfe_number_is_shown_beside_the_field_and_nothing_is_saved(
        qtbot: QtBot, page: SitesPage, hub: HubApp, said: Said) -> None:
    qtbot.mouseClick(page.sites.new_button, Qt.MouseButton.LeftButton)
    dialog = page.sites.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.name, "Hill View Primary")
    qtbot.keyClicks(dialog.dfe_number, "12345")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert list(dialog.visible_errors()) == ["dfe_number"]
    assert "7 digits" in dialog.errors["dfe_number"].text()
    assert dialog.errors["dfe_number"].isVisible()
    assert len(hub.sites.list()) == 2 and said.warnings == []
    dialog.dfe_number.clear()
    qtbot.keyClicks(dialog.dfe_number, "8882001")  # Oakfield's number
    save(qtbot, dialog)
    assert "Oakfield Primary" in dialog.visible_errors()["dfe_number"]
    dialog.dfe_number.clear()
    qtbot.keyClicks(dialog.latitude, "fifty")
    save(qtbot, dialog)
    assert list(dialog.visible_errors()) == ["latitude"]
    assert dialog.name.text() == "Hill View Primary"  # nothing typed was lost
    assert len(hub.sites.list()) == 2
    dialog.latitude.clear()
    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert len(hub.sites.list()) == 3


def test_edit_a_site_from_the_list(qtbot: QtBot, page: SitesPage, hub: HubApp,
                                   two_schools: dict[str, int]) -> None:
    page.sites.view.selectRow(names(page).index("Elm Street Primary"))
    qtbot.mouseClick(page.sites.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.sites.dialog
    assert dialog is not None and dialog.name.text() == "Elm Street Primary"
    dialog.rooms.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove_room_button, Qt.MouseButton.LeftButton)
    dialog.active.setChecked(False)
    save(qtbot, dialog)
    elm = hub.sites.get(two_schools["elm"])
    assert elm.rooms == () and not elm.active
    row = names(page).index("Elm Street Primary")
    assert page.sites.model.index(row, 6).data() == "No (left)"
    assert page.travel.table.rowCount() == 1  # sites that left are not in the travel table


def _type_into_cell(qtbot: QtBot, page: SitesPage, from_site: int, to_site: int,
                    text: str) -> None:
    table = page.travel.table
    item = page.travel.cell(from_site, to_site)
    assert item is not None
    index = table.indexFromItem(item)
    table.setCurrentItem(item)
    table.editItem(item)
    editor = table.indexWidget(index)
    assert isinstance(editor, QAbstractSpinBox)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.indexWidget(index) is None)  # the view commits on its next turn


def test_edit_a_travel_time_in_the_matrix(qtbot: QtBot, page: SitesPage, hub: HubApp,
                                          two_schools: dict[str, int], events: AppEvents,
                                          said: Said) -> None:
    oak, elm = two_schools["oak"], two_schools["elm"]
    page.tabs.setCurrentWidget(page.travel)
    before = hub.sites.travel_times()[(oak, elm)]
    assert page.travel.cell(oak, elm).text() == str(before)  # type: ignore[union-attr]
    with qtbot.waitSignal(events.sites_changed):
        _type_into_cell(qtbot, page, oak, elm, "27")
    assert said.warnings == []
    assert hub.sites.travel_times()[(oak, elm)] == hub.sites.travel_times()[(elm, oak)] == 27
    qtbot.waitUntil(lambda: page.travel.cell(elm, oak).text() == "27")  # type: ignore[union-attr]

    page.travel.both_ways.setChecked(False)
    _type_into_cell(qtbot, page, elm, oak, "35")
    assert (hub.sites.travel_times()[(oak, elm)], hub.sites.travel_times()[(elm, oak)]) == (27, 35)


def test_a_bad_travel_time_is_refused_with_a_message(qtbot: QtBot, page: SitesPage, hub: HubApp,
                                                     two_schools: dict[str, int],
                                                     said: Said) -> None:
    oak, elm = two_schools["oak"], two_schools["elm"]
    before = hub.sites.travel_times()
    page.tabs.setCurrentWidget(page.travel)
    _type_into_cell(qtbot, page, oak, elm, "0")
    assert len(said.warnings) == 1 and "between 1 and 600" in said.warnings[0]
    assert hub.sites.travel_times() == before
    qtbot.waitUntil(
        lambda: page.travel.cell(oak, elm).text() == str(before[(oak, elm)]))  # type: ignore[union-attr]


def _choose_school(page: SitesPage, site_id: int) -> None:
    page.tabs.setCurrentWidget(page.calendar)
    page.calendar.school.setCurrentIndex(page.calendar.school.findData(site_id))


def test_adding_an_inset_day_marks_the_month_closed(qtbot: QtBot, page: SitesPage, hub: HubApp,
                                                    two_schools: dict[str, int],
                                                    events: AppEvents) -> None:
    oak = two_schools["oak"]
    _choose_school(page, oak)
    view = page.calendar.month_view
    view.show_month(2026, 11)
    day = date(2026, 11, 20)
    assert view.cell_for(day).data(Qt.ItemDataRole.UserRole) == "open"  # type: ignore[union-attr]
    view.show_month(2026, 1)  # the dialog jumps the view to the new entry's month
    qtbot.mouseClick(page.calendar.add_button, Qt.MouseButton.LeftButton)
    dialog = page.calendar.dialog
    assert dialog is not None and dialog.kind.currentData() == "inset"
    dialog.start_date.setDate(QDate(2026, 11, 20))
    assert dialog.end_date.date() == QDate(2026, 11, 20)  # a one-day entry follows its start
    qtbot.keyClicks(dialog.label, "Staff training")
    with qtbot.waitSignal(events.calendars_changed) as signal:
        save(qtbot, dialog)
    assert signal.args == [oak]
    assert (view.year, view.month) == (2026, 11)
    cell = view.cell_for(day)
    assert cell is not None
    assert cell.data(Qt.ItemDataRole.UserRole) == "inset"
    assert "INSET day" in cell.text() and "Staff training" in cell.text()
    assert "INSET day: Staff training" in cell.toolTip()
    assert cell.background().color().name() != "#ffffff"
    assert "<b>20</b> open days" in view.summary.text()
    assert [e.kind for e in page.calendar.model.rows] == ["term", "half_term", "inset"]
    assert not hub.calendars.month(oak, 2026, 11)[19].open


def test_month_view_steps_and_names_bank_holidays(qtbot: QtBot, page: SitesPage,
                                                  two_schools: dict[str, int]) -> None:
    _choose_school(page, two_schools["elm"])
    view = page.calendar.month_view
    view.show_month(2026, 11)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.title.text() == "December 2026"
    boxing = view.cell_for(date(2026, 12, 28))
    assert boxing is not None and "Boxing Day (substitute day)" in boxing.toolTip()
    assert "Bank holiday" in boxing.text()
    assert view.cell_for(date(2026, 12, 26)) is None  # a Saturday: weekends are not drawn
    assert view.cell_for(date(2026, 12, 21)).text() == "21  School holiday"  # type: ignore[union-attr]
    for _ in range(2):
        qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)
    assert view.title.text() == "October 2026"
    assert view.cell_for(date(2026, 10, 27)).data(  # type: ignore[union-attr]
        Qt.ItemDataRole.UserRole) == "half_term"


def test_compare_mode_puts_schools_side_by_side(qtbot: QtBot, page: SitesPage,
                                                two_schools: dict[str, int]) -> None:
    oak, elm = two_schools["oak"], two_schools["elm"]
    _choose_school(page, oak)
    view = page.calendar.month_view
    view.show_month(2026, 11)
    qtbot.mouseClick(view.compare, Qt.MouseButton.LeftButton)
    assert view.compare.isChecked()
    assert view.grid.rowCount() == 2 and view.grid.columnCount() == 21
    assert view.cell_for(date(2026, 11, 27), elm).text() == "I"  # type: ignore[union-attr]
    assert view.cell_for(date(2026, 11, 27), oak).text() == ""  # type: ignore[union-attr]
    assert "Elm Street Primary <b>20</b>" in view.summary.text()
    assert "Oakfield Primary <b>21</b>" in view.summary.text()


def test_deleting_an_entry_asks_first(qtbot: QtBot, page: SitesPage, hub: HubApp,
                                      two_schools: dict[str, int],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    elm = two_schools["elm"]
    _choose_school(page, elm)
    page.calendar.month_view.show_month(2026, 11)
    asked: list[str] = []
    answer = [False]

    def confirm(_parent: QWidget | None, _title: str, text: str) -> bool:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(feedback, "confirm", confirm)
    rows = [e.kind for e in page.calendar.model.rows]
    page.calendar.entries.selectRow(rows.index("inset"))
    qtbot.mouseClick(page.calendar.delete_button, Qt.MouseButton.LeftButton)
    assert "INSET day (27/11/2026)" in asked[0] and "restored from History" in asked[0]
    assert len(hub.calendars.entries(elm)) == 3
    answer[0] = True
    qtbot.mouseClick(page.calendar.delete_button, Qt.MouseButton.LeftButton)
    assert [e.kind for e in hub.calendars.entries(elm)] == ["term", "half_term"]
    cell = page.calendar.month_view.cell_for(date(2026, 11, 27))
    assert cell is not None and cell.data(Qt.ItemDataRole.UserRole) == "open"


def test_entry_dialog_shows_end_before_start_inline(qtbot: QtBot, page: SitesPage, hub: HubApp,
                                                    two_schools: dict[str, int]) -> None:
    _choose_school(page, two_schools["oak"])
    qtbot.mouseClick(page.calendar.add_button, Qt.MouseButton.LeftButton)
    dialog = page.calendar.dialog
    assert dialog is not None
    dialog.start_date.setDate(QDate(2027, 2, 15))
    dialog.end_date.setDate(QDate(2027, 2, 12))
    save(qtbot, dialog)
    assert list(dialog.visible_errors()) == ["end_date"]
    assert dialog.isVisible() and len(hub.calendars.entries(two_schools["oak"])) == 2


def test_page_reloads_when_told(page: SitesPage, hub: HubApp, events: AppEvents) -> None:
    hub.sites.save(SiteForm(name="Downs Centre", kind="centre"))
    assert "Downs Centre" not in names(page)
    events.data_reloaded.emit()
    assert "Downs Centre" in names(page)
    assert page.calendar.school.count() == 3
