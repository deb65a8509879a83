"""Read-only tables in the house style: a model over a list of frozen DTOs, one that loads a page at a
time as the user scrolls, one that tints rows, and the view and column helpers every page shares."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
Column = tuple[str, Callable[[T], Any]]
PageSource = Callable[[int, int], Sequence[T]]

# Row tints: a problem or a full session, a warning, something switched off, all well.
RED, AMBER, GREY, GREEN = "#fbe3e4", "#fff4d6", "#eeeeee", "#e3f4e1"
FIT_ROWS = 40  # rows measured when sizing columns
NO_INDEX = QModelIndex()  # the default parent of the model methods (a shared, never-valid index)


class DtoTableModel(QAbstractTableModel, Generic[T]):
    """A read-only table over a list of frozen DTOs, one column per (title, getter)."""

    def __init__(self, columns: Sequence[tuple[str, Callable[[T], Any]]], rows: Sequence[T],
                 tooltip: Callable[[T], str] | None = None) -> None:
        super().__init__()
        self._columns = list(columns)
        self._rows = list(rows)
        self._tooltip = tooltip

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> T:
        return self._rows[index]

    @property
    def rows(self) -> list[T]:
        return list(self._rows)

    def rowCount(self, parent: Index = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._columns[index.column()][1](item)
            if isinstance(value, bool):
                return "Yes" if value else ""
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole and self._tooltip is not None:
            return self._tooltip(item)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0]
        return None


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


def _no_rows(_offset: int, _limit: int) -> Sequence[Any]:
    return []


class LazyTableModel(QAbstractTableModel, Generic[T]):
    """A read-only table that loads its rows a page at a time (canFetchMore / fetchMore).

    The view asks for the next page as the user scrolls, so a list of 24,000 children opens as quickly
    as one of 200. The page source is a plain callable (offset, limit) -> rows, usually a service call.
    Columns are (title, getter); ``roles`` adds per-column getters for other item roles.
    """

    def __init__(self, columns: Sequence[tuple[str, Callable[[T], Any]]], page_size: int = 200,
                 roles: dict[int, Callable[[T, int], Any]] | None = None) -> None:
        super().__init__()
        self._columns = list(columns)
        self._roles = {int(role): getter for role, getter in (roles or {}).items()}
        self._source: PageSource[T] = _no_rows
        self._rows: list[T] = []
        self._exhausted = True
        self.page_size = page_size

    def set_source(self, source: PageSource[T]) -> None:
        """Forget every row and load the first page from ``source`` (a new filter)."""
        self.beginResetModel()
        self._source = source
        self._rows = list(source(0, self.page_size))
        self._exhausted = len(self._rows) < self.page_size
        self.endResetModel()

    def reload(self, keep: int | None = None) -> None:
        """Load again from the same source, at least ``keep`` rows (to hold the scroll position)."""
        wanted = max(self.page_size, keep if keep is not None else len(self._rows))
        self.beginResetModel()
        self._rows = list(self._source(0, wanted))
        self._exhausted = len(self._rows) < wanted
        self.endResetModel()

    def row(self, index: int) -> T:
        return self._rows[index]

    @property
    def rows(self) -> list[T]:
        return list(self._rows)

    def canFetchMore(self, parent: Index = NO_INDEX) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = NO_INDEX) -> None:
        if parent.isValid() or self._exhausted:
            return
        page = list(self._source(len(self._rows), self.page_size))
        self._exhausted = len(page) < self.page_size
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def rowCount(self, parent: Index = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._columns[index.column()][1](item)
            return "" if value is None else str(value)
        getter = self._roles.get(int(role))
        return getter(item, index.column()) if getter is not None else None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self._columns)):
            return self._columns[section][0]
        return None


def table_view(model: QAbstractItemModel, stretch: int | None = None) -> QTableView:
    """A read-only, whole-row-selecting table in the house style. ``stretch`` names the column that
    takes the spare width: the last one (or -1) here; ``fit_columns`` stretches any other."""
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
        header.setStretchLastSection(stretch in (-1, model.columnCount() - 1))
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
    selection = view.selectionModel()
    rows = selection.selectedRows() if selection is not None else []
    return rows[0].row() if rows else None
