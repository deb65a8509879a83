"""The stops of a run or weekly run as a table: site, arrive, leave, with buttons to add and remove
a stop and to fill the times from the travel-time table (plus the office's loading minutes)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from hubdesk.services.minibus import StopForm
from hubdesk.services.people import StaffRow
from hubdesk.ui.common.dates import optional_time, time_edit


def people_box(nobody: str, people: Iterable[StaffRow]) -> QComboBox:
    """A driver or escort chooser: ``nobody`` (None) first, then each person with their role."""
    box = QComboBox()
    box.addItem(nobody, None)
    for p in people:
        box.addItem(f"{p.name} ({p.role})", p.id)
    return box


def select(box: QComboBox, value: object) -> None:
    index = box.findData(value)
    if index >= 0:
        box.setCurrentIndex(index)


class StopsEditor(QWidget):
    """``changed`` fires when a stop is added, removed, moved to another site or re-timed."""

    changed = Signal()

    def __init__(self, sites: Sequence[tuple[int, str]],
                 fill: Callable[[tuple[StopForm, ...]], tuple[StopForm, ...] | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sites, self._fill = list(sites), fill
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Site", "Arrive", "Leave"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(col, 90)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(110)
        self.table.setMaximumHeight(190)
        self.add_button, self.remove_button = QPushButton("Add stop"), QPushButton("Remove stop")
        self.times_button = QPushButton("Times from the travel table")
        self.times_button.setToolTip("Keep the first departure; time the other stops by the travel "
                                     "table and the loading minutes in the minibus settings")
        self.add_button.clicked.connect(lambda: self.add_stop(None))
        self.remove_button.clicked.connect(self.remove_stop)
        self.times_button.clicked.connect(self.fill_times)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.times_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addStretch(1)  # a tall dialog's spare room goes under the buttons, not round the table

    def add_stop(self, stop: StopForm | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        site = QComboBox()
        for sid, name in self.sites:
            site.addItem(name, sid)
        if stop is not None:
            select(site, stop.site_id)
        site.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.table.setCellWidget(row, 0, site)
        for col, value in ((1, stop.arrive if stop else None), (2, stop.depart if stop else None)):
            edit = time_edit(value, blank="—")  # 00:00 is no time: no run at midnight
            edit.timeChanged.connect(lambda _t: self.changed.emit())
            self.table.setCellWidget(row, col, edit)
        self._grey_ends()
        self.changed.emit()

    def _grey_ends(self) -> None:
        """The first stop is only left and the last only reached: their other time is unused."""
        last = self.table.rowCount() - 1
        for row in range(self.table.rowCount()):
            for col, unused in ((1, row == 0), (2, row == last)):
                widget = self.table.cellWidget(row, col)
                if widget is not None:
                    widget.setEnabled(not unused)

    def remove_stop(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else self.table.rowCount() - 1
        if row >= 0 and self.table.rowCount() > 2:
            self.table.removeRow(row)
            self._grey_ends()
            self.changed.emit()

    def set_stops(self, stops: Sequence[StopForm]) -> None:
        self.table.setRowCount(0)
        for stop in stops:
            self.add_stop(stop)

    def stops(self) -> tuple[StopForm, ...]:
        found = []
        last = self.table.rowCount() - 1
        for row in range(self.table.rowCount()):
            site = self.table.cellWidget(row, 0)
            arrive, depart = self.table.cellWidget(row, 1), self.table.cellWidget(row, 2)
            assert isinstance(site, QComboBox) and isinstance(arrive, QTimeEdit)
            assert isinstance(depart, QTimeEdit)
            found.append(StopForm(site.currentData(), None if row == 0 else optional_time(arrive),
                                  None if row == last else optional_time(depart)))
        return tuple(found)

    def fill_times(self) -> None:
        filled = self._fill(self.stops())
        if filled:
            self.set_stops(filled)
