"""Import bookings from a spreadsheet (e.g. a parents' online booking form): choose the file, see
what each row would do, then import. Refused rows block the import unless the office chooses to
skip them; full dates go to the waiting list only when ticked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.services.clubs import BookingImport, ImportRow
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.common.tables import AMBER, RED, TintedTableModel, fit_columns, table_view
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.shell.tasks import run_task

TITLE = "Import bookings"


def choose_file(parent: QWidget | None) -> str:
    """Ask for the spreadsheet (tests patch this)."""
    path, _ = QFileDialog.getOpenFileName(parent, "Choose the bookings spreadsheet", str(Path.home()),
                                          "Spreadsheets (*.csv *.xlsx *.txt);;All files (*)")
    return path


def rows_model() -> TintedTableModel[ImportRow]:
    return TintedTableModel(
        [("Row", lambda r: r.row), ("Child", lambda r: r.child), ("Club", lambda r: r.club),
         ("What happens", lambda r: r.outcome.capitalize()), ("Details", lambda r: r.detail)], [],
        tint=lambda r: RED if r.outcome == "refused" else AMBER if r.outcome != "booked" else None,
        tooltip=lambda r: r.detail)


def summary_text(result: BookingImport) -> str:
    counts: dict[str, int] = {}
    for row in result.rows:
        counts[row.outcome] = counts.get(row.outcome, 0) + 1
    parts = [f"{n:,} {outcome}" for outcome, n in sorted(counts.items())]
    text = f"{len(result.rows):,} rows: " + ", ".join(parts) + f"; {result.sessions:,} dates."
    if result.ignored_columns:
        text += " Columns not used: " + ", ".join(result.ignored_columns) + "."
    return text


class ImportBookingsDialog(Dialog):
    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.events = app, events
        self.path: Path | None = None
        self.preview: BookingImport | None = None
        self.outcome: BookingImport | None = None
        self.setWindowTitle("Import bookings from a spreadsheet")
        self.resize(960, 600)
        self.file_label = QLabel("Choose a CSV or Excel (.xlsx) file with the columns child (or UPN), "
                                 "club, weekdays, from date and to date. You see what each row "
                                 "would do before anything is saved.")
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton("Choose file…")
        self.choose_button.clicked.connect(self._choose)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = rows_model()
        self.view = table_view(self.model)
        self.waiting_box = QCheckBox("Put children on the waiting list for full dates")
        self.skip_box = QCheckBox("Skip the refused rows and import the others")
        self.waiting_box.toggled.connect(lambda _on: self._reload())
        self.skip_box.toggled.connect(lambda _on: self._update_buttons())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self._apply)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.waiting_box)
        layout.addWidget(self.skip_box)
        layout.addWidget(self.buttons)
        self._update_buttons()

    def _choose(self) -> None:
        path = choose_file(self)
        if path:
            self.load(Path(path))

    def _reload(self) -> None:
        if self.path is not None:
            self.load(self.path)

    def load(self, path: Path) -> None:
        """Run the import in a transaction that is rolled back, off the GUI thread."""
        self.path, self.preview = path, None
        self.file_label.setText(f"File: {path}")
        self.summary.setText("Reading the file…")
        self.model.set_rows([])
        self._update_buttons()
        waiting = self.waiting_box.isChecked()

        def done(preview: BookingImport) -> None:
            self.preview = preview
            self.model.set_rows(preview.rows)
            fit_columns(self.view, stretch=4)
            text = summary_text(preview)
            if preview.refused:
                text += (" Refused rows stop the import: correct the file and choose it again, "
                         "or tick 'skip the refused rows'.")
            self.summary.setText(text)
            self._update_buttons()

        def failed(message: str) -> None:
            self.summary.setText(message)
            feedback.warn(self, TITLE, message)

        run_task(self, "Reading the file",
                 lambda _p: self.app.booking_imports.preview(path, waiting_list=waiting), done, failed)

    def _update_buttons(self) -> None:
        p = self.preview
        self.skip_box.setEnabled(p is not None and bool(p.refused))
        ready = p is not None and len(p.rows) > len(p.refused) and (
            not p.refused or self.skip_box.isChecked())
        self.import_button.setEnabled(ready)

    def _apply(self) -> None:
        if self.path is None or self.preview is None:
            return
        path, skip, waiting = self.path, self.skip_box.isChecked(), self.waiting_box.isChecked()
        self.import_button.setEnabled(False)

        def done(result: BookingImport) -> None:
            self.outcome = result
            self.events.bookings_changed.emit()
            feedback.inform(self, TITLE, f"Imported {path.name}: " + summary_text(result))
            self.accept()

        def failed(message: str) -> None:
            feedback.warn(self, TITLE, message)
            self._update_buttons()

        run_task(self, "Importing bookings", lambda _p: self.app.booking_imports.apply(
            path, skip_rejected=skip, waiting_list=waiting), done, failed)
