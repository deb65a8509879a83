"""One mechanism that audits every insert, update and delete made through an ORM session.

A listener on the session's ``after_flush`` event writes one audit row per changed object, with
the fields before and after, using the flush's own connection so the audit row commits or rolls
back together with the change. Services need no extra code to be audited. The moment written is read
from the program's clock, which the session factory carries in each session's ``info``.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, DateTime, Integer, String, column, event, insert, inspect, table

from hubdesk.core.clock import Clock
from hubdesk.core.statements import Statements

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

_SKIP_FIELDS = {"row_version", "search_key"}
# Secrets: the audit says that they changed, never what they are.
_MASKED_FIELDS = {"password_hash", "collection_password", "password"}
MASK = "••••"


NOBODY = "not signed in"

# The audit log as a light Core clause: writing an entry for a Core statement (signing in, bulk
# inserts) needs none of the ORM's models. tests/services/users/test_sign_in_tables.py holds it to
# the model.
AUDIT_LOG = table(
    "audit_log",
    column("id", Integer), column("at", DateTime), column("user", String), column("pc", String),
    column("action", String), column("table_name", String), column("record_id", String),
    column("child_id", Integer), column("changes", JSON),
)


def current_user(session: Statements) -> str:
    """The hubdesk user the session acts for: who made the change.

    Never the operating-system login (``USER``/``LOGNAME``): on a shared office account it names
    nobody, and anyone can set it.
    """
    return str(session.info.get("user") or NOBODY)[:100]


def current_pc(session: Statements) -> str | None:
    value = session.info.get("pc")
    return str(value)[:60] if value else None


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    return value


def _record_id(obj: Any) -> str:
    """The primary key as text. A row inserted in this flush has its key values already, but its
    identity is only set after the flush, so the key is read from the mapped columns."""
    state = inspect(obj)
    identity = state.identity or state.mapper.primary_key_from_instance(obj)
    if not identity or all(part is None for part in identity):
        return ""
    return "/".join(str(part) for part in identity)


def _child_id(obj: Any) -> int | None:
    if getattr(obj, "__tablename__", "") == "children":
        return int(obj.id)
    value = getattr(obj, "child_id", None)
    return int(value) if isinstance(value, int) else None


def _columns(obj: Any) -> list[tuple[str, str]]:
    """(attribute key, column name) pairs of the object's mapped columns."""
    mapper = inspect(obj).mapper
    return [(attr.key, attr.columns[0].name) for attr in mapper.column_attrs]


def _masked(name: str, pair: list[Any]) -> list[Any]:
    if name not in _MASKED_FIELDS:
        return pair
    return [MASK if value else value for value in pair]


def _changes(obj: Any, action: str) -> dict[str, Any]:
    """The changed fields, [before, after] each, secrets masked."""
    return {name: _masked(name, pair) for name, pair in _raw_changes(obj, action).items()}


def _raw_changes(obj: Any, action: str) -> dict[str, Any]:
    state = inspect(obj)
    result: dict[str, Any] = {}
    for key, name in _columns(obj):
        if name in _SKIP_FIELDS:
            continue
        if action == "insert":
            result[name] = [None, _plain(getattr(obj, key))]
        elif action == "delete":
            result[name] = [_plain(state.attrs[key].loaded_value), None]
        else:
            hist = state.attrs[key].history
            if hist.has_changes():
                before = hist.deleted[0] if hist.deleted else None
                after = hist.added[0] if hist.added else None
                if before != after:
                    result[name] = [_plain(before), _plain(after)]
    return result


def session_clock(session: Statements) -> Clock:
    """The clock of the factory that made this session (so audit times follow a frozen clock too)."""
    clock = session.info.get("clock")
    if not isinstance(clock, Clock):
        raise RuntimeError("The session factory was not made by make_sessionmaker (it has no clock).")
    return clock


def _after_flush(session: Session, _context: Any) -> None:
    if not session.info.get("audit", True):
        return
    from hubdesk.core.models.audit import AuditEntry  # loaded by then; not needed to open the database

    user, pc = current_user(session), current_pc(session)
    now = session_clock(session).now()
    rows: list[dict[str, Any]] = []
    groups = (("insert", session.new), ("update", session.dirty), ("delete", session.deleted))
    for action, objects in groups:
        for obj in objects:
            if isinstance(obj, AuditEntry) or not hasattr(obj, "__tablename__") \
                    or getattr(obj, "audit_exempt", False):
                continue
            changes = _changes(obj, action)
            if action == "update" and not changes:
                continue
            rows.append(
                {
                    "at": now,
                    "user": user,
                    "pc": pc,
                    "action": action,
                    "table_name": obj.__tablename__,
                    "record_id": _record_id(obj),
                    "child_id": _child_id(obj),
                    "changes": changes,
                }
            )
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


def record_inserts(session: Session, table_name: str, rows: list[dict[str, Any]]) -> None:
    """Audit rows inserted in bulk outside the unit of work exactly as the flush hook would: one entry
    each, every column from nothing to its value (``rows`` hold the columns, ``id`` included)."""
    if not rows or not session.info.get("audit", True):
        return
    user, pc = current_user(session), current_pc(session)
    now = session_clock(session).now()
    session.execute(insert(AUDIT_LOG), [{
        "at": now, "user": user, "pc": pc, "action": "insert", "table_name": table_name,
        "record_id": str(row["id"]), "child_id": row.get("child_id"),
        "changes": {name: [None, MASK if name in _MASKED_FIELDS else _plain(value)]
                    for name, value in row.items() if name not in _SKIP_FIELDS},
    } for row in rows])


def record_update(session: Statements, table_name: str, record_id: str, before: dict[str, Any],
                  after: dict[str, Any]) -> None:
    """Audit a row updated by a Core statement exactly as the flush hook audits an update: the
    fields whose value changed, [before, after] each, secrets masked; nothing when none changed."""
    if not session.info.get("audit", True):
        return
    changes = {name: _masked(name, [_plain(before.get(name)), _plain(value)])
               for name, value in after.items()
               if name not in _SKIP_FIELDS and before.get(name) != value}
    if changes:
        record_event(session, table_name, record_id, changes, action="update")


def install_audit(factory: sessionmaker[Session]) -> None:
    """Audit every session the factory makes (its ``info`` must hold the program's clock)."""
    event.listen(factory, "after_flush", _after_flush)


def record_event(session: Statements, table_name: str, record_id: str, summary: dict[str, Any],
                 action: str = "event", child_id: int | None = None) -> None:
    """Write one audit row for work done outside the ORM unit of work (bulk loads, imports)."""
    session.execute(
        insert(AUDIT_LOG),
        [{
            "at": session_clock(session).now(),
            "user": current_user(session),
            "pc": current_pc(session),
            "action": action,
            "table_name": table_name,
            "record_id": record_id,
            "child_id": child_id,
            "changes": summary,
        }],
    )
