"""File › Backups…, the start-up recovery choice, and a daily backup that fails without a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp, open_app, open_backups
from hubdesk.settings import Settings, load_settings
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.backups_dialog import BackupsDialog, RecoveryDialog
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.shell.main import start_daily_backup
from hubdesk.ui.shell.main_window import MainWindow
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
    dialog.make()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "1"
    hub.children.save(child_form(two_schools["oak"], forename="Later"))
    with qtbot.waitSignal(events.data_reloaded):
        dialog.restore()
    assert hub.children.count("later") == 0 and hub.children.count("kept") == 1
    assert dialog.table.rowCount() == 2  # the data as it was is kept too
    assert said[-1].startswith("Restored")


def test_backup_folder_is_remembered(qtbot: QtBot, hub: HubApp, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feedback, "inform", lambda *_a: None)
    dialog = BackupsDialog(hub, AppEvents())
    qtbot.addWidget(dialog)
    drive = tmp_path / "other-drive"
    drive.mkdir()
    dialog.set_folder(drive)
    dialog.make()
    assert len(list(drive.glob("hubdesk-*.db"))) == 1
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
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "1"
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
