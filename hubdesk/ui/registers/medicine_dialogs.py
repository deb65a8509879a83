"""Medicines for one child: the parent's written permissions and each dose given.

``MedicinesDialog`` is the child's record (opened from the register's medical marker or the
incidents & medicines tab); from it the office adds a written permission or records a dose. A
dose can only be recorded under a current permission; the service says so beside the field.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.core.clock import Clock, format_local
from hubdesk.core.errors import ValidationError
from hubdesk.services.registers import (
    DoseRow,
    HealthLogService,
    PermissionForm,
    PermissionRow,
    RegisterService,
)
from hubdesk.ui.common.dates import date_edit, to_date
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.common.page import open_dialog
from hubdesk.ui.common.tables import DtoTableModel, fit_columns, table_view
from hubdesk.ui.registers.register_form import RegisterFormDialog, now_edit, utc_of
from hubdesk.ui.shell import feedback


def permission_label(p: PermissionRow) -> str:
    when = f" ({p.when_to_give})" if p.when_to_give else ""
    return f"{p.medicine} {p.dose}{when}"


def permission_state(p: PermissionRow, day: date) -> str:
    if p.ended:
        return "Ended"
    if p.signed_on > day:
        return f"From {p.signed_on:%d/%m/%Y}"
    if p.valid_until is not None and p.valid_until < day:
        return "Expired"
    return "Current"


class PermissionDialog(RegisterFormDialog):
    """A parent's written permission to give one medicine (as on the signed form)."""

    def __init__(self, health: HealthLogService, child_id: int, child_name: str, day: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Medicine permission: {child_name}", parent)
        self.health, self.child_id = health, child_id
        self.medicine = QLineEdit()
        self.medicine.setPlaceholderText("e.g. Salbutamol inhaler (blue)")
        self.dose = QLineEdit()
        self.dose.setPlaceholderText("e.g. 2 puffs")
        self.when = QLineEdit()
        self.when.setPlaceholderText("e.g. when wheezy, up to every 4 hours")
        self.signed_by = QComboBox()
        for carer_id, name in health.parents(child_id):
            self.signed_by.addItem(name, carer_id)
        self.signed_on = date_edit(day)
        self.has_end = QCheckBox("Ends on")
        self.valid_until = date_edit(day)
        self.valid_until.setEnabled(False)
        self.has_end.toggled.connect(self.valid_until.setEnabled)
        until = QHBoxLayout()
        until.addWidget(self.has_end)
        until.addWidget(self.valid_until, 1)
        self.stored = QLineEdit()
        self.stored.setPlaceholderText("e.g. office cupboard, red bag")
        self.add_row("Medicine:", "medicine", self.medicine)
        self.add_row("Dose:", "dose", self.dose)
        self.add_row("When to give:", "when_to_give", self.when)
        self.add_row("Signed by:", "signed_by_carer_id", self.signed_by)
        self.add_row("Signed / from:", "signed_on", self.signed_on)
        self.add_row("Until:", "valid_until", until, focus=self.valid_until)
        self.add_row("Kept:", "stored_where", self.stored)
        if self.signed_by.count() == 0:
            self.show_error("signed_by_carer_id", "Nobody with parental responsibility is "
                            "recorded for this child. Add the parent in Children & families "
                            "first.")
        self.setMinimumWidth(500)

    def save(self) -> int:
        carer = self.signed_by.currentData()
        if carer is None:
            raise ValidationError("Only a parent with parental responsibility can sign, and none "
                                  "is recorded for this child.", "signed_by_carer_id")
        return self.health.add_permission(PermissionForm(
            self.child_id, self.medicine.text(), self.dose.text(), int(carer),
            to_date(self.signed_on), self.when.text(),
            to_date(self.valid_until) if self.has_end.isChecked() else None, self.stored.text()))


class DoseDialog(RegisterFormDialog):
    """One dose given under a current written permission."""

    def __init__(self, health: HealthLogService, permissions: list[PermissionRow],
                 child_name: str, clock: Clock, chosen: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Medicine given: {child_name}", parent)
        self.health, self.clock = health, clock
        self.permission = QComboBox()
        for p in permissions:
            self.permission.addItem(permission_label(p), p)
        found = [n for n, p in enumerate(permissions) if p.id == chosen]
        self.permission.setCurrentIndex(found[0] if found else 0)
        self.when = now_edit(clock.now())
        self.amount = QLineEdit()
        self.given_by = QLineEdit()
        self.witnessed_by = QLineEdit()
        self.witnessed_by.setPlaceholderText("a second adult who saw it given")
        self.told = QCheckBox("Parent told already")
        self.notes = QLineEdit()
        self.add_row("Medicine:", "permission", self.permission)
        self.add_row("Given at:", "given_at", self.when)
        self.add_row("Amount:", "amount", self.amount)
        self.add_row("Given by:", "given_by", self.given_by)
        self.add_row("Witnessed by:", "witnessed_by", self.witnessed_by)
        self.form.addRow("", self.told)
        self.add_row("Notes:", "notes", self.notes)
        self.permission.currentIndexChanged.connect(lambda _i: self._fill_amount())
        self._fill_amount()
        if not permissions:
            self.show_error("permission", "There is no current written permission for this "
                            "child. Do not give any medicine; add the parent's signed form first.")
        self.setMinimumWidth(480)

    def _fill_amount(self) -> None:
        p = self.permission.currentData()
        if isinstance(p, PermissionRow):
            self.amount.setText(p.dose)

    def save(self) -> int:
        p = self.permission.currentData()
        if not isinstance(p, PermissionRow):
            raise ValidationError("There is no current written permission to give a medicine "
                                  "under.", "permission")
        at = utc_of(self.when)
        told = self.clock.now() if self.told.isChecked() else None
        return self.health.give_dose(p.id, self.amount.text(), self.given_by.text(),
                                     self.witnessed_by.text(), at,
                                     told, self.notes.text())


class FindChildDialog(RegisterFormDialog):
    """Find any child on roll by name (to open their medicines)."""

    def __init__(self, take: RegisterService, parent: QWidget | None = None) -> None:
        super().__init__("Find a child", parent)
        self.take = take
        self.search = QLineEdit()
        self.search.setPlaceholderText("type part of the name")
        self.matches = QListWidget()
        self.search.textChanged.connect(lambda _t: self.look_up())
        self.add_row("Child:", "child", self.search)
        self.form.addRow("", self.matches)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Open")
        self.chosen_name = ""
        self.setMinimumWidth(440)

    def look_up(self) -> None:
        self.matches.clear()
        for c in self.take.find_children(self.search.text()):
            item = QListWidgetItem(f"{c.name} · {c.year} · {c.school}")
            item.setData(256, (c.child_id, c.name))
            self.matches.addItem(item)
        if self.matches.count():
            self.matches.setCurrentRow(0)

    def save(self) -> int:
        item = self.matches.currentItem()
        if item is None:
            raise ValidationError("Find the child and choose them in the list.", "child")
        child_id, self.chosen_name = item.data(256)
        return int(child_id)


class MedicinesDialog(Dialog):
    """A child's medical details, written medicine permissions and the doses given."""

    def __init__(self, health: HealthLogService, child_id: int, child_name: str, day: date,
                 clock: Clock, details: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Medical and medicines: {child_name}")
        self.health, self.child_id, self.child_name, self.day = health, child_id, child_name, day
        self.clock = clock
        self.dialog: QDialog | None = None
        self.changed = False
        self.about = QLabel(details or "No allergies or medical notes recorded.")
        self.about.setWordWrap(True)
        self.about.setStyleSheet("color: #b00020; font-weight: bold;" if details else "")
        self.permissions_model: DtoTableModel[PermissionRow] = DtoTableModel(
            [("Medicine", lambda x: x.medicine), ("Dose", lambda x: x.dose),
             ("When", lambda x: x.when_to_give), ("Signed by", lambda x: x.signed_by),
             ("From", lambda x: f"{x.signed_on:%d/%m/%Y}"),
             ("Until", lambda x: f"{x.valid_until:%d/%m/%Y}" if x.valid_until else "no end"),
             ("Doses", lambda x: x.doses_given), ("State", lambda x: permission_state(x, day))],
            [], tooltip=lambda x: f"Kept: {x.stored_where}" if x.stored_where else "")
        self.doses_model: DtoTableModel[DoseRow] = DtoTableModel(
            [("Given at", lambda x: format_local(x.given_at)), ("Medicine", lambda x: x.medicine),
             ("Amount", lambda x: x.amount), ("Given by", lambda x: x.given_by),
             ("Witness", lambda x: x.witnessed_by),
             ("Parent told", lambda x: format_local(x.parent_informed_at)),
             ("Notes", lambda x: x.notes)], [])
        self.permissions_view = table_view(self.permissions_model, stretch=-1)
        self.doses_view = table_view(self.doses_model, stretch=-1)
        self.add_button = QPushButton("Add written permission…")
        self.dose_button = QPushButton("Record a dose given…")
        self.end_button = QPushButton("End permission…")
        self.add_button.clicked.connect(self.add_permission)
        self.dose_button.clicked.connect(self.record_dose)
        self.end_button.clicked.connect(self.end_permission)
        row = QHBoxLayout()
        for b in (self.add_button, self.dose_button, self.end_button):
            row.addWidget(b)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        name = QLabel(f"<b>{escape(child_name)}</b>")
        name.setObjectName("pageTitle")
        layout.addWidget(name)
        layout.addWidget(self.about)
        layout.addWidget(QLabel("<b>Written permissions from a parent</b>"))
        layout.addWidget(self.permissions_view, 1)
        layout.addLayout(row)
        layout.addWidget(QLabel("<b>Doses given</b> (latest first)"))
        layout.addWidget(self.doses_view, 1)
        layout.addWidget(close)
        self.resize(820, 520)
        self.reload()

    def reload(self) -> None:
        health, child = self.health, self.child_id
        permissions = feedback.guarded(self, "Medicines", lambda: health.permissions(
            child, include_ended=True))
        doses = feedback.guarded(self, "Medicines", lambda: health.doses(child))
        self.permissions_model.set_rows(permissions or [])
        self.doses_model.set_rows(doses or [])
        fit_columns(self.permissions_view)
        fit_columns(self.doses_view)

    def current(self) -> list[PermissionRow]:
        return [p for p in self.permissions_model.rows if p.valid_on(self.day)]

    def selected(self) -> PermissionRow | None:
        rows = self.permissions_view.selectionModel().selectedRows()
        return self.permissions_model.row(rows[0].row()) if rows else None

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog

        def finished(code: int) -> None:
            if code:
                self.changed = True
                self.reload()

        dialog.finished.connect(finished)
        open_dialog(dialog)

    def add_permission(self) -> None:
        self._open(PermissionDialog(self.health, self.child_id, self.child_name, self.day, self))

    def record_dose(self) -> None:
        chosen = self.selected()
        self._open(DoseDialog(self.health, self.current(), self.child_name, self.clock,
                              chosen.id if chosen else None, self))

    def end_permission(self) -> None:
        p = self.selected()
        if p is None or p.ended:
            feedback.inform(self, "End permission", "Choose a permission that has not ended.")
            return
        if not feedback.confirm(self, "End permission", f"End the permission for {p.medicine}? "
                                "No more doses can be recorded under it; it stays in the record."):
            return

        def end() -> bool:
            self.health.end_permission(p.id)
            return True

        if feedback.guarded(self, "End permission", end):
            self.changed = True
            self.reload()
