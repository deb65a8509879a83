"""A write transaction on a Core connection, for signing in before the ORM has loaded.

A window opened by a script (``HUBDESK_USER``) signs in and reads the idle time before it shows. Done
through an ORM session, that loaded SQLAlchemy's ORM first (about 45 ms of the window's start). The
sign-in's statements and its audit rows are Core already (``services/users/sign_in.py``), so they run
here on a Core connection that carries, as a session does, the ``info`` the audit reads: the clock,
and who acts (signing in names the person once the password is right).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from sqlalchemy import Connection, Engine

from hubdesk.core.clock import Clock


class Statements(Protocol):
    """What the audit and signing in use of a session: its ``info`` and Core statements. An ORM
    Session is one; so is a ``CoreTransaction``."""

    @property
    def info(self) -> dict[Any, Any]: ...

    def execute(self, statement: Any, *args: Any, **kwargs: Any) -> Any: ...

    def scalar(self, statement: Any, *args: Any, **kwargs: Any) -> Any: ...

    def scalars(self, statement: Any, *args: Any, **kwargs: Any) -> Any: ...


class CoreTransaction:
    """A connection inside its transaction, with an ``info`` of its own (a Connection's ``info``
    stays with the pooled connection, so the next user of it would inherit who acted)."""

    def __init__(self, connection: Connection, info: dict[Any, Any]) -> None:
        self._connection = connection
        self._info = info

    @property
    def info(self) -> dict[Any, Any]:
        return self._info

    def execute(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        return self._connection.execute(statement, *args, **kwargs)

    def scalar(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        return self._connection.scalar(statement, *args, **kwargs)

    def scalars(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        return self._connection.scalars(statement, *args, **kwargs)


@contextmanager
def core_write(engine: Engine, clock: Clock) -> Iterator[CoreTransaction]:
    """One write transaction, committed on success and rolled back on any error; on SQLite it begins
    IMMEDIATE, as ``db.write_session`` does, so two writers queue instead of failing half-way."""
    with engine.connect() as connection:
        connection.execution_options(hubdesk_write=True)
        with connection.begin():
            yield CoreTransaction(connection, {"clock": clock})


@contextmanager
def core_read(engine: Engine, clock: Clock) -> Iterator[CoreTransaction]:
    """A read on a Core connection (rolled back at the end)."""
    with engine.connect() as connection:
        yield CoreTransaction(connection, {"clock": clock})
