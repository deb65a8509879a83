"""Opening the wrong thing: nothing is created by accident and nothing foreign is changed."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from hubdesk.app import HubApp
from tests.reliability.recovery_helpers import hubdesk, sql


def test_a_missing_folder_is_refused_and_not_created(tmp_path: Path) -> None:
    stick = tmp_path / "usb" / "office" / "hub.db"
    for command in (["check"], ["clubs"], ["backup"]):
        result = hubdesk(tmp_path, *command, "--database", str(stick))
        assert result.returncode in (1, 2), result.stderr
        assert str(stick.parent) in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "usb").exists()


def test_an_empty_file_is_refused_and_left_empty(tmp_path: Path) -> None:
    empty = tmp_path / "hub.db"
    empty.touch()
    result = hubdesk(tmp_path, "check", "--database", str(empty))
    assert result.returncode == 2 and "empty" in result.stderr and str(empty) in result.stderr
    assert empty.stat().st_size == 0 and not Path(str(empty) + "-wal").exists()


def test_memory_is_not_a_file(tmp_path: Path) -> None:
    result = hubdesk(tmp_path, "check", "--database", ":memory:")
    assert result.returncode == 2 and ":memory:" in result.stderr
    assert not (tmp_path / ":memory:").exists()


def test_init_creates_and_then_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "new.db"
    made = hubdesk(tmp_path, "init", str(target))
    assert made.returncode == 0 and str(target) in made.stdout
    assert hubdesk(tmp_path, "check", "--database", str(target)).returncode == 0
    again = hubdesk(tmp_path, "init", str(target))
    assert again.returncode == 2 and "already exists" in again.stderr
    missing = hubdesk(tmp_path, "init", str(tmp_path / "gone" / "x.db"))
    assert missing.returncode == 2 and not (tmp_path / "gone").exists()


def test_another_programs_database_is_refused_unchanged(tmp_path: Path) -> None:
    other = tmp_path / "recipes.db"
    sql(other, "CREATE TABLE recipes (name TEXT)")
    before = other.read_bytes()
    result = hubdesk(tmp_path, "check", "--database", str(other))
    assert result.returncode == 2 and "another program" in result.stderr
    assert other.read_bytes() == before and not Path(str(other) + "-wal").exists()


@pytest.fixture
def read_only_folder(office: Path) -> Iterator[Path]:
    """The office folder mounted read-only (tmpfs, as root) or made read-only (chmod)."""
    import os

    if os.geteuid() != 0:
        office.parent.chmod(0o555)
        yield office.parent
        office.parent.chmod(0o755)
        return
    mount = office.parent.parent / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("mounting a tmpfs is not permitted here")
    try:
        (mount / "hub.db").write_bytes(office.read_bytes())
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_read_only_folder_says_read_only(read_only_folder: Path, tmp_path: Path) -> None:
    database = read_only_folder / "hub.db"
    result = hubdesk(tmp_path, "check", "--database", str(database))
    assert result.returncode == 2 and "read-only" in result.stderr
    assert "damaged" not in result.stderr and str(read_only_folder) in result.stderr


def test_check_finds_counters_zeroed_by_hand(demo_hub: HubApp) -> None:
    from sqlalchemy import text

    from hubdesk.services.admin.check import CheckService

    assert all(f.ok for f in CheckService(demo_hub.factory, None, demo_hub.clock).run())
    with demo_hub.engine.begin() as conn:
        conn.execute(text("UPDATE club_sessions SET booked = 0 WHERE id IN (SELECT id FROM "
                          "club_sessions WHERE booked > 0 LIMIT 50)"))
    findings = CheckService(demo_hub.factory, None, demo_hub.clock).run()
    failed = {f.check: f.detail for f in findings if not f.ok}
    assert list(failed) == ["place counters equal the bookings"]
    assert failed["place counters equal the bookings"].startswith("50 sessions")


def test_check_finds_money_sums_edited_by_hand_and_changes_nothing(demo_hub: HubApp) -> None:
    from sqlalchemy import text

    from hubdesk.services.admin.check import CheckService

    demo_hub.money.accounts.overdue_total()  # the sums up to date
    with demo_hub.engine.begin() as conn:  # past the triggers, as a hand edit would be
        conn.execute(text("UPDATE money_months SET charged = charged + 100 WHERE key = "
                          "(SELECT min(key) FROM money_months)"))
    before = demo_hub.engine.connect().execute(text("SELECT sum(charged) FROM money_months")).scalar()
    findings = CheckService(demo_hub.factory, None, demo_hub.clock).run()
    failed = {f.check: f.detail for f in findings if not f.ok}
    assert list(failed) == ["money's stored sums equal the charges worked out afresh"]
    detail = failed[next(iter(failed))]  # each month of that family, kept 100p above afresh
    count = int(detail.split(" ")[0])
    assert count >= 1 and detail.count("family ") == min(count, 5) and "kept (" in detail
    after = demo_hub.engine.connect().execute(text("SELECT sum(charged) FROM money_months")).scalar()
    assert after == before  # the check worked them out in a transaction it rolled back
