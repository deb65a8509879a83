"""Today's "Overdue referrals": open referrals whose family was not contacted by the hub's target.

A widget of its own so that, once roles exist, showing it to the safeguarding lead only is one line
on the Today page. Double-clicking a line opens the Referrals page filtered to overdue ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

if TYPE_CHECKING:  # read in the Today page's worker: the window shows before the services load
    from hubdesk.services.referrals import ReferralRow

MAX_SHOWN = 20


class OverdueReferrals(QGroupBox):
    open_list = Signal()  # the user asked for the Referrals page

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Overdue referrals", parent)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_list.emit())
        QVBoxLayout(self).addWidget(self.list)
        self.list.addItem("Loading…")

    def fill(self, rows: Sequence[ReferralRow]) -> None:
        self.list.clear()
        self.setTitle(f"Overdue referrals ({len(rows)})" if rows else "Overdue referrals")
        for row in rows[:MAX_SHOWN]:
            due = f"{row.due_on:%d/%m/%Y}" if row.due_on else ""
            self.list.addItem(QListWidgetItem(
                f"{row.person} ({row.school}) → {row.to_whom}: family not contacted, due {due}"))
        if len(rows) > MAX_SHOWN:
            self.list.addItem(f"… and {len(rows) - MAX_SHOWN} more on the Referrals page.")
        if not rows:
            self.list.addItem("No referral is overdue.")
