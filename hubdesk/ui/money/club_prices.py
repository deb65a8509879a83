"""A club's prices in the club editor: the price today, every price from a date, and a new price
from a date. A price is never edited in place: sessions already booked keep what they cost."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.core.clock import to_local
from hubdesk.core.errors import DomainError
from hubdesk.core.money import money, parse_money
from hubdesk.services.money import ClubPrices, PriceChange, PriceService
from hubdesk.ui.common.dates import date_edit, to_date
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.common.forms import error_label
from hubdesk.ui.common.tables import DtoTableModel, table_view


def changes_model() -> DtoTableModel[PriceChange]:
    return DtoTableModel([
        ("From", lambda p: f"{p.from_date:%d/%m/%Y}"), ("Price", lambda p: money(p.pence)),
        ("Entered", lambda p: f"{to_local(p.entered):%d/%m/%Y %H:%M}")], [])


class ClubPricesDialog(Dialog):
    """The price today, its history and a new price from a date, for one club."""

    def __init__(self, prices: PriceService, club_id: int, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prices, self.club_id = prices, club_id
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.model = changes_model()
        self.view = table_view(self.model, stretch=2)
        self.start = date_edit(today)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("e.g. 8.50")
        self.set_button = QPushButton("Set the new price")
        self.set_button.clicked.connect(self.set_price)
        self.error = error_label()
        self.changed = False
        new = QHBoxLayout()
        for widget in (QLabel("New price £"), self.amount, QLabel("from"), self.start,
                       self.set_button):
            new.addWidget(widget)
        new.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addWidget(QLabel("Prices from a date (newest first). Sessions booked before a "
                                "price was entered keep the price they were booked at."))
        layout.addWidget(self.view, 1)
        layout.addLayout(new)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 380)
        self.refresh()

    def refresh(self) -> None:
        shown: ClubPrices = self.prices.club_prices(self.club_id)
        self.setWindowTitle(f"Prices: {shown.club}")
        nxt = f" Next: {shown.next_change}." if shown.next_change else ""
        free = " A free breakfast club is always free." if shown.kind == "free_breakfast" else ""
        self.current.setText(f"<b>{money(shown.current_pence)}</b> per session today "
                             f"(opening price {money(shown.opening_pence)}).{nxt}{free}")
        self.model.set_rows(shown.changes)

    def set_price(self) -> None:
        try:
            pence = parse_money(self.amount.text())
            self.prices.set_price(self.club_id, to_date(self.start), pence)
        except (ValueError, DomainError) as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        self.amount.clear()
        self.changed = True
        self.refresh()
