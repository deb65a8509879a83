"""Minibus forms: a run (vehicle, day, crew, stops with times, passengers), a vehicle, the daily
walk-round check, and the review of an automatic assignment before it is saved."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.services.minibus_assign import AssignProposal
from hubdesk.services.minibus_runs import RunForm, StopForm
from hubdesk.services.minibus_vehicles import CHECK_ITEMS, CheckForm, CheckItem, VehicleForm
from hubdesk.ui import feedback
from hubdesk.ui.dialogs.inline_form import InlineFormDialog

NO_TIME = QTime(0, 0)
NOT_RECORDED = QDate(2000, 1, 1)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _time_edit(value: time | None) -> QTimeEdit:
    edit = QTimeEdit(QTime(value.hour, value.minute) if value else NO_TIME)
    edit.setDisplayFormat("HH:mm")
    return edit


class RunDialog(InlineFormDialog):
    """New or edit run. Stops are a table of site, arrive and leave; 'Times from the travel table'
    fills the times from the first departure."""

    def __init__(self, app: HubApp, day: date, run_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit run" if run_id else "New run", parent)
        self.app, self.run_id = app, run_id
        detail = app.minibus.runs.get(run_id) if run_id else None
        self.form_data = detail.form if detail else None
        self.sites = app.sites.list()
        self.vehicle = QComboBox()
        for v in app.minibus.vehicles.overview(day):
            self.vehicle.addItem(f"{v.label} · {v.seats} seats", v.id)
        self.day = QDateEdit(qdate(detail.form.day if detail else day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd dd/MM/yyyy")
        self.name = QLineEdit(detail.form.name if detail else "")
        self.name.setPlaceholderText("optional, e.g. Swimming gala")
        people = app.staff.list()
        self.driver, self.escort = QComboBox(), QComboBox()
        for box, first in ((self.driver, "— no driver yet —"), (self.escort, "— no escort —")):
            box.addItem(first, None)
            for p in people:
                box.addItem(f"{p.name} ({p.role})", p.id)
        self.stops = QTableWidget(0, 3)
        self.stops.setHorizontalHeaderLabels(["Site", "Arrive", "Leave"])
        self.stops.horizontalHeader().setStretchLastSection(True)
        self.stops.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        add, remove, timed = (QPushButton("Add stop"), QPushButton("Remove stop"),
                              QPushButton("Times from the travel table"))
        add.clicked.connect(lambda: self.add_stop(None))
        remove.clicked.connect(self.remove_stop)
        timed.clicked.connect(self.fill_times)
        buttons = QHBoxLayout()
        for b in (add, remove, timed):
            buttons.addWidget(b)
        stops_box = QVBoxLayout()
        stops_box.addWidget(self.stops)
        stops_box.addLayout(buttons)
        self.add_row("Vehicle", "vehicle_id", self.vehicle)
        self.add_row("Day", "day", self.day)
        self.add_row("Name", "name", self.name)
        self.add_row("Driver", "driver_staff_id", self.driver)
        self.add_row("Escort", "escort_staff_id", self.escort)
        self.add_row("Stops", "stops", stops_box, self.stops)
        self.passengers = QListWidget()
        if detail:
            self._select(self.vehicle, detail.form.vehicle_id)
            self._select(self.driver, detail.form.driver_staff_id)
            self._select(self.escort, detail.form.escort_staff_id)
            for st in detail.form.stops:
                self.add_stop(st)
            names = [s.site for s in detail.row.stops]
            for p in detail.passengers:
                self.passengers.addItem(f"{p.name} ({p.kind}): {names[p.board]} → {names[p.alight]}")
            self.add_row("Passengers", "passengers", self.passengers)
        else:
            hub = next((s.id for s in self.sites if s.is_hub), None)
            self.add_stop(StopForm(self.sites[0].id if self.sites else 0, None, time(15, 20)))
            self.add_stop(StopForm(hub or (self.sites[-1].id if self.sites else 0), time(15, 40)))
        self.resize(620, 560)

    @staticmethod
    def _select(box: QComboBox, value: object) -> None:
        index = box.findData(value)
        if index >= 0:
            box.setCurrentIndex(index)

    def add_stop(self, stop: StopForm | None) -> None:
        row = self.stops.rowCount()
        self.stops.insertRow(row)
        site = QComboBox()
        for s in self.sites:
            site.addItem(s.name, s.id)
        if stop is not None:
            self._select(site, stop.site_id)
        self.stops.setCellWidget(row, 0, site)
        self.stops.setCellWidget(row, 1, _time_edit(stop.arrive if stop else None))
        self.stops.setCellWidget(row, 2, _time_edit(stop.depart if stop else None))

    def remove_stop(self) -> None:
        rows = self.stops.selectionModel().selectedRows()
        row = rows[0].row() if rows else self.stops.rowCount() - 1
        if row >= 0 and self.stops.rowCount() > 2:
            self.stops.removeRow(row)

    def stop_forms(self) -> tuple[StopForm, ...]:
        found = []
        last = self.stops.rowCount() - 1
        for row in range(self.stops.rowCount()):
            site = self.stops.cellWidget(row, 0)
            arrive, depart = self.stops.cellWidget(row, 1), self.stops.cellWidget(row, 2)
            assert isinstance(site, QComboBox) and isinstance(arrive, QTimeEdit)
            assert isinstance(depart, QTimeEdit)
            a, d = arrive.time(), depart.time()
            found.append(StopForm(site.currentData(), None if row == 0 else time(a.hour(), a.minute()),
                                  None if row == last else time(d.hour(), d.minute())))
        return tuple(found)

    def fill_times(self) -> None:
        stops = self.stop_forms()
        filled = feedback.guarded(self, "Stop times", lambda: self.app.minibus.runs.default_stops(
            [s.site_id for s in stops], depart=stops[0].depart if stops else None))
        if filled:
            self.stops.setRowCount(0)
            for stop in filled:
                self.add_stop(stop)

    def run_form(self) -> RunForm:
        base = RunForm(self.vehicle.currentData(), pydate(self.day.date()), self.stop_forms(),
                       self.name.text(), self.driver.currentData(), self.escort.currentData())
        if self.form_data is not None:
            return replace(base, id=self.form_data.id, notes=self.form_data.notes)
        return base

    def save(self) -> int:
        return self.app.minibus.runs.save(self.run_form())


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
        self.permit = QLineEdit(c.permit_number if c else "")
        self.dates: dict[str, QDateEdit] = {}
        self.add_row("Registration", "registration", self.registration)
        self.add_row("Name", "name", self.name)
        self.add_row("Passenger seats", "seats", self.seats)
        self.add_row("Wheelchair spaces", "wheelchair_spaces", self.wheelchairs)
        self.add_row("Section 19 permit", "permit_number", self.permit)
        for field, label in (("permit_expiry", "Permit expires"), ("mot_due", "MOT due"),
                             ("last_inspection", "Last safety inspection")):
            edit = QDateEdit()
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setMinimumDate(NOT_RECORDED)
            edit.setSpecialValueText("not recorded")  # shown at the minimum: saved as empty
            value = getattr(c, field) if c else None
            edit.setDate(qdate(value) if value else NOT_RECORDED)
            self.dates[field] = edit
            self.add_row(label, field, edit)

    def save(self) -> int:
        values = {k: None if v.date() == NOT_RECORDED else pydate(v.date())
                  for k, v in self.dates.items()}
        base = self.current or VehicleForm(registration="", seats=1)
        return self.app.minibus.vehicles.save(replace(
            base, registration=self.registration.text(), name=self.name.text(),
            seats=self.seats.value(), wheelchair_spaces=self.wheelchairs.value(),
            permit_number=self.permit.text(), **values))


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
            items.append(CheckItem(name.text(), name.checkState() == Qt.CheckState.Checked,
                                   note.text() if note else ""))
        return self.app.minibus.vehicles.record_check(CheckForm(
            self.vehicle_id, self.day, self.checked_by.text(), tuple(items)))


class AssignDialog(QDialog):
    """The proposal of 'Assign automatically', to read before saving it."""

    def __init__(self, proposal: AssignProposal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proposal = proposal
        self.setWindowTitle(f"Assign automatically: {proposal.day:%A %d/%m/%Y}")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{len(proposal.rides)}</b> passengers placed, "
                                f"<b>{len(proposal.new_runs)}</b> new run(s) proposed, "
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
