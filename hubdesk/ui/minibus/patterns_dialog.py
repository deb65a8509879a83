"""Weekly runs: the list of patterns, a new one, and changing one from a date (later runs take the
new times, stops, weekdays, vehicle and crew; earlier runs stay as they ran)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.words import count
from hubdesk.services.minibus import PatternChange, PatternForm, StopForm
from hubdesk.ui.common.dates import date_edit, to_date
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.common.forms import InlineFormDialog, fit_on_screen, hbox
from hubdesk.ui.common.page import open_dialog
from hubdesk.ui.minibus.run_stops import StopsEditor, people_box, select
from hubdesk.ui.shell import feedback

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")
Choices = list[tuple[int, str]]  # (site id, name)


def change_summary(change: PatternChange) -> str:
    text = (f"{count(change.changed, 'later run')} changed, {change.created} new, {change.cancelled} "
            "cancelled. Earlier runs are as they were.")
    if change.passengers_off:
        text += ("\n\nTaken off because the new route does not stop where they get on or off "
                 "(they are unmet again):\n" + "\n".join(change.passengers_off))
    return text


class PatternDialog(InlineFormDialog):
    def __init__(self, app: HubApp, pattern_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Change weekly run" if pattern_id else "New weekly run", parent)
        self.app, self.pattern_id = app, pattern_id
        self.change: PatternChange | None = None
        current = app.minibus.patterns.get(pattern_id) if pattern_id else None
        today = app.clock.today()
        sites = [(int(s.id or 0), s.name) for s in app.sites.list()]
        self._build_fields(current, today, sites)
        self._add_rows(current)
        self._load(current, today, sites)
        fit_on_screen(self, 680, 720)  # never taller than a laptop screen leaves room for

    def _build_fields(self, current: PatternForm | None, today: date, sites: Choices) -> None:
        self.name = QLineEdit(current.name if current else "")
        self.name.setPlaceholderText("e.g. After school: Elm to Oak")
        self.vehicle = QComboBox()
        for v in self.app.minibus.vehicles.overview(today):
            self.vehicle.addItem(f"{v.label} · {v.seats} seats", v.id)
        self.days = [QCheckBox(d) for d in WEEKDAYS]
        for n, box in enumerate(self.days):
            box.setChecked(n in (current.weekdays if current else (0, 1, 2, 3, 4)))
        self.start = date_edit(current.start_date if current else today)
        self.end = date_edit(current.end_date if current else today + timedelta(weeks=12))
        self.calendar = QComboBox()
        for sid, name in sites:
            self.calendar.addItem(name, sid)
        self.calendar.setToolTip("Runs are made on the days this site is open (terms, INSET, closures)")
        people = self.app.staff.list()
        self.driver = people_box("— no driver yet —", people)
        self.escort = people_box("— no escort —", people)
        self.stops = StopsEditor(sites, self._fill)
        self.from_day = date_edit(max(today, current.start_date) if current else today)

    def _add_rows(self, current: PatternForm | None) -> None:
        """A change of an existing weekly run starts with the day it applies from."""
        if current:
            self.add_row("Changes apply from", "from_day", self.from_day)
            note = QLabel("Runs before this day stay as they ran. Later runs take the changes; "
                          "passengers stay aboard where the new route still serves them.")
            note.setWordWrap(True)
            self.form.addRow("", note)
        self.add_row("Name", "name", self.name)
        self.add_row("Vehicle", "vehicle_id", self.vehicle)
        self.add_row("Weekdays", "weekdays", hbox(*self.days, stretch=True), self.days[0])
        self.add_row("First day", "start_date", self.start)
        self.add_row("Last day", "end_date", self.end)
        self.add_row("Open days of", "calendar_site_id", self.calendar)
        self.add_row("Driver", "driver_staff_id", self.driver)
        self.add_row("Escort", "escort_staff_id", self.escort)
        self.add_row("Stops", "stops", self.stops, self.stops.table)

    def _load(self, current: PatternForm | None, today: date, sites: Choices) -> None:
        """The weekly run being changed, or two stops with times filled for a new one."""
        if current:
            select(self.vehicle, current.vehicle_id)
            select(self.calendar, current.calendar_site_id)
            select(self.driver, current.driver_staff_id)
            select(self.escort, current.escort_staff_id)
            self.stops.set_stops(current.stops)
            self.start.setEnabled(current.start_date >= today)  # a run that has begun keeps its start
        else:
            first_site = sites[0][0] if sites else 0
            self.stops.set_stops((StopForm(first_site, None, None),
                                  StopForm(sites[-1][0] if sites else 0)))
            self.stops.fill_times()

    def _fill(self, stops: tuple[StopForm, ...]) -> tuple[StopForm, ...] | None:
        return feedback.guarded(self, "Stop times", lambda: self.app.minibus.runs.default_stops(
            [s.site_id for s in stops], depart=stops[0].depart if stops else None))

    def pattern_form(self) -> PatternForm:
        return PatternForm(self.name.text(), self.vehicle.currentData(),
                           tuple(n for n, box in enumerate(self.days) if box.isChecked()),
                           to_date(self.start), to_date(self.end),
                           self.calendar.currentData(), self.stops.stops(), self.driver.currentData(),
                           self.escort.currentData(), self.pattern_id)

    def save(self) -> int:
        patterns = self.app.minibus.patterns
        if self.pattern_id is None:
            return patterns.save(self.pattern_form()).pattern_id
        self.change = patterns.change(self.pattern_id, self.pattern_form(), to_date(self.from_day))
        return self.pattern_id


class PatternsDialog(Dialog):
    """The weekly runs, to add one or change one from a date."""

    def __init__(self, app: HubApp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.child: PatternDialog | None = None
        self.changed = False
        self.setWindowTitle("Weekly runs")
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(["Name", "Vehicle", "Weekdays", "Dates", "Route",
                                              "Runs planned"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.new_button, self.edit_button = QPushButton("New weekly run…"), QPushButton("Change…")
        self.new_button.clicked.connect(lambda: self._open(None))
        self.edit_button.clicked.connect(self.edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.refresh()
        self.resize(860, 420)

    def refresh(self) -> None:
        rows = feedback.guarded(self, "Weekly runs", self.app.minibus.patterns.patterns) or []
        self.table.setRowCount(len(rows))
        for r, p in enumerate(rows):
            for c, value in enumerate((p.name, p.vehicle, p.weekdays, p.dates, p.route, str(p.runs))):
                item = QTableWidgetItem(value)
                item.setData(256, p.id)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

    def selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        item = self.table.item(rows[0].row(), 0) if rows else None
        return int(item.data(256)) if item is not None else None

    def edit(self) -> None:
        pattern_id = self.selected()
        if pattern_id is None:
            feedback.inform(self, "Change weekly run", "Choose a weekly run in the list first.")
            return
        self._open(pattern_id)

    def _open(self, pattern_id: int | None) -> None:
        dialog = feedback.guarded(self, "Weekly run", lambda: PatternDialog(self.app, pattern_id, self))
        if dialog is None:
            return
        self.child = dialog

        def saved() -> None:
            self.changed = True
            self.refresh()
            if dialog.change is not None:
                feedback.inform(self, "Weekly run changed", change_summary(dialog.change))

        dialog.accepted.connect(saved)
        open_dialog(dialog)
