"""Start the GUI: one window per database, open (create or recover) it, then the daily backup."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QThreadPool, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox
from shiboken6 import isValid

from hubdesk.app import HubApp, database_file, database_label, open_app, open_backups
from hubdesk.core.dbfile import check_folder
from hubdesk.core.errors import DatabaseDamaged, DatabaseMissing, DomainError
from hubdesk.core.private import new_private_file, owner_only_umask, private_folder
from hubdesk.services.admin import BackupService
from hubdesk.settings import Settings, load_settings, resource_path
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.collector import collect_on_gui_thread
from hubdesk.ui.shell.file_check import Damaged, check_then_back_up, damage_found, show_on_today
from hubdesk.ui.shell.sign_in import ask_sign_in
from hubdesk.ui.shell.tasks import cancel_reads, run_quietly
from hubdesk.ui.shell.warm_up import warm_up

if TYPE_CHECKING:
    from hubdesk.services.users import EarlyCheck
    from hubdesk.ui.shell.main_window import MainWindow


def _setup_logging(folder: Path) -> None:
    private_folder(folder)
    new_private_file(folder / "hubdesk.log")
    logging.basicConfig(
        filename=folder / "hubdesk.log", level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


BODY_POINTS = 10


def qt_app() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    qapp = QApplication(sys.argv[:1])
    qapp.setApplicationName("hubdesk")
    qapp.setOrganizationName("hubdesk")
    # Body text at 10pt for office monitors. As the application's font, not a style-sheet rule on
    # every QWidget: such a rule made building each page and dialog about a fifth slower.
    font = qapp.font()
    font.setPointSize(BODY_POINTS)
    qapp.setFont(font)
    style = resource_path("style.qss")
    if style.exists():
        icons = resource_path("icons").as_posix()  # the sheet's arrows, wherever the program is
        qapp.setStyleSheet(style.read_text(encoding="utf-8").replace("ICONS/", f"{icons}/"))
    icon = QIcon()
    for png in sorted(resource_path("icons").glob("hubdesk-*.png")):
        icon.addFile(str(png))
    qapp.setWindowIcon(icon)
    collect_on_gui_thread(qapp)  # a widget freed by a worker's collection would crash the program
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


def run(database: str | None = None, early: EarlyCheck | None = None) -> int:
    """The window's process; ``early``: the password's check of a start by a script, begun before
    Qt and this code loaded (``cli.run_gui``)."""
    from hubdesk.ui.shell.main_window import MainWindow

    owner_only_umask()
    settings = load_settings(database)
    _setup_logging(settings.data_dir)
    qapp = qt_app()
    file = database_file(settings)
    if file is not None:
        try:
            check_folder(Path(file))
        except DomainError as exc:
            QMessageBox.critical(None, "hubdesk cannot open the database", str(exc))
            return 2
    lock = QLockFile(_lock_path(settings, file))
    lock.setStaleLockTime(0)
    if not lock.tryLock(100):
        QMessageBox.warning(
            None, "hubdesk is already open",
            f"hubdesk is already running on this PC with {file or database_label(settings)}. "
            "Use the window that is open (look in the task bar).")
        return 1
    try:
        app = open_database(settings)
        if app is None:
            return 1
        if not ask_sign_in(app, early=early):
            app.close()
            return 0
        window = MainWindow(app)
        keep_signing_in(window, MainWindow)
        window.show()
        if os.environ.get("HUBDESK_QUIT_WHEN_SHOWN"):  # start-up benchmarks: quit once the window shows
            QTimer.singleShot(0, lambda: _shown_then_quit(qapp))
        sys.excepthook = report_unexpected
        # The whole file's check and today's backup start once the first paint is done.
        QTimer.singleShot(CHECK_AFTER_MS, lambda: start_daily_backup(window))
        warm_up(window)  # the other pages' code, imported while the window is idle
        code = qapp.exec()
        cancel_reads()  # the Today page's areas still unread are skipped
        QThreadPool.globalInstance().waitForDone()  # a backup still copying finishes before exit
        app.close()
        return int(code)
    finally:
        lock.unlock()


def _shown_then_quit(qapp: QApplication) -> None:
    """The benchmarks time the first window to this line (the floor prints the same), then it quits."""
    print("window shown", flush=True)
    qapp.quit()


def keep_signing_in(window: MainWindow, make: type[MainWindow]) -> None:
    """After signing out, ask who is next and open a fresh window for them; cancel quits."""

    def next_person(reason: str) -> None:
        if ask_sign_in(window.app, reason):
            following = make(window.app, window.events)
            keep_signing_in(following, make)
            following.show()
            _windows[:] = [following]
        else:
            QApplication.quit()

    window.signed_out.connect(next_person)
    _windows[:] = [window]


_windows: list[MainWindow] = []  # the window on screen (a new one after each sign-in)


def open_database(settings: Settings) -> HubApp | None:
    """Open the database; offer to create one on first start, or a backup when it cannot be opened."""
    file = database_file(settings)
    try:
        return open_app(settings, full_check=False)  # the whole file is checked once the window shows
    except DatabaseMissing as exc:
        if file is None:
            raise
        backups = open_backups(settings)
        if backups.good_backups(limit=1):
            return _recover(settings, backups, str(exc))
        if not feedback.confirm(None, "Create a new database here?",
                                f"There is no hubdesk database at {file} yet. Create a new, empty "
                                "database there?\n\nIf your data is elsewhere (another drive, a "
                                "USB stick), choose No and start hubdesk with that file."):
            return None
        return open_app(settings, create=True)
    except DatabaseDamaged as exc:
        if file is None:
            raise
        return _recover(settings, open_backups(settings), str(exc))
    except DomainError as exc:
        QMessageBox.critical(None, "hubdesk cannot open the database", str(exc))
        return None


def _recover(settings: Settings, backups: BackupService, reason: str) -> HubApp | None:
    from hubdesk.ui.shell.backups_dialog import RecoveryDialog

    dialog = RecoveryDialog(backups, reason)
    if dialog.exec() != RecoveryDialog.DialogCode.Accepted:
        return None
    return open_app(settings)


def start_daily_backup(window: MainWindow) -> None:
    """After the window shows and off the GUI thread: every page of the file checked (opening read
    only its header and schema), then today's backup. Damage holds every change and offers a backup
    (ui/shell/file_check.py); a backup that fails otherwise is only a warning."""
    app = window.app
    if app.backups.database is None:
        logging.getLogger(__name__).info(
            "database on a server (%s): no daily backup copy here, the server's own backup "
            "(pg_dump) is used", database_label(app.settings))
        return

    def done(result: object) -> None:
        if not isValid(window):  # closed before the check finished: damage is found next start
            return
        if window.statusBar().currentMessage() == CHECKING:
            window.statusBar().clearMessage()
        if isinstance(result, Damaged):
            damage_found(window, result.reason)

    def failed(message: str) -> None:
        if isValid(window):
            backup_failed(window, message)
        else:
            logging.getLogger(__name__).warning("daily backup failed: %s", message)

    window.statusBar().showMessage(CHECKING)
    run_quietly(lambda: check_then_back_up(app.backups), done, failed)


CHECKING = "Checking the database file and making today's backup…"
CHECK_AFTER_MS = 300  # the window paints first: on two cores the check would slow its first paint


def backup_failed(window: MainWindow, message: str) -> None:
    """Say so in the status bar and on the Today page; the program carries on."""
    logging.getLogger(__name__).warning("daily backup failed: %s", message)
    text = f"Today's backup failed: {message}"
    window.statusBar().showMessage(text)
    show_on_today(window, "backupWarning", text)


def _lock_path(settings: Settings, file: str | None) -> str:
    """Beside a database file; for a server database, in the data folder, named after the URL.

    Either way one window per database on this PC; other PCs on the same server are welcome.
    """
    if file:
        return file + ".lock"
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256(database_label(settings).encode("utf-8")).hexdigest()[:16]
    return str(settings.data_dir / f"server-{key}.lock")
