"""A read-only table model that loads its rows a page at a time (canFetchMore / fetchMore).

The view asks for the next page as the user scrolls, so a list of 24,000 children opens as quickly
as one of 200. The page source is a plain callable (offset, limit) -> rows, usually a service call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
PageSource = Callable[[int, int], Sequence[T]]


def _no_rows(_offset: int, _limit: int) -> Sequence[Any]:
    return []


class LazyTableModel(QAbstractTableModel, Generic[T]):
    """Columns are (title, getter); ``roles`` adds per-column getters for other item roles."""

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

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
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

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
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
