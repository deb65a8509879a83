"""Minibus forms: a vehicle, the daily walk-round check, and the review of an automatic assignment
before it is saved (the run editor is in ``minibus_run_dialog``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.services.minibus import CHECK_ITEMS, AssignProposal, CheckForm, CheckItem, VehicleForm
from hubdesk.ui.common.dates import DayEdit, optional_date, optional_date_edit
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.common.forms import InlineFormDialog
from hubdesk.ui.minibus.run_dialog import RunDialog

__all__ = ["AssignDialog", "CheckDialog", "RunDialog", "VehicleDialog"]



class VehicleDialog(InlineFormDialog):
    def __init__(self, app: HubApp, vehicle_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Edit vehicle" if vehicle_id else "New vehicle", parent)
        self.app = app
        self.current = app.minibus.vehicles.get(vehicle_id) if vehicle_id else None
        c = self.current
        self.registration = QLineEdit(c.registration if c else "")
        self.name = QLineEdit(c.name if c else "")
        self.seats = QSpinBox()
        self.seats.setRange(0, 30)
        self.seats.setValue(c.seats if c else 16)
        self.wheelchairs = QSpinBox()
        self.wheelchairs.setRange(0, 6)
        self.wheelchairs.setValue(c.wheelchair_spaces if c else 0)
        self.weight = QSpinBox()
        self.weight.setRange(0, 12000)
        self.weight.setSingleStep(50)
        self.weight.setSuffix(" kg")
        self.weight.setSpecialValueText("not recorded")  # 0: saved as empty
        self.weight.setValue(c.gross_weight_kg or 0 if c else 0)
        self.weight.setToolTip("Gross vehicle weight from the plate. Drivers without D1 may drive "
                               "up to 3,500 kg, or 4,250 kg with disability equipment.")
        self.equipment = QCheckBox("Carries disability equipment (a lift or ramp)")
        self.equipment.setChecked(c.disability_equipment if c else False)
        self.inspection_weeks = QSpinBox()
        self.inspection_weeks.setRange(0, 60)
        self.inspection_weeks.setSuffix(" weeks")
        self.inspection_weeks.setValue(c.inspection_weeks if c else 10)
        self.permit = QLineEdit(c.permit_number if c else "")
        self.dates: dict[str, DayEdit] = {}
        self.add_row("Registration", "registration", self.registration)
        self.add_row("Name", "name", self.name)
        self.add_row("Passenger seats", "seats", self.seats)
        self.add_row("Wheelchair spaces", "wheelchair_spaces", self.wheelchairs)
        self.add_row("Gross weight", "gross_weight_kg", self.weight)
        self.add_row("", "disability_equipment", self.equipment)
        self.add_row("Section 19 permit", "permit_number", self.permit)
        self.add_row("Safety inspection every", "inspection_weeks", self.inspection_weeks)
        for field, label in (("permit_expiry", "Permit expires"), ("mot_due", "MOT due"),
                             ("last_inspection", "Last safety inspection")):
            edit = optional_date_edit(getattr(c, field) if c else None, blank="not recorded")
            self.dates[field] = edit
            self.add_row(label, field, edit)

    def save(self) -> int:
        values = {k: optional_date(v) for k, v in self.dates.items()}
        base = self.current or VehicleForm(registration="", seats=1)
        return self.app.minibus.vehicles.save(replace(
            base, registration=self.registration.text(), name=self.name.text(),
            seats=self.seats.value(), wheelchair_spaces=self.wheelchairs.value(),
            gross_weight_kg=self.weight.value() or None,
            disability_equipment=self.equipment.isChecked(),
            inspection_weeks=self.inspection_weeks.value(), permit_number=self.permit.text(),
            permit_expiry=values["permit_expiry"], mot_due=values["mot_due"],
            last_inspection=values["last_inspection"]))


class CheckDialog(InlineFormDialog):
    """The walk-round check: tick each item that passed; say what is wrong with the others."""

    def __init__(self, app: HubApp, vehicle_id: int, label: str, day: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Walk-round check: {label}", parent)
        self.app, self.vehicle_id, self.day = app, vehicle_id, day
        self.checked_by = QLineEdit()
        self.checked_by.setPlaceholderText("Your name")
        self.items = QTableWidget(len(CHECK_ITEMS), 2)
        self.items.setHorizontalHeaderLabels(["Item (tick when fine)", "What is wrong"])
        self.items.horizontalHeader().setStretchLastSection(True)
        for row, item in enumerate(CHECK_ITEMS):
            cell = QTableWidgetItem(item)
            cell.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            cell.setCheckState(Qt.CheckState.Checked)
            self.items.setItem(row, 0, cell)
            self.items.setItem(row, 1, QTableWidgetItem(""))
        self.items.resizeColumnToContents(0)
        self.add_row("Day", "day", QLabel(f"{day:%A %d/%m/%Y}"))
        self.add_row("Checked by", "checked_by", self.checked_by)
        self.add_row("Items", "items", self.items)
        self.resize(620, 520)

    def save(self) -> int:
        items = []
        for row in range(self.items.rowCount()):
            name, note = self.items.item(row, 0), self.items.item(row, 1)
            assert name is not None  # every row is built with its name cell
            items.append(CheckItem(name.text(), name.checkState() == Qt.CheckState.Checked,
                                   note.text() if note else ""))
        return self.app.minibus.vehicles.record_check(CheckForm(
            self.vehicle_id, self.day, self.checked_by.text(), tuple(items)))


class AssignDialog(Dialog):
    """The proposal of 'Assign automatically', to read before saving it."""

    def __init__(self, proposal: AssignProposal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proposal = proposal
        self.setWindowTitle(f"Assign automatically: {proposal.day:%A %d/%m/%Y}")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{len(proposal.rides)}</b> passengers placed, "
                                f"<b>{len(proposal.new_runs)}</b> new "
                                f"{'run' if len(proposal.new_runs) == 1 else 'runs'} proposed, "
                                f"<b>{len(proposal.unmet)}</b> left unmet. Nothing is saved until "
                                "you press Save."))
        self.rides = QTableWidget(len(proposal.rides), 3)
        self.rides.setHorizontalHeaderLabels(["Passenger", "Route", "Run"])
        for row, ride in enumerate(proposal.rides):
            for col, value in enumerate((f"{ride.name} ({ride.purpose})", ride.route, ride.run)):
                self.rides.setItem(row, col, QTableWidgetItem(value))
        self.rides.resizeColumnsToContents()
        self.rides.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.rides, 1)
        if proposal.new_runs:
            layout.addWidget(QLabel("<b>New runs</b> (add a driver afterwards):"))
            runs = QListWidget()
            for new in proposal.new_runs:
                runs.addItem(f"{new.label} on {new.vehicle}" + (f" — {new.note}" if new.note else ""))
            layout.addWidget(runs)
        if proposal.unmet:
            layout.addWidget(QLabel("<b>Still unmet</b>:"))
            unmet = QListWidget()
            for u in proposal.unmet:
                unmet.addItem(f"{u.name} ({u.purpose}): {u.why}")
            layout.addWidget(unmet)
        self.include = QCheckBox("Also make the proposed new runs")
        self.include.setChecked(True)
        layout.addWidget(self.include)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 560)

    def chosen(self) -> AssignProposal:
        if self.include.isChecked():
            return self.proposal
        return replace(self.proposal, new_runs=(),
                       rides=tuple(r for r in self.proposal.rides if r.run_ref > 0))
