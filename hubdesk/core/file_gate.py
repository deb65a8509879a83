"""Keeps this program's own connections off a SQLite file while a restore replaces it.

The window reads in worker threads (the Today page's areas, printouts, the Overview). A restore
that swapped the file under one of them did harm two ways: a connection opened half-way found no
file at the path, so SQLite made an empty one there ("no such table"), with a -wal and -shm that
then did not belong to the restored file ("disk I/O error" on the next connection); and a
connection still open on the old file deletes the path's -wal by name when it closes.

So a restore closes the gate first: it waits for the connections in use (and those being made) to
come back, closes every other one (those an earlier dispose left in an old pool too), and swaps the
file; meanwhile a new connection waits before it opens the path, and an idle one handed out is made
afresh once the new file is in place. Only the thread that closed the gate connects through it. A
server database (PostgreSQL) has no file to swap and no gate.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import DisconnectionError

from hubdesk.core.errors import DomainError

WAIT_SECONDS = 30.0
STILL_READING = ("hubdesk is still reading the database for another part of the window (a page "
                 "or a printout); wait for it to finish, then restore again. Nothing was changed.")
ALREADY = "The database file is already being replaced; wait for that to finish. Nothing was changed."


class FileGate:
    """Knows every connection this engine has open, and which are in use; holds new ones back while
    the file is replaced."""

    def __init__(self, prepare: Callable[[Any], None]) -> None:
        self._prepare = prepare
        self._cond = threading.Condition()
        self._connecting = 0  # connections being opened and prepared
        # Every DBAPI connection open and prepared, by id; held here, so one left in an old pool
        # stays open until a restore closes it rather than closing itself whenever it is collected.
        self._open: dict[int, Any] = {}
        self._in_use: set[int] = set()  # the pool's records checked out past the gate
        self._closed_by: int | None = None  # the thread replacing the file

    def _passes(self) -> bool:
        return self._closed_by is None or self._closed_by == threading.get_ident()

    def _do_connect(self, dialect: Any, _record: Any, cargs: list[Any],
                    cparams: dict[str, Any]) -> Any:
        """Open and prepare a connection, once no other thread is replacing the file.

        Made here rather than by the pool so a restore can wait for connections half-made: one
        that opened the path in the middle of the swap would have made an empty file there."""
        with self._cond:
            self._cond.wait_for(self._passes)
            self._connecting += 1
        try:
            connection = dialect.connect(*cargs, **cparams)
            try:
                self._prepare(connection)
            except BaseException:
                connection.close()
                raise
        except BaseException:
            self._made(None)
            raise
        return connection

    def _made(self, dbapi_connection: Any, *_record: Any) -> None:
        """The pool's last step in making a connection (or a failed one): it counts as open now."""
        with self._cond:
            self._connecting -= 1
            if dbapi_connection is not None:
                self._open[id(dbapi_connection)] = dbapi_connection
            self._cond.notify_all()

    def _closed(self, dbapi_connection: Any, *_record: Any) -> None:
        with self._cond:
            self._open.pop(id(dbapi_connection), None)

    def _checkout(self, _dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        with self._cond:
            if self._passes():
                self._in_use.add(id(record))
                return
            # Handed out from the pool while the file is replaced: made on the old file, and
            # closed by the restore. Once the new file is in place the pool connects afresh.
            self._cond.wait_for(self._passes)
        raise DisconnectionError("the database file was replaced")

    def _checkin(self, _dbapi_connection: Any, record: Any) -> None:
        with self._cond:
            self._in_use.discard(id(record))
            self._cond.notify_all()

    @contextmanager
    def replacing(self, engine: Engine, wait: float) -> Iterator[None]:
        with self._cond:
            if self._closed_by is not None:
                raise DomainError(ALREADY)
            self._closed_by = threading.get_ident()
            if not self._cond.wait_for(lambda: not self._in_use and not self._connecting, wait):
                self._closed_by = None
                self._cond.notify_all()
                raise DomainError(STILL_READING)
            # None is in use now: every one open is idle, in the pool, in a pool an earlier
            # dispose left behind, or on its way out of one (refused in _checkout).
            for connection in list(self._open.values()):
                connection.close()
            self._open.clear()
        try:
            engine.dispose()
            yield
        finally:
            engine.dispose()  # any the replacing thread made itself
            with self._cond:
                self._closed_by = None
                self._cond.notify_all()


_GATES: weakref.WeakKeyDictionary[Engine, FileGate] = weakref.WeakKeyDictionary()


def install_gate(engine: Engine, prepare: Callable[[Any], None]) -> None:
    """Give a SQLite file's engine its gate (``make_engine`` does, for every file); ``prepare``
    sets a new connection up (the pragmas) before anything else uses it."""
    gate = FileGate(prepare)
    event.listen(engine, "do_connect", gate._do_connect)
    event.listen(engine, "connect", gate._made)  # after the driver's own set-up
    event.listen(engine, "close", gate._closed)
    event.listen(engine, "close_detached", gate._closed)
    event.listen(engine, "checkout", gate._checkout)
    event.listen(engine, "checkin", gate._checkin)
    _GATES[engine] = gate


@contextmanager
def replacing_file(engine: Engine, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Within the block, this thread alone reaches the file and no connection of ours is open.

    Refuses with a sentence (nothing changed) when the connections in use are not back within
    ``wait`` seconds or another thread is replacing the file already."""
    gate = _GATES.get(engine)
    if gate is None:
        engine.dispose()
        yield
        return
    with gate.replacing(engine, wait):
        yield
