"""Choose whom a referral is for: a child (by name or UPN) or a family (one of its carers)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QRadioButton, QVBoxLayout, QWidget

from hubdesk.services.people import CarerService, ChildService
from hubdesk.ui.common.child_picker import ChildPicker

MAX_MATCHES = 30


class CarerPicker(QWidget):
    """A search box and the carers it finds, each with their children to tell namesakes apart."""

    def __init__(self, carers: CarerService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.carers = carers
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type a carer's name, phone or email")
        self.search.setClearButtonEnabled(True)
        self.matches = QComboBox()
        self.matches.setMinimumContentsLength(34)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(200)
        self._typing.timeout.connect(self.look_up)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.search.returnPressed.connect(self.look_up)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.matches, 1)
        self.look_up()

    def look_up(self) -> None:
        self._typing.stop()
        text = self.search.text().strip()
        self.matches.clear()
        if not text:
            self.matches.addItem("(type to find a carer)", None)
            return
        found = self.carers.find_matches(text, limit=MAX_MATCHES)
        if not found:
            self.matches.addItem("(no carer matches)", None)
        for match in found:
            children = f" – {', '.join(match.children)}" if match.children else ""
            name = f"{match.carer.forename} {match.carer.surname}".strip()
            self.matches.addItem(name + children, match.carer.id)

    def carer_id(self) -> int | None:
        value = self.matches.currentData()
        return int(value) if value is not None else None


class PersonPicker(QWidget):
    """'A child' or 'A family' and the matching finder below it."""

    def __init__(self, children: ChildService, carers: CarerService,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.for_child = QRadioButton("A child")
        self.for_family = QRadioButton("A family (choose one of its carers)")
        self.for_child.setChecked(True)
        self.child = ChildPicker(children)
        self.carer = CarerPicker(carers)
        self.carer.hide()
        self.for_child.toggled.connect(self._switch)
        choice = QHBoxLayout()
        choice.addWidget(self.for_child)
        choice.addWidget(self.for_family)
        choice.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(choice)
        layout.addWidget(self.child)
        layout.addWidget(self.carer)

    def _switch(self, child: bool) -> None:
        self.child.setVisible(child)
        self.carer.setVisible(not child)
        (self.child.search if child else self.carer.search).setFocus()

    def chosen(self) -> tuple[int | None, int | None]:
        """(child id, carer id): one of them, or neither when nobody is chosen yet."""
        if self.for_child.isChecked():
            return self.child.child_id(), None
        return None, self.carer.carer_id()
