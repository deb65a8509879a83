"""The database survives a killed program, two writers at once, damage, and backup/restore."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text

from hubdesk.app import HubApp, open_app
from hubdesk.core.errors import DatabaseRefused, DomainError
from hubdesk.settings import Settings
from tests.conftest import child_form

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from pathlib import Path
    from hubdesk.app import open_app
    from hubdesk.services.people.children import ChildForm
    from hubdesk.settings import Settings

    db, school = sys.argv[1], int(sys.argv[2])
    app = open_app(Settings(db, Path(db).parent, Path(db).parent / "b", user="writer"))
    for n in range(100000):
        app.children.save(ChildForm(forename=f"Kid{n}", surname="Kill", school_site_id=school,
                                    date_of_birth=date(2019, 1, 1), year_group=2))
        print(n + 1, flush=True)
    """
)


def test_kill_9_during_writes_loses_nothing_committed(hub: HubApp, settings: Settings,
                                                       two_schools: dict[str, int]) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, settings.database, str(two_schools["oak"])],
        stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    acknowledged = 0
    deadline = time.monotonic() + 60
    while acknowledged < 40 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        acknowledged = int(line)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert acknowledged >= 40
    hub.engine.dispose()
    reopened = open_app(settings)
    try:
        with reopened.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert reopened.children.count("kill") >= acknowledged
    finally:
        reopened.close()


def test_two_writers_at_once_both_succeed(settings: Settings, hub: HubApp,
                                          two_schools: dict[str, int]) -> None:
    errors: list[BaseException] = []

    def write(name: str) -> None:
        app = open_app(settings)
        try:
            for n in range(25):
                app.children.save(child_form(two_schools["oak"], forename=f"{name}{n}",
                                             surname="Parallel"))
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)
        finally:
            app.close()

    threads = [threading.Thread(target=write, args=(who,)) for who in ("Ada", "Bo")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert hub.children.count("parallel") == 50


def test_stale_edit_is_refused_not_lost(hub: HubApp, two_schools: dict[str, int]) -> None:
    child_id = hub.children.save(child_form(two_schools["oak"]))
    first, second = hub.children.get(child_id), hub.children.get(child_id)
    hub.children.save(replace(first, allergies="Peanuts"))
    with pytest.raises(DomainError, match="Someone else"):
        hub.children.save(replace(second, allergies="None"))
    assert hub.children.get(child_id).allergies == "Peanuts"


def test_truncated_file_is_refused(settings: Settings, hub: HubApp,
                                   two_schools: dict[str, int]) -> None:
    for n in range(50):
        hub.children.save(child_form(two_schools["oak"], forename=f"N{n}"))
    hub.close()
    with hub.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    hub.close()
    path = Path(settings.database)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DatabaseRefused):
        app = open_app(settings)
        app.children.count()


def test_backup_and_restore(hub: HubApp, settings: Settings, two_schools: dict[str, int]) -> None:
    keep = hub.children.save(child_form(two_schools["oak"], forename="Keep"))
    service = hub.backups
    backup = service.backup_now()
    hub.children.save(child_form(two_schools["oak"], forename="Later"))
    hub.close()  # the caller closes its own connections first
    safety = service.restore(backup).safety
    assert safety is not None and safety.exists() and safety != backup
    assert hub.children.count("later") == 0
    assert hub.children.get(keep).forename == "Keep"
    # the safety copy holds the data as it was before the restore
    hub.close()
    service.restore(safety)
    assert hub.children.count("later") == 1


def test_daily_backup_once_a_day(hub: HubApp, settings: Settings) -> None:
    service = hub.backups
    assert service.daily_backup() is not None
    assert service.daily_backup() is None
    assert len(service.list()) == 1


def test_restore_refuses_a_non_backup(hub: HubApp, settings: Settings, tmp_path: Path) -> None:
    bogus = tmp_path / "hubdesk-bogus.db"
    bogus.write_text("not a database")
    with pytest.raises(DomainError, match="not a hubdesk backup"):
        hub.backups.restore(bogus)


def test_the_database_refusal_of_an_overfull_session_reads_as_a_sentence(hub: HubApp) -> None:
    """Even if a service forgot its own check, the CHECK constraint's refusal is a message, not SQL."""
    from datetime import date, time

    from sqlalchemy import select

    from hubdesk.core.errors import Conflict
    from hubdesk.core.models import Club, ClubSession, Site

    with hub.factory.begin() as s:
        site = Site(name="Oak")
        s.add(site)
        s.flush()
        club = Club(site_id=site.id, name="Chess", kind="activity", weekdays="0", start_time=time(15),
                    end_time=time(16), capacity=1, start_date=date(2026, 9, 7), end_date=date(2026, 9, 7))
        s.add(club)
        s.flush()
        s.add(ClubSession(club_id=club.id, day=date(2026, 9, 7), start_time=time(15), end_time=time(16),
                          capacity=1, booked=1))
    with pytest.raises(Conflict, match="The session is full"), hub.sites._write() as s:
        s.scalars(select(ClubSession)).one().booked = 2
