"""Automatic and on-demand backups of the SQLite file, and restoring one (after backing up first)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from hubdesk.core.db import sqlite_file
from hubdesk.core.errors import DomainError
from hubdesk.services.progress import NO_PROGRESS, Progress

KEEP = 30
SERVER_BACKUP = (
    "This database is on a shared PostgreSQL server, so hubdesk keeps no backup copies of it: the "
    "server's own backup (pg_dump, run on the server every night) is used. Ask whoever looks after "
    "the server to restore from it.")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made: datetime
    size: int


class BackupService:
    """Copies made with SQLite's online backup API: safe while the program is writing."""

    def __init__(self, engine: Engine, folder: Path) -> None:
        self._engine = engine
        self.folder = folder

    def _database(self) -> Path:
        file = sqlite_file(str(self._engine.url))
        if file is None:
            raise DomainError(SERVER_BACKUP)
        return file

    def list(self) -> list[BackupFile]:
        self._database()
        if not self.folder.exists():
            return []
        files = sorted(self.folder.glob("hubdesk-*.db"),
                       key=lambda f: (f.stat().st_mtime_ns, len(f.name), f.name), reverse=True)
        return [BackupFile(f, datetime.fromtimestamp(f.stat().st_mtime), f.stat().st_size)
                for f in files]

    def backup_now(self, progress: Progress = NO_PROGRESS, target: Path | None = None) -> Path:
        source = self._database()
        self.folder.mkdir(parents=True, exist_ok=True)
        target = target or self._new_name()
        _copy(source, target, progress)
        self._prune()
        return target

    def _new_name(self) -> Path:
        """A fresh file name; never overwrites an existing backup made in the same second."""
        stamp = f"hubdesk-{datetime.now():%Y%m%d-%H%M%S}"
        candidate, n = self.folder / f"{stamp}.db", 1
        while candidate.exists():
            candidate, n = self.folder / f"{stamp}-{n}.db", n + 1
        return candidate

    def daily_backup(self) -> Path | None:
        """One backup a day, made when the program starts; the newest KEEP are kept."""
        if sqlite_file(str(self._engine.url)) is None or not self._database().exists():
            return None
        today = f"hubdesk-{datetime.now():%Y%m%d}-"
        if any(b.path.name.startswith(today) for b in self.list()):
            return None
        return self.backup_now()

    def restore(self, backup: Path, progress: Progress = NO_PROGRESS) -> Path:
        """Replace the live data with a backup; the current data is backed up first."""
        if not backup.exists():
            raise DomainError(f"There is no backup file at {backup}.")
        try:
            with sqlite3.connect(f"file:{backup}?mode=ro", uri=True) as conn:
                ok = conn.execute("PRAGMA quick_check").fetchone()[0]
                conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError as exc:
            raise DomainError(f"{backup.name} is not a hubdesk backup ({exc}).") from exc
        if ok != "ok":
            raise DomainError(f"{backup.name} is damaged ({ok}); choose an older backup.")
        safety = self.backup_now()
        self._engine.dispose()
        _copy(backup, self._database(), progress)
        self._engine.dispose()
        return safety

    def _prune(self) -> None:
        for old in self.list()[KEEP:]:
            old.path.unlink(missing_ok=True)


def _copy(source: Path, target: Path, progress: Progress) -> None:
    def report(_status: int, remaining: int, total: int) -> None:
        progress.step(total - remaining, total, "Copying the database…")

    src = sqlite3.connect(str(source))
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst, pages=256, progress=report)
    finally:
        dst.close()
        src.close()
