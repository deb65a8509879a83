"""The database (with -wal and -shm), backups, exports and the log are their owner's only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from hubdesk import cli
from hubdesk.app import open_app
from hubdesk.core.clock import Clock
from hubdesk.settings import Settings

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> object:
    """Start from a permissive umask (as on many PCs), so what is checked is hubdesk's doing."""
    old = os.umask(0o022)
    yield None
    os.umask(old)


def test_a_new_database_its_journal_and_backups_are_owner_only(tmp_path: Path,
                                                               open_umask: object) -> None:
    folder = tmp_path / "new" / "data"
    folder.mkdir(parents=True)
    settings = Settings(database=str(folder / "hub.db"), data_dir=folder,
                        backup_dir=tmp_path / "backups" / "hub", user="tester")
    app = open_app(settings, create=True, clock=Clock())
    try:
        database = folder / "hub.db"
        with app.engine.connect():
            assert mode(database) == 0o600
            for companion in ("hub.db-wal", "hub.db-shm"):
                assert mode(folder / companion) == 0o600, companion
        backup = app.backups.backup_now()
    finally:
        app.close()
    assert mode(backup) == 0o600
    assert mode(settings.backup_dir) == 0o700 and mode(settings.backup_dir.parent) == 0o700


def test_commands_make_their_files_owner_only(tmp_path: Path, open_umask: object) -> None:
    target = tmp_path / "hub.db"
    assert cli.main(["init", str(target)]) == 0
    assert mode(target) == 0o600
    assert os.umask(0o077) == 0o077  # the command set the owner-only umask for what it writes
    export = tmp_path / "out"
    export.mkdir()
    (export / "x.csv").write_text("a", encoding="utf-8")
    assert mode(export / "x.csv") == 0o600


def test_the_log_is_owner_only(tmp_path: Path, open_umask: object) -> None:
    import logging

    from hubdesk.ui.shell.main import _setup_logging

    root = logging.getLogger()
    kept = list(root.handlers)
    for handler in kept:
        root.removeHandler(handler)
    try:
        _setup_logging(tmp_path / "logs")
        assert mode(tmp_path / "logs") == 0o700 and mode(tmp_path / "logs" / "hubdesk.log") == 0o600
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
            handler.close()
        for handler in kept:
            root.addHandler(handler)
