"""One person's week on the rota: their shifts day by day, hours against contract, their problems,
and buttons to print it or write it to a calendar file for their phone."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.words import count, duration
from hubdesk.services.rota import PersonWeek
from hubdesk.ui.shell import feedback

COLUMNS = ("Day", "Time", "Site", "Session or duty", "Role")


class PersonWeekView(QWidget):
    def __init__(self, app: HubApp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        today = app.clock.today()
        self.monday = today - timedelta(days=today.weekday())
        self.current: PersonWeek | None = None
        self.person = QComboBox()
        self.person.setEditable(True)  # type to find a name
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.print_button = QPushButton("Print this week")
        self.weeks = QSpinBox()
        self.weeks.setRange(1, 16)
        self.weeks.setSuffix(" week")  # one week to start with
        self.weeks.valueChanged.connect(lambda n: self.weeks.setSuffix(" week" if n == 1 else " weeks"))
        self.ical_button = QPushButton("Calendar file for their phone…")
        self.hours = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Person:"))
        top.addWidget(self.person, 1)
        top.addWidget(self.print_button)
        top.addWidget(self.weeks)
        top.addWidget(self.ical_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hours)
        layout.addWidget(self.table, 2)
        layout.addWidget(QLabel("<b>To sort out</b>"))
        layout.addWidget(self.problems, 1)
        self._stale = True  # read when first shown: the site's grid is the tab a visit opens on
        self.person.currentIndexChanged.connect(lambda _i: self.refresh())

    def load_people(self) -> None:
        current = self.person.currentData()
        rows = feedback.guarded(self, "Staff rota", self.app.staff.list) or []
        self.person.blockSignals(True)
        self.person.clear()
        for row in rows:
            self.person.addItem(row.name, row.id)
        self.person.setCurrentIndex(max(0, self.person.findData(current)))
        self.person.blockSignals(False)

    def staff_id(self) -> int | None:
        data = self.person.currentData()
        return int(data) if data is not None else None

    def choose(self, staff_id: int) -> None:
        self._stale = False
        if self.person.findData(staff_id) < 0:
            self.load_people()
        self.person.setCurrentIndex(max(0, self.person.findData(staff_id)))
        self.refresh()

    def set_week(self, monday: date) -> None:
        """Show another week (or the same one again): read now when on screen, else when shown."""
        self.monday = monday
        self._stale = True
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        self._stale = False
        self.load_people()
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def refresh(self) -> None:
        staff_id = self.staff_id()
        self.table.setRowCount(0)
        self.problems.clear()
        if staff_id is None:
            self.hours.setText("No staff yet.")
            return
        week = feedback.guarded(self, "Staff rota",
                                lambda: self.app.rota.person_week(staff_id, self.monday))
        if week is None:
            return
        self.current = week
        rows = [(x.day, x) for day in week.week.days for x in day]
        self.table.setRowCount(len(rows))
        for n, (day, x) in enumerate(rows):
            for col, value in enumerate((f"{day:%a %d %b}", x.times, x.site, x.title, x.role_label)):
                self.table.setItem(n, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        contracted = week.week.contracted_minutes
        limit = f" of {duration(contracted)} contracted" if contracted is not None else ""
        self.hours.setText(f"{week.name} ({week.role}): {count(len(rows), 'shift')}, "
                           f"{duration(week.week.minutes)}{limit} in the week of "
                           f"{week.monday:%d %B %Y}." if rows else
                           f"{week.name} is not on the rota in the week of {week.monday:%d %B %Y}.")
        for p in week.problems:
            self.problems.addItem(("✖ Blocking: " if p.blocking else "⚠ ") + p.message)
