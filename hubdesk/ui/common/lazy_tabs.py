"""Tabs whose pages are built the first time they are shown or asked for.

A page with several tabs built all of them (their code, widgets and style) before it could show the
first; most visits look at one. An empty stand-in holds each other tab's place until then.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTabs:
    """Builds ``tabs``' pages on demand. Connect to ``tabs.currentChanged`` after making this: the
    tab shown is built before any other handler looks at it."""

    def __init__(self, tabs: QTabWidget) -> None:
        self.tabs = tabs
        self._makers: dict[int, Callable[[], QWidget]] = {}
        self._made: dict[int, QWidget] = {}
        tabs.currentChanged.connect(self._shown)

    def add(self, title: str, make: Callable[[], QWidget]) -> int:
        """A tab titled ``title`` whose page ``make`` builds when it is first needed; its index."""
        index = self.tabs.addTab(QWidget(), title)
        self._makers[index] = make
        return index

    def built(self, index: int) -> QWidget | None:
        """The page at ``index`` if it has been built (or was never lazy), else None."""
        if index in self._makers:
            return self._made.get(index)
        return self.tabs.widget(index)

    def get(self, index: int) -> QWidget:
        """The page at ``index``, built now if it was not yet."""
        page = self.built(index)
        if page is None:
            page = self._makers[index]()
            stand_in = self.tabs.widget(index)
            current, title = self.tabs.currentIndex(), self.tabs.tabText(index)
            was_blocked = self.tabs.blockSignals(True)  # the same tab stays chosen: say nothing
            try:
                self.tabs.removeTab(index)
                self.tabs.insertTab(index, page, title)
                self.tabs.setCurrentIndex(current)
            finally:
                self.tabs.blockSignals(was_blocked)
            if stand_in is not None:
                stand_in.deleteLater()
            self._made[index] = page
        return page

    def _shown(self, index: int) -> None:
        if index in self._makers:
            self.get(index)
