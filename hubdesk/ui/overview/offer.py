"""The core offer tab and its dialogs: a strand's status and evidence, a school's history, and the
staff-cost rates that club viability uses."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.vocabulary import STAFF_ROLES
from hubdesk.services.overview import OFFER_STATUSES, STRANDS, OfferForm, OfferRow
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.common.forms import InlineFormDialog, fit_on_screen
from hubdesk.ui.common.page import open_dialog
from hubdesk.ui.common.tables import selected_row
from hubdesk.ui.overview.views import Columns, Table, note_label
from hubdesk.ui.shell import feedback

OFFER: Columns = [
    ("School", lambda r: r.school), ("Strand", lambda r: r.label),
    ("Status", lambda r: OFFER_STATUSES[r.status]),
    ("Recorded", lambda r: r.updated or "Suggested from the data"),
    ("Evidence", lambda r: r.evidence)]
HISTORY: Columns = [
    ("Term", lambda r: r.term), ("Strand", lambda r: r.label),
    ("Status", lambda r: OFFER_STATUSES[r.status]), ("Recorded", lambda r: r.updated),
    ("Evidence", lambda r: r.evidence)]


class OfferDialog(InlineFormDialog):
    """One strand of one school's core offer this term: its status and the evidence for it."""

    def __init__(self, app: HubApp, row: OfferRow, parent: QWidget | None = None) -> None:
        super().__init__(f"Core offer — {row.school}, {row.term}", parent)
        self.app, self.row = app, row
        self.status = QComboBox()
        for key, label in OFFER_STATUSES.items():
            self.status.addItem(label, key)
        self.status.setCurrentIndex(self.status.findData(row.status))
        # The data's own evidence is a fair start; "record it by hand" is not evidence.
        self.evidence = QPlainTextEdit(row.evidence if row.saved or row.suggested != "not_known"
                                       else "")
        self.evidence.setTabChangesFocus(True)
        suggestion = QLabel(f"The data suggests: {OFFER_STATUSES[row.suggested]}. "
                            f"{row.suggested_evidence}")
        suggestion.setWordWrap(True)
        self.add_row("Strand", "strand", QLabel(STRANDS[row.strand]))
        self.add_row("Status", "status", self.status)
        self.add_row("Evidence", "evidence", self.evidence)
        self.body.insertWidget(1, suggestion)
        fit_on_screen(self, 560)

    def save(self) -> int:
        self.app.overview.core_offer.save(OfferForm(
            self.row.site_id, self.row.term, self.row.strand, str(self.status.currentData()),
            self.evidence.toPlainText()))
        return self.row.site_id


class HistoryDialog(Dialog):
    """What was recorded for one school's core offer, term by term."""

    def __init__(self, school: str, rows: list[OfferRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Core offer history — {school}")
        self.table: Table[OfferRow] = Table(HISTORY, stretch=4)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Nothing recorded yet." if not rows else
                                f"{len(rows)} strands recorded, newest term first."))
        layout.addWidget(self.table.view)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.table.fill(rows)
        fit_on_screen(self, 900, 480)


class RatesDialog(Dialog):
    """What an hour of each staff role costs, for club viability (the office's own figures)."""

    def __init__(self, app: HubApp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle("Staff cost rates")
        known = {r.role: r.pence_per_hour for r in app.overview.figures.rates()}
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("An hour of each role costs (pay with on-costs), for club "
                                "viability on the Overview:"))
        self.spins: dict[str, QDoubleSpinBox] = {}
        for role in dict.fromkeys([*STAFF_ROLES, *known]):
            spin = QDoubleSpinBox()
            spin.setPrefix("£")
            spin.setRange(0, 1000)
            spin.setDecimals(2)
            spin.setValue(known.get(role, 0) / 100)
            spin.setAccessibleName(f"Hourly rate for {role}")
            row = QHBoxLayout()
            row.addWidget(QLabel(role.capitalize()), 1)
            row.addWidget(spin)
            layout.addLayout(row)
            self.spins[role] = spin
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        def write() -> bool:
            for role, spin in self.spins.items():
                self.app.overview.figures.set_rate(role, round(spin.value() * 100))
            return True

        if feedback.guarded(self, "Staff cost rates", write):
            self.accept()


class OfferView(QWidget):
    """The five strands of each school this term; Edit… records a status, History… shows terms."""

    def __init__(self, app: HubApp, changed: Callable[[], None]) -> None:
        super().__init__()
        self.app, self.changed = app, changed
        self.note = note_label()
        self.table: Table[OfferRow] = Table(OFFER, stretch=4)
        self.edit = QPushButton("Edit strand…")
        self.history = QPushButton("History of this school…")
        self.edit.clicked.connect(self.edit_strand)
        self.history.clicked.connect(self.show_history)
        self.table.view.doubleClicked.connect(lambda _i: self.edit_strand())
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit)
        buttons.addWidget(self.history)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        layout.addWidget(self.table.view)

    def fill(self, rows: list[OfferRow], term: str) -> None:
        if not term:
            self.note.setText("The core offer is kept per term: choose a term or half-term.")
        else:
            self.note.setText(f"The core offer in {term}. Strands not yet recorded show what the "
                              "data suggests; Edit strand… records a status with its evidence.")
        self.table.fill(rows)
        for button in (self.edit, self.history):
            button.setEnabled(bool(rows))

    def chosen(self) -> OfferRow | None:
        row = selected_row(self.table.view)
        return self.table.model.row(row) if row is not None else None

    def edit_strand(self) -> None:
        row = self.chosen()
        if row is None:
            feedback.inform(self, "Core offer", "Choose a strand in the list first.")
            return
        dialog = open_dialog(OfferDialog(self.app, row, self))
        dialog.accepted.connect(self.changed)

    def show_history(self) -> None:
        row = self.chosen()
        if row is None:
            feedback.inform(self, "Core offer", "Choose one of the school's strands first.")
            return
        rows = feedback.guarded(self, "Core offer", lambda: self.app.overview.core_offer.history(
            row.site_id))
        if rows is not None:
            open_dialog(HistoryDialog(row.school, rows, self))
