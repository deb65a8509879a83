"""The window opens after a cheap look at the file and checks every page once it shows.

A page damaged where that first look does not read (the children's table) is found by the check
behind the window: no backup is copied from the damaged file, every change is refused with a sentence,
the window says so in red and offers the newest good backup; restoring it lifts the hold. The command
line still checks the whole file before it opens (and so before it writes).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp, open_app
from hubdesk.core.dbfile import check_whole, probe
from hubdesk.core.errors import DatabaseDamaged, DomainError
from hubdesk.settings import Settings
from hubdesk.ui.shell.backups_dialog import RecoveryDialog
from hubdesk.ui.shell.main import start_daily_backup
from hubdesk.ui.shell.main_window import MainWindow
from tests.conftest import child_form, frozen_clock
from tests.reliability.recovery_helpers import damage_table


@pytest.fixture
def damaged(hub: HubApp, two_schools: dict[str, int], settings: Settings) -> Path:
    """A database with one child and a good backup of it, then damaged in the children's table."""
    hub.children.save(child_form(two_schools["oak"], forename="Kept"))
    hub.backups.backup_now()
    hub.close()
    file = Path(settings.database)
    damage_table(file, "children")
    return file


def test_the_command_line_still_checks_the_whole_file_first(damaged: Path,
                                                            settings: Settings) -> None:
    with pytest.raises(DatabaseDamaged, match="damaged"):
        open_app(settings)
    with pytest.raises(DatabaseDamaged):
        check_whole(damaged)
    assert probe(damaged, full=False).revisions  # the cheap look alone does not see it


def test_damage_found_behind_the_window_holds_changes_and_offers_a_backup(
        qtbot: QtBot, damaged: Path, settings: Settings, two_schools: dict[str, int]) -> None:
    backups_before = sorted(settings.backup_dir.glob("hubdesk-*.db"))
    app = open_app(settings, clock=frozen_clock(), full_check=False)
    try:
        window = MainWindow(app)
        qtbot.addWidget(window)
        window.show()
        start_daily_backup(window)
        qtbot.waitUntil(lambda: app.writes_held is not None, timeout=20000)
        dialog = window.findChild(RecoveryDialog)
        assert dialog is not None and dialog.table.rowCount() == 1
        assert sorted(settings.backup_dir.glob("hubdesk-*.db")) == backups_before  # no copy made
        with pytest.raises(DomainError, match="Nothing can be saved until a backup is restored"):
            app.children.save(child_form(two_schools["oak"], forename="Lost"))
        with pytest.raises(DatabaseDamaged, match="could not be read; nothing was changed"):
            app.children.search("")  # a read of the damaged table: a sentence, not a traceback
        warning = window.pages["Today"].findChild(QLabel, "damageWarning")
        assert warning is not None and "damaged" in warning.text()
        assert "damaged" in window.statusBar().currentMessage()
        qtbot.waitUntil(lambda: dialog.table.chosen() is not None, timeout=20000)  # checked good
        dialog.restore()
        qtbot.waitUntil(lambda: app.writes_held is None, timeout=5000)
        assert dialog.restored is not None and dialog.restored.damaged is not None
        app.children.save(child_form(two_schools["oak"], forename="After"))
        assert app.children.count("kept") == 1 and app.children.count("after") == 1
    finally:
        app.close()


def test_a_sound_file_is_checked_then_backed_up_without_holding_anything(
        qtbot: QtBot, hub: HubApp) -> None:
    window = MainWindow(hub)
    qtbot.addWidget(window)
    window.show()
    start_daily_backup(window)
    qtbot.waitUntil(lambda: any(hub.backups.folder.glob("hubdesk-*.db")), timeout=20000)
    assert hub.writes_held is None
    assert window.findChild(RecoveryDialog) is None


def test_a_window_closed_before_the_check_finishes_is_left_alone(qtbot: QtBot, hub: HubApp) -> None:
    window = MainWindow(hub)
    window.show()
    start_daily_backup(window)
    shiboken6.delete(window)  # closed (and gone) while the check and backup run behind it
    QThreadPool.globalInstance().waitForDone(20000)
    qtbot.wait(50)  # the check's answer arrives: nothing to show it in, and no error either
    assert any(hub.backups.folder.glob("hubdesk-*.db"))
