"""File › Backups… (list, make, restore, choose the folder) and the start-up recovery choice.

Both show checked backups with their date, size and how many children and bookings they hold, so
the office can tell a good copy from last week's at a glance.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.core.errors import DomainError
from hubdesk.services.admin import BackupInfo, BackupService, Restored
from hubdesk.settings import save_backup_dir
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents


class BackupTable(QTableWidget):
    """Checked backups, newest first; the row's data is the backup's path."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels(["Made", "Size", "Children", "Bookings"])
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.horizontalHeader().setStretchLastSection(True)

    def fill(self, backups: list[BackupInfo]) -> None:
        self.setRowCount(len(backups))
        for row, b in enumerate(backups):
            cells = [f"{b.made:%a %d/%m/%Y %H:%M}", f"{b.size / 1_048_576:.1f} MB",
                     f"{b.children:,}", f"{b.bookings:,}"]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, str(b.path))
                item.setToolTip(str(b.path))
                self.setItem(row, col, item)
        self.resizeColumnsToContents()  # "Tue 24/11/2026 12:00" whole
        if backups:
            self.selectRow(0)

    def chosen(self) -> Path | None:
        rows = self.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.item(rows[0].row(), 0)
        return Path(str(item.data(Qt.ItemDataRole.UserRole))) if item else None


class RecoveryDialog(Dialog):
    """The database cannot be opened: restore one of the newest good backups, or stop.

    ``close_own`` is given when the window is already open (damage found after it showed): it closes
    the window's connections before the file is replaced, and the way out is to keep looking with
    nothing saved instead of closing hubdesk."""

    def __init__(self, service: BackupService, reason: str, parent: QWidget | None = None,
                 close_own: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.close_own = close_own
        self.restored: Restored | None = None
        self.setWindowTitle("hubdesk cannot open the database" if close_own is None else
                            "The database is damaged")
        self.table = BackupTable(self)
        self.table.fill(service.good_backups(limit=5))
        self.message = QLabel(reason)
        self.message.setWordWrap(True)
        hint = (f"Restore one of these backups from {service.folder}. The damaged file is moved "
                "aside untouched." if self.table.rowCount() else
                f"There is no good backup in {service.folder}. Ask for help before going on.")
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton("Restore the chosen backup",
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(self.table.rowCount() > 0)
        buttons.addButton("Close hubdesk" if close_own is None else "Only look, save nothing",
                          QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.restore)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.message, QLabel(hint), self.table, buttons):
            layout.addWidget(widget)
        self.resize(640, 360)

    def restore(self) -> None:
        chosen = self.table.chosen()
        if chosen is None:
            return
        if self.close_own is not None:
            self.close_own()  # our own connections must close before the file is replaced
        try:
            self.restored = self.service.restore(chosen, opened_here=self.close_own is not None)
        except DomainError as exc:
            feedback.warn(self, "Restore", str(exc))
            return
        self.accept()


class BackupsDialog(Dialog):
    """File › Backups…: the backups kept, a backup now, a restore, and where backups go."""

    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.events = app, events
        self.setWindowTitle("Backups")
        self.folder = QLabel()
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = BackupTable(self)
        row = QHBoxLayout()
        for text, slot in (("Back up now", self.make), ("Restore the chosen backup…", self.restore),
                           ("Backup folder…", self.choose_folder)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(close)
        self.resize(640, 420)
        self.refresh()

    def refresh(self) -> None:
        service = self.app.backups
        self.folder.setText(f"Backups are kept in {service.folder}")
        self.table.fill(feedback.guarded(self, "Backups", lambda: service.good_backups(limit=40)) or [])

    def make(self) -> None:
        made = feedback.guarded(self, "Back up now", self.app.backups.backup_now)
        if made is not None:
            feedback.inform(self, "Back up now", f"Backed up to {made}.")
            self.refresh()

    def restore(self) -> None:
        chosen = self.table.chosen()
        if chosen is None or not feedback.confirm(
                self, "Restore", f"Replace the data in hubdesk with the backup {chosen.name}? The "
                                 "data as it is now is kept as a backup first."):
            return
        self.app.engine.dispose()  # our own connections must close before the file is replaced
        done = feedback.guarded(self, "Restore",
                                lambda: self.app.backups.restore(chosen, opened_here=True))
        if done is not None:
            self.events.data_reloaded.emit()
            kept = f" The data as it was is kept in {done.safety}." if done.safety else ""
            feedback.inform(self, "Restore", f"Restored {chosen.name}.{kept}")
            self.refresh()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Backup folder", str(self.app.backups.folder))
        if folder:
            self.set_folder(Path(folder))

    def set_folder(self, folder: Path) -> None:
        """Keep backups in ``folder`` from now on (e.g. a USB drive), remembered for next time."""
        save_backup_dir(folder)
        self.app.backups.folder = folder.expanduser().resolve()
        self.refresh()
