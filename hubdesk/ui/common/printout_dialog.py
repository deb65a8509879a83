"""After every print: where the file is, and Open, Show in folder and Save as… beside it.

A PC with no PDF viewer, or one that opens it behind the window, otherwise leaves the user with
nothing visible; the path is always shown here and can be selected and copied.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.common.pdf_preview import PdfPreview, preview_available
from hubdesk.ui.shell import feedback


def show_in_folder(path: Path) -> bool:
    """Open the folder holding the file in the PC's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


class PrintoutDialog(Dialog):
    """Names the printout just written and offers what to do with it."""

    def __init__(self, path: Path, opened: bool, open_pdf: Callable[[Path], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path, self._open_pdf = path, open_pdf
        self.setWindowTitle("Printout saved")
        layout = QVBoxLayout(self)
        instead = "Preview to see and print it here, " if preview_available() else ""
        said = ("It is open in the PC's PDF viewer (it may be behind this window)." if opened
                else f"No PDF viewer on this PC opened it. Use {instead}Show in folder, or Save "
                     "as… to copy it to a USB stick or another folder.")
        self.message = QLabel(f"The printout is saved as:<br><b>{path}</b><br><br>{said}")
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton("&Open")
        self.folder_button = QPushButton("Show in &folder")
        self.save_button = QPushButton("&Save as…")
        self.preview_button = QPushButton("Pre&view")
        self.preview: PdfPreview | None = None
        shown = [self.open_button, self.folder_button, self.save_button]
        if preview_available():  # Qt's PDF viewer is an optional extra
            shown.insert(0, self.preview_button)
            self.preview_button.clicked.connect(self.show_preview)
        for button in shown:
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self.open_file)
        self.folder_button.clicked.connect(self.show_folder)
        self.save_button.clicked.connect(self.save_as)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def show_preview(self) -> None:
        """The printout in hubdesk's own window, with Print…; Save as… stays here."""
        self.preview = PdfPreview(self.path, self)
        if self.preview.pages == 0:
            feedback.warn(self, "Preview", f"The printout could not be read: {self.path}")
            return
        self.preview.show()

    def open_file(self) -> None:
        if self._open_pdf(self.path) is False:
            feedback.inform(self, "Open", f"No program on this PC opened\n{self.path}\n\nInstall "
                                          "a PDF viewer, or use Show in folder.")

    def show_folder(self) -> None:
        if not show_in_folder(self.path):
            feedback.inform(self, "Show in folder", f"The file manager could not be opened. "
                                                    f"The printout is in\n{self.path.parent}")

    def save_as(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Save the printout as",
                                                str(Path.home() / self.path.name), "PDF (*.pdf)")
        if chosen:
            self.copy_to(Path(chosen))

    def copy_to(self, target: Path) -> bool:
        """Copy the printout; a sentence when the place cannot be written."""
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            shutil.copyfile(self.path, target)
        except OSError as exc:
            feedback.warn(self, "Save as", f"The printout could not be saved as {target}: "
                                           f"{exc.strerror or exc}. Choose another folder.")
            return False
        self.message.setText(f"{self.message.text()}<br><br>Also saved as <b>{target}</b>.")
        return True
