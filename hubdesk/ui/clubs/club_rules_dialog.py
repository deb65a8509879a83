"""The club rules the office sets: when a cancellation counts as late, and who comes first on a
waiting list (sibling already booked, free school meals or Pupil Premium, date joined)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hubdesk.core.rules.club_rules import PRIORITY_KEYS, PRIORITY_LABELS, ClubRules
from hubdesk.services.clubs import ClubService
from hubdesk.ui.common.forms import InlineFormDialog


class ClubRulesDialog(InlineFormDialog):
    def __init__(self, clubs: ClubService, parent: QWidget | None = None) -> None:
        super().__init__("Club rules", parent)
        self.clubs = clubs
        rules = clubs.rules()
        self.cutoff = QSpinBox()
        self.cutoff.setRange(0, 24 * 14)
        self.cutoff.setSuffix(" hours before the session")
        self.cutoff.setValue(rules.late_cutoff_hours)
        self.add_row("A cancellation is late when made less than:", "rules", self.cutoff)
        self.order = QListWidget()
        self.order.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.order.setMaximumHeight(90)
        chosen = list(rules.waiting_priority) + [k for k in PRIORITY_KEYS if k not in rules.waiting_priority]
        for key in chosen:
            item = QListWidgetItem(PRIORITY_LABELS[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in rules.waiting_priority
                               else Qt.CheckState.Unchecked)
            self.order.addItem(item)
        self.up_button, self.down_button = QPushButton("Move up"), QPushButton("Move down")
        self.up_button.clicked.connect(lambda: self.move_rule(-1))
        self.down_button.clicked.connect(lambda: self.move_rule(1))
        moves = QVBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        moves.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.order, 1)
        row.addLayout(moves)
        self.add_row("Waiting lists, first come:", "waiting_priority", row, self.order)
        hint = QLabel("Ticked rules are applied top first; children equal on every ticked rule keep the "
                      "order in which they joined.")
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        self.setMinimumWidth(560)

    def move_rule(self, step: int) -> None:
        row = self.order.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.order.count():
            return
        item = self.order.takeItem(row)
        self.order.insertItem(target, item)
        self.order.setCurrentRow(target)

    def rules(self) -> ClubRules:
        keys = []
        for i in range(self.order.count()):
            item = self.order.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                keys.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return ClubRules(self.cutoff.value(), tuple(keys))

    def save(self) -> int:
        self.clubs.save_rules(self.rules())
        return 1
