"""Small pieces the club, booking and waiting-list screens share: weekday ticks, money, tables
with coloured rows, and a text box whose contents the office can copy in one click."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hubdesk.services.sites.sites import SiteService
from hubdesk.ui.common.dto_table import DtoTableModel, Index

T = TypeVar("T")
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri")

# Row tints: a problem or a full session, a warning, something switched off.
RED, AMBER, GREY, GREEN = "#fbe3e4", "#fff4d6", "#eeeeee", "#e3f4e1"
FIT_ROWS = 40  # rows measured when sizing columns


def money(pence: int) -> str:
    return "Free" if pence == 0 else f"£{pence // 100}.{pence % 100:02d}"


def short_names(sites: SiteService) -> dict[str, str]:
    """Site name -> short name ('Ashworth Hub Primary School' -> 'Ashworth') for narrow columns."""
    return {s.name: s.short_name or s.name for s in sites.list(include_inactive=True)}


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class WeekdayBoxes(QWidget):
    """Monday to Friday tick boxes; ``days()`` gives 0 = Monday … 4 = Friday."""

    def __init__(self, days: Sequence[int] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes = [QCheckBox(name) for name in WEEKDAY_NAMES]
        for box in self.boxes:
            layout.addWidget(box)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.set_days(days)

    def set_days(self, days: Sequence[int]) -> None:
        for i, box in enumerate(self.boxes):
            box.setChecked(i in days)

    def days(self) -> tuple[int, ...]:
        return tuple(i for i, box in enumerate(self.boxes) if box.isChecked())

    def on_change(self, slot: Callable[[], None]) -> None:
        for box in self.boxes:
            box.toggled.connect(lambda _on: slot())


class TintedTableModel(DtoTableModel[T]):
    """A DTO table whose rows can carry a background tint (problems red, full amber…)."""

    def __init__(self, columns: Sequence[tuple[str, Callable[[T], Any]]], rows: Sequence[T],
                 tint: Callable[[T], str | None],
                 tooltip: Callable[[T], str] | None = None) -> None:
        super().__init__(columns, rows, tooltip)
        self._tint = tint

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid() \
                and index.row() < self.rowCount():
            colour = self._tint(self.row(index.row()))
            return QBrush(QColor(colour)) if colour else None
        return super().data(index, role)


def table_view(model: DtoTableModel[Any], stretch: int | None = None) -> QTableView:
    """A read-only, whole-row-selecting table in the house style."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    if stretch is not None:
        header.setStretchLastSection(stretch == model.columnCount() - 1)
    return view


def fit_columns(view: QTableView, stretch: int | None = None) -> None:
    """Size columns to their contents (headers included); one column may take the rest.

    Only the first rows are measured: a year of sessions would otherwise cost more than the query.
    """
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(FIT_ROWS)
    view.resizeColumnsToContents()
    for column in range(header.count()):
        header.resizeSection(column, header.sectionSize(column) + 12)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def selected_row(view: QTableView) -> int | None:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    return rows[0].row() if rows else None


class CopyableText(QWidget):
    """Read-only text (e.g. families to phone) with a Copy button for pasting into an email."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text_box = QPlainTextEdit(text)
        self.text_box.setReadOnly(True)
        self.copy_button = QPushButton("Copy to clipboard")
        self.copy_button.clicked.connect(self.copy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text_box, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.copy_button)
        layout.addLayout(row)

    def set_text(self, text: str) -> None:
        self.text_box.setPlainText(text)

    def text(self) -> str:
        return self.text_box.toPlainText()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
