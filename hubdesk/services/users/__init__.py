"""The users domain's public face: signing in, users and roles."""

from hubdesk.services.users.from_environment import (
    ENV_PASSWORD_FILE,
    ENV_USER,
    NotSignedIn,
    environment_credentials,
)
from hubdesk.services.users.passwords import hash_password
from hubdesk.services.users.service import (
    DEFAULT_IDLE_MINUTES,
    RoleRow,
    SignInRefused,
    UserRow,
    UserService,
)
from hubdesk.services.users.sign_in import LOCK_MINUTES, MAX_FAILURES

__all__ = [
    "DEFAULT_IDLE_MINUTES",
    "ENV_PASSWORD_FILE",
    "ENV_USER",
    "LOCK_MINUTES",
    "MAX_FAILURES",
    "NotSignedIn",
    "RoleRow",
    "SignInRefused",
    "UserRow",
    "UserService",
    "environment_credentials",
    "hash_password",
]
