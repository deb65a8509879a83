"""The history list every record shares: sentences about people, a find box, rows loaded a page at
a time. The History page shows it for everything; a child's and a staff member's record filtered to
them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from hubdesk.services.admin import HistoryLine
from hubdesk.ui.common.tables import DtoTableModel, LazyTableModel, table_view
from hubdesk.ui.shell import feedback

COLUMNS: list[tuple[str, Callable[[HistoryLine], str]]] = [
    ("When", lambda h: h.when), ("Who", lambda h: h.user), ("What happened", lambda h: h.sentence)]
SEARCH_HINT = "Child, carer, staff member, club or a date (30/11)"
PAGE_ROWS = 200


def history_model(lines: list[HistoryLine] | None = None) -> DtoTableModel[HistoryLine]:
    """A plain list of history lines (a record's tab shows its few hundred at once)."""
    return DtoTableModel(COLUMNS, lines or [], tooltip=_tooltip)


def _tooltip(line: HistoryLine) -> str:
    """The fields changed, and the computer it was done on."""
    text = line.changes or line.sentence
    return f"{text}\n(on the PC {line.pc})" if line.pc else text


Source = Callable[[str, int, int], Sequence[HistoryLine]]


class HistoryView(QWidget):
    """A search box over a lazily loaded history list; ``source(search, offset, limit)``."""

    def __init__(self, source: Source, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self.search = QLineEdit()
        self.search.setPlaceholderText(SEARCH_HINT)
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.refresh)
        show = QPushButton("Find")
        show.clicked.connect(self.refresh)
        self.status = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("Find:"))
        top.addWidget(self.search, 1)
        top.addWidget(show)
        self.model: LazyTableModel[HistoryLine] = LazyTableModel(COLUMNS, page_size=PAGE_ROWS)
        self.view = table_view(self.model, stretch=2)
        self.view.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

    def set_source(self, source: Source) -> None:
        self._source = source
        self.refresh()

    def refresh(self) -> None:
        text = self.search.text().strip()

        def page(offset: int, limit: int) -> Sequence[HistoryLine]:
            return feedback.guarded(self, "History", lambda: self._source(text, offset, limit)) or []

        self.model.set_source(page)
        for column in range(self.model.columnCount() - 1):
            self.view.resizeColumnToContents(column)
        count = self.model.rowCount()
        more = "+" if self.model.canFetchMore() else ""
        found = f"{count}{more} entries" if count != 1 else "1 entry"
        self.status.setText(f"{found} for '{text}'." if text else f"{found}, newest first.")

    def texts(self) -> list[str]:
        """Every loaded line as one sentence (what a reader sees across the row)."""
        return [line.text for line in self.model.rows]
