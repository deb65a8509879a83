"""A restore from the window while other threads of the same program read the database.

The window reads in worker threads (the Today page's areas, printouts). A restore that swapped the
file under them once left a stray -wal beside the restored file (the next connection failed with
"disk I/O error") and an empty database at the path ("no such table"). Here readers run flat out
on real threads, on a sound file and on a damaged one, while the file is replaced.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hubdesk.app import HubApp
from hubdesk.core.db import read_session
from hubdesk.core.errors import DatabaseDamaged, DomainError
from hubdesk.core.file_gate import replacing_file
from hubdesk.settings import Settings
from tests.conftest import child_form
from tests.reliability.recovery_helpers import damage_table


class Readers:
    """Threads reading in a loop until stopped; every error they meet is kept."""

    def __init__(self, read: Callable[[], object], threads: int = 3) -> None:
        self.read, self.errors, self.reads = read, list[BaseException](), 0
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._loop) for _ in range(threads)]

    def _loop(self) -> None:
        while not self.stop.is_set():
            try:
                self.read()
                self.reads += 1
            except DatabaseDamaged:
                pass  # the damaged table, read before the restore: a sentence, as designed
            except BaseException as exc:  # the test reports whatever a reader met
                self.errors.append(exc)

    def __enter__(self) -> Readers:
        for thread in self.threads:
            thread.start()
        while self.reads < 5 and not self.errors:
            time.sleep(0.005)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(30)



@pytest.fixture
def backed_up(hub: HubApp, two_schools: dict[str, int]) -> Iterator[tuple[HubApp, Path]]:
    """Two children in a backup, a third saved after it."""
    for name in ("Ada", "Ben"):
        hub.children.save(child_form(two_schools["oak"], forename=name))
    backup = hub.backups.backup_now()
    hub.children.save(child_form(two_schools["oak"], forename="After"))
    yield hub, backup


def test_a_restore_waits_for_readers_of_a_sound_file_and_they_read_the_restored_one(
        backed_up: tuple[HubApp, Path], two_schools: dict[str, int]) -> None:
    hub, backup = backed_up
    for _round in range(3):
        with Readers(lambda: hub.children.count("")) as readers:
            done = hub.restore(backup)
            after = readers.reads
            while readers.reads < after + 5 and not readers.errors:
                time.sleep(0.005)  # the readers go on, now on the restored file
        assert readers.errors == []
        assert done.safety is not None and done.damaged is None
        assert hub.children.count("") == 2 and hub.children.count("after") == 0
    hub.children.save(child_form(two_schools["oak"], forename="Later"))  # writes go on
    assert hub.children.count("") == 3


def test_a_restore_of_a_damaged_file_with_readers_leaves_a_sound_one(
        backed_up: tuple[HubApp, Path], settings: Settings, two_schools: dict[str, int]) -> None:
    hub, backup = backed_up
    live = Path(settings.database)
    hub.close()
    damage_table(live, "children")
    with Readers(lambda: hub.sites.list()) as readers:  # the sites' table is sound
        done = hub.restore(backup)
        after = readers.reads
        while readers.reads < after + 5 and not readers.errors:
            time.sleep(0.005)
    assert readers.errors == []
    assert done.damaged is not None and done.damaged.exists()
    hub.children.save(child_form(two_schools["oak"], forename="Later"))
    assert hub.children.count("") == 3
    hub.close()
    conn = sqlite3.connect(live)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM children").fetchone()[0] == 3
    finally:
        conn.close()


def test_a_reader_that_starts_during_the_swap_waits_then_reads_the_new_file(
        backed_up: tuple[HubApp, Path]) -> None:
    hub, backup = backed_up
    counted: list[int] = []
    with replacing_file(hub.engine):
        reader = threading.Thread(target=lambda: counted.append(hub.children.count("")))
        reader.start()
        reader.join(0.5)
        assert reader.is_alive() and counted == []  # held back while the file is replaced
        hub.backups.restore(backup, opened_here=True)
    reader.join(10)
    assert counted == [2]


def test_a_read_that_does_not_finish_refuses_the_restore_and_changes_nothing(
        backed_up: tuple[HubApp, Path], settings: Settings) -> None:
    hub, backup = backed_up
    live = Path(settings.database)
    holding, release = threading.Event(), threading.Event()

    def long_read() -> None:
        with read_session(hub.factory) as s:
            s.connection()
            holding.set()
            release.wait(10)

    reader = threading.Thread(target=long_read)
    reader.start()
    holding.wait(10)
    before = sorted(p.name for p in live.parent.iterdir())
    try:
        with pytest.raises(DomainError, match="still reading the database.*Nothing was changed"), \
                replacing_file(hub.engine, wait=0.3):
            hub.backups.restore(backup, opened_here=True)
    finally:
        release.set()
        reader.join(10)
    assert sorted(p.name for p in live.parent.iterdir()) == before
    assert hub.children.count("after") == 1  # the gate opened again; the data is as it was
    with replacing_file(hub.engine, wait=5):
        hub.backups.restore(backup, opened_here=True)
    assert hub.children.count("after") == 0


def test_only_one_restore_at_a_time(backed_up: tuple[HubApp, Path]) -> None:
    hub, _backup = backed_up
    inside, leave = threading.Event(), threading.Event()

    def first() -> None:
        with replacing_file(hub.engine):
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=first)
    thread.start()
    inside.wait(10)
    try:
        with pytest.raises(DomainError, match="already being replaced"), replacing_file(hub.engine):
            pass
    finally:
        leave.set()
        thread.join(10)
    assert hub.children.count("") == 3


def test_a_connection_left_open_in_an_old_pool_is_closed_before_the_swap(
        backed_up: tuple[HubApp, Path]) -> None:
    """A dispose while a worker read (lifting a hold does one) leaves its connection open in the
    old pool; closed later, on the old file, it would delete the restored file's -wal by name."""
    hub, backup = backed_up
    with hub.engine.connect() as conn:
        left = conn.connection.dbapi_connection
        hub.engine.dispose()  # the worker's connection goes back to a pool no one uses any more
    assert left is not None
    left.execute("SELECT 1")  # still open
    hub.restore(backup)
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        left.execute("SELECT 1")
    assert hub.children.count("") == 2
