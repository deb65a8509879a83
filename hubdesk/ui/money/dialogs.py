"""The Money page's forms: record a payment, add an extra charge, reverse a payment, set a price."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from hubdesk.app import HubApp
from hubdesk.core.errors import ValidationError
from hubdesk.core.money import money, parse_money
from hubdesk.services.money import (
    ROUTE_LABELS,
    ROUTES,
    ExtraChargeForm,
    Family,
    PaymentForm,
)
from hubdesk.ui.common.dates import date_edit, to_date
from hubdesk.ui.common.forms import InlineFormDialog


def pence_of(edit: QLineEdit, field: str = "pence") -> int:
    """The amount typed, or a ValidationError the form shows under the field."""
    try:
        return parse_money(edit.text())
    except ValueError as exc:
        raise ValidationError(str(exc), field) from exc


def child_combo(family: Family) -> QComboBox:
    combo = QComboBox()
    for c in family.children:
        combo.addItem(c.name + (f" (TFC {c.tfc_reference})" if c.tfc_reference else ""), c.child_id)
    return combo


class PaymentDialog(InlineFormDialog):
    """Money received from a family, by route; TFC needs its reference, a voucher its provider."""

    def __init__(self, app: HubApp, family: Family, parent: QWidget | None = None) -> None:
        super().__init__(f"Record a payment: {family.name} family", parent)
        self.app = app
        self.child = child_combo(family)
        self.route = QComboBox()
        for route in ROUTES:
            self.route.addItem(ROUTE_LABELS[route], route)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("e.g. 45.00")
        self.received = date_edit(app.clock.today())
        self.reference = QLineEdit()
        self.reference.setPlaceholderText("TFC payment reference or bank reference")
        self.provider = QLineEdit()
        self.provider.setPlaceholderText("voucher provider, e.g. Edenred")
        self.note = QLineEdit()
        self.add_row("Child", "child_id", self.child)
        self.add_row("How", "route", self.route)
        self.add_row("Amount (£)", "pence", self.amount)
        self.add_row("Received on", "received_on", self.received)
        self.add_row("Reference", "reference", self.reference)
        self.add_row("Provider", "provider", self.provider)
        self.add_row("Note", "note", self.note)
        self.route.currentIndexChanged.connect(self._route_changed)
        self._route_changed()
        self.amount.setFocus()

    def _route_changed(self) -> None:
        route = self.route.currentData()
        self.provider.setEnabled(route == "voucher")
        self.reference.setEnabled(route in ("tfc", "bank", "voucher", "card", "universal_credit"))

    def save(self) -> int:
        form = PaymentForm(self.child.currentData(), str(self.route.currentData()),
                           pence_of(self.amount), to_date(self.received), self.reference.text(),
                           self.provider.text() if self.provider.isEnabled() else "",
                           self.note.text())
        return self.app.money.payments.record(form)


class ExtraChargeDialog(InlineFormDialog):
    """A one-off charge (trip, T-shirt) for one child, with the reason the statement shows."""

    def __init__(self, app: HubApp, family: Family, parent: QWidget | None = None) -> None:
        super().__init__(f"Extra charge: {family.name} family", parent)
        self.app = app
        self.child = child_combo(family)
        self.amount = QLineEdit()
        self.day = date_edit(app.clock.today())
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("e.g. Zoo trip, club T-shirt")
        self.add_row("Child", "child_id", self.child)
        self.add_row("Amount (£)", "pence", self.amount)
        self.add_row("Date", "day", self.day)
        self.add_row("For", "reason", self.reason)

    def save(self) -> int:
        return self.app.money.payments.add_extra(ExtraChargeForm(
            int(self.child.currentData()), to_date(self.day), pence_of(self.amount),
            self.reason.text()))


class ReverseDialog(InlineFormDialog):
    """Reverse a payment (entered by mistake, bounced): it stays on the account, marked."""

    def __init__(self, app: HubApp, payment_id: int, what: str,
                 parent: QWidget | None = None) -> None:
        super().__init__("Reverse a payment", parent)
        self.app, self.payment_id = app, payment_id
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("e.g. card payment declined")
        self.add_row("Payment", "what", QLineEdit(what, readOnly=True))
        self.add_row("Why", "reason", self.reason)

    def save(self) -> int:
        self.app.money.payments.reverse(self.payment_id, self.reason.text())
        return self.payment_id


class PriceDialog(InlineFormDialog):
    """A club's new price from a date; sessions already booked keep the price they were booked at."""

    def __init__(self, app: HubApp, parent: QWidget | None = None) -> None:
        super().__init__("Set a club's price from a date", parent)
        self.app = app
        self.club = QComboBox()
        for row in app.money.prices.prices():
            label = f"{row.club} ({row.site}): {money(row.current_pence)}"
            self.club.addItem(label + (f", then {row.next_change}" if row.next_change else ""),
                              row.club_id)
        self.amount = QLineEdit()
        self.start = date_edit(app.clock.today())
        self.add_row("Club", "club_id", self.club)
        self.add_row("New price (£)", "pence", self.amount)
        self.add_row("From", "from_date", self.start)

    def save(self) -> int:
        if self.club.currentData() is None:
            raise ValidationError("There is no club to price yet.", "club_id")
        club_id = int(self.club.currentData())
        self.app.money.prices.set_price(club_id, to_date(self.start), pence_of(self.amount))
        return club_id


def month_start(day: date) -> date:
    return day.replace(day=1)
