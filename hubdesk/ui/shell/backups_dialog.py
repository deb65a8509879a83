"""File › Backups… (list, make, restore, choose the folder) and the start-up recovery choice.

Both list the backups at once with their date and size, then fill in how many children and bookings
each holds as its check comes back (off the GUI thread), so the office can tell a good copy from
last week's at a glance; only a backup checked good can be restored.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
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
from hubdesk.services.admin import BackupFile, BackupInfo, BackupService, Restored
from hubdesk.settings import save_backup_dir
from hubdesk.ui.common.busy import busy_pointer
from hubdesk.ui.common.dialog_keys import Dialog
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.shell.tasks import Cancellable, run_each, run_task

GOOD = "good"
CHECKING = "checking…"


class BackupTable(QTableWidget):
    """The backups, newest first, listed at once and filled in as each is checked (a check reads
    the whole file: a year's thirty backups took seconds, with the window frozen). Only a backup
    checked good can be chosen for a restore."""

    def __init__(self, service: BackupService, dialog: QDialog, on_change: Callable[[], None]) -> None:
        """``on_change`` runs when a check comes in or another backup is chosen; the checks stop
        when ``dialog`` closes."""
        super().__init__(0, 5, dialog)
        self.service = service
        self.setHorizontalHeaderLabels(["Made", "Size", "Children", "Bookings", "Check"])
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.horizontalHeader().setStretchLastSection(True)
        self._rows: dict[Path, int] = {}
        self._state: dict[Path, str] = {}  # CHECKING, GOOD, or why it cannot be restored
        self._checking: Cancellable | None = None
        self.on_change = on_change
        self.itemSelectionChanged.connect(on_change)
        dialog.finished.connect(lambda _code: self.stop_checking())

    def list_and_check(self) -> None:
        """List the backups now, then check them newest first off the GUI thread."""
        self.stop_checking()
        listed = self.service.list()
        self.setRowCount(len(listed))
        self._rows = {b.path: row for row, b in enumerate(listed)}
        self._state = {b.path: CHECKING for b in listed}
        for row, b in enumerate(listed):
            self._set_row(row, b.path, [f"{b.made:%a %d/%m/%Y %H:%M}", f"{b.size / 1_048_576:.1f} MB",
                                        "", "", CHECKING])
        self.resizeColumnsToContents()  # "Tue 24/11/2026 12:00" whole
        if listed:
            self.selectRow(0)
            self._checking = run_each(self, lambda: self.service.check_each(listed), self._checked,
                                      self._failed)
        self.on_change()

    def stop_checking(self) -> None:
        if self._checking is not None:
            self._checking.cancelled = True
            self._checking = None

    def _checked(self, found: tuple[BackupFile, BackupInfo | str]) -> None:
        backup, result = found
        row = self._rows.get(backup.path)
        if row is None:
            return
        if isinstance(result, BackupInfo):
            self._state[backup.path] = GOOD
            cells, why = [f"{result.children:,}", f"{result.bookings:,}", GOOD], str(backup.path)
        else:
            self._state[backup.path] = result
            cells, why = ["", "", "damaged: cannot be restored"], result
        for col, text in enumerate(cells, start=2):
            self._cell(row, col).setText(text)
            self._cell(row, col).setToolTip(why)
        self.on_change()

    def _failed(self, message: str) -> None:
        for path, state in self._state.items():
            if state == CHECKING:
                self._state[path] = f"not checked: {message}"
                self._cell(self._rows[path], 4).setText("not checked")
                self._cell(self._rows[path], 4).setToolTip(message)
        self.on_change()

    def _cell(self, row: int, col: int) -> QTableWidgetItem:
        item = self.item(row, col)
        if item is None:
            item = QTableWidgetItem()
            self.setItem(row, col, item)
        return item

    def _set_row(self, row: int, path: Path, cells: list[str]) -> None:
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.setItem(row, col, item)

    def chosen_path(self) -> Path | None:
        rows = self.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.item(rows[0].row(), 0)
        return Path(str(item.data(Qt.ItemDataRole.UserRole))) if item else None

    def chosen(self) -> Path | None:
        """The chosen backup when it was checked good, else None."""
        path = self.chosen_path()
        return path if path is not None and self._state.get(path) == GOOD else None

    def checking(self) -> bool:
        return CHECKING in self._state.values()

    def good_count(self) -> int:
        return sum(state == GOOD for state in self._state.values())

    def why_not(self) -> str:
        """Why the chosen backup cannot be restored (yet); empty when it can."""
        path = self.chosen_path()
        state = self._state.get(path) if path is not None else None
        if state is None:
            return "Choose a backup first."
        if state == GOOD:
            return ""
        if state == CHECKING:
            return "That backup is still being checked; it can be restored once the check says good."
        return f"That backup cannot be restored: {state}"


class RecoveryDialog(Dialog):
    """The database cannot be opened: restore one of the newest good backups, or stop.

    ``restore_own`` is given when the window is already open (damage found after it showed): it
    restores with the window's connections standing aside (``HubApp.restore``), and the way out is to
    keep looking with nothing saved instead of closing hubdesk."""

    def __init__(self, service: BackupService, reason: str, parent: QWidget | None = None,
                 restore_own: Callable[[Path], Restored] | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.restore_own = restore_own
        self.restored: Restored | None = None
        self.setWindowTitle("hubdesk cannot open the database" if restore_own is None else
                            "The database is damaged")
        self.table = BackupTable(service, self, self._update)
        self.message = QLabel(reason)
        self.message.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton("Restore the chosen backup",
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Close hubdesk" if restore_own is None else "Only look, save nothing",
                          QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.restore)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.message, self.hint, self.table, buttons):
            layout.addWidget(widget)
        self.resize(640, 360)
        self.table.list_and_check()

    def _update(self) -> None:
        """The restore button follows the chosen backup's check; the hint says where things stand."""
        self.restore_button.setEnabled(self.table.chosen() is not None)
        folder = self.service.folder
        if self.table.rowCount() == 0 or not (self.table.checking() or self.table.good_count()):
            self.hint.setText(f"There is no good backup in {folder}. Ask for help before going on.")
        elif self.table.checking() and not self.table.good_count():
            self.hint.setText(f"Checking the backups in {folder}, newest first (each is read whole)…")
        else:
            self.hint.setText(f"Restore one of the backups checked good, from {folder}. The damaged "
                              "file is moved aside untouched.")

    def restore(self) -> None:
        chosen = self.table.chosen()
        if chosen is None:
            return
        self.table.stop_checking()
        restore = self.restore_own or self.service.restore
        try:
            with busy_pointer():
                self.restored = restore(chosen)
        except DomainError as exc:
            feedback.warn(self, "Restore", str(exc))
            self.table.list_and_check()
            return
        self.accept()


class BackupsDialog(Dialog):
    """File › Backups…: the backups kept, a backup now, a restore, and where backups go. The list
    shows at once and is checked behind it; a backup is made off the GUI thread with its progress."""

    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.events = app, events
        self.setWindowTitle("Backups")
        self.folder = QLabel()
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = BackupTable(app.backups, self, self._update)
        self.make_button = QPushButton("Back up now")
        self.restore_button = QPushButton("Restore the chosen backup…")
        folder_button = QPushButton("Backup folder…")
        row = QHBoxLayout()
        for button, slot in ((self.make_button, self.make), (self.restore_button, self.restore),
                             (folder_button, self.choose_folder)):
            button.clicked.connect(slot)
            row.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(close)
        self.resize(720, 420)
        self.refresh()

    def _update(self) -> None:
        self.restore_button.setEnabled(self.table.chosen() is not None)
        self.restore_button.setToolTip(self.table.why_not())

    def refresh(self) -> None:
        service = self.app.backups
        self.folder.setText(f"Backups are kept in {service.folder}")
        feedback.guarded(self, "Backups", self.table.list_and_check)

    def make(self) -> None:
        """A backup now, copied and checked off the GUI thread (seconds on a large database)."""
        self.make_button.setEnabled(False)

        def done(made: object) -> None:
            self.make_button.setEnabled(True)
            feedback.inform(self, "Back up now", f"Backed up to {made}.")
            self.refresh()

        def failed(message: str) -> None:
            self.make_button.setEnabled(True)
            feedback.warn(self, "Back up now", message)

        run_task(self, "Backing up", lambda progress: self.app.backups.backup_now(progress), done,
                 failed)

    def restore(self) -> None:
        chosen = self.table.chosen()
        if chosen is None or not feedback.confirm(
                self, "Restore", f"Replace the data in hubdesk with the backup {chosen.name}? The "
                                 "data as it is now is kept as a backup first."):
            return
        self.table.stop_checking()
        with busy_pointer():
            done = feedback.guarded(self, "Restore", lambda: self.app.restore(chosen))
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
