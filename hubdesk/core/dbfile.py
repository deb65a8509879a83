"""Look at a SQLite file before opening it: nothing is created and nothing is changed.

The engine switches a file to WAL on connect, so a file that is not ours (another program's database,
a damaged copy, an empty file) must be judged first, read-only, or it would be altered before being
refused. The command line checks every page before it writes (``quick_check``); the window reads only
the header, the schema and the version before it shows (``full=False``) and checks the whole file
right after, off the GUI thread (:func:`check_whole`), since on a big file that check takes seconds.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from hubdesk.core.errors import DatabaseDamaged, DatabaseMissing, DatabaseRefused
from hubdesk.core.schema import HEAD_REVISIONS, known_revision

SQLITE_HEADER = b"SQLite format 3\x00"
INIT_HINT = ("Choose the right file with --database, restore a backup with 'hubdesk backup --restore "
             "FILE', or create a new database with 'hubdesk init {path}'")
COUNTED_TABLES = ("children", "bookings", "session_bookings", "sites", "staff")


@dataclass(frozen=True)
class FileReport:
    """What a readable hubdesk file holds: its schema revisions and row counts of the main tables."""

    path: Path
    revisions: frozenset[str]
    counts: dict[str, int]


def check_folder(file: Path) -> None:
    """The folder must exist and be writable (SQLite writes its journal files beside the database)."""
    folder = file.parent
    if not folder.is_dir():
        raise DatabaseMissing(
            f"The folder {folder} does not exist, so there is no database at {file} (is a USB stick "
            "unplugged or a network drive not connected?). Nothing was created. "
            + INIT_HINT.format(path=file) + ".")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseRefused(
            f"The folder {folder} is read-only, and hubdesk must write its journal files beside the "
            f"database {file.name}. Copy the database to a folder you can write to, or ask for write "
            "permission on that folder; nothing was changed.")


def check_creatable(file: Path) -> None:
    """``init`` and ``demo`` may create a database only where none is: no file, or an empty one."""
    check_folder(file)
    if file.is_dir():
        raise DatabaseRefused(f"{file} is a folder, not a database file. Give a file name.")
    if file.exists() and file.stat().st_size > 0:
        raise DatabaseRefused(f"{file} already exists and is not empty; nothing was changed. "
                              "Choose a new file name.")
    if not file.exists():
        try:  # the folder may refuse new files (read-only, a system folder): find out before SQLite does
            with file.open("xb"):
                pass
            file.unlink()
        except OSError as exc:
            raise DatabaseRefused(f"A database cannot be created at {file}: {exc.strerror or exc}. "
                                  "Choose a folder you can write to; nothing was created.") from exc


def is_blank(file: Path) -> bool:
    """No database yet: the file is missing or has 0 bytes."""
    return not file.exists() or (file.is_file() and file.stat().st_size == 0)


def probe(file: Path, *, deep: bool = False, full: bool = True) -> FileReport:
    """Refuse, with a sentence naming the path, a file hubdesk cannot safely open; else describe it.

    ``deep`` runs the full ``integrity_check`` (backups); opening uses the faster ``quick_check``.
    ``full=False`` skips the page check and the row counts when the schema is current (the window
    checks the whole file once it shows); a file that needs upgrading is always checked first,
    since the upgrade writes.
    """
    check_folder(file)
    if file.is_dir():
        raise DatabaseRefused(f"{file} is a folder, not a database file. Give the database file itself.")
    if is_blank(file):
        what = "There is no database at" if not file.exists() else "The database file is empty (0 bytes):"
        raise DatabaseMissing(f"{what} {file}. Nothing was created. " + INIT_HINT.format(path=file) + ".")
    if not os.access(file, os.R_OK | os.W_OK):
        raise DatabaseRefused(
            f"The database file {file} is read-only. Make it writable (file properties), or copy it to "
            "a folder you can write to; nothing was changed.")
    with file.open("rb") as f:
        header = f.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseDamaged(
            f"The file {file} is not a hubdesk database or is damaged (it is not a SQLite database). "
            "Restore the latest backup with 'hubdesk backup --restore'.")
    return _read(file, deep, full)


def check_whole(file: Path) -> None:
    """Every page of the file (``quick_check``), read-only; DatabaseDamaged says what is wrong.

    The window runs this off the GUI thread once it shows: 0.1 s on the demo, about 3 s at ten times
    its size."""
    conn = _connect(file)
    try:
        rows = _checked(conn, file, "quick_check")
    finally:
        conn.close()
    _judge(file, rows)


def _connect(file: Path) -> sqlite3.Connection:
    try:
        return sqlite3.connect(f"{file.as_uri()}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error as exc:
        raise DatabaseDamaged(f"The file {file} cannot be read ({exc}).") from exc


def _checked(conn: sqlite3.Connection, file: Path, pragma: str) -> list[str]:
    try:
        return [r[0] for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
    except sqlite3.DatabaseError as exc:
        raise _damaged(file, exc) from exc


def _damaged(file: Path, exc: Exception) -> DatabaseDamaged:
    return DatabaseDamaged(f"The file {file} is not a hubdesk database or is damaged ({exc}). "
                           "Restore the latest backup with 'hubdesk backup --restore'.")


def _judge(file: Path, rows: list[str]) -> None:
    if rows != ["ok"]:
        raise DatabaseDamaged(f"The database {file} is damaged ({_first_problems(rows)}). "
                              "Restore the latest backup with 'hubdesk backup --restore'.")


def _first_problems(rows: list[str], shown: int = 3) -> str:
    """SQLite's first few complaints on one line (a damaged page can bring hundreds)."""
    lines = [line.strip() for row in rows for line in str(row).splitlines()
             if line.strip() and not line.startswith("***")]
    more = len(lines) - shown
    return "; ".join(lines[:shown]) + (f"; and {more} more" if more > 0 else "")


def _read(file: Path, deep: bool, full: bool) -> FileReport:
    conn = _connect(file)
    try:
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revisions = frozenset(r[0] for r in conn.execute("SELECT version_num FROM alembic_version")
                                  ) if "alembic_version" in tables else frozenset()
        except sqlite3.DatabaseError as exc:
            raise _damaged(file, exc) from exc
        whole = full or deep or revisions != HEAD_REVISIONS  # an upgrade writes: check first
        rows = _checked(conn, file, "integrity_check" if deep else "quick_check") if whole else ["ok"]
        try:
            counts = {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])
                      for t in COUNTED_TABLES if t in tables} if whole else {}
        except sqlite3.DatabaseError as exc:
            raise _damaged(file, exc) from exc
    finally:
        conn.close()
    _judge(file, rows)
    if not tables:
        raise DatabaseMissing(f"The database file {file} holds no data yet. Nothing was changed. "
                              + INIT_HINT.format(path=file) + ".")
    if not revisions:
        raise DatabaseRefused(f"{file} is a SQLite database of another program, not a hubdesk "
                              "database (it has no hubdesk schema version); nothing was changed. "
                              "Choose another file.")
    unknown = sorted(r for r in revisions if not known_revision(r))
    if unknown:
        raise DatabaseRefused(
            f"{file} was written by a newer version of hubdesk (schema {'+'.join(unknown)}). "
            "Install the newer hubdesk to open it; this version will not change it.")
    return FileReport(file, revisions, counts)
