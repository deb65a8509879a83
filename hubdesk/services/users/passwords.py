"""Password hashing (argon2id from argon2-cffi) and the rules a new password must meet."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from hubdesk.core.errors import ValidationError

MIN_LENGTH = 8
_HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    check_password(password)
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    """True when ``password`` matches the stored hash (a damaged hash never matches)."""
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    try:
        return _HASHER.check_needs_rehash(stored)
    except InvalidHashError:
        return True


def check_password(password: str) -> None:
    """Refuse a password that is too short or blank, with a sentence."""
    if len(password) < MIN_LENGTH:
        raise ValidationError(f"A password needs at least {MIN_LENGTH} characters "
                              f"({len(password)} given).", "password")
    if password.strip() != password:
        raise ValidationError("A password cannot start or end with a space.", "password")
    if len(password) > 200:
        raise ValidationError("A password can be at most 200 characters.", "password")
