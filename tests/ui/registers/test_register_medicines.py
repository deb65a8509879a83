"""Medicines from the GUI: written permissions and doses, from the register and from the
incidents & medicines tab, with errors shown beside their fields."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.services.registers.health import PermissionForm
from hubdesk.ui.registers.medicine_dialogs import (
    DoseDialog,
    FindChildDialog,
    MedicinesDialog,
    PermissionDialog,
)
from hubdesk.ui.registers.page import RegistersPage
from hubdesk.ui.registers.register_table import MARKER
from hubdesk.ui.shell import feedback
from tests.services.registers.registers_data import DAY, Cluster
from tests.ui.helpers import save
from tests.ui.registers.registers_ui import row_of


def open_medicines(qtbot: QtBot, page: RegistersPage, name: str) -> MedicinesDialog:
    page.table.selectRow(row_of(page, name))
    qtbot.mouseClick(page.medicines_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, MedicinesDialog) and dialog.isVisible()
    return dialog


def test_add_a_permission_and_record_a_dose_from_the_register(
        qtbot: QtBot, page: RegistersPage, hub: HubApp, cluster: Cluster) -> None:
    record = open_medicines(qtbot, page, "Wiśniewska, Łucja")
    assert "Peanuts & tree nuts" in record.about.text()
    assert record.permissions_model.rows == [] and record.doses_model.rows == []
    qtbot.mouseClick(record.add_button, Qt.MouseButton.LeftButton)
    form = record.dialog
    assert isinstance(form, PermissionDialog)
    assert [form.signed_by.itemText(i) for i in range(form.signed_by.count())] == [
        "Anna Wiśniewska"]  # only a carer with parental responsibility signs
    save(qtbot, form.buttons)
    assert form.visible_errors() == {"medicine": "Enter the medicine's name."}
    qtbot.keyClicks(form.medicine, "Piriton")
    qtbot.keyClicks(form.dose, "5 ml")
    qtbot.keyClicks(form.when, "if hay fever")
    qtbot.keyClicks(form.stored, "office <red bag>")
    qtbot.mouseClick(form.has_end, Qt.MouseButton.LeftButton)
    form.valid_until.setDate(QDate(2026, 11, 1))
    save(qtbot, form.buttons)
    assert form.visible_errors() == {"valid_until": "The permission ends before it was signed."}
    assert form.isVisible() and form.medicine.text() == "Piriton"  # nothing typed is lost
    form.valid_until.setDate(QDate(2026, 12, 18))
    save(qtbot, form.buttons)
    qtbot.waitUntil(lambda: len(record.permissions_model.rows) == 1)
    assert record.permissions_model.index(0, 5).data() == "18/12/2026"
    assert record.permissions_model.index(0, 7).data() == "Current"
    # a dose: the amount comes from the permission, who gave it is required
    record.permissions_view.selectRow(0)
    qtbot.mouseClick(record.dose_button, Qt.MouseButton.LeftButton)
    dose = record.dialog
    assert isinstance(dose, DoseDialog)
    assert dose.permission.currentText() == "Piriton 5 ml (if hay fever)"
    assert dose.amount.text() == "5 ml"
    save(qtbot, dose.buttons)
    assert dose.visible_errors() == {"given_by": "Say who gave the medicine."}
    dose.when.setDateTime(dose.when.dateTime().addSecs(3600))
    qtbot.keyClicks(dose.given_by, "Grace Ndlovu")
    save(qtbot, dose.buttons)
    assert dose.visible_errors() == {"given_at": "The time given is in the future."}
    dose.when.setDateTime(dose.when.dateTime().addSecs(-3600 - 15 * 60))
    qtbot.keyClicks(dose.witnessed_by, "Sam Lee")
    qtbot.mouseClick(dose.told, Qt.MouseButton.LeftButton)
    save(qtbot, dose.buttons)
    qtbot.waitUntil(lambda: len(record.doses_model.rows) == 1)
    assert record.doses_model.index(0, 0).data() == "24/11/2026 17:30"
    assert record.permissions_model.index(0, 6).data() == "1"
    record.reject()  # the register's marker now says there is a medicine, with its details
    lucja = page.table.register_model.index(row_of(page, "Wiśniewska, Łucja"), MARKER)
    assert lucja.data() == "⚠ ALLERGY + MEDICINE"
    assert "Medicine: Piriton 5 ml (if hay fever)" in lucja.data(Qt.ItemDataRole.ToolTipRole)
    [given] = hub.registers.health.doses(cluster.children["lucja"])
    assert (given.amount, given.given_by, given.witnessed_by) == ("5 ml", "Grace Ndlovu", "Sam Lee")
    assert given.parent_informed_at is not None
    [kept] = hub.registers.health.permissions(cluster.children["lucja"])
    assert (kept.signed_by, kept.stored_where, kept.valid_until) == (
        "Anna Wiśniewska", "office <red bag>", date(2026, 12, 18))


def test_no_parent_no_permission_and_no_permission_no_dose(
        qtbot: QtBot, page: RegistersPage, hub: HubApp, cluster: Cluster,
        monkeypatch: pytest.MonkeyPatch) -> None:
    record = open_medicines(qtbot, page, "Öztürk, Şükrü")  # no carers recorded at all
    assert "No allergies or medical notes" in record.about.text()
    qtbot.mouseClick(record.add_button, Qt.MouseButton.LeftButton)
    form = record.dialog
    assert isinstance(form, PermissionDialog)
    assert "Nobody with parental responsibility" in form.visible_errors()["signed_by_carer_id"]
    qtbot.keyClicks(form.medicine, "Calpol")
    qtbot.keyClicks(form.dose, "5 ml")
    save(qtbot, form.buttons)
    assert form.isVisible() and "parental responsibility" in form.visible_errors()[
        "signed_by_carer_id"]
    form.reject()
    qtbot.mouseClick(record.dose_button, Qt.MouseButton.LeftButton)
    dose = record.dialog
    assert isinstance(dose, DoseDialog)
    assert "no current written permission" in dose.visible_errors()["permission"]
    qtbot.keyClicks(dose.given_by, "Grace")
    save(qtbot, dose.buttons)
    assert dose.isVisible() and hub.registers.health.doses(cluster.children["sukru"]) == []
    dose.reject()
    # an ended permission stays in the record and no dose can be given under it
    lucja = cluster.children["lucja"]
    hub.registers.health.add_permission(PermissionForm(lucja, "Inhaler", "2 puffs",
                                                       cluster.carers["mum"], DAY))
    record.reject()
    record = open_medicines(qtbot, page, "Wiśniewska, Łucja")
    monkeypatch.setattr(feedback, "confirm", lambda *_a: True)
    record.permissions_view.selectRow(0)
    qtbot.mouseClick(record.end_button, Qt.MouseButton.LeftButton)
    assert record.permissions_model.index(0, 7).data() == "Ended"
    qtbot.mouseClick(record.dose_button, Qt.MouseButton.LeftButton)
    assert isinstance(record.dialog, DoseDialog) and record.dialog.permission.count() == 0


def test_medicines_on_the_incidents_tab(qtbot: QtBot, page: RegistersPage, hub: HubApp,
                                        cluster: Cluster) -> None:
    health = hub.registers.health
    lucja, aoife = cluster.children["lucja"], cluster.children["aoife"]
    health.add_permission(PermissionForm(lucja, "Salbutamol", "2 puffs", cluster.carers["mum"],
                                         date(2026, 9, 3), "when wheezy"))
    health.add_permission(PermissionForm(lucja, "Old cream", "thin layer", cluster.carers["mum"],
                                         date(2026, 9, 3), valid_until=date(2026, 10, 1)))
    page.tabs.setCurrentWidget(page.day_tabs.health)
    tab = page.day_tabs.health
    # Aoife is booked at Elm Street, and the cream ran out in October
    assert [(x.child, x.permission.medicine, x.clubs) for x in tab.due_model.rows] == [
        ("Wiśniewska, Łucja", "Salbutamol", "Oak Owls after-school club")]
    assert tab.due_model.index(0, 5).data() == "not yet"
    tab.due_view.selectRow(0)
    qtbot.mouseClick(tab.dose_button, Qt.MouseButton.LeftButton)
    dose = tab.dialog
    assert isinstance(dose, DoseDialog) and dose.amount.text() == "2 puffs"
    qtbot.keyClicks(dose.given_by, "Grace Ndlovu")
    save(qtbot, dose.buttons)
    qtbot.waitUntil(lambda: tab.due_model.index(0, 5).data() == "1 (last 17:45)")
    # any child by name, to add a first permission
    qtbot.mouseClick(tab.find_button, Qt.MouseButton.LeftButton)
    find = tab.dialog
    assert isinstance(find, FindChildDialog)
    qtbot.keyClicks(find.search, "aoife")
    assert find.matches.count() == 1
    save(qtbot, find.buttons)
    qtbot.waitUntil(lambda: isinstance(tab.dialog, MedicinesDialog))
    record = tab.dialog
    assert isinstance(record, MedicinesDialog)
    assert record.child_id == aoife and "O'Neill-Brennan, Aoife" in record.windowTitle()
