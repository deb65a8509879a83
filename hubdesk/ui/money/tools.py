"""The Money page's tools: import payments from a bank or TFC statement, export a period for the
finance system, match an unmatched Tax-Free Childcare payment to a child, and grant a head's
discretionary place."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.errors import ValidationError
from hubdesk.core.money import money
from hubdesk.reports.money_export import write_csv, write_xlsx
from hubdesk.services.money import (
    IMPORT_ROUTES,
    ROUTE_LABELS,
    DiscretionaryForm,
    Family,
    ImportLine,
    PaymentImportPreview,
    UnmatchedPayment,
)
from hubdesk.ui.common.child_picker import ChildPicker
from hubdesk.ui.common.dates import date_edit, to_date
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.common.forms import InlineFormDialog
from hubdesk.ui.common.import_preview import ImportPreviewDialog
from hubdesk.ui.common.tables import AMBER, RED, DtoTableModel, TintedTableModel, table_view
from hubdesk.ui.money.dialogs import child_combo
from hubdesk.ui.shell import feedback

STATUS_WORDS = {"matched": "Matched", "unmatched": "Unmatched", "duplicate": "Already imported",
                "error": "Error"}


def import_lines_model() -> TintedTableModel[ImportLine]:
    return TintedTableModel(
        [("Row", lambda r: r.row), ("Date", lambda r: f"{r.day:%d/%m/%Y}" if r.day else ""),
         ("Amount", lambda r: money(r.pence) if r.pence else ""),
         ("Reference", lambda r: r.reference), ("What happens", lambda r: STATUS_WORDS[r.status]),
         ("Child", lambda r: r.child), ("Details", lambda r: r.problem)], [],
        tint=lambda r: RED if r.status == "error" else AMBER if r.status != "matched" else None,
        tooltip=lambda r: r.problem)


def import_summary(preview: PaymentImportPreview) -> str:
    counts = [f"{preview.count(s):,} {STATUS_WORDS[s].lower()}" for s in STATUS_WORDS
              if preview.count(s)]
    text = f"{len(preview.lines):,} lines: " + ", ".join(counts) + "."
    if preview.count("error"):
        text += " Lines with errors stop the import: correct the file and choose it again."
    return text


class ImportPaymentsDialog(ImportPreviewDialog[PaymentImportPreview, ImportLine]):
    """A bank or TFC statement: each line matched to a child by reference, then imported."""

    title = "Import payments"
    what = "bank or Tax-Free Childcare statement"

    def __init__(self, app: HubApp, parent: QWidget | None = None) -> None:
        super().__init__("Choose a CSV or Excel (.xlsx) statement with date, amount and reference "
                         "columns. You see what each line would do before anything is saved; "
                         "importing the same statement twice adds nothing.",
                         import_lines_model(), parent)
        self.app = app
        self.route = QComboBox()
        for route in IMPORT_ROUTES:
            self.route.addItem(f"{ROUTE_LABELS[route]} statement", route)
        self.options.addWidget(QLabel("The file is a"))
        self.options.addWidget(self.route)
        self.options.addStretch(1)
        self.route.currentIndexChanged.connect(lambda _i: self.reload())
        self.imported: PaymentImportPreview | None = None

    def read(self, path: Path) -> PaymentImportPreview:
        return self.app.money.imports.preview(path, str(self.route.currentData()))

    def rows(self, preview: PaymentImportPreview) -> Sequence[ImportLine]:
        return preview.lines

    def summary_of(self, preview: PaymentImportPreview) -> str:
        return import_summary(preview)

    def ready(self, preview: PaymentImportPreview) -> bool:
        return not preview.count("error") and any(
            line.status == "matched" or (line.status == "unmatched" and preview.route == "tfc")
            for line in preview.lines)

    def apply(self, path: Path) -> PaymentImportPreview:
        return self.app.money.imports.run(path, str(self.route.currentData()))

    def applied(self, path: Path, result: PaymentImportPreview) -> None:
        self.imported = result
        feedback.inform(self, self.title, f"Imported {path.name}: " + import_summary(result))


def export_path(parent: QWidget | None, suggested: str) -> str:
    """Ask where to save the export (tests patch this)."""
    path, _ = QFileDialog.getSaveFileName(parent, "Export money", str(Path.home() / suggested),
                                          "Excel workbook (*.xlsx);;CSV (*.csv)")
    return path


class ExportMoneyDialog(InlineFormDialog):
    """Charges, payments and balances of a period, as .xlsx or CSV for the finance system."""

    def __init__(self, app: HubApp, parent: QWidget | None = None) -> None:
        super().__init__("Export money for the finance system", parent)
        self.app = app
        today = app.clock.today()
        self.start = date_edit(today.replace(day=1))
        self.end = date_edit(today)
        self.add_row("From", "start", self.start)
        self.add_row("To", "end", self.end)
        note = QLabel("Saves a ledger (every charge and payment) and each family's balances. "
                      "Choose .xlsx for one workbook, or .csv for two files (UTF-8, opens in "
                      "Excel).")
        note.setWordWrap(True)
        self.body.insertWidget(2, note)
        self.written: Path | None = None

    def save(self) -> int:
        start, end = to_date(self.start), to_date(self.end)
        if end < start:
            raise ValidationError("The period ends before it starts.", "end")
        chosen = export_path(self, f"money-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}.xlsx")
        if not chosen:
            raise ValidationError("Choose where to save the export.")
        path = Path(chosen)
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".xlsx")
        export = self.app.money.accounts.finance_export(start, end)
        if path.suffix.lower() == ".csv":
            write_csv(export, path)
        else:
            write_xlsx(export, path)
        self.written = path
        return 0


def unmatched_model() -> DtoTableModel[UnmatchedPayment]:
    return DtoTableModel([
        ("Received", lambda p: f"{p.received_on:%d/%m/%Y}"), ("Amount", lambda p: money(p.pence)),
        ("TFC reference", lambda p: p.reference), ("Note", lambda p: p.note)], [])


class MatchTfcDialog(Dialog):
    """Tax-Free Childcare payments whose reference matched no child: choose one, find the child,
    Match. The payment then counts on that family's account."""

    def __init__(self, app: HubApp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle("Unmatched Tax-Free Childcare payments")
        self.resize(720, 460)
        self.model = unmatched_model()
        self.view = table_view(self.model, stretch=3)
        self.picker = ChildPicker(app.children, self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.match_button = self.buttons.addButton("Match to this child",
                                                   QDialogButtonBox.ButtonRole.ActionRole)
        self.match_button.clicked.connect(self.match)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Choose a payment, then the child it is for (check the reference "
                                "on the parent's TFC account)."))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.picker)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.matched = 0
        self.refresh()

    def refresh(self) -> None:
        rows = self.app.money.payments.unmatched_tfc()
        self.model.set_rows(rows)
        if rows:
            self.view.selectRow(0)
        else:
            self.message.setText("Every Tax-Free Childcare payment is matched to a child.")
        self.match_button.setEnabled(bool(rows))

    def match(self) -> None:
        index = self.view.currentIndex()
        child_id = self.picker.child_id()
        if not index.isValid() or child_id is None:
            self.message.setText("Choose a payment and type the child's name first.")
            return
        payment = self.model.row(index.row())
        def match() -> bool:
            self.app.money.payments.match_tfc(payment.id, child_id)
            return True

        if feedback.guarded(self, "Match a TFC payment", match):
            self.matched += 1
            self.message.setText(f"{money(payment.pence)} (reference {payment.reference}) is now "
                                 f"on {self.picker.matches.currentText().split(' – ')[0]}'s "
                                 "family account.")
            self.refresh()


class DiscretionaryPlaceDialog(InlineFormDialog):
    """A head's discretionary free or reduced place: a child, how much off, from and to, why,
    and which head agreed it (kept with the place and shown on statements)."""

    def __init__(self, app: HubApp, family: Family, parent: QWidget | None = None) -> None:
        super().__init__(f"Discretionary place: {family.name} family", parent)
        self.app = app
        self.child = child_combo(family)
        self.percent = QSpinBox()
        self.percent.setRange(1, 100)
        self.percent.setValue(100)
        self.percent.setSuffix("% off")
        today = app.clock.today()
        self.start = date_edit(today)
        self.end = date_edit(today.replace(month=today.month % 12 + 1, day=1)
                             if today.month < 12 else today.replace(year=today.year + 1, month=1,
                                                                    day=1))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("e.g. family crisis; kept with the place")
        self.head = QLineEdit()
        self.head.setPlaceholderText("the head who agreed it")
        self.add_row("Child", "child_id", self.child)
        self.add_row("Reduction", "percent_off", self.percent)
        self.add_row("From", "start_date", self.start)
        self.add_row("Until", "end_date", self.end)
        self.add_row("Reason", "reason", self.reason)
        self.add_row("Agreed by (head)", "granted_by", self.head)
        self.reason.setFocus()

    def save(self) -> int:
        if not self.head.text().strip():
            raise ValidationError("Type the name of the head who agreed the place.", "granted_by")
        return self.app.money.prices.grant_place(DiscretionaryForm(
            self.child.currentData(), self.percent.value(), to_date(self.start),
            to_date(self.end), self.reason.text(), self.head.text()))
