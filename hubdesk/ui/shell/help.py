"""The Help menu's two windows: the illustrated user guide and About (version, where the data is)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from hubdesk import __version__
from hubdesk.app import HubApp, database_label
from hubdesk.ui.common.dialog_keys import Dialog

LICENCE = "Proprietary: for the hub's own offices; not to be passed on."
GUIDE = Path(__file__).resolve().parents[3] / "docs" / "user-guide.md"


def guide_path(frozen_dir: str | None = None) -> Path:
    """docs/user-guide.md beside the program (its screenshots are in docs/guide/): in the frozen
    build's own folder (the installer bundles docs/ there), else in the source checkout."""
    frozen = frozen_dir or getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "docs" / "user-guide.md"
    return GUIDE


class GuideWindow(Dialog):
    """The user guide with its pictures, in a window of its own beside the program."""

    def __init__(self, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("hubdesk user guide")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        source = path or guide_path()
        if source.is_file():
            self.browser.setSearchPaths([str(source.parent)])
            self.browser.setSource(QUrl.fromLocalFile(str(source)),
                                   QTextDocument.ResourceType.MarkdownResource)
        else:
            self.browser.setPlainText(f"The user guide is not installed with this copy of hubdesk "
                                      f"(looked for {source}). Ask whoever installed it for "
                                      "docs/user-guide.md.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(900, 640)


def about_text(app: HubApp) -> str:
    """What the office is asked when they phone for help: version, database, data folder, licence."""
    return (f"<h3>hubdesk {__version__}</h3>"
            "<p>The office program of an extended-school hub.</p>"
            f"<p><b>Database:</b> {database_label(app.settings)}<br>"
            f"<b>Data folder</b> (printouts, backups, logs): {app.settings.data_dir}<br>"
            f"<b>Backups:</b> {app.settings.backup_dir}<br>"
            f"<b>Licence:</b> {LICENCE}</p>")


class AboutDialog(Dialog):
    def __init__(self, app: HubApp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About hubdesk")
        self.text = QLabel(about_text(app))
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
