"""History: who did what, in sentences about people, newest first, searchable by name or date."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from hubdesk.app import HubApp
from hubdesk.ui.common.history import HistoryView
from hubdesk.ui.common.page import Page
from hubdesk.ui.shell.events import AppEvents


class HistoryPage(Page):
    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(app, events, parent)
        self.history = HistoryView(
            lambda text, offset, limit: app.audit.history(search=text, offset=offset, limit=limit))
        layout = QVBoxLayout(self)
        layout.addWidget(self.page_title("History"))
        layout.addWidget(self.history, 1)
        events.data_reloaded.connect(self.refresh)

    @property
    def search(self) -> QLineEdit:
        return self.history.search

    def on_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.history.refresh()
