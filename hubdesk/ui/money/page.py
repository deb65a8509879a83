"""Money: every family's balance, a family's account (charges and payments), recording payments,
extra charges, reversals, prices from a date and statements for a month."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.money import money
from hubdesk.services.money import (
    KIND_LABELS,
    ROUTE_LABELS,
    Account,
    AccountLine,
    FamilyBalance,
    PaymentRow,
    attended_word,
    month_bounds,
)
from hubdesk.services.progress import Progress
from hubdesk.ui.common.page import Page
from hubdesk.ui.common.tables import DtoTableModel, fit_columns, selected_row, table_view
from hubdesk.ui.common.unchanged import Unchanged
from hubdesk.ui.money.arrears_dialog import ArrearsDialog
from hubdesk.ui.money.dialogs import ExtraChargeDialog, PaymentDialog, PriceDialog, ReverseDialog
from hubdesk.ui.money.rules_dialog import ChargingRulesDialog
from hubdesk.ui.money.tools import (
    DiscretionaryPlaceDialog,
    ExportMoneyDialog,
    ImportPaymentsDialog,
    MatchTfcDialog,
)
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.shell.tasks import run_task


def balance_text(pence: int) -> str:
    return f"{money(-pence)} credit" if pence < 0 else money(pence)


def balances_model() -> DtoTableModel[FamilyBalance]:
    return DtoTableModel([
        ("Family", lambda r: r.name), ("Children", lambda r: r.children),
        ("Balance", lambda r: balance_text(r.balance)),
        ("Overdue", lambda r: money(r.overdue) if r.overdue else ""),
        ("Charged", lambda r: money(r.charged)), ("Paid", lambda r: money(r.paid))], [])


def lines_model() -> DtoTableModel[AccountLine]:
    return DtoTableModel([
        ("Date", lambda r: f"{r.day:%a %d/%m/%Y}"), ("Child", lambda r: r.child),
        ("What", lambda r: r.text if r.kind == "session" else f"{KIND_LABELS[r.kind]}: {r.text}"),
        ("Attended", lambda r: attended_word(r)),
        ("Price", lambda r: money(r.full_pence)), ("Charged", lambda r: money(r.pence)),
        ("Unpaid", lambda r: money(r.unpaid) if r.unpaid else ""),
        ("Free or discounted because", lambda r: r.why)], [])


def payments_model() -> DtoTableModel[PaymentRow]:
    return DtoTableModel([
        ("Received", lambda p: f"{p.received_on:%d/%m/%Y}"), ("Child", lambda p: p.child),
        ("How", lambda p: ROUTE_LABELS.get(p.route, p.route)
         + (f" ({p.provider})" if p.provider else "")),
        ("Amount", lambda p: money(p.pence)), ("Reference", lambda p: p.reference),
        ("Reversed", lambda p: f"reversed: {p.reversed_reason}" if p.reversed else "")], [])


class MoneyPage(Page):
    """Family balances on the left, the chosen family's account on the right."""

    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(app, events, parent)
        self.account: Account | None = None
        self.balances = balances_model()
        self.lines = lines_model()
        self.payments = payments_model()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search a family, child or payer")
        self.search.setClearButtonEnabled(True)
        self.owing = QCheckBox("Owing only")
        self.month = QDateEdit(QDate(app.clock.today().year, app.clock.today().month, 1))
        self.month.setDisplayFormat("MMMM yyyy")
        self._typing = QTimer(self, singleShot=True, interval=250)
        self._typing.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.owing.toggled.connect(lambda _on: self.refresh())
        layout = QVBoxLayout(self)
        layout.addWidget(self.page_title("Money"))
        layout.addLayout(self._top_row())
        self.summary = QLabel("Choose a family to see its account.")
        self.summary.setWordWrap(True)
        split = QSplitter()
        self.family_view = table_view(self.balances, stretch=-1)
        self.family_view.selectionModel().selectionChanged.connect(lambda *_: self.show_account())
        split.addWidget(self.family_view)
        split.addWidget(self._account_panel())
        # At 1366 pixels the account needs the wider side for its money columns; the families' names
        # and children give up width (whole on hover) before any amount does.
        split.setSizes([510, 690])
        layout.addWidget(split, 1)
        # Read again on showing only when something was saved (here or on another PC) or the day
        # moved on: at scale 10 the balances take about 0.3 s, which every visit used to pay.
        self.unchanged = Unchanged(lambda: (app.money.accounts.last_change(), app.clock.today()))
        for signal in (events.bookings_changed, events.data_reloaded):
            signal.connect(lambda: self.unchanged.changed(self.isVisible, self.refresh))

    def _top_row(self) -> QVBoxLayout:
        """The search and month on one row, the page's actions on the next (one row of both was
        clipped at 1366 pixels wide)."""
        rows = QVBoxLayout()
        find = QHBoxLayout()
        find.addWidget(self.search, 2)
        find.addWidget(self.owing)
        find.addWidget(QLabel("Month:"))
        find.addWidget(self.month)
        find.addStretch(1)
        rows.addLayout(find)
        row = QHBoxLayout()
        rows.addLayout(row)
        for text, slot in (("Print all statements", self.print_all),
                           ("Arrears…", self.show_arrears),
                           ("Unmatched TFC…", self.show_unmatched),
                           ("Import payments…", self.import_payments),
                           ("Export…", self.export_money),
                           ("Set a price…", self.set_price),
                           ("Charging rules…", self.edit_rules)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        return rows

    def _account_panel(self) -> QWidget:
        panel = QWidget()
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.summary)
        box.addWidget(QLabel("Charges, newest first (unpaid: what the payments have not covered)"))
        self.line_view = table_view(self.lines, stretch=7)
        box.addWidget(self.line_view, 3)
        box.addWidget(QLabel("Payments, newest first (taken against the oldest charges first)"))
        self.payment_view = table_view(self.payments, stretch=5)
        box.addWidget(self.payment_view, 2)
        # Two rows of buttons: in one row they held the account panel wider than half the page,
        # and the family list's balances were cut off at 1366 pixels.
        buttons = QGridLayout()
        self.account_buttons: list[QPushButton] = []
        for n, (text, slot) in enumerate((("Record a payment…", self.record_payment),
                                          ("Extra charge…", self.extra_charge),
                                          ("Print statement", self.print_family),
                                          ("Reverse payment…", self.reverse_payment),
                                          ("Discretionary place…", self.discretionary_place))):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button, n // 3, n % 3)
            self.account_buttons.append(button)
        buttons.setColumnStretch(3, 1)
        box.addLayout(buttons)
        return panel

    def on_shown(self) -> None:
        self.unchanged.show(self.refresh)

    def refresh(self) -> None:
        self._typing.stop()
        keep = self.account.family.key if self.account else None
        rows = feedback.guarded(self, "Money", lambda: self.app.money.accounts.balances(
            self.search.text(), owing_only=self.owing.isChecked()))
        if rows is None:
            return  # said in a sentence; the list stays as it was
        self.balances.set_rows(rows)
        fit_columns(self.family_view, elide=(0, 1))  # names and children give way, never the money
        keys = [r.key for r in rows]
        if keep in keys:
            self.family_view.selectRow(keys.index(keep))
        self.show_account()

    def show_family(self, child_id: int) -> None:
        """Choose the family of ``child_id`` (from a child's record), whatever the search said."""
        key = feedback.guarded(self, "Money",
                               lambda: self.app.money.accounts.account(child_id).family.key)
        if key is None:
            return
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.owing.setChecked(False)
        self.refresh()
        keys = [self.balances.row(i).key for i in range(self.balances.rowCount())]
        if key in keys:
            self.family_view.selectRow(keys.index(key))
            self.family_view.scrollTo(self.balances.index(keys.index(key), 0))

    def show_account(self) -> None:
        index = selected_row(self.family_view)
        if index is None:
            self.account = None
            self.lines.set_rows([])
            self.payments.set_rows([])
            self.summary.setText("Choose a family to see its account.")
        else:
            key = self.balances.row(index).key
            self.account = feedback.guarded(self, "Money", lambda: self.app.money.accounts.account(key))
            if self.account is not None:
                self._show(self.account)
        for button in self.account_buttons:
            button.setEnabled(self.account is not None)

    def _show(self, account: Account) -> None:
        fam = account.family
        young, middle, old = account.overdue
        overdue = (f" Overdue: {money(young + middle + old)} (0–30 days {money(young)}, 31–60 "
                   f"{money(middle)}, 61+ {money(old)})." if young + middle + old else "")
        kids = ", ".join(c.name for c in fam.children)
        self.summary.setText(f"<b>{fam.name} family</b> — {kids}. Payer: {fam.payer or 'not known'}."
                             f"<br/>Charged {money(account.charged)}, paid {money(account.paid)}, "
                             f"<b>balance {balance_text(account.balance)}</b>.{overdue}")
        self.lines.set_rows(account.lines[::-1])  # newest first, as the office reads an account
        self.payments.set_rows(account.payments[::-1])
        fit_columns(self.line_view, elide=(1, 2, 3, 7))  # the dates and money columns stay whole
        fit_columns(self.payment_view, 5)

    def _after_dialog(self, dialog: PaymentDialog | ExtraChargeDialog | ReverseDialog
                      | PriceDialog | DiscretionaryPlaceDialog) -> None:
        dialog.accepted.connect(self.refresh)
        self.open_dialog(dialog)

    def record_payment(self) -> None:
        if self.account is not None:
            self._after_dialog(PaymentDialog(self.app, self.account.family, self))

    def extra_charge(self) -> None:
        if self.account is not None:
            self._after_dialog(ExtraChargeDialog(self.app, self.account.family, self))

    def reverse_payment(self) -> None:
        index = selected_row(self.payment_view)
        if self.account is None or index is None:
            feedback.inform(self, "Reverse a payment", "Choose the payment to reverse first.")
            return
        p = self.payments.row(index)
        what = f"{money(p.pence)} {ROUTE_LABELS.get(p.route, p.route)} on {p.received_on:%d/%m/%Y}"
        self._after_dialog(ReverseDialog(self.app, p.id, what, self))

    def set_price(self) -> None:
        self._after_dialog(PriceDialog(self.app, self))

    def edit_rules(self) -> None:
        dialog = ChargingRulesDialog(self.app, self)
        dialog.accepted.connect(self.work_out_again)
        self.open_dialog(dialog)

    def work_out_again(self) -> None:
        """After a change of the charging rules every family's sums are worked out again: off the
        window's thread, with a progress dialog (seconds on a large cluster), then the list."""
        title = "Working out every family's charges"
        run_task(self, title, lambda _p: self.app.money.accounts.work_out_sums(),
                 lambda _n: self.refresh(), lambda message: feedback.warn(self, title, message),
                 cancellable=False)

    def show_arrears(self) -> None:
        dialog = feedback.guarded(self, "Arrears", lambda: ArrearsDialog(self.app, self))
        if dialog is not None:
            self.open_dialog(dialog)

    def show_unmatched(self) -> None:
        dialog = MatchTfcDialog(self.app, self)
        dialog.finished.connect(lambda _r: self.refresh() if dialog.matched else None)
        self.open_dialog(dialog)

    def import_payments(self) -> None:
        dialog = ImportPaymentsDialog(self.app, self)
        dialog.accepted.connect(self.refresh)
        self.open_dialog(dialog)

    def export_money(self) -> None:
        dialog = ExportMoneyDialog(self.app, self)
        dialog.accepted.connect(lambda: self.show_file(dialog.written))
        self.open_dialog(dialog)

    def show_file(self, path: Path | None) -> None:
        if path is not None:
            feedback.inform(self, "Export money", f"Saved {path}"
                            + (f" and {path.stem}-balances.csv beside it." if path.suffix == ".csv"
                               else "."))

    def discretionary_place(self) -> None:
        if self.account is not None:
            self._after_dialog(DiscretionaryPlaceDialog(self.app, self.account.family, self))

    def print_family(self) -> None:
        if self.account is not None:
            self._print(f"statement-{self.account.family.name}", self.account.family.key)

    def print_all(self) -> None:
        self._print("statements", None)

    def _print(self, name: str, family_key: int | None) -> None:
        day = self.month.date()
        start, end = month_bounds(day.year(), day.month())
        accounts = self.app.money.accounts

        def write(path: Path, _progress: Progress) -> None:
            from hubdesk.reports.statements import write_statements  # when printing

            write_statements(accounts.statements(start, end, family_key=family_key), path)

        self.print_pdf(f"{name}-{start:%Y-%m}", write, "Printing statements")
