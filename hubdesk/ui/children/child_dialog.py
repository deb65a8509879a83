"""The child editor: details, health, consents, funding, carers, family and history in tabs.

Medical and contact details are shown here only, never in the list. A refusal (bad input, or
someone else saved the child meanwhile) keeps the dialog open with everything typed still there.
Children are never deleted: "Mark as left" hides them from lists and can be undone.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from hubdesk.app import HubApp
from hubdesk.core.errors import Conflict, ValidationError
from hubdesk.services.people import ChildForm, ChildService, display_name
from hubdesk.services.sites import SiteForm
from hubdesk.ui.children.child_fields import HINT_STYLE, ChildFields, read_date
from hubdesk.ui.children.child_people import CarersTab, FamilyTab, HistoryTab
from hubdesk.ui.children.export_person import export_child
from hubdesk.ui.common.forms import InlineFormDialog, TabbedFormDialog
from hubdesk.ui.common.page import open_dialog
from hubdesk.ui.money.child_balance import FamilyBalanceStrip
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents

# Database refusals that belong to one field rather than the whole form.
_CONFLICT_FIELDS = {"UPN": "upn", "MIS id": "mis_id"}


class MarkLeftDialog(InlineFormDialog):
    """Asks for the leaving date; ``saved_id`` is the child's new record version."""

    def __init__(self, children: ChildService, child: ChildForm, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__("Mark as left", parent)
        self.child_service, self.child = children, child
        self.left_on = QLineEdit(f"{today:%d/%m/%Y}")
        self.left_on.setPlaceholderText("dd/mm/yyyy")
        self.form.addRow(QLabel(f"<b>{display_name(child.forename, child.surname)}</b> leaves the "
                                "hub's lists from this date. Nothing is deleted."))
        self.add_row("Left on:", "left_on", self.left_on)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Mark as left")
        self.setMinimumWidth(420)
        self.left_on.selectAll()
        self.left_on.setFocus()

    def leaving_date(self) -> date:
        return read_date(self.left_on.text(), "left_on", "leaving date")

    def save(self) -> int:
        assert self.child.id is not None
        return self.child_service.mark_left(self.child.id, self.leaving_date(), self.child.row_version)


class ChildDialog(TabbedFormDialog):
    saved = Signal(int)  # the child's id, after every successful save or leaving change

    def __init__(self, app: HubApp, events: AppEvents, form: ChildForm | None,
                 sites: list[SiteForm], parent: QWidget | None = None) -> None:
        super().__init__("New child", parent)
        self.app, self.events = app, events
        self.current = form
        self.sites = sites
        self.left_dialog: MarkLeftDialog | None = None
        self.sibling: ChildDialog | None = None
        self.inputs = ChildFields(self, form, sites, app.clock.today,
                                  medical=app.actor.may("children.medical"))
        self.carers = CarersTab(app, events)
        self.family = FamilyTab(app, self.open_sibling)
        self.history = HistoryTab(app)
        self.tabs.addTab(self.carers, "Carers")
        self.tabs.addTab(self.family, "Family")
        self.tabs.addTab(self.history, "History")
        self.tabs.currentChanged.connect(self._tab_shown)
        self.roll = QLabel()
        self.roll.setStyleSheet(HINT_STYLE)
        self.left_button = QPushButton("Mark as left…")
        self.left_button.clicked.connect(self.change_roll)
        roll = QHBoxLayout()
        roll.addWidget(self.roll, 1)
        roll.addWidget(self.left_button)
        # Subject access: for roles allowed to answer a request (the administrator).
        self.export_button = QPushButton("Export everything held…")
        self.export_button.setVisible(app.actor.may("subject_access"))
        self.export_button.setToolTip("Every record about this child as JSON and a readable PDF in "
                                      "one zip, for a subject access request.")
        self.export_button.clicked.connect(self.export_everything)
        roll.addWidget(self.export_button)
        self.body.insertLayout(2, roll)
        self.money = FamilyBalanceStrip(app)
        self.body.insertWidget(3, self.money)
        self.apply_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setToolTip("Save and keep the form open (to add carers to a new child).")
        self.apply_button.clicked.connect(self.apply)
        self.setMinimumSize(900, 620)
        self._show_state()
        self.inputs.forename.setFocus()

    # ----- state shown around the tabs
    def _show_state(self) -> None:
        f = self.current
        if f is None or f.id is None:
            self.setWindowTitle("New child")
            self.roll.setText("A new child: carers, family and history follow once saved.")
            self.left_button.setEnabled(False)
            self.export_button.setEnabled(False)
            self.carers.set_child(None)
            self.money.show_child(None)
            return
        self.setWindowTitle("Child: " + display_name(f.forename, f.surname, f.preferred_forename,
                                                     f.preferred_surname))
        self.left_button.setEnabled(True)
        self.export_button.setEnabled(True)
        if f.left_on is None:
            self.roll.setText("On roll.")
            self.left_button.setText("Mark as left…")
        else:
            self.roll.setText(f"Left on {f.left_on:%d/%m/%Y}: hidden from lists, kept on record.")
            self.left_button.setText("Back on roll…")
        if self.carers.child_id != f.id:
            self.carers.set_child(f.id)
        self.money.show_child(f.id)
        self._tab_shown(self.tabs.currentIndex())

    def _tab_shown(self, number: int) -> None:
        child_id = self.current.id if self.current else None
        widget = self.tabs.widget(number)
        if widget is self.family:
            self.family.refresh(child_id)
        elif widget is self.history:
            self.history.refresh(child_id)

    def export_everything(self) -> None:
        f = self.current
        if f is not None and f.id is not None:
            export_child(self, self.app, f.id, display_name(f.forename, f.surname))

    # ----- saving
    def save(self) -> int:
        self.inputs.check_date_of_birth()  # keeps the age hint in step with the typed date
        return self.app.children.save(self.inputs.to_form(self.current))

    def _store(self) -> int | None:
        """Save what is typed; show any refusal in the form and return None."""
        self.clear_errors()

        def attempt() -> int | None:
            try:
                return self.save()
            except ValidationError as exc:
                self.show_error(exc.field, exc.message)
            except Conflict as exc:
                field = next((f for key, f in _CONFLICT_FIELDS.items() if key in exc.message), None)
                if field is not None:
                    self.show_error(field, exc.message)
                else:
                    self.show_error(None, exc.message + " What you typed is still in the form.")
            return None

        child_id = feedback.guarded(self, self.windowTitle(), attempt)
        if child_id is not None:
            self._saved(child_id)
        return child_id

    def _saved(self, child_id: int) -> None:
        fresh = feedback.guarded(self, self.windowTitle(), lambda: self.app.children.get(child_id))
        if fresh is not None:
            self.current = fresh
        self._show_state()
        self.events.children_changed.emit()
        self.saved.emit(child_id)

    def try_save(self) -> None:
        child_id = self._store()
        if child_id is not None:
            self.saved_id = child_id
            self.accept()

    def apply(self) -> None:
        self._store()

    # ----- leaving and coming back
    def change_roll(self) -> None:
        child = self.current
        if child is None or child.id is None:
            return
        if child.left_on is None:
            dialog = MarkLeftDialog(self.app.children, child, self.app.clock.today(), self)
            self.left_dialog = dialog
            dialog.accepted.connect(lambda: self._roll_changed(dialog.leaving_date(),
                                                               dialog.saved_id))
            open_dialog(dialog)
            return
        if not feedback.confirm(self, "Back on roll",
                                "Put this child back on the lists (undo 'left')?"):
            return
        child_id, version = child.id, child.row_version
        self.clear_errors()

        def back() -> int | None:
            try:
                return self.app.children.mark_left(child_id, None, version)
            except Conflict as exc:
                self.show_error(None, exc.message)
                return None

        new_version = feedback.guarded(self, "Back on roll", back)
        if new_version is not None:
            self._roll_changed(None, new_version)

    def _roll_changed(self, left_on: date | None, version: int | None) -> None:
        if self.current is None or self.current.id is None:
            return
        self.current = replace(self.current, left_on=left_on, row_version=version)
        self._show_state()
        self.events.children_changed.emit()
        self.saved.emit(self.current.id)

    # ----- a sibling from the Family tab
    def open_sibling(self, child_id: int) -> None:
        def load() -> ChildDialog:
            return ChildDialog(self.app, self.events, self.app.children.get(child_id), self.sites,
                               self)

        dialog = feedback.guarded(self, "Open child", load)
        if dialog is None:
            return
        self.sibling = dialog
        open_dialog(dialog)
