"""Errors with a message a person in the office can act on."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the hub was broken; ``str(err)`` is shown to the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    """The record asked for does not exist (any more)."""


class ValidationError(DomainError):
    """Input is incomplete or malformed; ``field`` names the form field when known."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class Conflict(DomainError):
    """The change clashes with data already there (duplicate, full session, stale edit)."""


class DatabaseRefused(DomainError):
    """The database cannot be opened safely (network share, newer schema, locked, corrupt)."""


class DatabaseMissing(DatabaseRefused):
    """No database at the path (missing, empty, or its folder is gone); only init or demo create one."""


class DatabaseDamaged(DatabaseRefused):
    """The file is damaged or not a database at all; restoring a backup is the way out."""
