"""Signing in, read and written with Core statements on light table clauses, not the ORM.

Every window and every command signs in before it shows or does anything. Loading the ORM's models
and configuring their mappers costs about a quarter of a second, which the person would wait for
first; these clauses name only the columns signing in reads and writes, and
``tests/services/users/test_sign_in_tables.py`` holds them to the models' tables.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, DateTime, Integer, String, column, exists, func, select, table, update

from hubdesk.core.audit import record_update
from hubdesk.core.clock import to_local
from hubdesk.core.errors import DomainError
from hubdesk.core.permissions import Actor, pc_name
from hubdesk.core.statements import Statements
from hubdesk.services.users.passwords import hash_password, needs_rehash, verify_password

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

USERS = table(
    "users",
    column("id", Integer), column("name", String), column("password_hash", String),
    column("role", String), column("active", Boolean), column("failed_attempts", Integer),
    column("locked_until", DateTime), column("last_sign_in", DateTime),
)
ROLES = table("roles", column("name", String), column("label", String))
ROLE_PERMISSIONS = table("role_permissions", column("role", String), column("permission", String))
META = table("meta", column("key", String), column("value", String))

MAX_FAILURES = 5
LOCK_MINUTES = 15
WRONG = "The name or the password is not right. Check both and try again."


class SignInRefused(DomainError):
    """Wrong name or password, a locked or an inactive account."""


@dataclass(frozen=True)
class Account:
    """The columns of one user that signing in looks at."""

    id: int
    name: str
    password_hash: str
    role: str
    active: bool
    failed_attempts: int
    locked_until: datetime | None
    last_sign_in: datetime | None


class EarlyCheck:
    """The argon2 check of a password, started on a worker thread before the program loads what it
    needs next: argon2 leaves Python free while it works (a tenth of a second), so the two go on at
    once. Signing in still reads the account under its lock and takes this answer only for the very
    hash it was given; a hash changed meanwhile is checked again."""

    def __init__(self, stored: str, password: str) -> None:
        self.stored = stored
        self._password = password
        self._answer = False
        self._failed: Exception | None = None
        self._thread = threading.Thread(target=self._check, args=(password,), daemon=True)
        self._thread.start()

    def _check(self, password: str) -> None:
        try:
            self._answer = verify_password(self.stored, password)
        except Exception as exc:  # raised where the answer is asked for, never a silent "wrong"
            self._failed = exc

    def matches(self, stored: str, password: str) -> bool:
        if stored != self.stored or password != self._password:
            return verify_password(stored, password)
        self._thread.join()
        if self._failed is not None:
            raise self._failed
        return self._answer


def early_check(engine: Engine, name: str, password: str) -> EarlyCheck | None:
    """Start checking ``password`` against the stored hash of ``name`` (None: no such user, which
    signing in then says)."""
    with engine.connect() as conn:
        stored = conn.execute(select(USERS.c.password_hash)
                              .where(func.lower(USERS.c.name) == name.strip().lower())).scalar()
    return EarlyCheck(stored, password) if stored else None


def early_check_file(file: Path, name: str, password: str) -> EarlyCheck | None:
    """``early_check`` read straight from a database file, before the program has opened it (a
    window started by a script checks the password while Qt and the window's code load). None when
    the file cannot be read so (missing, damaged, not hubdesk's): signing in then checks as usual,
    after the file has been opened and looked at."""
    try:
        conn = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            row = conn.execute("SELECT password_hash FROM users WHERE lower(name) = ?",
                               (name.strip().lower(),)).fetchone()
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError):
        return None
    return EarlyCheck(row[0], password) if row and isinstance(row[0], str) and row[0] else None


def has_users(s: Statements | Connection) -> bool:
    return bool(s.scalar(select(exists().select_from(USERS))))


def check_sign_in(s: Statements, name: str, password: str, now: datetime,
                  early: EarlyCheck | None = None) -> Actor | str:
    """The actor for a right name and password, else the sentence that refuses them.

    Counts a wrong password, locks the account after five, and records a sign-in as the person's own
    doing; every change is audited as the ORM's flush would audit it. ``early``: the password's
    check already under way.
    """
    row = s.execute(select(USERS.c.id, USERS.c.name, USERS.c.password_hash, USERS.c.role,
                           USERS.c.active, USERS.c.failed_attempts, USERS.c.locked_until,
                           USERS.c.last_sign_in)
                    .where(func.lower(USERS.c.name) == name.strip().lower())
                    .with_for_update()).first()  # PostgreSQL: two PCs' attempts count one after the other
    if row is None:
        return WRONG
    account = Account(*row)
    problem = refusal(account, now)
    if problem is not None:
        return problem
    right = (early.matches(account.password_hash, password) if early is not None
             else verify_password(account.password_hash, password))
    if not right:
        failures = account.failed_attempts + 1
        if failures < MAX_FAILURES:
            _write(s, account, failed_attempts=failures)
            return WRONG
        until = now + timedelta(minutes=LOCK_MINUTES)
        _write(s, account, failed_attempts=0, locked_until=until)
        return locked(until)
    s.info["user"] = account.name  # signing in is recorded as the person's own doing
    changes: dict[str, Any] = {"failed_attempts": 0, "locked_until": None, "last_sign_in": now}
    if needs_rehash(account.password_hash):
        changes["password_hash"] = hash_password(password)
    _write(s, account, **changes)
    return actor_of(s, account.id, account.name, account.role)


def actor_of(s: Statements, user_id: int, name: str, role: str) -> Actor:
    """The actor of a user: their role's label and permissions, and this PC."""
    label = s.scalar(select(ROLES.c.label).where(ROLES.c.name == role))
    permissions = frozenset(s.scalars(select(ROLE_PERMISSIONS.c.permission)
                                      .where(ROLE_PERMISSIONS.c.role == role)))
    return Actor(user_id, name, role, permissions, pc_name(), label or role)


def refusal(account: Account, now: datetime) -> str | None:
    """Why an inactive or a locked account cannot sign in now; None when it may try."""
    if not account.active:
        return f"{account.name} is no longer an active user. Ask the administrator."
    if account.locked_until is not None and account.locked_until > now:
        return locked(account.locked_until)
    return None


def locked(until: datetime) -> str:
    return (f"After {MAX_FAILURES} wrong passwords this account is locked until "
            f"{to_local(until):%H:%M}. Wait, or ask the administrator to unlock it.")


def meta_value(s: Statements, key: str) -> str | None:
    """An office setting kept in the meta table (JSON text), None when it was never set."""
    value = s.scalar(select(META.c.value).where(META.c.key == key))
    return None if value is None else str(value)


def _write(s: Statements, account: Account, **after: Any) -> None:
    before = {name: getattr(account, name) for name in after}
    s.execute(update(USERS).where(USERS.c.id == account.id).values(**after))
    record_update(s, "users", str(account.id), before, after)
