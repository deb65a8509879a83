"""The booking dialog's club list: the clubs the child can attend first, then the rest greyed
under a separator, each with its price and a few words on why it fits or not."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QStandardItemModel
from PySide6.QtWidgets import QComboBox

from hubdesk.services.clubs import ClubChoice, ClubRow
from hubdesk.ui.common.widgets import money

GREY = QBrush(QColor("#7a7a7a"))
OTHERS = "Other clubs (this child cannot attend them as things stand)"


def club_label(row: ClubRow, why: str = "") -> str:
    price = f" · {money(row.price_pence)}" if row.price_pence else ""
    reason = f" — {why}" if why else ""
    return f"{row.name} – {row.site} ({row.weekdays} {row.times}, {row.years}){price}{reason}"


def fill_clubs(combo: QComboBox, rows: Sequence[ClubRow], choices: Sequence[ClubChoice],
               keep: int | None) -> None:
    """Refill ``combo`` without signals; with no choices (no child yet) every club is listed."""
    by_id = {c.club_id: c for c in choices}
    fits = sorted((r for r in rows if r.id in by_id and by_id[r.id].can_attend),
                  key=lambda r: by_id[r.id].why != "at their school")  # own school's clubs first
    rest = [r for r in rows if r not in fits]
    combo.blockSignals(True)
    try:
        combo.clear()
        for row in fits:
            combo.addItem(club_label(row, by_id[row.id].why), row.id)
        if fits and rest:
            combo.insertSeparator(combo.count())
            combo.addItem(OTHERS)
            header = combo.count() - 1
            combo.setItemData(header, GREY, Qt.ItemDataRole.ForegroundRole)
            model = combo.model()
            if isinstance(model, QStandardItemModel):
                model.item(header).setEnabled(False)  # a heading, not a club
        for row in rest:
            choice = by_id.get(row.id)
            combo.addItem(club_label(row, choice.why if choice else ""), row.id)
            if choices:
                combo.setItemData(combo.count() - 1, GREY, Qt.ItemDataRole.ForegroundRole)
        found = combo.findData(keep) if keep is not None else -1
        combo.setCurrentIndex(found if found >= 0 else 0)
    finally:
        combo.blockSignals(False)
