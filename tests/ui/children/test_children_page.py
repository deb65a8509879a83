"""The Children & families page and the child editor, driven through their widgets against a real
temporary database: search as you type, filters, lazy loading, editing, inline errors, carers
shared by siblings, leaving, and a stale edit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from hubdesk.app import HubApp
from hubdesk.core.models import Carer
from hubdesk.services.people.carers import CarerForm, CarerLink
from hubdesk.ui.children import lazy_children
from hubdesk.ui.children.child_dialog import ChildDialog
from hubdesk.ui.children.page import ChildrenPage
from hubdesk.ui.shell.events import AppEvents
from tests.conftest import child_form
from tests.ui.helpers import Said, cancel, click, press, save


@pytest.fixture
def kids(hub: HubApp, two_schools: dict[str, int]) -> dict[str, int]:
    oak, elm = two_schools["oak"], two_schools["elm"]
    ids = {
        "lucja": hub.children.save(child_form(oak, class_name="Willow", upn="A123456789012")),
        "zeynep": hub.children.save(child_form(oak, forename="Zeynep", surname="Kaya", year_group=5,
                                               date_of_birth=date(2016, 3, 1), fsm=True,
                                               allergies="Peanuts (EpiPen in office)")),
        "emre": hub.children.save(child_form(elm, forename="Emre", surname="Kaya", year_group=1,
                                             date_of_birth=date(2020, 2, 2))),
        "aoife": hub.children.save(child_form(elm, forename="Aoife", surname="O'Neill",
                                              year_group=0, date_of_birth=date(2021, 10, 1))),
    }
    hub.carers.save_link(ids["zeynep"], CarerLink(
        CarerForm(forename="Ayşe", surname="Kaya", phone_mobile="07700 900456"),
        relationship="Mother", parental_responsibility=True, can_collect=True,
        collection_password="tulip", emergency_priority=1))
    return ids


def windows_left(page: ChildrenPage) -> list[str]:
    """Windows still open, or closed but never deleted, besides the page (pytest-qt closes the
    page before fixture teardown, so tests call this at their end)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    return [w.windowTitle() or type(w).__name__ for w in QApplication.topLevelWidgets()
            if w is not page and (w.isVisible() or isinstance(w, QDialog))]


@pytest.fixture
def page(qtbot: QtBot, hub: HubApp, kids: dict[str, int], events: AppEvents,
         said: Said) -> ChildrenPage:
    widget = ChildrenPage(hub, events)
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def names(page: ChildrenPage) -> list[str]:
    return [row.name for row in page.model.rows]


def open_child(qtbot: QtBot, page: ChildrenPage, name: str) -> ChildDialog:
    page.select_child(next(r.id for r in page.model.rows if r.name == name))
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_typing_a_name_or_upn_filters_the_list(qtbot: QtBot, page: ChildrenPage) -> None:
    assert names(page) == ["Kaya, Emre", "Kaya, Zeynep", "O'Neill, Aoife", "Wiśniewska, Łucja"]
    assert page.count.text() == "4 children"
    qtbot.keyClicks(page.search, "kay")
    qtbot.waitUntil(lambda: names(page) == ["Kaya, Emre", "Kaya, Zeynep"])
    assert page.count.text() == "2 children match"
    qtbot.keyClicks(page.search, " zey")
    qtbot.waitUntil(lambda: names(page) == ["Kaya, Zeynep"])
    assert page.count.text() == "1 child matches"
    page.search.clear()
    qtbot.keyClicks(page.search, "a12345678")
    qtbot.waitUntil(lambda: names(page) == ["Wiśniewska, Łucja"])
    qtbot.keyClicks(page.search, "x")
    qtbot.waitUntil(lambda: names(page) == [])
    assert page.count.text() == "No child matches this search."


def test_typing_waits_for_a_pause_before_searching(qtbot: QtBot, page: ChildrenPage) -> None:
    qtbot.keyClicks(page.search, "emre")
    assert len(names(page)) == 4  # not yet: the search waits for the typing to pause
    qtbot.waitUntil(lambda: names(page) == ["Kaya, Emre"], timeout=2000)


def test_school_year_and_left_filters(qtbot: QtBot, page: ChildrenPage, hub: HubApp,
                                      kids: dict[str, int], two_schools: dict[str, int]) -> None:
    page.school.setCurrentIndex(page.school.findData(two_schools["elm"]))
    assert names(page) == ["Kaya, Emre", "O'Neill, Aoife"]
    page.year.setCurrentIndex(page.year.findText("Reception"))
    assert names(page) == ["O'Neill, Aoife"]
    page.school.setCurrentIndex(0)
    page.year.setCurrentIndex(0)
    hub.children.mark_left(kids["lucja"], date(2026, 7, 22))
    page.refresh()
    assert "Wiśniewska, Łucja" not in names(page)
    assert page.view.isColumnHidden(lazy_children.LEFT)
    qtbot.mouseClick(page.show_left, Qt.MouseButton.LeftButton)
    assert "Wiśniewska, Łucja" in names(page)
    assert not page.view.isColumnHidden(lazy_children.LEFT)
    row = names(page).index("Wiśniewska, Łucja")
    assert page.model.index(row, lazy_children.LEFT).data() == "22/07/2026"
    assert page.count.text() == "4 children, including those who have left"


def test_list_shows_markers_but_no_medical_or_contact_details(page: ChildrenPage) -> None:
    row = names(page).index("Kaya, Zeynep")
    shown = [page.model.index(row, column).data(role)
             for column in range(page.model.columnCount())
             for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)]
    assert page.model.index(row, lazy_children.MEDICAL).data() == "Yes"
    assert page.model.index(row, lazy_children.FLAGS).data() == "FSM"
    assert page.model.index(row, lazy_children.SCHOOL).data() == "Oakfield Primary"
    assert page.model.index(row, lazy_children.YEAR).data() == "Y5"
    text = " ".join(str(value) for value in shown if value)
    assert "Peanuts" not in text and "07700" not in text and "tulip" not in text


def test_model_passes_the_qt_model_tester(qtmodeltester: object, page: ChildrenPage) -> None:
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_demo_cluster_loads_lazily_page_by_page(qtbot: QtBot, qtmodeltester: object,
                                                demo_hub: HubApp, said: Said) -> None:
    page = ChildrenPage(demo_hub, AppEvents())
    qtbot.addWidget(page)
    page.resize(1100, 650)
    page.show()
    qtbot.waitExposed(page)
    total = demo_hub.children.count()
    assert total >= 2000
    assert page.count.text() == f"{total:,} children"
    assert page.model.rowCount() == 200 and page.model.canFetchMore()
    page.view.scrollToBottom()  # the view asks for the next page when the end comes into sight
    qtbot.waitUntil(lambda: page.model.rowCount() >= 400)
    while page.model.canFetchMore():
        page.model.fetchMore()
    rows = page.model.rows
    assert len(rows) == total == len({r.id for r in rows})
    assert [r.id for r in rows] == [r.id for r in demo_hub.children.search(limit=total)]
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    page.view.selectRow(0)
    first = rows[0].name.split(",")[0]
    qtbot.keyClicks(page.search, first)
    qtbot.waitUntil(lambda: page.model.rowCount() < 200)  # a new filter starts from page one
    assert page.model.rowCount() == demo_hub.children.count(first) > 0
    assert not page.model.canFetchMore()
    assert page.count.text().endswith("match") or page.count.text().endswith("matches")


def test_edit_and_save_a_child(qtbot: QtBot, page: ChildrenPage, hub: HubApp, events: AppEvents,
                               kids: dict[str, int]) -> None:
    dialog = open_child(qtbot, page, "Wiśniewska, Łucja")
    assert dialog.windowTitle() == "Child: Wiśniewska, Łucja"
    assert dialog.inputs.date_of_birth.text() == "04/05/2018"
    qtbot.keyClicks(dialog.inputs.preferred_forename, "Lucy")
    dialog.inputs.class_name.clear()
    qtbot.keyClicks(dialog.inputs.class_name, "Rowan")
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.inputs.allergies, "Sesame")
    qtbot.keyClicks(dialog.inputs.gp_details, "Dr Nowak, Oak Surgery")
    dialog.tabs.setCurrentIndex(2)
    click(qtbot, dialog.inputs.consents["consent_sun_cream"])
    dialog.tabs.setCurrentIndex(3)
    click(qtbot, dialog.inputs.funding["pupil_premium"])
    qtbot.keyClicks(dialog.inputs.tfc_reference, "ABCD12345TFC")
    with qtbot.waitSignal(events.children_changed):
        save(qtbot, dialog)
    assert not dialog.isVisible()
    stored = hub.children.get(kids["lucja"])
    assert (stored.preferred_forename, stored.class_name, stored.allergies, stored.gp_details) == (
        "Lucy", "Rowan", "Sesame", "Dr Nowak, Oak Surgery")
    assert stored.consent_sun_cream and stored.pupil_premium and not stored.consent_photos
    assert stored.tfc_reference == "ABCD12345TFC"
    assert "Wiśniewska, Lucy (Łucja)" in names(page)
    row = page.selected()
    assert row is not None and row.id == kids["lucja"]  # the saved child stays selected
    assert (row.has_medical, row.codes, row.class_name) == (True, "PP", "Rowan")
    assert windows_left(page) == []


def test_double_click_opens_the_editor(qtbot: QtBot, page: ChildrenPage) -> None:
    rect = page.view.visualRect(page.model.index(2, 0))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.inputs.forename.text() == "Aoife"
    cancel(qtbot, dialog)
    assert windows_left(page) == []


def test_a_bad_date_shows_beside_the_field_and_saves_nothing(qtbot: QtBot, page: ChildrenPage,
                                                              hub: HubApp,
                                                              kids: dict[str, int]) -> None:
    dialog = open_child(qtbot, page, "Kaya, Emre")
    field = dialog.inputs.date_of_birth
    field.clear()
    qtbot.keyClicks(field, "31/02/2020")
    qtbot.keyClicks(dialog.inputs.class_name, "Ash")
    field.editingFinished.emit()  # leaving the field checks it at once
    assert "not a real date" in dialog.errors["date_of_birth"].text()
    dialog.tabs.setCurrentIndex(2)
    save(qtbot, dialog)
    assert list(dialog.visible_errors()) == ["date_of_birth"]
    assert dialog.tabs.currentIndex() == 0  # the tab with the error comes forward
    assert dialog.errors["date_of_birth"].isVisible() and dialog.isVisible()
    assert hub.children.get(kids["emre"]).class_name == ""
    field.clear()
    qtbot.keyClicks(field, "02/02/2099")
    save(qtbot, dialog)
    assert "future" in dialog.visible_errors()["date_of_birth"]
    field.clear()
    qtbot.keyClicks(field, "2/2/2020")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert hub.children.get(kids["emre"]).class_name == "Ash"
    assert windows_left(page) == []


def test_names_and_upn_errors_are_inline(qtbot: QtBot, page: ChildrenPage, hub: HubApp) -> None:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and dialog.windowTitle() == "New child"
    assert not dialog.left_button.isEnabled() and not dialog.carers.new_button.isEnabled()
    qtbot.keyClicks(dialog.inputs.surname, "Popescu")
    qtbot.keyClicks(dialog.inputs.date_of_birth, "12/01/2019")
    dialog.inputs.school.setCurrentIndex(1)
    save(qtbot, dialog)
    assert list(dialog.visible_errors()) == ["forename"]
    qtbot.keyClicks(dialog.inputs.forename, "Andrei")
    qtbot.keyClicks(dialog.inputs.upn, "A123456789012")  # Łucja's UPN
    save(qtbot, dialog)
    assert dialog.visible_errors() == {"upn": "Another child already has this UPN."}
    assert hub.children.count("popescu") == 0
    cancel(qtbot, dialog)
    assert windows_left(page) == []


def test_new_child_then_new_carer(qtbot: QtBot, page: ChildrenPage, hub: HubApp,
                                  two_schools: dict[str, int]) -> None:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.inputs.forename, "Andrei")
    qtbot.keyClicks(dialog.inputs.surname, "Popescu")
    qtbot.keyClicks(dialog.inputs.date_of_birth, "12/01/2019")
    dialog.inputs.school.setCurrentIndex(dialog.inputs.school.findData(two_schools["elm"]))
    dialog.inputs.year_group.setCurrentIndex(dialog.inputs.year_group.findText("Y2"))
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Apply)
    assert dialog.isVisible() and dialog.windowTitle() == "Child: Popescu, Andrei"
    assert "Popescu, Andrei" in names(page)
    child_id = hub.children.search("popescu")[0].id
    dialog.tabs.setCurrentWidget(dialog.carers)
    qtbot.mouseClick(dialog.carers.new_button, Qt.MouseButton.LeftButton)
    carer = dialog.carers.dialog
    assert carer is not None and carer.isVisible()
    qtbot.keyClicks(carer.forename, "Ioana")
    qtbot.keyClicks(carer.surname, "Popescu")
    carer.relationship.setCurrentText("Mother")
    qtbot.keyClicks(carer.phone_mobile, "07700 900111")
    click(qtbot, carer.can_collect)
    click(qtbot, carer.must_not_collect)
    carer.emergency_priority.setValue(1)
    save(qtbot, carer)
    assert list(carer.visible_errors()) == ["must_not_collect"] and carer.isVisible()
    click(qtbot, carer.must_not_collect)
    qtbot.keyClicks(carer.email, "ioana example")
    save(qtbot, carer)
    assert list(carer.visible_errors()) == ["email"]
    carer.email.clear()
    save(qtbot, carer)
    assert not carer.isVisible()
    links = hub.carers.links(child_id)
    assert [(k.carer.forename, k.relationship, k.can_collect, k.emergency_priority)
            for k in links] == [("Ioana", "Mother", True, 1)]
    assert dialog.carers.model.rowCount() == 1
    assert dialog.carers.model.index(0, 1).data() == "Popescu, Ioana"
    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert windows_left(page) == []


def test_link_a_sibling_to_the_same_carer(qtbot: QtBot, page: ChildrenPage, hub: HubApp,
                                          events: AppEvents, kids: dict[str, int]) -> None:
    dialog = open_child(qtbot, page, "Kaya, Emre")
    dialog.tabs.setCurrentWidget(dialog.carers)
    assert dialog.carers.model.rowCount() == 0
    qtbot.mouseClick(dialog.carers.link_button, Qt.MouseButton.LeftButton)
    finder = dialog.carers.finder
    assert finder is not None and finder.isVisible()
    qtbot.keyClicks(finder.search, "ayse kaya")
    qtbot.waitUntil(lambda: finder.results.count() == 1)
    assert "carer of Kaya, Zeynep" in finder.results.item(0).text()
    press(qtbot, finder, QDialogButtonBox.StandardButton.Ok)  # type: ignore[arg-type]
    link = dialog.carers.dialog
    assert link is not None and link.isVisible() and link.forename.text() == "Ayşe"
    link.relationship.setCurrentText("Mother")
    click(qtbot, link.can_collect)
    with qtbot.waitSignal(events.carers_changed) as signal:
        save(qtbot, link)
    assert signal.args == [kids["emre"]]
    with hub.factory() as s:
        assert s.scalar(select(func.count()).select_from(Carer)) == 1
    [shared] = hub.carers.links(kids["emre"])
    assert shared.carer.id == hub.carers.links(kids["zeynep"])[0].carer.id
    assert (shared.relationship, shared.can_collect) == ("Mother", True)
    dialog.tabs.setCurrentWidget(dialog.family)
    assert [row.name for row in dialog.family.model.rows] == ["Kaya, Zeynep", "Kaya, Emre"]
    assert dialog.family.status.text() == "1 other child in this family."
    dialog.tabs.setCurrentWidget(dialog.history)
    assert any("child_carers" in line.record for line in dialog.history.model.rows)
    cancel(qtbot, dialog)
    assert windows_left(page) == []


def test_unlink_a_carer_keeps_them_for_siblings(qtbot: QtBot, page: ChildrenPage, hub: HubApp,
                                                said: Said, kids: dict[str, int]) -> None:
    dialog = open_child(qtbot, page, "Kaya, Zeynep")
    dialog.tabs.setCurrentWidget(dialog.carers)
    dialog.carers.view.selectRow(0)
    said.confirm = False
    qtbot.mouseClick(dialog.carers.unlink_button, Qt.MouseButton.LeftButton)
    assert len(hub.carers.links(kids["zeynep"])) == 1
    said.confirm = True
    qtbot.mouseClick(dialog.carers.unlink_button, Qt.MouseButton.LeftButton)
    assert hub.carers.links(kids["zeynep"]) == []
    assert dialog.carers.model.rowCount() == 0
    assert hub.carers.find("ayse kaya")  # the adult stays on record
    cancel(qtbot, dialog)
    assert windows_left(page) == []


def test_mark_as_left_and_back(qtbot: QtBot, page: ChildrenPage, hub: HubApp, said: Said,
                               kids: dict[str, int]) -> None:
    dialog = open_child(qtbot, page, "O'Neill, Aoife")
    qtbot.mouseClick(dialog.left_button, Qt.MouseButton.LeftButton)
    left = dialog.left_dialog
    assert left is not None and left.isVisible()
    left.left_on.clear()
    qtbot.keyClicks(left.left_on, "2019-13-01")
    save(qtbot, left)
    assert list(left.visible_errors()) == ["left_on"] and left.isVisible()
    left.left_on.clear()
    qtbot.keyClicks(left.left_on, "22/07/2026")
    save(qtbot, left)
    assert not left.isVisible()
    assert hub.children.get(kids["aoife"]).left_on == date(2026, 7, 22)
    assert "O'Neill, Aoife" not in names(page)
    assert dialog.left_button.text() == "Back on roll…"
    assert "Left on 22/07/2026" in dialog.roll.text()
    # The version moved on with the leaving date, so saving the form afterwards is no conflict.
    qtbot.keyClicks(dialog.inputs.class_name, "RB")
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Apply)
    assert dialog.visible_errors() == {} and said.warnings == []
    assert hub.children.get(kids["aoife"]).left_on == date(2026, 7, 22)
    qtbot.mouseClick(dialog.left_button, Qt.MouseButton.LeftButton)
    assert hub.children.get(kids["aoife"]).left_on is None
    assert "O'Neill, Aoife" in names(page)
    cancel(qtbot, dialog)
    assert windows_left(page) == []


def test_someone_elses_change_is_not_overwritten(qtbot: QtBot, page: ChildrenPage, hub: HubApp,
                                                 kids: dict[str, int]) -> None:
    dialog = open_child(qtbot, page, "Kaya, Zeynep")
    hub.children.save(replace(hub.children.get(kids["zeynep"]), class_name="Oak"))
    qtbot.keyClicks(dialog.inputs.class_name, "Birch")
    save(qtbot, dialog)
    errors = dialog.visible_errors()
    assert list(errors) == [""] and "Someone else saved this child" in errors[""]
    assert "still in the form" in errors[""]
    assert dialog.isVisible() and dialog.inputs.class_name.text() == "Birch"
    assert hub.children.get(kids["zeynep"]).class_name == "Oak"
    cancel(qtbot, dialog)
    assert windows_left(page) == []


def test_page_follows_changes_made_elsewhere(qtbot: QtBot, page: ChildrenPage, hub: HubApp,
                                             events: AppEvents, two_schools: dict[str, int]) -> None:
    hub.children.save(child_form(two_schools["oak"], forename="Seán", surname="Murphy"))
    assert "Murphy, Seán" not in names(page)
    events.children_changed.emit()
    assert "Murphy, Seán" in names(page) and page.count.text() == "5 children"
    hub.children.save(child_form(two_schools["elm"], forename="Ana", surname="Şahin"))
    events.data_reloaded.emit()  # after an import
    assert "Şahin, Ana" in names(page)
    elm = hub.sites.get(two_schools["elm"])
    hub.sites.save(replace(elm, name="Elm Street Academy"))
    events.sites_changed.emit()
    assert page.school.findText("Elm Street Academy") > 0
    assert page.model.rows[names(page).index("Şahin, Ana")].school == "Elm Street Academy"


def test_open_a_sibling_from_the_family_tab(qtbot: QtBot, page: ChildrenPage, hub: HubApp,
                                            kids: dict[str, int]) -> None:
    mum = hub.carers.links(kids["zeynep"])[0]
    hub.carers.save_link(kids["emre"], mum)
    dialog = open_child(qtbot, page, "Kaya, Zeynep")
    dialog.tabs.setCurrentWidget(dialog.family)
    assert [row.name for row in dialog.family.model.rows] == ["Kaya, Zeynep", "Kaya, Emre"]
    assert dialog.family.model.index(0, 0).data() == "Kaya, Zeynep (this child)"
    rect = dialog.family.view.visualRect(dialog.family.model.index(1, 0))
    qtbot.mouseClick(dialog.family.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.family.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    sibling = dialog.sibling
    assert sibling is not None and sibling.isVisible()
    assert sibling.windowTitle() == "Child: Kaya, Emre"
    qtbot.keyClicks(sibling.inputs.class_name, "Hazel")
    save(qtbot, sibling)
    assert hub.children.get(kids["emre"]).class_name == "Hazel"
    cancel(qtbot, dialog)
    assert windows_left(page) == []


def test_book_and_week_buttons_open_for_the_chosen_child(qtbot: QtBot, demo_hub: HubApp) -> None:
    from hubdesk.ui.clubs.booking_dialog import BookingDialog
    from hubdesk.ui.clubs.child_week import ChildWeekDialog

    page = ChildrenPage(demo_hub, AppEvents())
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.view.selectRow(0)
    qtbot.mouseClick(page.book_button, Qt.MouseButton.LeftButton)
    assert isinstance(page.other_dialog, BookingDialog) and page.other_dialog.isVisible()
    page.other_dialog.reject()
    qtbot.mouseClick(page.week_button, Qt.MouseButton.LeftButton)
    assert isinstance(page.other_dialog, ChildWeekDialog) and page.other_dialog.isVisible()
    page.other_dialog.reject()
