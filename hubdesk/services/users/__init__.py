"""The users domain's public face: signing in, users and roles."""

from hubdesk.services.users.passwords import hash_password
from hubdesk.services.users.service import (
    DEFAULT_IDLE_MINUTES,
    LOCK_MINUTES,
    MAX_FAILURES,
    RoleRow,
    SignInRefused,
    UserRow,
    UserService,
)

__all__ = ["DEFAULT_IDLE_MINUTES", "LOCK_MINUTES", "MAX_FAILURES", "RoleRow", "SignInRefused",
           "UserRow", "UserService", "hash_password"]
