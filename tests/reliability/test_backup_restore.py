"""Backups and restore, through real processes on real files: nothing they exist to save is lost."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hubdesk.services.admin.backup_files import to_keep
from tests.reliability.recovery_helpers import count, damage, hubdesk, sql


def _backups(database: Path) -> list[Path]:
    return sorted((database.parent / "backups").glob("*"))


def test_restoring_the_oldest_of_thirty_backups_keeps_it_and_restores_it(office: Path,
                                                                           tmp_path: Path) -> None:
    first = hubdesk(tmp_path, "backup", "--database", str(office))
    assert first.returncode == 0, first.stderr
    made = _backups(office)[0]
    for day in range(1, 31):  # a month of daily backups, the oldest first
        shutil.copy(made, made.with_name(f"hubdesk-202610{day:02d}-090000.db"))
    made.unlink()
    oldest = made.with_name("hubdesk-20261001-090000.db")
    sql(office, "DELETE FROM audit_log")
    result = hubdesk(tmp_path, "backup", "--database", str(office), "--restore", str(oldest))
    assert result.returncode == 0, result.stderr
    assert oldest.exists()
    assert count(office, "children") == 12 and count(office, "audit_log") > 0
    check = hubdesk(tmp_path, "check", "--database", str(office))
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_damaged_database_is_moved_aside_untouched_and_the_backup_restored(
        office: Path, tmp_path: Path) -> None:
    assert hubdesk(tmp_path, "backup", "--database", str(office)).returncode == 0
    damage(office)
    damaged_bytes = office.read_bytes()
    opened = hubdesk(tmp_path, "check", "--database", str(office))
    assert opened.returncode in (1, 2) and "damaged" in opened.stderr + opened.stdout
    result = hubdesk(tmp_path, "backup", "--database", str(office), "--restore")
    assert result.returncode == 0, result.stderr
    aside = [p for p in office.parent.glob("hub.db.damaged-*") if not p.name.endswith(("wal", "shm"))]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged_bytes
    assert "moved aside" in result.stdout
    assert count(office, "children") == 12
    assert all(p.stat().st_size > 0 for p in _backups(office))
    assert hubdesk(tmp_path, "check", "--database", str(office)).returncode == 0


def test_a_backup_on_a_full_disk_leaves_nothing(office: Path, tmp_path: Path) -> None:
    size = office.stat().st_size
    for _attempt in range(3):
        result = hubdesk(tmp_path, "backup", "--database", str(office), limit_bytes=size // 2)
        assert result.returncode == 2, result.stderr
        assert "full" in result.stderr and "Traceback" not in result.stderr
    assert _backups(office) == []
    listed = hubdesk(tmp_path, "backup", "--database", str(office), "--list")
    assert "No backups yet" in listed.stdout
    assert hubdesk(tmp_path, "backup", "--database", str(office)).returncode == 0
    assert len(_backups(office)) == 1


def test_a_truncated_database_is_not_backed_up(office: Path, tmp_path: Path) -> None:
    office.write_bytes(office.read_bytes()[:50])
    result = hubdesk(tmp_path, "backup", "--database", str(office))
    assert result.returncode == 2 and "No backup was made" in result.stderr
    assert _backups(office) == []


def test_junk_left_by_old_failures_is_never_listed_nor_chosen(office: Path, tmp_path: Path) -> None:
    assert hubdesk(tmp_path, "backup", "--database", str(office)).returncode == 0
    folder = office.parent / "backups"
    (folder / "hubdesk-29991231-235959.db").write_bytes(b"")
    (folder / "hubdesk-29991231-235958.db").write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    listed = hubdesk(tmp_path, "backup", "--database", str(office), "--list")
    assert "2999" not in listed.stdout.split("hubdesk-29991231-235958")[0]
    assert "hubdesk-29991231-235959" not in listed.stdout
    result = hubdesk(tmp_path, "backup", "--database", str(office), "--restore")
    assert result.returncode == 0, result.stderr
    assert "2999" not in result.stdout.splitlines()[0]


@pytest.mark.parametrize("kind", ["newer schema", "another program"])
def test_restore_refuses_what_this_program_cannot_open(office: Path, tmp_path: Path,
                                                       kind: str) -> None:
    other = tmp_path / "other.db"
    if kind == "newer schema":
        shutil.copy(office, other)
        sql(other, "DELETE FROM alembic_version")
        sql(other, "INSERT INTO alembic_version VALUES ('9999_future')")
    else:
        sql(other, "CREATE TABLE alembic_version (version_num TEXT)")
        sql(other, "CREATE TABLE recipes (name TEXT)")
    before = office.read_bytes()
    result = hubdesk(tmp_path, "backup", "--database", str(office), "--restore", str(other))
    assert result.returncode == 2 and "not a hubdesk backup" in result.stderr
    assert office.read_bytes() == before


def test_restore_refuses_while_another_process_has_the_database_open(office: Path,
                                                                      tmp_path: Path) -> None:
    assert hubdesk(tmp_path, "backup", "--database", str(office)).returncode == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]); "
         "c.execute('PRAGMA journal_mode=WAL'); c.execute('SELECT 1 FROM children').fetchall(); "
         "print('open', flush=True); time.sleep(60)", str(office)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        result = hubdesk(tmp_path, "backup", "--database", str(office), "--restore")
        assert result.returncode == 2 and "Another program is using" in result.stderr
    finally:
        holder.kill()
        holder.wait()
    lock = Path(str(office) + ".lock")
    lock.write_text(f"{os.getpid()}\nhubdesk\n{os.uname().nodename}\n")
    result = hubdesk(tmp_path, "backup", "--database", str(office), "--restore")
    assert result.returncode == 2 and "hubdesk is open on" in result.stderr
    lock.unlink()
    assert hubdesk(tmp_path, "backup", "--database", str(office), "--restore").returncode == 0


@pytest.mark.parametrize("where", ["live", "missing folder", "folder", "text file", "/dev/full"])
def test_backup_output_refuses_bad_targets(office: Path, tmp_path: Path, where: str) -> None:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("keep me")
    target = {"live": str(office), "missing folder": str(tmp_path / "gone" / "b.db"),
              "folder": str(tmp_path), "text file": str(text_file), "/dev/full": "/dev/full"}[where]
    before = office.read_bytes()
    result = hubdesk(tmp_path, "backup", "--database", str(office), "-o", target)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "Backed up" not in result.stdout
    assert office.read_bytes() == before and text_file.read_text() == "keep me"
    assert not (tmp_path / "gone").exists()


def test_kill_during_restore_leaves_the_old_or_the_new_data(office: Path, tmp_path: Path) -> None:
    assert hubdesk(tmp_path, "backup", "--database", str(office)).returncode == 0
    sql(office, "UPDATE children SET forename = 'Later'")
    env = {**os.environ, "HOME": str(tmp_path), "PYTHONPATH": str(Path(__file__).parents[2])}
    outcomes = set()
    for n in range(6):
        proc = subprocess.Popen([sys.executable, "-m", "hubdesk", "backup", "--database", str(office),
                                 "--restore"], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(0.6 + 0.15 * n)
        proc.kill()
        proc.wait()
        Path(str(office) + ".lock").unlink(missing_ok=True)
        conn = sqlite3.connect(office)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            names = {r[0] for r in conn.execute("SELECT forename FROM children")}
        finally:
            conn.close()
        assert len(names) == 12 or names == {"Later"}
        outcomes.add("new" if len(names) == 12 else "old")
        sql(office, "UPDATE children SET forename = 'Later'")
    assert outcomes


def test_rotation_keeps_daily_weekly_and_monthly_copies() -> None:
    from datetime import datetime, timedelta

    start = datetime(2026, 11, 30, 9)
    made = [(Path(f"b{n}"), start - timedelta(days=n)) for n in range(400)]
    kept = to_keep(made)
    assert Path("b0") in kept and len(kept) <= 14 + 8 + 12
    assert {Path(f"b{n}") for n in range(14)} <= kept
    assert any(Path(f"b{n}") in kept for n in range(280, 320))  # a monthly copy, ten months ago
