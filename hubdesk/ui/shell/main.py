"""Start the GUI: one program per database, migrations, daily backup, then the main window."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLockFile, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from hubdesk.app import database_file, open_app
from hubdesk.core.db import describe
from hubdesk.core.errors import DomainError
from hubdesk.settings import Settings, load_settings, resource_path
from hubdesk.ui.shell import feedback


def _setup_logging(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        filename=folder / "hubdesk.log", level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def qt_app() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    qapp = QApplication(sys.argv[:1])
    qapp.setApplicationName("hubdesk")
    qapp.setOrganizationName("hubdesk")
    style = resource_path("style.qss")
    if style.exists():
        qapp.setStyleSheet(style.read_text(encoding="utf-8"))
    icon = QIcon()
    for png in sorted(resource_path("icons").glob("hubdesk-*.png")):
        icon.addFile(str(png))
    qapp.setWindowIcon(icon)
    return qapp


def report_unexpected(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook for the GUI: a bug in a button's code logs the traceback and says so in words.

    Every change is one database transaction, so nothing is half-saved; the window stays usable.
    """
    logging.getLogger("hubdesk").error("unexpected error", exc_info=(kind, error, tb))
    if isinstance(error, DomainError):
        feedback.warn(None, "hubdesk", str(error))
        return
    feedback.warn(None, "Something went wrong",
                  "That did not work because of a fault in hubdesk, not anything you did. Nothing was "
                  "half-saved. Please tell the co-ordinator; the details are in hubdesk.log in the "
                  "data folder.")


def run(database: str | None = None) -> int:
    from hubdesk.ui.shell.main_window import MainWindow

    settings = load_settings(database)
    _setup_logging(settings.data_dir)
    qapp = qt_app()
    file = database_file(settings)
    lock = QLockFile(_lock_path(settings, file))
    lock.setStaleLockTime(0)
    if not lock.tryLock(100):
        QMessageBox.warning(
            None, "hubdesk is already open",
            f"hubdesk is already running on this PC with {file or describe(settings.database)}. "
            "Use the window that is open (look in the task bar).")
        return 1
    try:
        app = open_app(settings)
    except DomainError as exc:
        QMessageBox.critical(None, "hubdesk cannot open the database", str(exc))
        return 2
    if file is None:
        logging.getLogger(__name__).info(
            "database on a server (%s): no daily backup copy here, the server's own backup "
            "(pg_dump) is used", describe(settings.database))
    else:
        try:
            from hubdesk.services.admin.backup import BackupService

            BackupService(app.engine, settings.backup_dir).daily_backup()
        except DomainError as exc:
            logging.getLogger(__name__).warning("daily backup failed: %s", exc)
    sys.excepthook = report_unexpected
    window = MainWindow(app)
    window.show()
    if os.environ.get("HUBDESK_QUIT_WHEN_SHOWN"):  # start-up benchmarks: quit once the window shows
        QTimer.singleShot(0, qapp.quit)
    code = qapp.exec()
    app.close()
    lock.unlock()
    return int(code)


def _lock_path(settings: Settings, file: str | None) -> str:
    """Beside a database file; for a server database, in the data folder, named after the URL.

    Either way one window per database on this PC; other PCs on the same server are welcome.
    """
    if file:
        Path(file).parent.mkdir(parents=True, exist_ok=True)
        return file + ".lock"
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256(describe(settings.database).encode("utf-8")).hexdigest()[:16]
    return str(settings.data_dir / f"server-{key}.lock")
