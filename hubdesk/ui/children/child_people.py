"""The people tabs of the child editor: carers, family (siblings) and the child's history.

They need a saved child, so a new child shows them once it has been saved (Apply).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.services.people import CarerLink, FamilyMember
from hubdesk.ui.children.carer_dialog import CarerLinkDialog, FindCarerDialog, carer_name
from hubdesk.ui.children.child_fields import HINT_STYLE
from hubdesk.ui.common.history import HistoryView
from hubdesk.ui.common.page import open_dialog
from hubdesk.ui.common.tables import DtoTableModel, table_view
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents

NEEDS_SAVING = "Save the child first (Apply), then this tab fills in."


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


def _collect(link: CarerLink) -> str:
    if link.must_not_collect:
        return "MUST NOT"
    return "Yes" if link.can_collect else ""


def _phones(link: CarerLink) -> str:
    c = link.carer
    labelled = ((c.phone_mobile, "mobile"), (c.phone_home, "home"), (c.phone_work, "work"))
    return "; ".join(f"{number} ({where})" for number, where in labelled if number)


class CarersTab(QWidget):
    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.events = app, events
        self.child_id: int | None = None
        self.dialog: CarerLinkDialog | None = None
        self.finder: FindCarerDialog | None = None
        self.model: DtoTableModel[CarerLink] = DtoTableModel(
            [("Call", lambda k: k.emergency_priority or ""),
             ("Name", lambda k: carer_name(k.carer)), ("Relationship", lambda k: k.relationship),
             ("PR", lambda k: "Yes" if k.parental_responsibility else ""),
             ("Lives with", lambda k: "Yes" if k.lives_with else ""), ("Can collect", _collect),
             ("Password", lambda k: k.collection_password), ("Phones", _phones),
             ("Email", lambda k: k.carer.email)],
            [], tooltip=lambda k: f"{k.carer.address}\n{k.carer.postcode}".strip())
        self.view = table_view(self.model, stretch=-1)
        self.view.doubleClicked.connect(lambda _index: self.edit_carer())
        self.status = _hint(NEEDS_SAVING)
        self.link_button = QPushButton("Link existing carer…")
        self.link_button.setToolTip("For a sibling's parent: link the same adult, never a copy.")
        self.new_button = QPushButton("New carer…")
        self.edit_button = QPushButton("Edit…")
        self.unlink_button = QPushButton("Unlink")
        self.link_button.clicked.connect(self.find_carer)
        self.new_button.clicked.connect(lambda: self._edit(None))
        self.edit_button.clicked.connect(self.edit_carer)
        self.unlink_button.clicked.connect(self.unlink_carer)
        buttons = QHBoxLayout()
        for button in (self.link_button, self.new_button, self.edit_button, self.unlink_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.set_child(None)

    def set_child(self, child_id: int | None) -> None:
        self.child_id = child_id
        for button in (self.link_button, self.new_button, self.edit_button, self.unlink_button):
            button.setEnabled(child_id is not None)
        self.refresh()

    def refresh(self) -> None:
        if self.child_id is None:
            self.model.set_rows([])
            self.status.setText(NEEDS_SAVING)
            return
        child_id = self.child_id
        links = feedback.guarded(self, "Carers", lambda: self.app.carers.links(child_id))
        self.model.set_rows(links or [])
        self.view.resizeColumnsToContents()
        self.status.setText("No carers yet: link a sibling's carer or add a new one." if not links
                            else "Call: the order to ring in an emergency. PR: parental responsibility.")

    def selected(self) -> CarerLink | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def find_carer(self) -> None:
        linked = {k.carer.id for k in self.model.rows if k.carer.id is not None}
        finder = FindCarerDialog(self.app.carers, linked, self)
        self.finder = finder

        def chosen() -> None:
            if finder.chosen is not None:
                self._edit(CarerLink(finder.chosen))

        finder.accepted.connect(chosen)
        open_dialog(finder)

    def edit_carer(self) -> None:
        link = self.selected()
        if link is None:
            feedback.inform(self, "Carers", "Choose a carer in the list first.")
            return
        self._edit(link)

    def _edit(self, link: CarerLink | None) -> None:
        if self.child_id is None:
            return
        existing = next((k for k in self.model.rows
                         if link is not None and k.carer.id == link.carer.id), None)
        dialog = CarerLinkDialog(self.app.carers, self.child_id, existing or link, self)
        self.dialog = dialog
        dialog.accepted.connect(self._changed)
        open_dialog(dialog)

    def unlink_carer(self) -> None:
        link, child_id = self.selected(), self.child_id
        if link is None or link.carer.id is None or child_id is None:
            feedback.inform(self, "Carers", "Choose a carer in the list first.")
            return
        carer_id = link.carer.id
        if not feedback.confirm(self, "Unlink carer",
                                f"Unlink {carer_name(link.carer)} from this child? The carer stays "
                                "linked to any siblings and in the history."):
            return
        if feedback.attempt(self, "Unlink carer", lambda: self.app.carers.unlink(child_id, carer_id)):
            self._changed()

    def _changed(self) -> None:
        self.refresh()
        if self.child_id is not None:
            self.events.carers_changed.emit(self.child_id)


class FamilyTab(QWidget):
    """Every child who shares a carer with this one; double-click opens a sibling."""

    def __init__(self, app: HubApp, open_child: Callable[[int], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.open_child = app, open_child
        self.child_id: int | None = None
        self.model: DtoTableModel[FamilyMember] = DtoTableModel(
            [("Name", lambda m: m.name + (" (this child)" if m.child_id == self.child_id else "")),
             ("School", lambda m: m.school), ("Year", lambda m: m.year)], [])
        self.view = table_view(self.model, stretch=-1)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(self._open)
        self.status = _hint(NEEDS_SAVING)
        layout = QVBoxLayout(self)
        layout.addWidget(_hint("Children who share a carer with this child (brothers, sisters, "
                               "step-siblings). Double-click to open one."))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

    def refresh(self, child_id: int | None) -> None:
        self.child_id = child_id
        if child_id is None:
            self.model.set_rows([])
            self.status.setText(NEEDS_SAVING)
            return
        members = feedback.guarded(self, "Family", lambda: self.app.carers.family(child_id)) or []
        self.model.set_rows(members)
        self.view.resizeColumnsToContents()
        others = len(members) - 1
        self.status.setText("No brothers or sisters found (they share no carer)." if others <= 0
                            else f"{others} other {'child' if others == 1 else 'children'} "
                                 "in this family.")

    def _open(self, index: QModelIndex) -> None:
        row = index.row()
        if 0 <= row < len(self.model.rows) and self.model.row(row).child_id != self.child_id:
            self.open_child(self.model.row(row).child_id)


class HistoryTab(QWidget):
    """Everything that happened to this child, in words, newest first (the History page's list)."""

    def __init__(self, app: HubApp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.history = HistoryView(lambda _text, _offset, _limit: [])
        self.view = self.history.view
        self.model = self.history.model
        self.hint = _hint(NEEDS_SAVING)
        layout = QVBoxLayout(self)
        layout.addWidget(self.history, 1)
        layout.addWidget(self.hint)

    @property
    def status(self) -> QLabel:
        return self.history.status

    def refresh(self, child_id: int | None) -> None:
        self.hint.setVisible(child_id is None)
        if child_id is None:
            self.history.set_source(lambda _text, _offset, _limit: [])
            self.history.status.setText(NEEDS_SAVING)
            return
        self.history.set_source(lambda text, offset, limit: self.app.audit.history(
            child_id=child_id, search=text, offset=offset, limit=limit))
