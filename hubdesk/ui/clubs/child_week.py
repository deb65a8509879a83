"""A child's week, or the family's week (every brother and sister): which club, when, where.

The office reads it out on the phone ("Ella: breakfast Monday at Oakfield, football Wednesday
at the hub…") and books or cancels from it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.words import count
from hubdesk.services.clubs import ChildWeek, WeekItem
from hubdesk.ui.clubs.booking_dialog import BookingDialog
from hubdesk.ui.clubs.cancel_booking_dialog import CancelBookingDialog
from hubdesk.ui.common.child_picker import ChildPicker
from hubdesk.ui.common.dates import date_edit, qdate, to_date
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.common.forms import hbox
from hubdesk.ui.common.page import open_dialog
from hubdesk.ui.common.tables import DtoTableModel, table_view
from hubdesk.ui.common.widgets import WEEKDAY_NAMES, short_names
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents


def item_text(item: WeekItem, short: dict[str, str] | None = None) -> str:
    site = (short or {}).get(item.site, item.site)
    return f"{item.club_name}\n{item.start_time:%H:%M}–{item.end_time:%H:%M} at {site}"


def day_cell(week: ChildWeek, weekday: int, short: dict[str, str]) -> str:
    return "\n".join(item_text(x, short) for x in week.items if x.day.weekday() == weekday)


def week_model(short: dict[str, str]) -> DtoTableModel[ChildWeek]:
    """One row per child, one column per weekday; ``short`` gives sites' short names."""
    columns: list[tuple[str, Callable[[ChildWeek], str]]] = [
        ("Child", lambda w: f"{w.child_name}\n{w.year}, {short.get(w.school, w.school)}")]
    for weekday, name in enumerate(WEEKDAY_NAMES):
        columns.append((name, partial(lambda w, d: day_cell(w, d, short), d=weekday)))
    return DtoTableModel(columns, [])


def week_as_text(weeks: list[ChildWeek]) -> str:
    """The week in sentences, e.g. for reading out on the phone."""
    lines = []
    for w in weeks:
        if not w.items:
            lines.append(f"{w.child_name}: no clubs this week.")
            continue
        parts = [f"{x.day:%a} " + item_text(x).replace("\n", " ") for x in w.items]
        lines.append(f"{w.child_name}: " + "; ".join(parts) + ".")
    return "\n".join(lines)


class ChildWeekDialog(Dialog):
    def __init__(self, app: HubApp, events: AppEvents, today: date, child_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("A child's week")
        self.app, self.events, self.today = app, events, today
        self.fixed_child = child_id
        self.dialog: QDialog | None = None
        self.picker: ChildPicker | None = None
        if child_id is None:
            self.picker = ChildPicker(app.children)
            self.picker.changed.connect(self.refresh)
        self.week = date_edit(today)
        self.prev_week, self.next_week = QPushButton("◀"), QPushButton("▶")
        self.family = QCheckBox("Whole family (brothers and sisters)")
        self.family.setChecked(True)
        self.heading = QLabel()
        self.model = week_model(short_names(app.sites))
        self.view = table_view(self.model)
        self.view.setWordWrap(True)
        self.book_button = QPushButton("Book a club…")
        self.cancel_button = QPushButton("Cancel bookings…")
        self.copy_button = QPushButton("Copy as text")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        nav = hbox("Week of", self.prev_week, self.week, self.next_week, self.family, stretch=True)
        actions = hbox(self.book_button, self.cancel_button, self.copy_button, end=(close,))
        layout = QVBoxLayout(self)
        if self.picker is not None:
            layout.addWidget(self.picker)
        layout.addLayout(nav)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        self._connect()
        events.bookings_changed.connect(self.refresh)
        self.resize(1000, 460)
        self.refresh()

    def _connect(self) -> None:
        self.prev_week.clicked.connect(lambda: self._move(-7))
        self.next_week.clicked.connect(lambda: self._move(7))
        self.week.dateChanged.connect(lambda _d: self.refresh())
        self.family.toggled.connect(lambda _on: self.refresh())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        self.book_button.clicked.connect(self.book)
        self.cancel_button.clicked.connect(self.cancel)
        self.copy_button.clicked.connect(self.copy)

    def child_id(self) -> int | None:
        return self.fixed_child if self.picker is None else self.picker.child_id()

    def _move(self, days: int) -> None:
        self.week.setDate(qdate(to_date(self.week) + timedelta(days=days)))

    def weeks(self) -> list[ChildWeek]:
        return self.model.rows

    def refresh(self) -> None:
        child_id = self.child_id()
        day = to_date(self.week)
        monday = day - timedelta(days=day.weekday())
        if child_id is None:
            self.model.set_rows([])
            self.heading.setText("Find a child to see their week.")
            self._update()
            return
        if self.family.isChecked():
            found = feedback.guarded(self, "A child's week",
                                     lambda: list(self.app.weeks.family_week(child_id, day).children))
        else:
            one = feedback.guarded(self, "A child's week",
                                   lambda: self.app.weeks.child_week(child_id, day))
            found = [one] if one is not None else None
        weeks = found or []
        self.model.set_rows(weeks)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.resizeRowsToContents()
        clubs = sum(len(w.items) for w in weeks)
        self.heading.setText(f"Week of {monday:%a %d/%m/%Y}: {count(len(weeks), 'child')}, "
                             f"{count(clubs, 'club session')} booked.")
        pick = next((i for i, w in enumerate(weeks) if w.child_id == child_id), None)
        if pick is not None:
            self.view.selectRow(pick)
        self._update()

    def selected_week(self) -> ChildWeek | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _update(self) -> None:
        chosen = self.selected_week() is not None
        self.book_button.setEnabled(chosen)
        self.cancel_button.setEnabled(chosen)
        self.copy_button.setEnabled(bool(self.model.rows))

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        open_dialog(dialog)

    def book(self) -> None:
        week = self.selected_week()
        if week is not None:
            self._open(BookingDialog(self.app, self.events, self.today, child_id=week.child_id,
                                     parent=self))

    def cancel(self) -> None:
        week = self.selected_week()
        if week is not None:
            self._open(CancelBookingDialog(self.app, self.events, week.child_id, week.child_name,
                                           self.today, parent=self))

    def copy(self) -> None:
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.clipboard().setText(week_as_text(self.weeks()))
