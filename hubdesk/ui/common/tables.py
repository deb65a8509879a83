"""Read-only tables in the house style: a model over a list of frozen DTOs, one that loads a page at a
time as the user scrolls, one that tints rows, and the view and column helpers every page shares."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QToolTip

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
Column = tuple[str, Callable[[T], Any]]
PageSource = Callable[[int, int], Sequence[T]]

# Row tints: a problem or a full session, a warning, something switched off, all well.
RED, AMBER, GREY, GREEN = "#fbe3e4", "#fff4d6", "#eeeeee", "#e3f4e1"
FIT_ROWS = 40  # rows measured when sizing columns
STRETCH_MIN = 120  # the narrowest a stretching column is squeezed to before others give way
SQUEEZED_MIN = 72  # the narrowest an elidable column gets (a few letters and "…")
NO_INDEX = QModelIndex()  # the default parent of the model methods (a shared, never-valid index)
# Views ask each cell for a dozen roles when they measure and paint it; the models answer two or
# three. Looked up once here, the roles make the many unanswered questions cheap.
DISPLAY, TOOLTIP, BACKGROUND = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                Qt.ItemDataRole.BackgroundRole)


class _ColumnsModel(QAbstractTableModel, Generic[T]):
    """What both table models share: rows of DTOs shown through (title, getter) columns."""

    _columns: list[tuple[str, Callable[[T], Any]]]
    _rows: list[T]

    def row(self, index: int) -> T:
        return self._rows[index]

    @property
    def rows(self) -> list[T]:
        return list(self._rows)

    def rowCount(self, parent: Index = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self._columns)):
            return self._columns[section][0]
        return None


class DtoTableModel(_ColumnsModel[T]):
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

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role != DISPLAY and (role != TOOLTIP or self._tooltip is None):
            return None
        row = index.row()
        if not index.isValid() or row >= len(self._rows):
            return None
        item = self._rows[row]
        if role == DISPLAY:
            value = self._columns[index.column()][1](item)
            if isinstance(value, bool):
                return "Yes" if value else ""
            return "" if value is None else str(value)
        return self._tooltip(item) if self._tooltip is not None else None


class TintedTableModel(DtoTableModel[T]):
    """A DTO table whose rows can carry a background tint (problems red, full amber…)."""

    def __init__(self, columns: Sequence[tuple[str, Callable[[T], Any]]], rows: Sequence[T],
                 tint: Callable[[T], str | None],
                 tooltip: Callable[[T], str] | None = None) -> None:
        super().__init__(columns, rows, tooltip)
        self._tint = tint

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role == BACKGROUND and index.isValid() and index.row() < self.rowCount():
            colour = self._tint(self.row(index.row()))
            return QBrush(QColor(colour)) if colour else None
        return super().data(index, role)


def _no_rows(_offset: int, _limit: int) -> Sequence[Any]:
    return []


class LazyTableModel(_ColumnsModel[T]):
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

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        getter = None if role == DISPLAY else self._roles.get(int(role))
        if role != DISPLAY and getter is None:
            return None
        row = index.row()
        if not index.isValid() or row >= len(self._rows):
            return None
        item = self._rows[row]
        if getter is not None:
            return getter(item, index.column())
        value = self._columns[index.column()][1](item)
        return "" if value is None else str(value)


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
    ElidedTips(view)
    if stretch is not None:
        header.setStretchLastSection(stretch in (-1, model.columnCount() - 1))
    return view


def fit_columns(view: QTableView, stretch: int | None = None, elide: Sequence[int] = ()) -> None:
    """Size columns to their contents (headers included); one column may take the rest.

    Only the first rows are measured: a year of sessions would otherwise cost more than the query.
    When the table is too narrow, only the ``elide`` columns (long secondary text, shown whole in a
    tooltip) and the ``stretch`` column give up width: names, times and statuses stay whole. The
    sharing is done again whenever the table changes size.
    """
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(FIT_ROWS)
    view.resizeColumnsToContents()
    natural = [header.sectionSize(c) + 12 for c in range(header.count())]
    for column, width in enumerate(natural):
        header.resizeSection(column, width)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    fitter = view.findChild(_Squeeze, "squeeze")
    if fitter is None:
        fitter = _Squeeze(view)
    fitter.natural, fitter.stretch, fitter.elide = natural, stretch, tuple(elide)
    fitter.squeeze()


class _Squeeze(QObject):
    """Shares a table's width: fact columns keep their natural width, elidable ones take what is left."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.setObjectName("squeeze")
        self.view = view
        self.natural: list[int] = []
        self.stretch: int | None = None
        self.elide: tuple[int, ...] = ()
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.squeeze()
        return False

    def squeeze(self) -> None:
        header = self.view.horizontalHeader()
        if not self.elide or len(self.natural) != header.count():
            return
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        room = self.view.viewport().width() - (STRETCH_MIN if self.stretch is not None else 0)
        fixed = sum(self.natural[c] for c in shown if c not in self.elide and c != self.stretch)
        flexible = [c for c in shown if c in self.elide and c != self.stretch]
        for column, width in shares(room - fixed, {c: self.natural[c] for c in flexible}).items():
            header.resizeSection(column, width)


def shares(spare: int, natural: dict[int, int]) -> dict[int, int]:
    """Widths for the columns that give way: their natural widths when they fit in ``spare``, else
    shares in proportion to them. A share under SQUEEZED_MIN is raised to it and the others share
    what is left, so together they still fit (unless every one is at the minimum)."""
    if sum(natural.values()) <= spare:
        return dict(natural)
    widths: dict[int, int] = {}
    rest = dict(natural)
    left = spare
    while rest:
        total = max(sum(rest.values()), 1)
        floored = [c for c, width in rest.items() if left * width // total < SQUEEZED_MIN]
        if not floored:
            break
        for column in floored:
            widths[column] = min(rest.pop(column), SQUEEZED_MIN)
            left -= widths[column]
    total = max(sum(rest.values()), 1)
    widths.update({c: left * width // total for c, width in rest.items()})
    return widths


class ElidedTips(QObject):
    """A cell whose text is cut short ("Ashworth Hub Pri…") shows the whole text on hover, unless
    the model has its own tooltip for it."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        index = self.view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if is_elided(self.view, index, text):
            QToolTip.showText(event.globalPos(), text, self.view.viewport())
        else:
            QToolTip.hideText()
        return True


def text_room(view: QAbstractItemView, width: int) -> int:
    """The width a cell's text has inside a column ``width`` wide (less the style's margins)."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return width - 2 * margin


def is_elided(view: QAbstractItemView, index: QModelIndex | QPersistentModelIndex, text: str) -> bool:
    """True when ``text`` does not fit its cell and shows cut short."""
    font = index.data(Qt.ItemDataRole.FontRole)
    metrics = QFontMetrics(font) if isinstance(font, QFont) else view.fontMetrics()
    return metrics.horizontalAdvance(text.split("\n")[0]) > text_room(view, view.visualRect(index).width())


def selected_row(view: QTableView) -> int | None:
    selection = view.selectionModel()
    rows = selection.selectedRows() if selection is not None else []
    return rows[0].row() if rows else None
