"""Find a child by name or UPN: a search box and the matching children in a drop-down."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from hubdesk.services.people import ChildService

MAX_MATCHES = 50


class ChildPicker(QWidget):
    changed = Signal()

    def __init__(self, children: ChildService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.child_service = children
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type a child's name or UPN")
        self.search.setClearButtonEnabled(True)
        self.matches = QComboBox()
        self.matches.setMinimumContentsLength(34)
        self.matches.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(200)
        self._typing.timeout.connect(self.look_up)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.search.returnPressed.connect(self.look_up)
        self.matches.currentIndexChanged.connect(lambda _i: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.matches, 1)
        self.look_up()

    def look_up(self) -> None:
        self._typing.stop()
        text = self.search.text().strip()
        self.matches.blockSignals(True)
        self.matches.clear()
        if not text:
            self.matches.addItem("(type to find a child)", None)
        else:
            rows = self.child_service.search(text, limit=MAX_MATCHES)
            if not rows:
                self.matches.addItem("(no child matches)", None)
            for row in rows:
                self.matches.addItem(f"{row.name} – {row.year}, {row.school}", row.id)
        self.matches.blockSignals(False)
        self.changed.emit()

    def child_id(self) -> int | None:
        value = self.matches.currentData()
        return int(value) if value is not None else None
