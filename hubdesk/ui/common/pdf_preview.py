"""An in-app preview of a printout, with Print… and Save as…, for PCs with no PDF viewer.

Qt's PDF viewer comes in the optional ``PySide6-Pdf`` wheel (``pip install hubdesk[preview]``,
about 6 MB installed); without it the after-print window simply offers no Preview button.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.shell import feedback

PRINT_DPI = 300  # pages are drawn as images at this resolution, enough for text on paper


def preview_available() -> bool:
    """True when Qt's PDF viewer (the optional PySide6-Pdf wheel) is installed."""
    try:
        return importlib.util.find_spec("PySide6.QtPdfWidgets") is not None
    except (ImportError, ValueError):
        return False


class PdfPreview(Dialog):
    """Shows every page of one PDF, scrolled, fitted to the window's width."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Imported here, plainly (so a frozen build bundles them when installed): optional extra.
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView
        self.path = path
        self.setWindowTitle(f"Preview: {path.name}")
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = QPushButton("&Print…")
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.choose_printer)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(760, 900)

    @property
    def pages(self) -> int:
        return int(self.document.pageCount())

    def choose_printer(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and not self.print_to(printer):
            feedback.warn(self, "Print", "The printout could not be sent to the printer. Check "
                                         "that it is switched on, or use Save as… and print the file.")

    def print_to(self, printer: QPrinter) -> bool:
        """Draw every page onto ``printer``, each scaled to the printable area; False on failure."""
        if self.pages == 0:
            return False
        painter = QPainter()
        if not painter.begin(printer):
            return False
        try:
            for page in range(self.pages):
                if page:
                    printer.newPage()
                size = self.document.pagePointSize(page)
                image = self.document.render(page, QSize(int(size.width() * PRINT_DPI / 72),
                                                         int(size.height() * PRINT_DPI / 72)))
                area = painter.viewport()
                width, height = _fit(image.width(), image.height(), area.width(), area.height())
                painter.drawImage(area.x(), area.y(), image.scaled(width, height))
        finally:
            painter.end()
        return True


def _fit(width: int, height: int, into_width: int, into_height: int) -> tuple[int, int]:
    """The largest size with the page's proportions that fits the printable area."""
    scale = min(into_width / width, into_height / height)
    return max(1, int(width * scale)), max(1, int(height * scale))
