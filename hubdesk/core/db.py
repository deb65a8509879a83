"""Engine factory: SQLite pragmas, the network-share guard, and the schema upgrade at start-up.

SQLite runs in WAL mode with ``synchronous=FULL``: WAL lets the GUI read while a print job or an
import writes, and FULL makes each committed register entry survive a power cut (NORMAL could lose
the last commits). The cost is one fsync per commit, which is small for office-sized writes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from hubdesk.core.audit import install_audit
from hubdesk.core.errors import DatabaseRefused

NETWORK_FS_TYPES = {
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "fuse.sshfs", "sshfs", "afs",
    "glusterfs", "ceph", "fuse.glusterfs", "davfs", "fuse.davfs2", "ncpfs", "lustre",
}
SHARED_SERVER_HINT = (
    "To share one cluster database between several office PCs, use the shared-server option: "
    "a PostgreSQL database given with --database postgresql://… (see the README)."
)


def to_url(path_or_url: str | os.PathLike[str]) -> str:
    """A database URL from a plain file path or a URL."""
    value = os.fspath(path_or_url)
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _mount_for(path: Path, mounts: str) -> tuple[str, str] | None:
    best: tuple[str, str] | None = None
    target = str(path)
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and (best is None or len(mount_point) > len(best[0])):
            best = (mount_point, parts[2])
    return best


def _windows_drive_is_remote(path: Path) -> bool:
    if sys.platform != "win32":
        return False
    import ctypes

    drive = path.drive + "\\"
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    return bool(kernel32.GetDriveTypeW(drive) == 4)  # DRIVE_REMOTE


def network_reason(path: Path | str, mounts: str | None = None) -> str | None:
    """Why ``path`` is on a network share, or None when it is local.

    ``mounts`` is the text of /proc/mounts (read from the system when None).
    """
    raw = str(path)
    if raw.startswith(("\\\\", "//")):
        return f"{raw} is a network (UNC) path"
    resolved = Path(raw)
    if _windows_drive_is_remote(resolved):
        return f"drive {resolved.drive} is a mapped network drive"
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    found = _mount_for(resolved, mounts)
    if found and found[1].lower() in NETWORK_FS_TYPES:
        return f"{raw} is on a {found[1]} network share mounted at {found[0]}"
    return None


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN, so we can choose IMMEDIATE for writers.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _sqlite_on_begin(conn: Any) -> None:
    mode = "IMMEDIATE" if conn.get_execution_options().get("hubdesk_write") else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(path_or_url: str | os.PathLike[str], *, check_network: bool = True) -> Engine:
    """An engine with hubdesk's connection settings; refuses SQLite files on network shares."""
    url = to_url(path_or_url)
    file = sqlite_file(url)
    if file is not None:
        if check_network:
            raw = os.fspath(path_or_url)
            reason = network_reason(raw) if raw.startswith(("\\\\", "//")) else None
            reason = reason or network_reason(file)
            if reason:
                raise DatabaseRefused(
                    f"The database cannot be kept on a network share: {reason}. SQLite files "
                    f"shared over a network get corrupted. Keep it on this PC's own disk, or: "
                    f"{SHARED_SERVER_HINT}"
                )
        file.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 10, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """The one session factory of the program; every session it makes is audited."""
    factory = sessionmaker(engine, expire_on_commit=False)
    install_audit(factory)
    return factory


@contextmanager
def write_session(factory: sessionmaker[Session], user: str | None = None) -> Iterator[Session]:
    """One write transaction: commits on success, rolls back on any error.

    On SQLite the transaction starts with BEGIN IMMEDIATE, so two PCs or threads writing at the
    same moment queue up instead of failing half-way.
    """
    with factory() as session:
        if user:
            session.info["user"] = user
        session.connection(execution_options={"hubdesk_write": True})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def read_session(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A read-only session (rolled back at the end)."""
    with factory() as session:
        try:
            yield session
        finally:
            session.rollback()


def check_readable(engine: Engine) -> None:
    """Refuse a file that is not a SQLite database or is damaged, before touching it."""
    if engine.dialect.name != "sqlite":
        return
    try:
        with engine.connect() as conn:
            result = conn.execute(text("PRAGMA quick_check")).scalar()
    except DatabaseError as exc:
        raise DatabaseRefused(
            f"The file {engine.url.database} is not a hubdesk database or is damaged "
            f"({exc.orig}). Restore the latest backup with 'hubdesk backup --restore'."
        ) from exc
    if result != "ok":
        raise DatabaseRefused(
            f"The database {engine.url.database} is damaged ({result}). "
            "Restore the latest backup with 'hubdesk backup --restore'."
        )
