"""The run editor: vehicle, day, crew, stops with times, and the passengers. Passengers are put on
from the day's transport needs this route serves (children, staff, adults) or taken off; the seats
on every stretch are shown as the editor stands, before anything is saved, and the save takes the
run and its passenger changes together."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, time

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from hubdesk.core.errors import DomainError
from hubdesk.services.minibus import Boarding, NeedRow, PassengerRow, RunDetail, RunForm, StopForm
from hubdesk.ui.common.dates import date_edit, to_date
from hubdesk.ui.common.forms import ERROR_STYLE, InlineFormDialog, fit_on_screen
from hubdesk.ui.minibus.run_stops import StopsEditor, people_box, select
from hubdesk.ui.shell import feedback

KINDS = {"child": "Child", "staff": "Staff", "adult": "Adult"}


@dataclass(frozen=True)
class Aboard:
    """A line of the passenger table: someone already on the run, or a need being put on."""

    name: str
    kind: str
    board_site: int
    alight_site: int
    note: str
    passenger_id: int | None = None
    need_key: str = ""


def _route(sites: list[int], need: NeedRow) -> bool:
    """Whether a route stops at the need's start and, later, at its end."""
    if need.from_site_id not in sites:
        return False
    return need.to_site_id in sites[sites.index(need.from_site_id) + 1:]


class RunDialog(InlineFormDialog):
    def __init__(self, app: HubApp, day: date, run_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit run" if run_id else "New run", parent)
        self.app, self.run_id, self._ready = app, run_id, False
        detail = app.minibus.runs.get(run_id) if run_id else None
        self.form_data = detail.form if detail else None
        sites = [(int(s.id or 0), s.name, s.is_hub) for s in app.sites.list()]
        self.site_names = {sid: name for sid, name, _hub in sites}
        self._build_fields(detail.form if detail else None, day, sites)
        self.aboard: list[Aboard] = []
        self.removed: list[int] = []
        if detail:
            self._load(detail)
        else:
            hub = next((sid for sid, _name, is_hub in sites if is_hub), None)
            start = sites[0][0] if sites else 0
            self.stops.set_stops((StopForm(start, None, time(15, 20)),
                                  StopForm(hub or (sites[-1][0] if sites else 0), time(15, 40))))
        self.needs: list[NeedRow] = []
        self.seats_ok = True
        self._ready = True
        self._load_needs()
        self.stops.changed.connect(self.refresh_passengers)
        self.vehicle.currentIndexChanged.connect(lambda _i: self.update_seats())
        self.day.dateChanged.connect(lambda _d: self._load_needs())
        fit_on_screen(self, 720, 640)  # under a 768-px screen's title bar and taskbar

    def _build_fields(self, form: RunForm | None, day: date, sites: list[tuple[int, str, bool]]) -> None:
        self.vehicle = QComboBox()
        for v in self.app.minibus.vehicles.overview(day):
            self.vehicle.addItem(f"{v.label} · {v.seats} seats", v.id)
        self.day = date_edit(form.day if form else day)
        self.name = QLineEdit(form.name if form else "")
        self.name.setPlaceholderText("optional, e.g. Swimming gala")
        people = self.app.staff.list()
        self.driver = people_box("— no driver yet —", people)
        self.escort = people_box("— no escort —", people)
        self.stops = StopsEditor([(sid, name) for sid, name, _hub in sites], self._fill)
        self.add_row("Vehicle", "vehicle_id", self.vehicle)
        self.add_row("Day", "day", self.day)
        self.add_row("Name", "name", self.name)
        self.add_row("Driver", "driver_staff_id", self.driver)
        self.add_row("Escort", "escort_staff_id", self.escort)
        self.add_row("Stops", "stops", self.stops, self.stops.table)
        self.add_row("Passengers", "passengers", self._passengers_box(), self.aboard_table)
        self.seats = QLabel()  # one line per stretch; a wrapped label gets squeezed in the form
        self.seats.setMinimumHeight(3 * self.fontMetrics().height())
        self.add_row("Seats", "seats", self.seats)

    def _load(self, detail: RunDetail) -> None:
        """The run being edited: its vehicle, crew, stops and who is aboard."""
        select(self.vehicle, detail.form.vehicle_id)
        select(self.driver, detail.form.driver_staff_id)
        select(self.escort, detail.form.escort_staff_id)
        self.stops.set_stops(detail.form.stops)
        self.aboard = [self._existing(p, detail.form.stops) for p in detail.passengers]

    def _passengers_box(self) -> QVBoxLayout:
        self.aboard_table = QTableWidget(0, 4)
        self.aboard_table.setHorizontalHeaderLabels(["Passenger", "Gets on", "Gets off", ""])
        self.aboard_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.aboard_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.aboard_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.aboard_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.aboard_table.verticalHeader().hide()
        self.aboard_table.setMinimumHeight(110)
        self.aboard_table.setMaximumHeight(200)
        self.candidates = QComboBox()
        self.candidates.setMinimumContentsLength(30)
        self.put_on_button, self.take_off_button = QPushButton("Put on"), QPushButton("Take off")
        self.put_on_button.setToolTip("Add the chosen transport need to this run")
        self.take_off_button.setToolTip("Take the selected passenger off this run")
        self.put_on_button.clicked.connect(self.put_on)
        self.take_off_button.clicked.connect(self.take_off)
        row = QHBoxLayout()
        row.addWidget(self.candidates, 1)
        row.addWidget(self.put_on_button)
        row.addWidget(self.take_off_button)
        box = QVBoxLayout()
        box.addWidget(self.aboard_table)
        box.addLayout(row)
        return box

    def _existing(self, p: PassengerRow, stops: tuple[StopForm, ...]) -> Aboard:
        note = "booking cancelled: take off" if p.stale else ("wheelchair" if p.wheelchair else "")
        return Aboard(p.name, p.kind, stops[p.board].site_id, stops[p.alight].site_id, note, p.id,
                      p.need_key)

    def _fill(self, stops: tuple[StopForm, ...]) -> tuple[StopForm, ...] | None:
        return feedback.guarded(self, "Stop times", lambda: self.app.minibus.runs.default_stops(
            [s.site_id for s in stops], depart=stops[0].depart if stops else None))

    # -- passengers -------------------------------------------------------------------------------

    def _load_needs(self) -> None:
        self.needs = feedback.guarded(self, "Transport needs", lambda: self.app.minibus.needs.day(
            to_date(self.day))) or []
        self.refresh_passengers()

    def refresh_passengers(self) -> None:
        """Redraw the passenger table and the needs this route can take, then the seats."""
        if not self._ready:
            return
        self.aboard_table.setRowCount(len(self.aboard))
        for row, a in enumerate(self.aboard):
            values = (f"{a.name} ({KINDS.get(a.kind, a.kind).lower()})",
                      self.site_names.get(a.board_site, "?"), self.site_names.get(a.alight_site, "?"),
                      a.note)
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if a.note.startswith("booking cancelled") or a.note == "to put on":
                    item.setForeground(QColor("#b00020" if a.passenger_id else "#1b5e20"))
                self.aboard_table.setItem(row, col, item)
        self.aboard_table.resizeColumnsToContents()
        self.aboard_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        sites = [s.site_id for s in self.stops.stops()]
        taken = {a.need_key for a in self.aboard}
        self.candidates.clear()
        for n in self.needs:
            if n.key in taken or (n.met and n.run_id != self.run_id) or not _route(sites, n):
                continue
            self.candidates.addItem(f"{n.name} ({KINDS.get(n.kind, n.kind).lower()}, {n.purpose}): "
                                    f"{n.from_site} → {n.to_site} {n.times}", n.key)
        if not self.candidates.count():
            self.candidates.addItem("— no unmet need travels this route that day —", None)
        self.put_on_button.setEnabled(self.candidates.currentData() is not None)
        self.update_seats()

    def put_on(self) -> None:
        key = self.candidates.currentData()
        need = next((n for n in self.needs if n.key == key), None)
        if need is None:
            return
        self.aboard.append(Aboard(need.name, need.kind, need.from_site_id, need.to_site_id,
                                  "to put on", None, need.key))
        self.refresh_passengers()

    def take_off(self) -> None:
        rows = self.aboard_table.selectionModel().selectedRows()
        if not rows:
            feedback.inform(self, "Take off", "Choose a passenger in the list first.")
            return
        gone = self.aboard.pop(rows[0].row())
        if gone.passenger_id is not None:
            self.removed.append(gone.passenger_id)
        self.refresh_passengers()

    def changes(self) -> tuple[tuple[Boarding, ...], tuple[int, ...]]:
        return (tuple(Boarding(a.need_key) for a in self.aboard if a.passenger_id is None),
                tuple(self.removed))

    def update_seats(self) -> None:
        """Seats per stretch as the editor stands, in red where a stretch is over."""
        if not self._ready:
            return
        add, remove = self.changes()
        try:
            preview = self.app.minibus.runs.seat_preview(self.run_form(), add, remove)
        except DomainError as exc:
            self.seats.setText(f"Seats are counted once the stops are right: {exc}")
            self.seats.setStyleSheet("color: #555;")
            return
        lines = [f"<span style='color:#b00020'><b>{s.text}</b></span>" if s.over else s.text
                 for s in preview.stretches]
        lines += [f"<span style='{ERROR_STYLE}'>{p}</span>" for p in preview.problems]
        self.seats.setStyleSheet("")
        self.seats.setText("<br/>".join(lines) or "No stretches yet.")
        self.seats_ok = preview.ok

    # -- saving -----------------------------------------------------------------------------------

    def run_form(self) -> RunForm:
        base = RunForm(self.vehicle.currentData(), to_date(self.day), self.stops.stops(),
                       self.name.text(), self.driver.currentData(), self.escort.currentData())
        if self.form_data is not None:
            return replace(base, id=self.form_data.id, notes=self.form_data.notes)
        return base

    def save(self) -> int:
        add, remove = self.changes()
        return self.app.minibus.runs.save(self.run_form(), add, remove)
