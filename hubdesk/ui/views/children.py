"""Placeholder while the page is being built."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from hubdesk.app import HubApp
from hubdesk.ui.events import AppEvents


class ChildrenPage(QWidget):
    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        QVBoxLayout(self).addWidget(QLabel("ChildrenPage"))

    def refresh(self) -> None:
        pass
