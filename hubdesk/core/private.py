"""Files only their owner may read: the database (and its -wal/-shm), backups, exports, the log.

On Linux and macOS new files are made 0600 in 0700 folders: the program sets an owner-only umask
at start (covering every file it writes), and the places that create the database, backups and the
log set the modes themselves too. Folders that already existed (a home folder) are left as they are.
On Windows the per-user data folder already keeps others out; nothing is changed there.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

POSIX = os.name == "posix"
FILE_MODE = 0o600
FOLDER_MODE = 0o700


def owner_only_umask() -> None:
    """Every file and folder the process makes from now on is its owner's only."""
    if POSIX:
        os.umask(0o077)


def private_folder(folder: Path) -> None:
    """Make ``folder`` (and missing parents) 0700; an existing folder is left alone."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    if POSIX:
        for made in missing:
            os.chmod(made, FOLDER_MODE)


def private_file(path: Path) -> None:
    """Make an existing file 0600."""
    if POSIX and path.exists():
        os.chmod(path, FILE_MODE)


def new_private_file(path: Path) -> None:
    """Create ``path`` empty and 0600 if it does not exist (SQLite then gives -wal and -shm the
    same mode)."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
    private_file(path)
