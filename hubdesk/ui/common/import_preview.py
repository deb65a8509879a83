"""The shared shape of every import from a file: choose the file, see what each line would do
(read off the GUI thread, nothing saved), then import, all or nothing.

A subclass names its service calls and its table; this base holds the file choice, the busy
sign, the summary line and the Import button, so each import dialog is only what differs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.common.tables import TintedTableModel, fit_columns, table_view
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.tasks import run_task

P = TypeVar("P")  # what the preview returns
R = TypeVar("R")  # one row of the preview table


def choose_file(parent: QWidget | None, what: str) -> str:
    """Ask for the file to import (tests patch this)."""
    path, _ = QFileDialog.getOpenFileName(parent, f"Choose the {what}", str(Path.home()),
                                          "Spreadsheets (*.csv *.xlsx *.txt);;All files (*)")
    return path


class ImportPreviewDialog(Dialog, Generic[P, R]):
    """Subclasses implement ``read``, ``rows``, ``summary``, ``ready``, ``apply`` and ``applied``."""

    title = "Import"
    what = "file"

    def __init__(self, intro: str, model: TintedTableModel[R],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.title)
        self.resize(900, 560)
        self.path: Path | None = None
        self.preview: P | None = None
        self.file_label = QLabel(intro)
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton("Choose file…")
        self.choose_button.clicked.connect(self._choose)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = model
        self.view = table_view(model)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self._apply)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)
        self.options = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.options)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self.import_button.setEnabled(False)

    # what a subclass says -------------------------------------------------------------------
    def read(self, path: Path) -> P:
        raise NotImplementedError

    def rows(self, preview: P) -> Sequence[R]:
        raise NotImplementedError

    def summary_of(self, preview: P) -> str:
        raise NotImplementedError

    def ready(self, preview: P) -> bool:
        raise NotImplementedError

    def apply(self, path: Path) -> Any:
        raise NotImplementedError

    def applied(self, path: Path, result: Any) -> None:
        raise NotImplementedError

    # the plumbing ---------------------------------------------------------------------------
    def _choose(self) -> None:
        path = choose_file(self, self.what)
        if path:
            self.load(Path(path))

    def reload(self) -> None:
        if self.path is not None:
            self.load(self.path)

    def load(self, path: Path) -> None:
        """Read and check the file off the GUI thread; nothing is saved."""
        self.path, self.preview = path, None
        self.file_label.setText(f"File: {path}")
        self.summary.setText("Reading the file…")
        self.model.set_rows([])
        self.import_button.setEnabled(False)

        def done(preview: P) -> None:
            self.preview = preview
            self.model.set_rows(list(self.rows(preview)))
            fit_columns(self.view, stretch=self.model.columnCount() - 1)
            self.summary.setText(self.summary_of(preview))
            self.import_button.setEnabled(self.ready(preview))

        def failed(message: str) -> None:
            self.summary.setText(message)
            feedback.warn(self, self.title, message)

        run_task(self, "Reading the file", lambda _p: self.read(path), done, failed)

    def _apply(self) -> None:
        if self.path is None or self.preview is None:
            return
        path = self.path
        self.import_button.setEnabled(False)

        def done(result: Any) -> None:
            self.applied(path, result)
            self.accept()

        def failed(message: str) -> None:
            feedback.warn(self, self.title, message)
            self.import_button.setEnabled(self.preview is not None and self.ready(self.preview))

        run_task(self, "Importing", lambda _p: self.apply(path), done, failed)
