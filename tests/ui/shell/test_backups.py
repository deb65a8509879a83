"""File › Backups…, the start-up recovery choice, and a daily backup that fails without a crash."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp, open_app, open_backups
from hubdesk.settings import Settings, load_settings
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.backups_dialog import BackupsDialog, BackupTable, RecoveryDialog
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.shell.main import start_daily_backup
from hubdesk.ui.shell.main_window import MainWindow
from hubdesk.ui.shell.tasks import cancel_reads
from tests.conftest import child_form
from tests.reliability.recovery_helpers import damage


def test_backups_dialog_makes_lists_and_restores(qtbot: QtBot, hub: HubApp,
                                                 two_schools: dict[str, int],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(feedback, "inform", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(feedback, "confirm", lambda *_a: True)
    hub.children.save(child_form(two_schools["oak"], forename="Kept"))
    events = AppEvents()
    dialog = BackupsDialog(hub, events)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()
    dialog.make()  # off the GUI thread
    qtbot.waitUntil(lambda: bool(said) and said[-1].startswith("Backed up to"), timeout=20000)
    assert dialog.make_button.isEnabled()
    _checked(qtbot, dialog.table)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "1"
    assert dialog.restore_button.isEnabled()
    hub.children.save(child_form(two_schools["oak"], forename="Later"))
    with qtbot.waitSignal(events.data_reloaded):
        dialog.restore()
    assert hub.children.count("later") == 0 and hub.children.count("kept") == 1
    assert dialog.table.rowCount() == 2  # the data as it was is kept too
    assert said[-1].startswith("Restored")
    _checked(qtbot, dialog.table)


def _checked(qtbot: QtBot, table: BackupTable) -> None:
    qtbot.waitUntil(lambda: not table.checking(), timeout=20000)


def test_the_list_shows_at_once_and_is_checked_behind_it(
        qtbot: QtBot, hub: HubApp, two_schools: dict[str, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening File › Backups… read every backup whole on the GUI thread (4 s for ten backups of
    the demo): the dialog now lists them at once and checks them newest first behind it. A damaged
    backup says so and cannot be chosen for a restore."""
    hub.children.save(child_form(two_schools["oak"]))
    older = hub.backups.backup_now()
    newest = older.with_name("hubdesk-20991231-235959.db")
    shutil.copyfile(older, newest)
    damaged = older.with_name("hubdesk-20000101-000000.db")
    shutil.copyfile(older, damaged)
    damage(damaged)
    release = threading.Event()
    inspect = hub.backups.inspect

    def slow(path: Path) -> object:
        assert threading.current_thread() is not threading.main_thread()  # never on the GUI thread
        release.wait(20)
        return inspect(path)

    monkeypatch.setattr(hub.backups, "inspect", slow)
    dialog = BackupsDialog(hub, AppEvents())
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.table
    assert table.rowCount() == 3 and table.checking()  # listed before any check came back
    assert [table.item(r, 4).text() for r in range(3)] == ["checking…"] * 3
    assert table.chosen_path() == newest and table.chosen() is None
    assert not dialog.restore_button.isEnabled() and "still being checked" in table.why_not()
    release.set()
    _checked(qtbot, table)
    assert [table.item(r, 4).text() for r in range(3)] == ["good", "good",
                                                           "damaged: cannot be restored"]
    assert table.chosen() == newest and dialog.restore_button.isEnabled()
    table.selectRow(2)
    assert table.chosen() is None and not dialog.restore_button.isEnabled()
    assert "cannot be restored" in table.why_not()


def test_closing_the_dialog_stops_its_checks(qtbot: QtBot, hub: HubApp,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    first = hub.backups.backup_now()
    for n in range(1, 4):
        shutil.copyfile(first, first.with_name(f"hubdesk-2099010{n}-000000.db"))
    checked: list[Path] = []
    inspect = hub.backups.inspect

    def counted(path: Path) -> object:
        checked.append(path)
        time.sleep(0.2)
        return inspect(path)

    monkeypatch.setattr(hub.backups, "inspect", counted)
    dialog = BackupsDialog(hub, AppEvents())
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: len(checked) >= 1, timeout=10000)
    dialog.reject()
    qtbot.wait(800)
    assert len(checked) <= 2  # the one under way may finish; the rest are not read
    checked.clear()
    again = BackupsDialog(hub, AppEvents())  # the program closing with the dialog open
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: len(checked) >= 1, timeout=10000)
    cancel_reads()
    qtbot.wait(800)
    assert len(checked) <= 2 and again.table.checking()


def test_backup_folder_is_remembered(qtbot: QtBot, hub: HubApp, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feedback, "inform", lambda *_a: None)
    dialog = BackupsDialog(hub, AppEvents())
    qtbot.addWidget(dialog)
    drive = tmp_path / "other-drive"
    drive.mkdir()
    dialog.set_folder(drive)
    dialog.make()
    qtbot.waitUntil(lambda: len(list(drive.glob("hubdesk-*.db"))) == 1, timeout=20000)
    qtbot.waitUntil(lambda: dialog.make_button.isEnabled(), timeout=20000)
    assert load_settings(hub.settings.database).backup_dir == drive


def test_recovery_dialog_restores_a_damaged_database(qtbot: QtBot, hub: HubApp,
                                                     settings: Settings,
                                                     two_schools: dict[str, int]) -> None:
    hub.children.save(child_form(two_schools["oak"]))
    hub.backups.backup_now()
    hub.close()
    damage(Path(settings.database))
    dialog = RecoveryDialog(open_backups(settings), "The database is damaged.")
    qtbot.addWidget(dialog)
    _checked(qtbot, dialog.table)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "1"
    assert dialog.restore_button.isEnabled() and "checked good" in dialog.hint.text()
    dialog.restore()
    assert dialog.restored is not None and dialog.restored.damaged is not None
    app = open_app(settings)
    try:
        assert app.children.count() == 1
    finally:
        app.close()


def test_a_failed_daily_backup_is_a_warning_not_a_crash(qtbot: QtBot, hub: HubApp,
                                                        settings: Settings) -> None:
    settings.backup_dir.write_text("a file where the backups folder should be")
    hub.backups.folder = settings.backup_dir
    window = MainWindow(hub)
    qtbot.addWidget(window)
    window.show()
    start_daily_backup(window)
    qtbot.waitUntil(lambda: "backup failed" in window.statusBar().currentMessage(), timeout=10000)
    assert "in the way" in window.statusBar().currentMessage()
    warning = window.pages["Today"].findChild(QLabel, "backupWarning")
    assert warning is not None and "in the way" in warning.text()
