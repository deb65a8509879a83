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
from hubdesk.ui.common.forms import error_label, say_in
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
        self.block_model = changes_model()
        self.block_view = table_view(self.block_model, stretch=2)
        self.block_start = date_edit(today)
        self.block_amount = QLineEdit()
        self.block_amount.setPlaceholderText("e.g. 180.00")
        self.block_button = QPushButton("Set the term block price")
        self.block_button.clicked.connect(self.set_block_price)
        block = QHBoxLayout()
        for widget in (QLabel("Term block £"), self.block_amount, QLabel("for terms from"),
                       self.block_start, self.block_button):
            block.addWidget(widget)
        block.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addWidget(QLabel("Prices from a date (newest first). Sessions booked before a "
                                "price was entered keep the price they were booked at."))
        layout.addWidget(self.view, 1)
        layout.addLayout(new)
        explain = QLabel("Term block prices (newest first): a booking of every running session "
                         "of a term is charged the block, shared over its sessions; a part of a "
                         "term is charged per session.")
        explain.setWordWrap(True)
        layout.addWidget(explain)
        layout.addWidget(self.block_view, 1)
        layout.addLayout(block)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, 520)
        self.refresh()

    def refresh(self) -> None:
        shown: ClubPrices = self.prices.club_prices(self.club_id)
        self.setWindowTitle(f"Prices: {shown.club}")
        nxt = f" Next: {shown.next_change}." if shown.next_change else ""
        free = " A free breakfast club is always free." if shown.kind == "free_breakfast" else ""
        block = ("" if shown.block_pence is None
                 else f" Term block: <b>{money(shown.block_pence)}</b> a whole term.")
        self.current.setText(f"<b>{money(shown.current_pence)}</b> per session today "
                             f"(opening price {money(shown.opening_pence)}).{nxt}{block}{free}")
        self.model.set_rows(shown.changes)
        self.block_model.set_rows(shown.block_changes)
        for widget in (self.block_amount, self.block_start, self.block_button):
            widget.setEnabled(shown.kind != "free_breakfast")

    def set_price(self) -> None:
        try:
            pence = parse_money(self.amount.text())
            self.prices.set_price(self.club_id, to_date(self.start), pence)
        except (ValueError, DomainError) as exc:
            say_in(self.error, str(exc))
            return
        self.error.hide()
        self.amount.clear()
        self.changed = True
        self.refresh()

    def set_block_price(self) -> None:
        try:
            pence = parse_money(self.block_amount.text())
            self.prices.set_block_price(self.club_id, to_date(self.block_start), pence)
        except (ValueError, DomainError) as exc:
            say_in(self.error, str(exc))
            return
        self.error.hide()
        self.block_amount.clear()
        self.changed = True
        self.refresh()
