"""Arrears: families with overdue charges by age of debt, and a reminder the office can paste."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from hubdesk.app import HubApp
from hubdesk.core.money import money
from hubdesk.services.money import ArrearsRow
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.common.tables import DtoTableModel, fit_columns, selected_row, table_view
from hubdesk.ui.common.widgets import CopyableText


def arrears_model(rows: list[ArrearsRow]) -> DtoTableModel[ArrearsRow]:
    return DtoTableModel([
        ("Family", lambda r: r.family), ("0–30 days", lambda r: money(r.days_0_30)),
        ("31–60 days", lambda r: money(r.days_31_60)), ("61+ days", lambda r: money(r.days_61_plus)),
        ("Total", lambda r: money(r.total)),
        ("Oldest", lambda r: f"{r.oldest:%d/%m/%Y}" if r.oldest else ""),
        ("Phone", lambda r: r.phone)], rows)


class ArrearsDialog(Dialog):
    def __init__(self, app: HubApp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Arrears")
        self.resize(900, 600)
        rows = app.money.accounts.arrears()
        self.model = arrears_model(rows)
        total = sum(r.total for r in rows)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{len(rows)} families owe {money(total)} past due (a month's "
                                "sessions fall due on the 1st of the next month), by days past "
                                "due. Choose a family for a reminder to paste into an email."))
        self.view = table_view(self.model, stretch=-1)
        fit_columns(self.view)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.show_reminder())
        layout.addWidget(self.view, 2)
        self.reminder = CopyableText("")
        layout.addWidget(self.reminder, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if rows:
            self.view.selectRow(0)

    def show_reminder(self) -> None:
        index = selected_row(self.view)
        self.reminder.set_text(self.model.row(index).reminder if index is not None else "")
