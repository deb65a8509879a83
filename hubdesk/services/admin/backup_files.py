"""The file work under backups: a verified copy written beside its final name, rotation, the lock file.

A backup is copied to ``<name>.partial``, checked (``integrity_check``, a hubdesk schema this program
knows, the main tables readable), flushed to disk and only then renamed into place; a copy that fails
at any step is deleted with its journal, so a full disk or a damaged source never leaves a file that
looks like a backup.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from hubdesk.core.dbfile import SQLITE_HEADER, FileReport, probe
from hubdesk.core.errors import DatabaseRefused, DomainError
from hubdesk.core.private import private_file
from hubdesk.services.progress import Progress

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 14, 8, 12
PARTIAL = ".partial"
COMPANIONS = ("-journal", "-wal", "-shm")


class SourceUnreadable(DomainError):
    """The database being backed up is damaged or unreadable (the copy is not the problem)."""


def looks_like_database(path: Path) -> bool:
    """A cheap test for listing: a SQLite header whose page size times page count is the file size
    (a 0-byte file or a copy cut short by a full disk fails it; restoring checks fully)."""
    try:
        with path.open("rb") as f:
            header = f.read(100)
        size = path.stat().st_size
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    return page_size >= 512 and pages > 0 and pages * page_size == size


def write_verified(source: Path, target: Path, progress: Progress) -> FileReport:
    """Copy ``source`` to ``target`` through a checked temporary file; leaves nothing on failure."""
    partial = target.with_name(target.name + PARTIAL)
    remove_with_companions(partial)
    try:
        _copy(source, partial, progress)
        private_file(partial)  # a backup holds everything: readable by its owner only
        try:
            report = probe(partial, deep=True)
        except DatabaseRefused as exc:
            raise SourceUnreadable(f"the copy of {source} failed its check: {exc}") from exc
        _flush(partial)
        os.replace(partial, target)
        _flush_folder(target.parent)
    except BaseException:
        remove_with_companions(partial)
        raise
    return report


def _copy(source: Path, target: Path, progress: Progress) -> None:
    def report(_status: int, remaining: int, total: int) -> None:
        progress.step(total - remaining, total, "Copying the database…")

    try:
        src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error as exc:
        raise SourceUnreadable(f"{source} cannot be read ({exc})") from exc
    try:
        dst = sqlite3.connect(target, timeout=10)
        try:
            dst.execute("PRAGMA journal_mode=OFF")  # a failed copy is deleted, not rolled back
            try:
                src.backup(dst, pages=1024, progress=report)
            except sqlite3.DatabaseError as exc:
                if _disk_problem(exc):
                    raise
                raise SourceUnreadable(f"{source} cannot be read ({exc})") from exc
            dst.execute("PRAGMA journal_mode=DELETE")  # a backup stands alone, without -wal files
        finally:
            dst.close()
    finally:
        src.close()


def _disk_problem(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "disk is full" in text or "disk i/o" in text or "unable to open" in text


def describe_failure(exc: BaseException, folder: Path) -> str:
    """Why writing a copy into ``folder`` failed, as a sentence."""
    if (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG)) or (
            "disk is full" in str(exc).lower()):
        return f"the disk holding {folder} is full"
    if "disk i/o error" in str(exc).lower():
        return f"the disk holding {folder} is full or failing (disk I/O error)"
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{folder} cannot be written to (read-only or no permission)"
    return f"{exc}"


def _flush(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _flush_folder(folder: Path) -> None:
    """Make a rename durable (POSIX: fsync the folder; Windows has no folder handles to sync)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_with_companions(path: Path) -> None:
    for suffix in ("", *COMPANIONS):
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + suffix).unlink()


def move_aside(live: Path, stamp: str) -> Path:
    """Rename a damaged database (and its -wal/-shm) out of the way, untouched, for a specialist."""
    aside = live.with_name(f"{live.name}.damaged-{stamp}")
    n = 1
    while aside.exists():
        aside, n = live.with_name(f"{live.name}.damaged-{stamp}-{n}"), n + 1
    for suffix in ("-wal", "-shm", "-journal"):
        companion = Path(str(live) + suffix)
        if companion.exists():
            os.replace(companion, Path(str(aside) + suffix))
    os.replace(live, aside)
    return aside


def to_keep(made: Iterable[tuple[Path, datetime]]) -> set[Path]:
    """Newest per day for 14 days, per ISO week for 8 weeks and per month for 12 months (grandfather-
    father-son); ``made`` is ordered newest first."""
    days: dict[date, Path] = {}
    weeks: dict[tuple[int, int], Path] = {}
    months: dict[tuple[int, int], Path] = {}
    for path, when in made:
        day = when.date()
        days.setdefault(day, path)
        weeks.setdefault(day.isocalendar()[:2], path)
        months.setdefault((day.year, day.month), path)
    return ({*list(days.values())[:KEEP_DAILY], *list(weeks.values())[:KEEP_WEEKLY],
             *list(months.values())[:KEEP_MONTHLY]})


def lock_owner(live: Path) -> int | None:
    """The process id of another running hubdesk holding ``<database>.lock`` (QLockFile's format)."""
    lock = Path(str(live) + ".lock")
    try:
        lines = lock.read_text(encoding="utf-8", errors="replace").splitlines()
        pid = int(lines[0])
    except (OSError, ValueError, IndexError):
        return None
    host = lines[2] if len(lines) > 2 else ""
    if host and host != socket.gethostname():
        return pid  # another PC: cannot tell, so assume it is there
    return pid if pid != os.getpid() and _alive(pid) else None


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined,unused-ignore]
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined,unused-ignore]
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def holding_lock(live: Path, already_ours: bool) -> Iterator[None]:
    """Hold ``<database>.lock`` while restoring, so a window cannot start on a half-restored file."""
    if already_ours:
        yield
        return
    lock = Path(str(live) + ".lock")
    with contextlib.suppress(FileNotFoundError):
        lock.unlink()  # stale: lock_owner() found no live owner
    fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(fd, f"{os.getpid()}\n{sys.executable}\n{socket.gethostname()}\n".encode())
    finally:
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            lock.unlink()


def in_use_elsewhere(live: Path) -> bool:
    """Whether another connection has the database open (WAL mode cannot be left while one does)."""
    try:
        conn = sqlite3.connect(live, timeout=0.5, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        conn.execute("PRAGMA journal_mode=WAL")
        return str(mode).lower() != "delete"
    except sqlite3.OperationalError as exc:
        return "locked" in str(exc).lower() or "busy" in str(exc).lower()
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def copy_over(backup: Path, live: Path, progress: Progress) -> None:
    """Write a verified backup over a healthy live database in one transaction (all or nothing)."""
    def report(_status: int, remaining: int, total: int) -> None:
        progress.step(total - remaining, total, "Restoring the backup…")

    src = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        dst = sqlite3.connect(live, timeout=10)
        try:
            src.backup(dst, pages=0, progress=report)
        finally:
            dst.close()
    finally:
        src.close()
