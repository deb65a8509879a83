"""Damage found by the check of the whole file that runs once the window shows.

Opening reads only the file's header, schema and version, so a big database shows its window in a
second; every page is checked right after, off the GUI thread, before today's backup is copied. When
that check finds damage, nothing more may be saved: changes are refused with a sentence, the window
says why in red, and the person is offered the newest good backups, as at start-up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

from hubdesk.core.errors import DatabaseDamaged
from hubdesk.services.admin import BackupService

if TYPE_CHECKING:
    from hubdesk.ui.shell.main_window import MainWindow

SAVE_NOTHING = ("Nothing can be saved until a backup is restored: File › Backups… (or start hubdesk "
                "again to be offered the newest good backup).")


@dataclass(frozen=True)
class Damaged:
    """The check's answer when the file is damaged (a result, so the window can tell it from a
    backup that failed for another reason, such as a full disk)."""

    reason: str


def check_then_back_up(backups: BackupService) -> Path | Damaged | None:
    """Runs off the GUI thread: the whole file checked, then today's backup (None: none was due)."""
    try:
        return backups.check_then_back_up()
    except DatabaseDamaged as exc:
        return Damaged(str(exc))


def damage_found(window: MainWindow, reason: str) -> None:
    """Hold every change, say so on the window, and offer the newest good backups."""
    from hubdesk.ui.shell.backups_dialog import RecoveryDialog

    app = window.app
    logging.getLogger(__name__).error("the check after opening found damage: %s", reason)
    held = f"The database file is damaged. {SAVE_NOTHING}"
    app.hold_writes(held)
    window.statusBar().showMessage("The database is damaged: nothing can be saved until a backup "
                                   "is restored.")
    show_on_today(window, "damageWarning", held)
    found = reason.split(" Restore the latest backup")[0]  # the window offers the backups itself
    dialog = RecoveryDialog(app.backups, f"hubdesk checked the database after opening it and found "
                            f"damage. {found}\n\nUntil a backup is restored nothing can be saved.",
                            window, restore_own=app.restore)

    def finished(_code: int) -> None:
        if dialog.restored is None:
            return
        app.hold_writes(None)
        warning = window.pages["Today"].findChild(QLabel, "damageWarning") if "Today" in \
            window.pages.built() else None
        if warning is not None:
            warning.deleteLater()
        window.statusBar().showMessage(f"Restored {dialog.restored.backup.name}; the damaged file "
                                       f"was moved aside as {dialog.restored.damaged}.")
        window.events.data_reloaded.emit()

    dialog.finished.connect(finished)
    dialog.open()


def show_on_today(window: MainWindow, name: str, text: str) -> None:
    """A red line under the Today page's title (the page the window opens on)."""
    today = window.pages.get("Today")
    layout = today.layout() if today is not None else None
    if layout is not None:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet("color: #b00020; font-weight: bold;")
        layout.insertWidget(1, label)
