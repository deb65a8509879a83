"""Charging rules: the sibling discount, the late-cancellation charge, the arrears limit, the hub's
TFC details, and the free or reduced places each kind of club gives (the office's data)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QSpinBox, QWidget

from hubdesk.app import HubApp
from hubdesk.core.money import money
from hubdesk.core.rules.charging import BASES, BASIS_LABELS
from hubdesk.core.vocabulary import CLUB_KIND_LABELS
from hubdesk.services.money import CLUB_KINDS
from hubdesk.ui.common.forms import InlineFormDialog
from hubdesk.ui.money.dialogs import pence_of


def percent_box(value: int, suffix: str = "%") -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, 100)
    box.setSuffix(suffix)
    box.setValue(value)
    return box


class ChargingRulesDialog(InlineFormDialog):
    def __init__(self, app: HubApp, parent: QWidget | None = None) -> None:
        super().__init__("Charging rules", parent)
        self.app = app
        self.rules = app.money.prices.rules()
        self.sibling = percent_box(self.rules.sibling_percent)
        self.late = percent_box(self.rules.late_cancel_percent)
        self.limit = QLineEdit(money(self.rules.arrears_limit_pence))
        self.payee = QLineEdit(self.rules.payee)
        self.payee.setPlaceholderText("the hub's name on statements")
        self.tfc = QLineEdit(self.rules.tfc_provider_reference)
        self.add_row("Sibling discount", "sibling_percent", self.sibling)
        self.add_row("Late cancellation charge", "late_cancel_percent", self.late)
        self.add_row("Warn when a family owes over", "pence", self.limit)
        self.add_row("Payee on statements", "payee", self.payee)
        self.add_row("TFC provider reference", "tfc", self.tfc)
        self.add_row("Free or reduced places\n(% off the price)", "grid", self._grid())

    def _grid(self) -> QGridLayout:
        grid = QGridLayout()
        current = {(r.club_kind, r.basis): r.percent_off for r in self.app.money.prices.free_place_rules()}
        self.cells: dict[tuple[str, str], QSpinBox] = {}
        for col, basis in enumerate(BASES, start=1):
            grid.addWidget(QLabel(BASIS_LABELS[basis].split(" (")[0]), 0, col)
        for row, kind in enumerate(CLUB_KINDS, start=1):
            grid.addWidget(QLabel(CLUB_KIND_LABELS.get(kind, kind)), row, 0)
            for col, basis in enumerate(BASES, start=1):
                box = percent_box(current.get((kind, basis), 0))
                self.cells[(kind, basis)] = box
                grid.addWidget(box, row, col)
        return grid

    def save(self) -> int:
        rules = replace(self.rules, sibling_percent=self.sibling.value(),
                        late_cancel_percent=self.late.value(),
                        arrears_limit_pence=pence_of(self.limit),
                        payee=self.payee.text().strip(), tfc_provider_reference=self.tfc.text().strip())
        self.app.money.prices.save_rules(rules, {key: box.value() for key, box in self.cells.items()})
        return 1
