"""Signing in and out, and the administrator's users and roles: one public method, one transaction.

Signing in (and asking whether there are users, and the idle time the window reads) goes through
``sign_in.py``'s Core statements; only the administrator's changes load the ORM's models.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from hubdesk.core.errors import DomainError, NotFound, ValidationError
from hubdesk.core.permissions import ADMINISTRATOR, PERMISSIONS, Actor
from hubdesk.core.text_checks import control_character
from hubdesk.services.base import Service
from hubdesk.services.users import sign_in as signing
from hubdesk.services.users.desk import IDLE_KEY, SignInDesk
from hubdesk.services.users.passwords import hash_password

if TYPE_CHECKING:
    from hubdesk.core.models.users import User


@dataclass(frozen=True)
class UserRow:
    id: int
    name: str
    role: str
    role_label: str
    active: bool
    locked_until: datetime | None
    last_sign_in: datetime | None
    failed_attempts: int


@dataclass(frozen=True)
class RoleRow:
    name: str
    label: str
    permissions: frozenset[str]


class UserService(Service):
    """Users, roles and sign-in. Signing in needs no permission; managing users needs "users"."""

    _WRITES_SIGNED_OUT = True

    def create_first_administrator(self, name: str, password: str) -> Actor:
        """The first user of a database, an administrator; refused once anyone exists."""
        from hubdesk.core.models.users import User

        clean = _check_name(name)
        secret = hash_password(password)
        with self._write() as s:
            if signing.has_users(s):
                raise DomainError("This database already has users: sign in instead.")
            user = User(name=clean, password_hash=secret, role=ADMINISTRATOR, active=True,
                        failed_attempts=0, last_sign_in=self._clock.now())
            s.info["user"] = clean
            s.add(user)
            s.flush()
            return signing.actor_of(s, user.id, user.name, user.role)

    def sign_in(self, name: str, password: str, early: signing.EarlyCheck | None = None) -> Actor:
        """Check the password; five wrong ones lock the account for fifteen minutes (``desk.py``)."""
        return self._desk().sign_in(name, password, early)

    def _desk(self) -> SignInDesk:
        return SignInDesk(self._factory.kw["bind"], self._clock)

    def users(self) -> list[UserRow]:
        from hubdesk.core.models.users import Role, User

        self._require("users")
        with self._read() as s:
            labels: dict[str, str] = {n: lb for n, lb in s.execute(select(Role.name, Role.label))}
            rows = s.scalars(select(User).order_by(User.active.desc(), User.name)).all()
            return [UserRow(u.id, u.name, u.role, labels.get(u.role, u.role), u.active,
                            u.locked_until if u.locked_until and u.locked_until > self._clock.now()
                            else None, u.last_sign_in, u.failed_attempts) for u in rows]

    def add(self, name: str, role: str, password: str) -> int:
        from hubdesk.core.models.users import User

        self._require("users")
        clean = _check_name(name)
        secret = hash_password(password)
        with self._write() as s:
            _check_role(s, role)
            if s.scalar(select(User.id).where(func.lower(User.name) == clean.lower())):
                raise ValidationError(f"There is already a user called {clean}.", "name")
            user = User(name=clean, password_hash=secret, role=role, active=True,
                        failed_attempts=0)
            s.add(user)
            s.flush()
            return user.id

    def set_role(self, user_id: int, role: str) -> None:
        self._require("users")
        with self._write() as s:
            _check_role(s, role)
            user = _user(s, user_id)
            if user.role == ADMINISTRATOR and role != ADMINISTRATOR:
                _keep_an_administrator(s, user)
            user.role = role

    def reset_password(self, user_id: int, password: str) -> None:
        """A new password (the user should change it); it also unlocks the account."""
        self._require("users")
        secret = hash_password(password)
        with self._write() as s:
            user = _user(s, user_id)
            user.password_hash, user.failed_attempts, user.locked_until = secret, 0, None

    def set_active(self, user_id: int, active: bool) -> None:
        """Deactivate (never delete: the history names them) or reactivate a user."""
        self._require("users")
        with self._write() as s:
            user = _user(s, user_id)
            if not active and user.role == ADMINISTRATOR:
                _keep_an_administrator(s, user)
            user.active = active

    def unlock(self, user_id: int) -> None:
        self._require("users")
        with self._write() as s:
            user = _user(s, user_id)
            user.failed_attempts, user.locked_until = 0, None

    def find(self, name: str) -> UserRow:
        """The user called ``name`` (for the commands), or NotFound with a sentence."""
        for row in self.users():
            if row.name.lower() == name.strip().lower():
                return row
        raise NotFound(f"There is no user called {name.strip()}. `hubdesk users list` shows them.")

    def roles(self) -> list[RoleRow]:
        from hubdesk.core.models.users import Role, RolePermission

        with self._read() as s:
            grants: dict[str, set[str]] = {}
            for role, permission in s.execute(select(RolePermission.role,
                                                     RolePermission.permission)):
                grants.setdefault(role, set()).add(permission)
            return [RoleRow(r.name, r.label, frozenset(grants.get(r.name, set())))
                    for r in s.scalars(select(Role).order_by(Role.label))]

    def set_permissions(self, role: str, permissions: frozenset[str]) -> None:
        """Replace what a role may do. The administrator always keeps "users" (or no one could)."""
        from hubdesk.core.models.users import RolePermission

        self._require("users")
        unknown = sorted(permissions - set(PERMISSIONS))
        if unknown:
            raise ValidationError(f"Unknown permission {', '.join(unknown)}.", "permissions")
        if role == ADMINISTRATOR and "users" not in permissions:
            raise ValidationError("The administrator role must keep \"users\", or no one could "
                                  "manage users any more.", "permissions")
        with self._write() as s:
            _check_role(s, role)
            s.execute(delete(RolePermission).where(RolePermission.role == role))
            s.add_all(RolePermission(role=role, permission=p) for p in sorted(permissions))

    def idle_minutes(self) -> int:
        """Minutes without use after which the window signs out (0: never)."""
        return self._desk().idle_minutes()

    def set_idle_minutes(self, minutes: int) -> None:
        from hubdesk.core.models.meta import store_meta

        self._require("settings")
        if not 0 <= minutes <= 480:
            raise ValidationError("Sign out after between 1 and 480 minutes (0: never).",
                                  "minutes")
        with self._write() as s:
            store_meta(s, IDLE_KEY, json.dumps(minutes))


def _user(s: Session, user_id: int) -> User:
    from hubdesk.core.models.users import User

    user = s.get(User, user_id)
    if user is None:
        raise NotFound(f"User {user_id} no longer exists.")
    return user


def _check_role(s: Session, role: str) -> None:
    from hubdesk.core.models.users import Role

    if s.get(Role, role) is None:
        names = ", ".join(s.scalars(select(Role.name).order_by(Role.name)))
        raise ValidationError(f"There is no role called {role}; choose one of {names}.", "role")


def _check_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError("Type the user's name.", "name")
    if len(clean) > 60:
        raise ValidationError("A user name can be at most 60 characters.", "name")
    if control_character(clean, allow_newlines=False):
        raise ValidationError("The name holds a hidden control character; type it again.", "name")
    return clean


def _keep_an_administrator(s: Session, user: User) -> None:
    from hubdesk.core.models.users import User

    others = s.scalar(select(func.count()).select_from(User).where(
        User.role == ADMINISTRATOR, User.active.is_(True), User.id != user.id))
    if not others:
        raise DomainError(f"{user.name} is the only active administrator; make someone else "
                          "administrator first.")
