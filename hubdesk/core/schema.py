"""Bring a database to the current schema at start-up; refuse one written by a newer hubdesk.

Alembic is imported only when there is something to do: a database already at ``HEAD_REVISIONS``
(every start but the first after an update) is recognised by one plain query, which keeps Alembic's
import (a sixth of the first window's start-up) out of the way.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from hubdesk.core.errors import DatabaseRefused

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The newest revision(s) in migrations/versions, as a fully upgraded database records them. A test
# compares this with Alembic's own answer, so a new migration cannot be added without updating it.
HEAD_REVISIONS = frozenset({"0005", "0019_money_store"})
# Alembic keeps its running context in module globals, so migrations must not overlap in threads.
_MIGRATION_LOCK = threading.Lock()


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revisions() -> set[str]:
    """The newest revision(s) as recorded in a fully upgraded database.

    Areas developed side by side may add branches; a branch head that another branch depends on
    (``depends_on``) is not recorded separately once the dependent revision is applied.
    """
    script = _scripts()
    heads = set(script.get_heads())
    needed: set[str] = set()
    for head in heads:
        needed |= _ancestors(script, head)
    return heads - needed


def _ancestors(script: ScriptDirectory, revision_id: str) -> set[str]:
    """Every revision below ``revision_id``, through down-revisions and dependencies."""
    found: set[str] = set()
    todo = [revision_id]
    while todo:
        revision = script.get_revision(todo.pop())
        if revision is None:
            continue
        below = [*_as_tuple(revision.down_revision), *_as_tuple(revision.dependencies)]
        for name in below:
            if name not in found:
                found.add(name)
                todo.append(name)
    return found


def _as_tuple(value: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def head_revision() -> str:
    """The single newest revision, or the sorted heads joined by '+' while branches exist."""
    return "+".join(sorted(head_revisions()))


def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def current_revisions(engine: Engine) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def stored_revisions(engine: Engine) -> frozenset[str]:
    """The revisions the database records, read with plain SQL (none when it has no version table)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return frozenset()
        return frozenset(conn.scalars(text("SELECT version_num FROM alembic_version")))


def current_revision(engine: Engine) -> str | None:
    revisions = current_revisions(engine)
    return "+".join(sorted(revisions)) if revisions else None


def check_not_newer(engine: Engine) -> None:
    """Raise DatabaseRefused when the database's schema is unknown to this hubdesk."""
    currents = current_revisions(engine)
    if not currents:
        tables = set(inspect(engine).get_table_names())
        if tables - {"alembic_version"}:
            raise DatabaseRefused(
                f"{engine.url.database} holds tables but no hubdesk schema version: it is not a "
                "hubdesk database. Choose another file."
            )
        return
    script = _scripts()
    try:
        for current in currents:
            script.get_revision(current)
    except Exception as exc:
        raise DatabaseRefused(
            f"This database was written by a newer version of hubdesk (schema "
            f"{'+'.join(sorted(currents))}). "
            "Install the newer hubdesk to open it; this version will not change it."
        ) from exc


def known_revision(revision: str) -> bool:
    """Whether this hubdesk's migrations know ``revision`` (a newer program's schema is unknown)."""
    if revision in HEAD_REVISIONS:
        return True
    try:
        return _scripts().get_revision(revision) is not None
    except Exception:
        return False


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Apply every pending migration in one transaction."""
    if revision == "heads" and stored_revisions(engine) == HEAD_REVISIONS:
        return  # already current: nothing to check or apply
    check_not_newer(engine)
    if revision == "heads" and current_revisions(engine) == head_revisions():
        return
    with _MIGRATION_LOCK:
        _upgrade_locked(engine, revision)


def _upgrade_locked(engine: Engine, revision: str) -> None:
    from alembic import command

    config = alembic_config()
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        assert driver is not None  # a checked-out connection always has its driver's connection
        if sqlite:
            # Batch migrations copy and drop tables; foreign keys must be off while they run
            # (the pragma is ignored inside a transaction, so set it before one starts).
            driver.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                command.upgrade(config, revision)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise DatabaseRefused(
                            f"Upgrading the database would break {len(broken)} links between "
                            "records; nothing was changed. Please report this."
                        )
        finally:
            if sqlite:
                driver.execute("PRAGMA foreign_keys=ON")
