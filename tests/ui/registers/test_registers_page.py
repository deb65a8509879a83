"""The Registers page driven through its widgets against a real temporary database."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateTimeEdit, QTimeEdit
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.core.clock import to_local
from hubdesk.ui.common import page as common_page
from hubdesk.ui.registers.page import RegistersPage
from hubdesk.ui.registers.register_table import MARKER
from tests.services.registers.registers_data import Cluster
from tests.ui.helpers import Said, save
from tests.ui.registers.registers_ui import row_of


def test_sign_a_child_in_and_out(qtbot: QtBot, page: RegistersPage, hub: HubApp,
                                 cluster: Cluster, said: Said) -> None:
    assert "Oak Owls after-school club" in page.heading.text()
    assert [x.name for x in page.table.register_model.lines] == [
        "Öztürk, Şükrü", "Smith & Jones, Tom <Tiny>", "Wiśniewska, Łucja"]
    model = page.table.register_model
    lucja = row_of(page, "Wiśniewska, Łucja")
    assert model.index(lucja, MARKER).data() == "⚠ ALLERGY"
    assert "EpiPen" in model.index(lucja, MARKER).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(lucja, 5).data() == "MISSING"
    assert "3 MISSING" in page.summary.text()
    # the allergy details are one click away
    rect = page.table.visualRect(model.index(lucja, MARKER))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    details = page.dialog
    assert details is not None and details.isVisible()
    assert "Peanuts & tree nuts: EpiPen" in details.about.text()  # type: ignore[attr-defined]
    assert "Emergency: Anna Wiśniewska (mother): 07700 900001" in details.about.text()  # type: ignore[attr-defined]
    details.reject()  # type: ignore[attr-defined]
    # one click signs in
    button = page.table.buttons[cluster.sb("lucja")]
    assert button.text() == "Sign in"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert model.index(lucja, 6).data() == "17:45" and model.index(lucja, 5).data() == "In"
    assert button.text() == "Sign out…"
    assert "1 in" in page.summary.text()
    # sign-out asks who collected: mother with her password; grandmother and father are not listed
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    texts = [r.text() for r in dialog.radios]  # type: ignore[attr-defined]
    assert texts == ["Anna Wiśniewska (mother)    password: “bluebird”"]
    save(qtbot, dialog.buttons)  # type: ignore[attr-defined]
    assert dialog.visible_errors() == {"collector": "Choose who collected the child."}  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.radios[0], Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.password_checked, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    save(qtbot, dialog.buttons)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert model.index(lucja, 8).data() == "Anna Wiśniewska"
    assert model.index(lucja, 5).data() == "Gone home (15 min late)"
    assert cluster.sb("lucja") not in page.table.buttons
    line = hub.registers.take.line(cluster.sb("lucja"))
    assert (line.state, line.collected_by) == ("out", "Anna Wiśniewska")


def test_walk_home_alone_only_with_consent(qtbot: QtBot, page: RegistersPage,
                                           cluster: Cluster) -> None:
    for key in ("tom", "sukru"):
        qtbot.mouseClick(page.table.buttons[cluster.sb(key)], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.table.buttons[cluster.sb("tom")], Qt.MouseButton.LeftButton)
    tom = page.dialog
    assert tom is not None
    assert [r.text() for r in tom.radios] == ["Walked home alone"]  # type: ignore[attr-defined]
    tom.reject()  # type: ignore[attr-defined]
    qtbot.mouseClick(page.table.buttons[cluster.sb("sukru")], Qt.MouseButton.LeftButton)
    sukru = page.dialog
    assert sukru is not None and sukru is not tom
    assert sukru.radios == []  # type: ignore[attr-defined]
    save(qtbot, sukru.buttons)  # type: ignore[attr-defined]
    assert sukru.isVisible()


def test_absence_and_add_unbooked_child(qtbot: QtBot, page: RegistersPage, hub: HubApp,
                                        cluster: Cluster) -> None:
    page.table.selectRow(row_of(page, "Öztürk, Şükrü"))
    qtbot.mouseClick(page.absent_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None
    dialog.reason.setCurrentIndex(dialog.reason.findData("holiday"))  # type: ignore[attr-defined]
    save(qtbot, dialog.buttons)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.table.register_model.lines[0].state == "absent")
    assert page.table.register_model.index(0, 5).data() == "Absent (Holiday)"
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    add = page.dialog
    assert add is not None
    qtbot.keyClicks(add.search, "aoife")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: add.matches.count() == 1)  # type: ignore[attr-defined]
    save(qtbot, add.buttons)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(page.table.register_model.lines) == 4)
    aoife = page.table.register_model.lines[row_of(page, "O'Neill-Brennan, Aoife")]
    assert (aoife.name, aoife.state, aoife.one_off) == ("O'Neill-Brennan, Aoife", "in", True)


def test_print_registers_from_the_page(qtbot: QtBot, page: RegistersPage,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(common_page, "open_pdf", opened.append)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    assert opened[0].exists() and opened[0].suffix == ".pdf"
    from tests.reports.pdf_helpers import pages_text

    text = " ".join(" ".join(pages_text(opened[0])).split())
    assert "Oak Owls after-school club" in text and "Wiśniewska, Łucja" in text


def test_other_tabs(qtbot: QtBot, page: RegistersPage, cluster: Cluster, hub: HubApp) -> None:
    qtbot.mouseClick(page.table.buttons[cluster.sb("lucja")], Qt.MouseButton.LeftButton)
    page.tabs.setCurrentWidget(page.day_tabs.late)
    assert [x.name for x in page.day_tabs.late.model.rows] == ["Wiśniewska, Łucja"]
    page.day_tabs.late.view.selectRow(0)
    qtbot.mouseClick(page.day_tabs.late.call_button, Qt.MouseButton.LeftButton)
    call = page.day_tabs.late.dialog
    assert call is not None and call.number.text() == "07700 900001"
    qtbot.keyClicks(call.outcome, "on the way")
    save(qtbot, call.buttons)
    qtbot.waitUntil(lambda: "on the way" in page.day_tabs.late.model.index(0, 3).data())
    page.tabs.setCurrentWidget(page.day_tabs.on_site)
    assert [x.name for x in page.day_tabs.on_site.children_model.rows] == ["Wiśniewska, Łucja"]
    assert "No fire drill" in page.day_tabs.on_site.reminder.text()
    page.tabs.setCurrentWidget(page.day_tabs.health)
    assert page.day_tabs.health.model.rows == []


def test_signing_in_book_tab(qtbot: QtBot, page: RegistersPage, hub: HubApp,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(common_page, "open_pdf", opened.append)
    page.tabs.setCurrentWidget(page.day_tabs.book)
    qtbot.mouseClick(page.day_tabs.book.in_button, Qt.MouseButton.LeftButton)
    dialog = page.day_tabs.book.dialog
    assert dialog is not None
    save(qtbot, dialog.buttons)
    assert "name of the person" in " ".join(dialog.visible_errors().values())
    qtbot.keyClicks(dialog.name, "Priya Shah")
    qtbot.keyClicks(dialog.organisation, "Ofsted")
    qtbot.keyClicks(dialog.car, "kx21 abc")
    save(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: len(page.day_tabs.book.model.rows) == 1)
    assert page.day_tabs.book.model.rows[0].car_registration == "KX21 ABC"
    page.day_tabs.book.view.selectRow(0)
    qtbot.mouseClick(page.day_tabs.book.out_button, Qt.MouseButton.LeftButton)
    assert page.day_tabs.book.model.rows[0].signed_out_at is not None
    qtbot.mouseClick(page.day_tabs.book.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    from tests.reports.pdf_helpers import pages_text

    assert "Priya Shah" in " ".join(pages_text(opened[0]))


def type_time(qtbot: QtBot, edit: QTimeEdit, text: str) -> None:
    """Type a time as a person does: Tab into the field (the hours are chosen) and type it."""
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    edit.setSelectedSection(QDateTimeEdit.Section.HourSection)
    qtbot.keyClicks(edit, text)


def test_an_arrival_time_can_be_typed_earlier_but_not_later(qtbot: QtBot, page: RegistersPage,
                                                             hub: HubApp) -> None:
    """Writing the book up after someone walked in: the time they came, never one still to come."""
    page.tabs.setCurrentWidget(page.day_tabs.book)
    qtbot.mouseClick(page.day_tabs.book.in_button, Qt.MouseButton.LeftButton)
    dialog = page.day_tabs.book.dialog
    assert dialog is not None
    now = to_local(hub.clock.now())
    assert dialog.arrived.text() == f"{now:%H:%M}"  # now, unless changed
    qtbot.keyClicks(dialog.name, "Sam Cole")
    later, earlier = now + timedelta(minutes=40), now - timedelta(minutes=25)
    type_time(qtbot, dialog.arrived, f"{later:%H:%M}")
    save(qtbot, dialog.buttons)
    assert dialog.visible_errors() == {
        "at": f"{later:%H:%M} is later than now ({now:%H:%M}): type the time they arrived, or "
              "leave it at now."}
    type_time(qtbot, dialog.arrived, f"{earlier:%H:%M}")
    save(qtbot, dialog.buttons)
    qtbot.waitUntil(lambda: len(page.day_tabs.book.model.rows) == 1)
    assert page.day_tabs.book.model.rows[0].time_in == f"{earlier:%H:%M}"
