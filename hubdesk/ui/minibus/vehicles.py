"""The Minibus page's Vehicles tab: each vehicle with whether it may go out on the chosen day and
why not, the walk-round checks of the last two weeks, and the vehicle form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.services.minibus import VehicleRow
from hubdesk.ui.common.page import open_dialog
from hubdesk.ui.common.tables import DtoTableModel, table_view
from hubdesk.ui.minibus.dialogs import CheckDialog, VehicleDialog
from hubdesk.ui.shell import feedback


def vehicles_model() -> DtoTableModel[VehicleRow]:
    return DtoTableModel(
        [("Vehicle", lambda v: v.label), ("Seats", lambda v: v.seats),
         ("Wheelchairs", lambda v: v.wheelchair_spaces), ("On the day", lambda v: v.status),
         ("Permit to", lambda v: f"{v.permit_expiry:%d/%m/%Y}" if v.permit_expiry else "none"),
         ("MOT due", lambda v: f"{v.mot_due:%d/%m/%Y}" if v.mot_due else "none"),
         ("Inspection due", lambda v: f"{v.inspection_due:%d/%m/%Y}" if v.inspection_due else "none"),
         ("Why", lambda v: " ".join(v.blocks or v.warnings))],
        [], tooltip=lambda v: "\n".join(v.blocks + v.warnings) or "Ready to go")


class VehiclesTab(QWidget):
    def __init__(self, app: HubApp, day: Callable[[], date], changed: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.day, self.changed = app, day, changed
        self.dialog: QWidget | None = None
        self.vehicles = vehicles_model()
        self.vehicles_view = table_view(self.vehicles)
        self.vehicles_view.setWordWrap(True)
        self.vehicles_view.doubleClicked.connect(lambda _i: self.edit_vehicle())
        self.vehicles_view.clicked.connect(lambda _i: self.show_checks())
        self.check_button = QPushButton("Walk-round check…")
        new, edit = QPushButton("New vehicle…"), QPushButton("Edit vehicle…")
        self.check_button.clicked.connect(self.walk_round)
        new.clicked.connect(lambda: self.vehicle_dialog(None))
        edit.clicked.connect(self.edit_vehicle)
        self.checks_title = QLabel()
        self.checks_list = QListWidget()
        buttons = QHBoxLayout()
        for b in (self.check_button, new, edit):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.vehicles_view, 2)
        layout.addWidget(self.checks_title)
        layout.addWidget(self.checks_list, 1)

    def set_rows(self, rows: list[VehicleRow]) -> None:
        chosen = self.selected_vehicle()
        self.vehicles.set_rows(rows)
        self.vehicles_view.resizeColumnsToContents()
        self.vehicles_view.horizontalHeader().setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)
        self.vehicles_view.resizeRowsToContents()
        if rows:  # keep the chosen vehicle, or show the first one's checks
            index = next((n for n, r in enumerate(rows) if chosen and r.id == chosen.id), 0)
            self.vehicles_view.selectRow(index)
        self.show_checks()

    def show_checks(self) -> None:
        self.checks_list.clear()
        row = self.selected_vehicle()
        if row is None:
            self.checks_title.setText("Walk-round checks: choose a vehicle.")
            return
        day = self.day()
        self.checks_title.setText(f"Walk-round checks of {row.label}, last two weeks to "
                                  f"{day:%a %d/%m}:")
        checks = feedback.guarded(self, "Checks", lambda: self.app.minibus.vehicles.checks(
            row.id, day - timedelta(days=14), day)) or []
        for c in checks:
            state = "passed" if c.passed else "FAILED: " + "; ".join(c.failed)
            self.checks_list.addItem(f"{c.day:%a %d/%m} {c.checked_at[-5:]} by {c.checked_by}: {state}")
        if not checks:
            self.checks_list.addItem("No checks recorded.")

    def selected_vehicle(self) -> VehicleRow | None:
        rows = self.vehicles_view.selectionModel().selectedRows()
        return self.vehicles.row(rows[0].row()) if rows else None

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(self.changed)
        open_dialog(dialog)

    def edit_vehicle(self) -> None:
        row = self.selected_vehicle()
        if row is None:
            feedback.inform(self, "Edit vehicle", "Choose a vehicle in the list first.")
            return
        self.vehicle_dialog(row.id)

    def vehicle_dialog(self, vehicle_id: int | None) -> None:
        dialog = feedback.guarded(self, "Vehicle", lambda: VehicleDialog(self.app, vehicle_id, self))
        if dialog is not None:
            self._open(dialog)

    def walk_round(self) -> None:
        row = self.selected_vehicle()
        if row is None:
            feedback.inform(self, "Walk-round check", "Choose a vehicle in the list first.")
            return
        self._open(CheckDialog(self.app, row.id, row.label, self.day(), self))
