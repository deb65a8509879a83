"""Backups of the SQLite file: made on demand and once a day, kept in rotation, and restored.

Every backup is verified before it gets its name (see :mod:`backup_files`), so anything listed is a
copy that can be restored. Restoring checks the chosen file first, refuses while the database is open
in another window or program, keeps the current data as a fresh backup (or, when it is damaged, moves
it aside untouched) and never lets rotation delete the file being restored.
"""

from __future__ import annotations

import builtins
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from hubdesk.core.clock import Clock
from hubdesk.core.dbfile import check_whole, is_blank, probe
from hubdesk.core.errors import DatabaseDamaged, DatabaseRefused, DomainError
from hubdesk.core.private import private_folder
from hubdesk.services.admin import backup_files as files
from hubdesk.services.progress import NO_PROGRESS, Progress

SERVER_BACKUP = (
    "This database is on a shared PostgreSQL server, so hubdesk keeps no backup copies of it: the "
    "server's own backup (pg_dump, run on the server every night) is used. Ask whoever looks after "
    "the server to restore from it.")
NAME = re.compile(r"^hubdesk-(\d{8}-\d{6})(?:-\d+)?\.db$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made: datetime
    size: int


@dataclass(frozen=True)
class BackupInfo:
    """A checked backup with what it holds, for choosing one to restore."""

    path: Path
    made: datetime
    size: int
    children: int
    bookings: int


@dataclass(frozen=True)
class Restored:
    backup: Path
    safety: Path | None  # the data as it was, kept as a backup
    damaged: Path | None  # the damaged file, moved aside untouched


class BackupService:
    """Copies made with SQLite's online backup API: safe while the program is writing."""

    def __init__(self, database: Path | None, folder: Path, clock: Clock | None = None) -> None:
        self.database = database
        self.folder = folder.expanduser().resolve()
        self.clock = clock or Clock()

    def _database(self) -> Path:
        if self.database is None:
            raise DomainError(SERVER_BACKUP)
        return self.database

    def list(self) -> list[BackupFile]:
        """Backups in the folder, newest first; leftovers of failed copies are not backups."""
        self._database()
        if not self.folder.is_dir():
            return []
        found = []
        for f in self.folder.glob("hubdesk-*.db"):
            match = NAME.match(f.name)
            if match and files.looks_like_database(f):
                made = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
                found.append(BackupFile(f, made, f.stat().st_size))
        return sorted(found, key=lambda b: (b.made, len(b.path.name), b.path.name), reverse=True)

    def inspect(self, path: Path) -> BackupInfo:
        """Check a backup thoroughly (integrity, schema, tables); a DomainError says what is wrong."""
        if not path.is_file():
            raise DomainError(f"There is no backup file at {path}.")
        if not files.looks_like_database(path):
            raise DomainError(f"{path} is not a hubdesk backup (it is not a SQLite database).")
        try:
            report = probe(path, deep=True)
        except DatabaseRefused as exc:
            raise DomainError(f"{path} is not a hubdesk backup that can be restored: {exc}") from exc
        made = next((b.made for b in self.list() if b.path == path), None) if self.database else None
        when = made or datetime.fromtimestamp(path.stat().st_mtime)
        return BackupInfo(path, when, path.stat().st_size, report.counts.get("children", 0),
                          report.counts.get("bookings", 0))

    def check_each(self, backups: Iterable[BackupFile]) -> Iterator[tuple[BackupFile, BackupInfo | str]]:
        """Each backup checked in turn (its whole file read): what it holds, or why it cannot be
        restored. A window shows them as they come: a year's thirty backups take seconds."""
        for backup in backups:
            try:
                yield backup, self.inspect(backup.path)
            except DomainError as exc:
                yield backup, str(exc)

    def good_backups(self, limit: int = 5) -> builtins.list[BackupInfo]:
        """The newest backups that pass their check, for the restore choice."""
        good = []
        for backup in self.list():
            try:
                good.append(self.inspect(backup.path))
            except DomainError:
                continue
            if len(good) == limit:
                break
        return good

    def backup_now(self, progress: Progress = NO_PROGRESS, target: Path | None = None) -> Path:
        """A verified copy of the database; on any failure nothing is left behind."""
        return self._backup(progress, target, set())

    def _backup(self, progress: Progress, target: Path | None, protect: set[Path]) -> Path:
        source = self._database()
        if target is not None:
            self._check_target(source, target)
            folder = target.parent
        else:
            folder = self.folder
            self._make_folder()
            target = self._new_name()
        try:
            files.write_verified(source, target, progress)
        except files.SourceUnreadable as exc:
            raise DatabaseDamaged(f"No backup was made: {exc}. The database may be damaged; "
                                  "restore the latest backup with 'hubdesk backup --restore'.") from exc
        except (OSError, Exception) as exc:
            if isinstance(exc, DomainError):
                raise
            raise DomainError(f"No backup was made: {files.describe_failure(exc, folder)}. Nothing "
                              "was left behind and the database itself was not changed.") from exc
        if target.parent == self.folder:
            self._prune({target, *protect})
        return target

    def _make_folder(self) -> None:
        if self.folder.exists() and not self.folder.is_dir():
            raise DomainError(f"Backups cannot be kept in {self.folder}: a file of that name is in "
                              "the way. Rename it, or choose another backup folder.")
        try:
            private_folder(self.folder)
        except OSError as exc:
            raise DomainError(f"The backup folder {self.folder} cannot be made: "
                              f"{files.describe_failure(exc, self.folder)}.") from exc

    def _check_target(self, source: Path, target: Path) -> None:
        resolved = target.expanduser().resolve()
        live = {str(source), *(str(source) + s for s in (*files.COMPANIONS, ".lock"))}
        if str(resolved) in live:
            raise DomainError(f"{target} is the database itself; a backup must go to another file.")
        if not resolved.parent.is_dir():
            raise DomainError(f"The folder {resolved.parent} does not exist; no backup was made.")
        if resolved.is_dir():
            raise DomainError(f"{target} is a folder; give a new file name for the backup.")
        if resolved.exists() or os.path.lexists(resolved):
            raise DomainError(f"{target} already exists; no backup was made. Give a new file name.")

    def _new_name(self) -> Path:
        """A fresh file name; never overwrites an existing backup made in the same second."""
        stamp = f"hubdesk-{self.clock.local_now():%Y%m%d-%H%M%S}"
        candidate, n = self.folder / f"{stamp}.db", 1
        while candidate.exists() or Path(str(candidate) + files.PARTIAL).exists():
            candidate, n = self.folder / f"{stamp}-{n}.db", n + 1
        return candidate

    def daily_backup(self) -> Path | None:
        """One backup a day, made after the window opens; rotation keeps daily, weekly, monthly."""
        if self.database is None or is_blank(self.database):
            return None
        today = self.clock.today()
        if any(b.made.date() == today for b in self.list()):
            return None
        return self.backup_now()

    def check_then_back_up(self) -> Path | None:
        """The window's start: every page of the live file checked, then today's backup.

        The check comes first so a damaged file is never copied over a good backup's place in the
        rotation; DatabaseDamaged says what is wrong."""
        if self.database is None or is_blank(self.database):
            return None
        check_whole(self.database)
        return self.daily_backup()

    def restore(self, backup: Path, progress: Progress = NO_PROGRESS, *,
                opened_here: bool = False) -> Restored:
        """Replace the live data with a checked backup.

        ``opened_here``: the caller's own window holds the lock and has closed its connections.
        """
        live = self._database()
        backup = backup.expanduser().resolve()
        if backup == live:
            raise DomainError(f"{backup} is the database itself, not a backup of it.")
        self.inspect(backup)
        owner = files.lock_owner(live)
        if owner is not None:
            raise DomainError(f"hubdesk is open on {live} (process {owner}); close that window, "
                              "then restore. Nothing was changed.")
        with files.holding_lock(live, opened_here):
            return self._restore_locked(backup, live, progress)

    def _restore_locked(self, backup: Path, live: Path, progress: Progress) -> Restored:
        stamp = f"{self.clock.local_now():%Y%m%d-%H%M%S}"
        safety = damaged = None
        if is_blank(live):
            files.remove_with_companions(live)
        else:
            try:
                probe(live)  # read-only: a damaged file is moved aside untouched
                if files.in_use_elsewhere(live):
                    raise DomainError(f"Another program is using {live} right now; close it (or "
                                      "wait for it to finish), then restore. Nothing was changed.")
                safety = self._backup(NO_PROGRESS, None, {backup})
            except DatabaseDamaged:
                damaged = files.move_aside(live, stamp)
        if safety is None:
            files.write_verified(backup, live, progress)
        else:
            files.copy_over(backup, live, progress)
        self._prune({backup, *([safety] if safety else [])})
        return Restored(backup, safety, damaged)

    def _prune(self, protect: set[Path]) -> None:
        """Rotation: drop what grandfather-father-son does not keep, and leftovers of failed copies."""
        backups = self.list()
        keep = files.to_keep((b.path, b.made) for b in backups) | protect
        if backups:
            keep.add(backups[0].path)
        for backup in backups:
            if backup.path not in keep:
                backup.path.unlink(missing_ok=True)
        listed = {b.path for b in backups}
        for leftover in self.folder.glob("hubdesk-*.db"):
            if leftover not in listed and NAME.match(leftover.name) and leftover not in protect:
                leftover.unlink(missing_ok=True)  # 0-byte or non-database leftovers of old failures
        stale = self.clock.now().replace(tzinfo=UTC).timestamp() - 3600
        for partial in self.folder.glob("hubdesk-*.db" + files.PARTIAL + "*"):
            if partial.stat().st_mtime < stale:  # a copy whose process was killed an hour ago
                partial.unlink(missing_ok=True)
