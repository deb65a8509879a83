"""Import children and carers from a MIS export: choose a file, read the preview, then import.

Nothing is written until the office presses Import; a file with rejected rows imports only when
"skip the rejected rows" is ticked.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.words import count
from hubdesk.services.people import ImportPreview, ImportResult
from hubdesk.services.progress import Progress
from hubdesk.ui.children.import_panels import ColumnsPanel, LeaversPanel, OptionsBar
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.common.forms import hbox
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.shell.tasks import run_task

TITLE = "Import children"
SHOW = ("All rows", "To add", "To update", "Unchanged", "Rejected")
REJECTED_BRUSH = QBrush(QColor("#fde2e1"))
UPDATED_BRUSH = QBrush(QColor("#fff4d6"))


def choose_file(parent: QWidget | None) -> str:
    """Ask for the export file (tests patch this)."""
    path, _ = QFileDialog.getOpenFileName(parent, "Choose the MIS export", str(Path.home()),
                                          "Spreadsheets (*.csv *.xlsx *.txt);;All files (*)")
    return path


class ImportDialog(Dialog):
    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.events = app, events
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        self.result: ImportResult | None = None  # type: ignore[assignment]  # tests read it; QDialog.result() unused
        self.setWindowTitle("Import children and carers from the school MIS")
        self.resize(980, 680)
        top, filter_row = self._build_header()
        self._build_table()
        schools = [(x.id, x.name) for x in app.sites.list() if x.kind == "school" and x.id is not None]
        self.options_bar = OptionsBar(schools)
        self.options_bar.changed.connect(self._reload)
        self.columns_panel = ColumnsPanel()
        self.columns_panel.changed.connect(self._reload)
        self.leavers_panel = LeaversPanel()
        self.leavers_panel.mark.connect(self._mark_leavers)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, "Rows")
        self.tabs.addTab(self.columns_panel, "Columns and values")
        self.tabs.addTab(self.leavers_panel, "Leavers")
        self.skip_box = QCheckBox("Skip the rejected rows and import the others")
        self.skip_box.setEnabled(False)
        self.skip_box.toggled.connect(self._update_buttons)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self._apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.options_bar)
        layout.addLayout(filter_row)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.skip_box)
        layout.addWidget(self.buttons)

    def _build_header(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        """The file chooser, then the summary of what would change and which rows to show."""
        self.file_label = QLabel("Choose the CSV or Excel (.xlsx) pupil export of your school MIS "
                                 "(SIMS, Arbor, Bromcom, ScholarPack…). You will see what changes "
                                 "before anything is saved.")
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton("Choose file…")
        self.choose_button.clicked.connect(self._choose)
        self.summary = QLabel("")
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.show_combo = QComboBox()
        self.show_combo.addItems(SHOW)
        self.show_combo.currentIndexChanged.connect(self._fill_table)
        return (hbox((self.file_label, 1), self.choose_button),
                hbox((self.summary, 1), "Show:", self.show_combo))

    def _build_table(self) -> None:
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Row", "Child", "School", "What happens"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def _choose(self) -> None:
        path = choose_file(self)
        if path:
            self.load(Path(path))

    def _reload(self) -> None:
        """The office changed what it says about the file: read it again with that."""
        if self.path is not None:
            self.load(self.path)

    def load(self, path: Path) -> None:
        """Read the file and show the preview (off the GUI thread; a big file takes a moment)."""
        self.path, self.preview = path, None
        options = self.options_bar.options(self.columns_panel.columns())
        self.file_label.setText(f"File: {path}")
        self.summary.setText("Reading the file…")
        self.table.setRowCount(0)
        self._update_buttons()

        def done(preview: ImportPreview) -> None:
            self.preview = preview
            self._show_preview()

        def failed(message: str) -> None:
            self.summary.setText(message)
            feedback.warn(self, TITLE, message)

        run_task(self, "Reading the file", lambda _p: self.app.imports.preview(path, options), done,
                 failed)

    def _show_preview(self) -> None:
        p = self.preview
        assert p is not None
        text = (f"{p.total:,} rows: {len(p.added):,} to add, {len(p.updated):,} to update, "
                f"{len(p.unchanged):,} unchanged, {len(p.rejected):,} rejected; "
                f"{p.new_carers:,} new carers.")
        if p.ignored_columns:
            text += " Columns not used: " + ", ".join(p.ignored_columns) + "."
        if p.leavers:
            text += f" {len(p.leavers):,} on roll are not in the file: see 'Leavers'."
        if p.unknown_values:
            text += (f" {len(p.unknown_values)} value(s) not understood: see 'Columns and values'.")
        if p.rejected:
            text += (" Rejected rows are not imported: correct them in the file and choose it again, "
                     "or tick 'skip the rejected rows'.")
        self.summary.setText(text)
        self.skip_box.setEnabled(bool(p.rejected))
        self.skip_box.setChecked(False)
        self.show_combo.setCurrentIndex(SHOW.index("Rejected") if p.rejected else 0)
        self.columns_panel.show_preview(p)
        self.leavers_panel.show_leavers(p.leavers, self.options_bar.full_export.isChecked())
        self.tabs.setTabText(2, f"Leavers ({len(p.leavers)})" if p.leavers else "Leavers")
        self._fill_table()
        self._update_buttons()

    def _rows(self) -> list[tuple[int, str, str, str, QBrush | None]]:
        p = self.preview
        if p is None:
            return []
        shown = self.show_combo.currentText()
        rows: list[tuple[int, str, str, str, QBrush | None]] = []
        if shown in ("All rows", "To add"):
            rows += [(r.row, r.name, r.school, "Add", None) for r in p.added]
        if shown in ("All rows", "To update"):
            rows += [(r.row, r.name, r.school, "Update: " + "; ".join(r.changes), UPDATED_BRUSH)
                     for r in p.updated]
        if shown in ("All rows", "Unchanged"):
            rows += [(r.row, r.name, r.school, "No change", None) for r in p.unchanged]
        if shown in ("All rows", "Rejected"):
            rows += [(e.row, e.name, "", "Rejected: " + e.reason, REJECTED_BRUSH) for e in p.rejected]
        return sorted(rows, key=lambda r: r[0])

    def _fill_table(self) -> None:
        rows = self._rows()
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(rows))
        for i, (number, name, school, what, brush) in enumerate(rows):
            for column, value in enumerate((str(number), name, school, what)):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if brush is not None:
                    item.setBackground(brush)
                self.table.setItem(i, column, item)
        self.table.setUpdatesEnabled(True)

    def _update_buttons(self) -> None:
        p = self.preview
        ready = p is not None and (not p.rejected or self.skip_box.isChecked()) and \
            len(p.added) + len(p.updated) > 0
        self.import_button.setEnabled(ready)

    def _apply(self) -> None:
        if self.path is None or self.preview is None:
            return
        path, skip = self.path, self.skip_box.isChecked()
        options = self.options_bar.options(self.columns_panel.columns())
        self.import_button.setEnabled(False)

        def work(progress: Progress) -> ImportResult:
            return self.app.imports.apply(path, skip_rejected=skip, progress=progress,
                                          options=options)

        def done(result: ImportResult) -> None:
            self.result = result
            self.events.children_changed.emit()
            self.events.data_reloaded.emit()
            feedback.inform(self, TITLE, f"Imported {path.name}: {result.added:,} children added, "
                                         f"{result.updated:,} updated, {result.skipped:,} rows skipped, "
                                         f"{result.new_carers:,} new carers.")
            if self.preview is not None and self.preview.leavers:
                self.tabs.setCurrentWidget(self.leavers_panel)  # leavers still to decide on
                return
            self.accept()

        def failed(message: str) -> None:
            feedback.warn(self, TITLE, message)
            self._update_buttons()

        run_task(self, "Importing children", work, done, failed)

    def _mark_leavers(self) -> None:
        """Mark the ticked children as left today, after the office confirms."""
        ticked = self.leavers_panel.ticked()
        if not ticked:
            feedback.warn(self, TITLE, "Tick the children who have left first.")
            return
        today = self.app.clock.today()
        if not feedback.confirm(self, TITLE, f"Mark {count(len(ticked), 'child', 'children')} as left on "
                                             f"{today:%d/%m/%Y} and cancel their bookings from then? "
                                             "Their records are kept."):
            return
        result = feedback.guarded(self, TITLE, lambda: self.app.imports.mark_leavers(ticked, today))
        if result is None:
            return
        self.events.children_changed.emit()
        self.events.data_reloaded.emit()
        feedback.inform(self, TITLE, f"{count(result.marked, 'child', 'children')} marked as left; "
                                     f"{count(result.cancelled_sessions, 'booked session')} "
                                     "cancelled.")
        self._reload()
