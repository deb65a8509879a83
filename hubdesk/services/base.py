"""What every service shares: its session factory, the acting user, the clock, and error translation."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import FromClause, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from hubdesk.core.clock import Clock
from hubdesk.core.db import read_session, write_session
from hubdesk.core.errors import Conflict, DomainError, NotFound, ValidationError
from hubdesk.core.permissions import SIGN_IN_FIRST, Actor, refusal
from hubdesk.core.refusals import as_sentences, read_refused, write_refused
from hubdesk.core.text_checks import control_character

T = TypeVar("T")


def fetch(s: Session, model: type[T], ident: Any, missing: str) -> T:
    """The row with this primary key, or NotFound with ``missing`` (it was removed meanwhile)."""
    found = s.get(model, ident)
    if found is None:
        raise NotFound(missing)
    return found


class PermissionRefused(DomainError):
    """The signed-in person's role does not allow this."""


class Service:
    """A use-case class; ``clock`` is the program's one clock, so "now" and "today" agree everywhere.

    ``actor`` is who signed in; a bare name (or None) stands for a database without users yet,
    the demo builder and tests, and may do everything.
    """

    # Signing in writes (failed attempts) before anyone is signed in.
    _WRITES_SIGNED_OUT = False
    # The permission every write of this service needs; by default its domain's (see below).
    WRITE_PERMISSION: str | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "WRITE_PERMISSION" not in cls.__dict__:
            parts = cls.__module__.split(".")
            if parts[:2] == ["hubdesk", "services"] and len(parts) > 2:
                cls.WRITE_PERMISSION = DOMAIN_PERMISSIONS.get(parts[2])

    def __init__(self, factory: sessionmaker[Session], actor: Actor | str | None,
                 clock: Clock) -> None:
        self._factory = factory
        self._actor = actor if isinstance(actor, Actor) else Actor.unrestricted(actor)
        self._user = self._actor.name
        self._clock = clock

    def _require(self, permission: str) -> None:
        """Refuse, with a sentence, what the signed-in role may not do."""
        if not self._actor.may(permission):
            raise PermissionRefused(refusal(self._actor, permission))

    def _may(self, permission: str) -> bool:
        return self._actor.may(permission)

    def _medical_shown(self, row: T) -> T:
        """``row`` as this role may see it: medical words blanked without "children.medical"."""
        return row if self._may("children.medical") else without_medical(row)

    @contextmanager
    def _write(self, only_logging: bool = False) -> Iterator[Session]:
        """One write transaction; database refusals come out as DomainErrors.

        The role needs the service's write permission, except for ``only_logging`` (a read that
        records who was shown medical details or passwords)."""
        if self._actor.signed_out and not self._WRITES_SIGNED_OUT:
            raise PermissionRefused(SIGN_IN_FIRST)
        if self.WRITE_PERMISSION is not None and not only_logging:
            self._require(self.WRITE_PERMISSION)
        try:
            with as_sentences(write_refused), \
                    write_session(self._factory, self._user, self._actor.pc) as session:
                yield session
        except StaleDataError as exc:
            raise Conflict(
                "Someone else changed this record while you were editing it. "
                "Close the form, open the record again and repeat your change."
            ) from exc

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with as_sentences(read_refused), read_session(self._factory) as session:
            yield session

    def last_change(self) -> int:
        """The newest audit entry's number. Every change saved (here or on another PC) adds one, so
        a page shown again may keep what it read while this has not moved (one short statement)."""
        with self._read() as s:
            return int(s.execute(text("SELECT coalesce(max(id), 0) FROM audit_log")).scalar_one())


# What each domain's changes need (a service may name another in WRITE_PERMISSION).
DOMAIN_PERMISSIONS = {"people": "children", "sites": "sites", "clubs": "clubs",
                      "registers": "registers", "rota": "rota", "minibus": "minibus",
                      "learning": "courses", "money": "money", "referrals": "referrals",
                      "overview": "overview"}

# Field names that carry a child's medical details in the DTOs of every domain.
MEDICAL_NAMES = frozenset({"allergies", "medical", "medical_notes", "dietary", "dietary_needs",
                           "medicines", "gp_details"})


def without_medical(row: T) -> T:
    """A copy of a frozen DTO with its medical fields emptied (lists of them included)."""
    if not dataclasses.is_dataclass(row) or isinstance(row, type):
        return row
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(row):
        value = getattr(row, field.name)
        if field.name in MEDICAL_NAMES:
            changes[field.name] = "" if isinstance(value, str) else type(value)()
        elif isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            changes[field.name] = tuple(without_medical(item) for item in value)
    return dataclasses.replace(row, **changes)


def check_characters(form: object, labels: Mapping[str, str] | None = None,
                     multiline: tuple[str, ...] = ()) -> None:
    """Refuse a text field holding a control character (NUL, a terminal escape…), naming it."""
    for field in dataclasses.fields(form):  # type: ignore[arg-type]
        value = getattr(form, field.name)
        if not isinstance(value, str):
            continue
        found = control_character(value, allow_newlines=field.name in multiline)
        if found:
            label = (labels or {}).get(field.name, field.name.replace("_", " "))
            raise ValidationError(f"The {label} holds a hidden control character ({found}); "
                                  "type it again.", field.name)


def check_lengths(form: object, table: FromClause, labels: Mapping[str, str] | None = None) -> None:
    """Refuse a text field of a form dataclass longer than its column, naming the field.

    SQLite keeps any length; PostgreSQL refuses what does not fit, so the limit is checked here
    for both, with the column's own length.
    """
    if not dataclasses.is_dataclass(form):
        raise TypeError(f"check_lengths needs a form dataclass, not {type(form).__name__}")
    for field in dataclasses.fields(form):
        value = getattr(form, field.name)
        column = table.c.get(field.name)
        limit = getattr(column.type, "length", None) if column is not None else None
        if isinstance(value, str) and limit and len(value.strip()) > limit:
            label = (labels or {}).get(field.name, field.name.replace("_", " "))
            raise ValidationError(
                f"The {label} can be at most {limit} characters ({len(value.strip())} entered).",
                field.name)
