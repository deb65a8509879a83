"""The family's balance on a child's record, with a button that opens the family's account on the
Money page (the office sees what is owed while talking to a parent about the child)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from hubdesk.app import HubApp
from hubdesk.core.errors import DomainError
from hubdesk.core.money import money
from hubdesk.ui.shell import feedback


def balance_words(balance: int, overdue: int) -> str:
    if balance < 0:
        return f"Family account: {money(-balance)} in credit."
    if balance == 0:
        return "Family account: nothing owed."
    late = f", of which <b>{money(overdue)} overdue</b>" if overdue else ""
    return f"Family account: {money(balance)} owed{late}."


class FamilyBalanceStrip(QWidget):
    """'Family account: £14.25 owed, of which £14.25 overdue.  [Open account]'."""

    def __init__(self, app: HubApp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.child_id: int | None = None
        self.label = QLabel()
        self.open_button = QPushButton("Open account")
        self.open_button.setToolTip("Show this family's charges and payments on the Money page.")
        self.open_button.clicked.connect(self.open_account)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.open_button)

    def show_child(self, child_id: int | None) -> None:
        self.child_id = child_id
        if not self.app.actor.may("money"):  # the strip is for roles that deal with money
            self.hide()
            return
        if child_id is None:
            self.label.setText("")
            self.open_button.setEnabled(False)
            return
        try:
            account = self.app.money.accounts.account(child_id)
        except DomainError as exc:
            self.label.setText(str(exc))
            self.open_button.setEnabled(False)
            return
        self.label.setText(balance_words(account.balance, sum(account.overdue)))
        self.open_button.setEnabled(True)

    def open_account(self) -> None:
        """Show the family's account on the main window's Money page."""
        if self.child_id is None:
            return
        window = self._main_window()
        if window is None:
            feedback.inform(self, "Money", "Open the Money page and search for the family.")
            return
        page: Any = window.show_page("Money")
        if page is not None and hasattr(page, "show_family"):
            page.show_family(self.child_id)
            page.window().raise_()

    def _main_window(self) -> Any:
        widget: QWidget | None = self.window()
        while widget is not None:
            if callable(getattr(widget, "show_page", None)):
                return widget
            parent = widget.parentWidget()
            widget = parent.window() if parent is not None else None
        return None
