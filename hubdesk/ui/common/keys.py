"""Keyboard paths every page shares: from a search box into its results, Enter to open a row.

An office worker types a name, presses Down (or Enter) and is in the list; Enter there opens the row,
as a double-click does. Nobody has to reach for the mouse between the two.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def into_results(view: QAbstractItemView) -> None:
    """Give the list the focus with a row chosen (the first, if none was)."""
    model = view.model()
    if model is None or model.rowCount() == 0:
        return
    view.setFocus(Qt.FocusReason.ShortcutFocusReason)
    current = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not current:
        view.selectRow(0) if hasattr(view, "selectRow") else view.setCurrentIndex(model.index(0, 0))


class _SearchKeys(QObject):
    """Down from the search box goes into the results."""

    def __init__(self, search: QLineEdit, view: QAbstractItemView) -> None:
        super().__init__(search)
        self.view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Down:
            into_results(self.view)
            return True
        return False


class _OpenKeys(QObject):
    """Enter on a chosen row opens it, like a double-click."""

    def __init__(self, view: QAbstractItemView, open_row: Callable[[], object]) -> None:
        super().__init__(view)
        self.open_row = open_row

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in ENTER and watched.property("enterOpens"):
            self.open_row()
            return True
        return False


def search_leads_to(search: QLineEdit, view: QAbstractItemView, enter_too: bool = True) -> None:
    """Down (and Enter, unless the page uses Enter itself) in ``search`` moves into ``view``."""
    search.installEventFilter(_SearchKeys(search, view))
    if enter_too:
        search.returnPressed.connect(lambda: into_results(view))


def enter_opens(view: QAbstractItemView, open_row: Callable[[], object]) -> None:
    """Enter on the chosen row of ``view`` calls ``open_row``."""
    view.setProperty("enterOpens", True)
    view.installEventFilter(_OpenKeys(view, open_row))
