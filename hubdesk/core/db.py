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
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from hubdesk.core.audit import install_audit
from hubdesk.core.clock import Clock
from hubdesk.core.dbfile import check_creatable, is_blank, probe
from hubdesk.core.errors import DatabaseDamaged, DatabaseRefused
from hubdesk.core.file_gate import install_gate
from hubdesk.core.private import new_private_file

if TYPE_CHECKING:  # the ORM loads with the session factory, after the window shows
    from sqlalchemy.orm import Session, sessionmaker

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
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]  # Windows-only module
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


def _sqlite_on_connect(dbapi_connection: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN, so we can choose IMMEDIATE for writers.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _sqlite_on_begin(conn: Any) -> None:
    options = conn.get_execution_options()
    held = options.get(WRITES_HELD)
    if held:
        conn.exec_driver_sql("PRAGMA query_only=ON")  # nothing reaches the file, whatever asks
        if options.get("hubdesk_write"):
            raise DatabaseDamaged(held)
    mode = "IMMEDIATE" if options.get("hubdesk_write") else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


WRITES_HELD = "hubdesk_writes_held"


def hold_writes(engine: Engine, reason: str | None) -> None:
    """Refuse every write with ``reason`` (damage found after opening) until called with None.

    Connections made while held stay read-only, so lifting the hold also closes them."""
    engine.update_execution_options(**{WRITES_HELD: reason})
    if reason is None:
        engine.dispose()


def writes_held(engine: Engine) -> str | None:
    """Why writes are refused now, or None."""
    held = engine.get_execution_options().get(WRITES_HELD)
    return str(held) if held else None


def server_url(url: str) -> str:
    """A PostgreSQL URL with the psycopg (3) driver unless another driver was named.

    ``postgresql://`` means psycopg, the driver the ``postgres`` extra installs; an explicit
    ``postgresql+driver://`` is kept as given.
    """
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return url


def _server_engine(url: str) -> Engine:
    """An engine on a database server, after checking that the driver is installed."""
    parsed = make_url(server_url(url))
    try:
        parsed.get_dialect().import_dbapi()
    except NoSuchModuleError as exc:
        raise DatabaseRefused(
            f"hubdesk does not know the database kind '{parsed.drivername}'. Give a file path or a "
            "postgresql://user:password@server/database URL.") from exc
    except ImportError as exc:
        hint = ('install it with: pip install "hubdesk[postgres]"'
                if parsed.get_backend_name() == "postgresql" else f"install the driver ({exc.name})")
        raise DatabaseRefused(
            f"The database driver for {parsed.drivername} is not installed; {hint}.") from exc
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() == "psycopg":
        # Fail within seconds when the server is away, instead of hanging the window.
        return create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    return create_engine(parsed, pool_pre_ping=True)


def describe(path_or_url: str | os.PathLike[str]) -> str:
    """A database path or URL fit to show or log: a URL's password hidden."""
    value = os.fspath(path_or_url)
    if "://" not in value:
        return value
    try:
        return make_url(value).render_as_string(hide_password=True)
    except ArgumentError:
        return value.split("://", 1)[0] + "://…"


def make_engine(path_or_url: str | os.PathLike[str], *, check_network: bool = True,
                create: bool = False, full_check: bool = True) -> Engine:
    """An engine with hubdesk's connection settings; refuses SQLite files on network shares.

    SQLite gets its pragmas, the network-share guard and a read-only look at the file first
    (:func:`hubdesk.core.dbfile.probe`): a missing or empty file is refused unless ``create`` (only
    ``init``, ``demo`` and the first-start dialog pass it), so an unplugged USB stick never turns
    into a new empty database. A server URL (PostgreSQL) gets none of this (the server keeps its own
    files and locking). ``full_check=False`` (the window) reads only the header, schema and version
    here and leaves the page check for after the window shows.
    """
    if os.fspath(path_or_url).strip() == ":memory:":
        raise DatabaseRefused("':memory:' is not a database file: hubdesk keeps its records in a file. "
                              "Give a file path or a postgresql://… URL.")
    url = to_url(path_or_url)
    try:
        file = sqlite_file(url)
    except ArgumentError as exc:
        raise DatabaseRefused(
            f"'{os.fspath(path_or_url)}' is not a database file path or URL. Give a file path or a "
            "postgresql://user:password@server/database URL.") from exc
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
        if create and is_blank(file):
            check_creatable(file)
            new_private_file(file)
        else:
            probe(file, full=full_check)
        engine = create_engine(url, connect_args={"timeout": 10, "check_same_thread": False})
        event.listen(engine, "begin", _sqlite_on_begin)
        install_gate(engine, _sqlite_on_connect)  # a restore swaps the file with none of ours on it
        return engine
    return _server_engine(url)


def make_sessionmaker(engine: Engine, clock: Clock) -> sessionmaker[Session]:
    """The one session factory of the program; every session it makes is audited by ``clock``."""
    from sqlalchemy.orm import sessionmaker

    from hubdesk.core.funding_history import install_funding_history

    factory = sessionmaker(engine, expire_on_commit=False, info={"clock": clock})
    event.listen(factory, "before_flush", _every_model_before_flush)
    install_audit(factory)
    install_funding_history(factory)
    return factory


def _every_model_before_flush(_session: Session, _context: Any, _instances: Any) -> None:
    """A flush orders its rows by their tables' foreign keys and must find every table they name:
    the first flush of a process loads every model (then a dozen lookups of modules loaded)."""
    from hubdesk.core.models import load_all

    load_all()


@contextmanager
def write_session(factory: sessionmaker[Session], user: str | None = None,
                  pc: str | None = None) -> Iterator[Session]:
    """One write transaction: commits on success, rolls back on any error.

    On SQLite the transaction starts with BEGIN IMMEDIATE, so two PCs or threads writing at the
    same moment queue up instead of failing half-way.
    """
    with factory() as session:
        if user:
            session.info["user"] = user
        if pc:
            session.info["pc"] = pc
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
    """Refuse a server that cannot be reached; a SQLite file was already judged by make_engine."""
    if engine.dialect.name != "sqlite":
        _check_server(engine)


def _check_server(engine: Engine) -> None:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        url = engine.url
        where = f"{url.host or 'localhost'}:{url.port or 5432}"
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseRefused(
            f"Could not connect to the database server at {where} (database "
            f"'{url.database}', user '{url.username}'): {reason}. Check that the server is "
            "running, that the address, user name and password are right, and that the server "
            "lets this PC connect; nothing was changed."
        ) from exc


def resync_id_sequences(session: Session) -> None:
    """After rows were inserted with explicit ids, let PostgreSQL's id sequences continue after them.

    SQLite picks max(id) + 1 by itself; a PostgreSQL identity/serial sequence does not see ids
    written explicitly (the demo's bulk inserts), so the next ordinary insert would clash.
    """
    from hubdesk.core.models import Base  # the models load with the first service, not with the engine

    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        column = table.c.get("id")
        if column is None or not column.primary_key or column.autoincrement is False:
            continue
        sequence = session.scalar(text("SELECT pg_get_serial_sequence(:t, 'id')"),
                                  {"t": table.name})
        if sequence is None:
            continue
        session.execute(
            text(f'SELECT setval(:seq, COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'),
            {"seq": sequence})
