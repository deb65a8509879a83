"""The Registers page's incidents & medicines tab.

Above: accidents, incidents and first aid at the site in the 30 days to the chosen day, with what is
still owed (telling the parent, telling Ofsted). Below: the children booked at the site that day
who have a current written medicine permission, with the doses given so far, so a dose is recorded
where staff look for it. Any child's medicines can be opened by name.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.clock import format_local
from hubdesk.core.words import count
from hubdesk.services.registers import IncidentRow, MedicineDue, RegisterLine, hhmm
from hubdesk.ui.common.page import Page, open_dialog
from hubdesk.ui.common.tables import DtoTableModel, fit_columns, table_view
from hubdesk.ui.registers.dialogs import IncidentDialog
from hubdesk.ui.registers.medicine_dialogs import DoseDialog, FindChildDialog, MedicinesDialog
from hubdesk.ui.shell import feedback


class HealthTab(QWidget):
    def __init__(self, app: HubApp, page: Page, chosen_day: Callable[[], date]) -> None:
        super().__init__(page)
        self.app, self.page, self.chosen_day = app, page, chosen_day
        self.site_id: int | None = None
        self.day: date | None = None
        self.dialog: QDialog | None = None
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._build_incidents())
        splitter.addWidget(self._build_medicines())
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _build_incidents(self) -> QWidget:
        """Accidents, incidents and first aid of the last 30 days, with what is still owed."""
        self.model: DtoTableModel[IncidentRow] = DtoTableModel(
            [("When", lambda x: format_local(x.happened_at)), ("Child", lambda x: x.child),
             ("Kind", lambda x: x.kind_label), ("What happened", lambda x: x.what),
             ("Dealt with by", lambda x: x.dealt_with_by),
             ("Parent told", lambda x: format_local(x.parent_informed_at)),
             ("Still to do", lambda x: x.needs)], [],
            tooltip=lambda x: f"{x.what}\nAction: {x.action_taken}")
        self.view = table_view(self.model, stretch=-1)
        self.told_button = QPushButton("Parent told now")
        self.told_button.clicked.connect(self.parent_told)
        self.incident_medicines = QPushButton("This child's medicines…")
        self.incident_medicines.clicked.connect(self.open_incident_child)
        top = QWidget()
        upper = QVBoxLayout(top)
        upper.setContentsMargins(0, 0, 0, 0)
        upper.addWidget(QLabel("<b>Accidents, incidents and first aid</b> in the 30 days to the "
                               "chosen day. Record a new one from the register (Accident / "
                               "incident…)."))
        upper.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(self.told_button)
        row.addWidget(self.incident_medicines)
        row.addStretch(1)
        upper.addLayout(row)
        return top

    def _build_medicines(self) -> QWidget:
        """Today's children with a medicine permission, and the doses given so far."""
        self.due_model: DtoTableModel[MedicineDue] = DtoTableModel(
            [("Child", lambda x: x.child), ("Club", lambda x: x.clubs),
             ("Medicine", lambda x: x.permission.medicine), ("Dose", lambda x: x.permission.dose),
             ("When to give", lambda x: x.permission.when_to_give),
             ("Given today", lambda x: (f"{x.doses_today} (last {hhmm(x.last_dose_at)})"
                                        if x.doses_today else "not yet"))], [],
            tooltip=lambda x: f"Signed by {x.permission.signed_by}" + (
                f"; kept: {x.permission.stored_where}" if x.permission.stored_where else ""))
        self.due_view = table_view(self.due_model, stretch=-1)
        self.due_view.doubleClicked.connect(lambda _i: self.record_dose())
        self.dose_button = QPushButton("Record a dose given…")
        self.dose_button.clicked.connect(self.record_dose)
        self.child_button = QPushButton("Child's medicines…")
        self.child_button.clicked.connect(self.open_due_child)
        self.find_button = QPushButton("Any child's medicines / add a permission…")
        self.find_button.clicked.connect(self.find_child)
        self.due_note = QLabel()
        self.due_note.setWordWrap(True)
        bottom = QWidget()
        lower = QVBoxLayout(bottom)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addWidget(self.due_note)
        lower.addWidget(self.due_view, 1)
        buttons = QHBoxLayout()
        for b in (self.dose_button, self.child_button, self.find_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lower.addLayout(buttons)
        return bottom

    def load(self, site_id: int | None, day: date) -> None:
        self.site_id, self.day = site_id, day
        health = self.app.registers.health
        rows = feedback.guarded(self, "Incidents", lambda: health.incidents(
            site_id=site_id, start=day - timedelta(days=30), end=day))
        if rows is not None:
            self.model.set_rows(rows)
            fit_columns(self.view)
        due = feedback.guarded(self, "Medicines", lambda: health.due_on(day, site_id))
        if due is not None:
            self.due_model.set_rows(due)
            fit_columns(self.due_view)
            self.due_note.setText(
                f"<b>Medicines</b> on {day:%a %d/%m/%Y}: " + (
                    f"{count(len(due), 'written permission')} for children booked here. Give a medicine "
                    "only as the parent wrote it, and record every dose."
                    if due else "no child booked here has a current written permission."))

    def reload(self) -> None:
        self.load(self.site_id, self.day or self.chosen_day())

    def selected(self) -> IncidentRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def selected_due(self) -> MedicineDue | None:
        rows = self.due_view.selectionModel().selectedRows()
        return self.due_model.row(rows[0].row()) if rows else None

    def parent_told(self) -> None:
        row = self.selected()
        if row is None:
            feedback.inform(self, "Parent told", "Choose an entry first.")
            return
        if feedback.attempt(self, "Parent told", lambda: self.app.registers.health.parent_informed(
                row.id, "told by the club")):
            self.reload()

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog

        def finished(code: int) -> None:
            if code or getattr(dialog, "changed", False):
                self.reload()

        dialog.finished.connect(finished)
        open_dialog(dialog)

    def medicines(self, child_id: int, name: str, details: str = "") -> MedicinesDialog:
        """Open a child's medicines (also used by the register's medical marker)."""
        dialog = MedicinesDialog(self.app.registers.health, child_id, name,
                                 self.day or self.chosen_day(), self.app.clock, details, self)
        self._open(dialog)
        return dialog

    def open_incident_child(self) -> None:
        row = self.selected()
        if row is None:
            feedback.inform(self, "Medicines", "Choose an entry in the log first.")
            return
        self.medicines(row.child_id, row.child)

    def open_due_child(self) -> None:
        due = self.selected_due()
        if due is None:
            feedback.inform(self, "Medicines", "Choose a child in the medicines list first.")
            return
        self.medicines(due.permission.child_id, due.child)

    def record_dose(self) -> None:
        due = self.selected_due()
        if due is None:
            feedback.inform(self, "Record a dose", "Choose a child in the medicines list first.")
            return
        day = self.day or self.chosen_day()
        current = [p for p in self.app.registers.health.permissions(due.permission.child_id)
                   if p.valid_on(day)]
        self._open(DoseDialog(self.app.registers.health, current, due.child, self.app.clock,
                              due.permission.id, self))

    def find_child(self) -> None:
        dialog = FindChildDialog(self.app.registers.take, self)
        self.dialog = dialog

        def finished(code: int) -> None:
            if code and dialog.saved_id is not None:
                self.medicines(dialog.saved_id, dialog.chosen_name)

        dialog.finished.connect(finished)
        open_dialog(dialog)

    def record(self, lines: list[RegisterLine], session_id: int, child_id: int | None) -> None:
        self._open(IncidentDialog(self.app.registers.health, lines, session_id, self.app.clock, self,
                                  child_id))
