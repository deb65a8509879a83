"""The sign-in dialog at start, after signing out and after inactivity; on a database without
users it creates the administrator instead."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.errors import DomainError
from hubdesk.core.permissions import Actor
from hubdesk.ui.common.busy import busy_pointer, one_click
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.common.forms import say_in
from hubdesk.ui.shell.warm_up import in_steps

if TYPE_CHECKING:
    from hubdesk.services.users import EarlyCheck

ERROR_STYLE = "color: #b00020;"

log = logging.getLogger(__name__)


class SignInDialog(Dialog):
    """Name and password; ``first`` asks for the first administrator (name, password twice)."""

    def __init__(self, app: HubApp, first: bool = False, reason: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.first = app, first
        self.actor: Actor | None = None
        self.setWindowTitle("Create the administrator" if first else "Sign in to hubdesk")
        layout = QVBoxLayout(self)
        intro = QLabel(self._intro(reason))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setMaxLength(60)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("Name:", self.name)
        form.addRow("Password:", self.password)
        if first:
            form.addRow("Password again:", self.again)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Create and sign in" if first else "Sign in")
        # The password check takes a tenth of a second by design: a busy pointer, and one check a click.
        buttons.accepted.connect(one_click(ok, self.try_sign_in))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _intro(self, reason: str) -> str:
        if self.first:
            return ("This database has no users yet. Create the administrator: the person who "
                    "adds the others and chooses what each role may see. Choose a password of at "
                    "least 8 characters and keep it safe.")
        return (reason + "\n\n" if reason else "") + "Sign in with your hubdesk name and password."

    def try_sign_in(self) -> None:
        """Sign in (or create the administrator); a refusal is shown under the fields."""
        try:
            with busy_pointer():
                self.actor = self._check()
        except DomainError as exc:
            say_in(self.error, str(exc))
            self.password.clear()
            self.again.clear()
            self.password.setFocus()
            return
        self.app.sign_in(self.actor)
        self.accept()

    def _check(self) -> Actor:
        if self.first:
            if self.password.text() != self.again.text():
                raise DomainError("The two passwords differ; type them again.")
            return self.app.users.create_first_administrator(self.name.text(),
                                                             self.password.text())
        return self.app.users.sign_in(self.name.text(), self.password.text())


def ask_sign_in(app: HubApp, reason: str = "", early: EarlyCheck | None = None) -> bool:
    """Sign ``app`` in (or create its administrator); False when the person cancelled.

    A start by a script (``HUBDESK_USER`` with ``HUBDESK_PASSWORD_FILE``, as for commands) signs in
    without asking, once (``early``: its password's check, begun as the program started); after a
    sign-out the dialog asks."""
    if not reason and sign_in_from_environment(app, early):
        return True
    first = not app.has_users()
    dialog = SignInDialog(app, first, reason)
    load_while_typing(dialog)
    if os.environ.get("HUBDESK_QUIT_WHEN_SHOWN"):  # start-up benchmarks: the first window a person sees
        QTimer.singleShot(0, lambda: _shown_then_cancel(dialog))
    return dialog.exec() == QDialog.DialogCode.Accepted and dialog.actor is not None


TYPING_MS = 400  # the dialog's first paint and the first keys come first
TYPING_STEP_MS = 60


def load_while_typing(dialog: SignInDialog) -> None:
    """While the person types, load what signing in and the window need next (a quarter of a second
    of Python), one step at a time on the dialog's event loop, so Sign in answers sooner."""
    app = dialog.app
    ahead: list[Callable[[], object]] = [lambda: app.users, app.load_models]
    in_steps(dialog, (work for work in ahead if dialog.isVisible()), TYPING_MS, TYPING_STEP_MS)


def _shown_then_cancel(dialog: QDialog) -> None:
    print("window shown", flush=True)
    dialog.reject()


def sign_in_from_environment(app: HubApp, early: EarlyCheck | None = None) -> bool:
    """True when the environment names a user whose password is right; otherwise the dialog asks
    (a wrong password there counts as a failed attempt, like any other)."""
    from hubdesk.services.users import environment_credentials

    try:
        found = environment_credentials()
        if found is None or not app.has_users():
            return False
        app.sign_in_with_password(*found, early=early)
    except DomainError as exc:
        log.warning("Signing in from HUBDESK_USER: %s", exc)
        return False
    return True
