"""The crèche ratio rules the office can change: age bands (from how many months old, how many
children per adult) and the fewest staff whenever a child is booked."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from hubdesk.core.errors import ValidationError
from hubdesk.core.rules.creche import DEFAULT_RULES, CrecheRules, RatioBand
from hubdesk.services.learning import CrecheService
from hubdesk.ui.common.forms import InlineFormDialog


class CrecheRulesDialog(InlineFormDialog):
    def __init__(self, creche: CrecheService, rules: CrecheRules,
                 parent: QWidget | None = None) -> None:
        super().__init__("Crèche ratios", parent)
        self.creche = creche
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["From age (months)", "Children per adult", "Label"])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.minimum = QSpinBox()
        self.minimum.setRange(0, 10)
        self.add_button = QPushButton("Add band")
        self.remove_button = QPushButton("Remove band")
        self.defaults_button = QPushButton("Put back the defaults")
        self.add_button.clicked.connect(lambda: self._add(RatioBand(36, 8, "")))
        self.remove_button.clicked.connect(
            lambda: self.table.removeRow(max(self.table.currentRow(), 0)))
        self.defaults_button.clicked.connect(lambda: self._show(DEFAULT_RULES))
        self.add_row("Age bands:", "rules", self.table)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.defaults_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.form.addRow("", buttons)
        hint = QLabel("Each child needs 1/N of an adult for their band (age on the session day); "
                      "a group's total is rounded up.")
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        self.add_row("Fewest staff:", "minimum_staff", self.minimum)
        self._show(rules)
        self.setMinimumWidth(520)

    def _add(self, band: RatioBand) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, value in enumerate((str(band.from_months), str(band.per_adult), band.label)):
            self.table.setItem(row, column, QTableWidgetItem(value))

    def _show(self, rules: CrecheRules) -> None:
        self.table.setRowCount(0)
        for band in rules.bands:
            self._add(band)
        self.minimum.setValue(rules.minimum_staff)

    def rules(self) -> CrecheRules:
        bands = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in range(3)]
            texts = [cell.text().strip() if cell is not None else "" for cell in cells]
            if not any(texts):
                continue
            try:
                bands.append(RatioBand(int(texts[0]), int(texts[1]), texts[2]))
            except ValueError:
                raise ValidationError(f"Row {row + 1}: the age and the number of children are "
                                      "whole numbers.", "rules") from None
        return CrecheRules(tuple(sorted(bands, key=lambda b: b.from_months)), self.minimum.value())

    def save(self) -> int:
        self.creche.save_rules(self.rules())
        return 1
