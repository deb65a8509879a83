"""The administrator's Users and Roles dialogs: add, set role, reset password, deactivate, unlock;
what each role may do; after how long the window signs out."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.clock import to_local
from hubdesk.core.errors import DomainError
from hubdesk.core.permissions import PERMISSIONS
from hubdesk.services.users import UserRow
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.common.forms import say_in
from hubdesk.ui.shell import feedback

HEADERS = ("Name", "Role", "Last signed in", "State")


class UsersDialog(Dialog):
    """Every user; people are never deleted (History names them), only deactivated."""

    def __init__(self, app: HubApp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle("Users")
        self.rows: list[UserRow] = []
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        layout.addLayout(self._buttons())
        self.table.itemSelectionChanged.connect(self._name_toggle)
        layout.addLayout(self._idle_row())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(720, 420)
        self.refresh()

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for text, slot in (("Add…", self.add), ("Set role…", self.set_role),
                           ("Reset password…", self.reset_password),
                           ("Deactivate", self.toggle_active), ("Unlock", self.unlock),
                           ("Roles…", self.roles)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[text] = button
        row.addStretch(1)
        return row

    def _idle_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel("Sign out after"))
        self.idle = QSpinBox()
        self.idle.setRange(0, 480)
        self.idle.setSuffix(" minutes without use")
        self.idle.setSpecialValueText("never")
        self.idle.setValue(self.app.users.idle_minutes())
        self.idle.editingFinished.connect(self.save_idle)
        row.addWidget(self.idle)
        row.addStretch(1)
        return row

    def refresh(self) -> None:
        self.rows = self.app.users.users()
        self.table.setRowCount(len(self.rows))
        for number, user in enumerate(self.rows):
            last = (f"{to_local(user.last_sign_in):%d/%m/%Y %H:%M}" if user.last_sign_in
                    else "never")
            state = "deactivated" if not user.active else ""
            if user.locked_until:
                state = f"locked until {to_local(user.locked_until):%H:%M}"
            for column, text in enumerate((user.name, user.role_label, last, state)):
                self.table.setItem(number, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def _name_toggle(self) -> None:
        """The button says what it will do for the chosen user."""
        rows = self.table.selectionModel().selectedRows()
        user = self.rows[rows[0].row()] if rows else None
        self.buttons["Deactivate"].setText("Activate" if user and not user.active
                                           else "Deactivate")

    def selected(self) -> UserRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            feedback.warn(self, "Users", "Choose a user in the list first.")
            return None
        return self.rows[rows[0].row()]

    def _do(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except DomainError as exc:
            feedback.warn(self, "Users", str(exc))
            return False
        self.refresh()
        return True

    def _role_choice(self, current: str = "office") -> str | None:
        roles = self.app.users.roles()
        labels = [r.label for r in roles]
        names = [r.name for r in roles]
        start = names.index(current) if current in names else 0
        label, ok = QInputDialog.getItem(self, "Role", "Role:", labels, start, False)
        return names[labels.index(label)] if ok else None

    def add(self) -> None:
        form = NewUserDialog(self.app, self)
        if form.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def set_role(self) -> None:
        user = self.selected()
        role = self._role_choice(user.role) if user else None
        if user and role:
            self._do(lambda: self.app.users.set_role(user.id, role))

    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            return
        password, ok = QInputDialog.getText(self, "Reset password",
                                            f"New password for {user.name} (at least 8 "
                                            "characters; tell it to them in person):",
                                            QLineEdit.EchoMode.Password)
        if ok and self._do(lambda: self.app.users.reset_password(user.id, password)):
            feedback.inform(self, "Users", f"{user.name} has a new password and is unlocked.")

    def toggle_active(self) -> None:
        user = self.selected()
        if user is not None:
            self._do(lambda: self.app.users.set_active(user.id, not user.active))

    def unlock(self) -> None:
        user = self.selected()
        if user is not None:
            self._do(lambda: self.app.users.unlock(user.id))

    def roles(self) -> None:
        RolesDialog(self.app, self).exec()

    def save_idle(self) -> None:
        self._do(lambda: self.app.users.set_idle_minutes(self.idle.value()))


class NewUserDialog(Dialog):
    """Name, role and a first password; a refusal is shown in the dialog."""

    def __init__(self, app: HubApp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle("Add a user")
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setMaxLength(60)
        self.role = QComboBox()
        for role in app.users.roles():
            self.role.addItem(role.label, role.name)
        self.role.setCurrentIndex(max(0, self.role.findData("office")))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("at least 8 characters")
        form.addRow("Name:", self.name)
        form.addRow("Role:", self.role)
        form.addRow("First password:", self.password)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        try:
            self.app.users.add(self.name.text(), str(self.role.currentData()),
                               self.password.text())
        except DomainError as exc:
            say_in(self.error, str(exc))
            return
        self.accept()


class RolesDialog(Dialog):
    """What each role may do: one tick per permission, saved per role."""

    def __init__(self, app: HubApp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle("Roles")
        layout = QVBoxLayout(self)
        self.role = QComboBox()
        for role in app.users.roles():
            self.role.addItem(role.label, role.name)
        self.role.currentIndexChanged.connect(self.show_role)
        layout.addWidget(self.role)
        self.boxes: dict[str, QCheckBox] = {}
        for name, words in PERMISSIONS.items():
            box = QCheckBox(words[0].upper() + words[1:])
            box.setToolTip(name)
            self.boxes[name] = box
            layout.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.show_role()

    def show_role(self) -> None:
        granted = {r.name: r.permissions for r in self.app.users.roles()}
        chosen = granted.get(str(self.role.currentData()), frozenset())
        for name, box in self.boxes.items():
            box.setChecked(name in chosen)

    def save(self) -> None:
        chosen = frozenset(name for name, box in self.boxes.items() if box.isChecked())
        try:
            self.app.users.set_permissions(str(self.role.currentData()), chosen)
        except DomainError as exc:
            feedback.warn(self, "Roles", str(exc))
            return
        feedback.inform(self, "Roles", f"Saved. People in the role {self.role.currentText()} "
                        "get these the next time they sign in.")
