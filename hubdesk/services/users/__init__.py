"""The users domain's public face: signing in, users and roles.

The service (and through it the ORM) loads when it is first asked for: the sign-in dialog needs only
the environment's credentials, so it shows before the ORM has loaded, and signing in by a script goes
through ``SignInDesk`` on Core connections, so the window shows before it too.
"""

from typing import TYPE_CHECKING, Any

from hubdesk.services.users.desk import DEFAULT_IDLE_MINUTES, SignInDesk
from hubdesk.services.users.from_environment import (
    ENV_PASSWORD_FILE,
    ENV_USER,
    NotSignedIn,
    environment_credentials,
)
from hubdesk.services.users.passwords import hash_password
from hubdesk.services.users.sign_in import (
    LOCK_MINUTES,
    MAX_FAILURES,
    EarlyCheck,
    SignInRefused,
    early_check,
    early_check_file,
    has_users,
)

if TYPE_CHECKING:
    from hubdesk.services.users.service import RoleRow, UserRow, UserService

_FROM_SERVICE = ("RoleRow", "UserRow", "UserService")


def __getattr__(name: str) -> Any:
    if name in _FROM_SERVICE:
        from hubdesk.services.users import service

        return getattr(service, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_IDLE_MINUTES",
    "ENV_PASSWORD_FILE",
    "ENV_USER",
    "LOCK_MINUTES",
    "MAX_FAILURES",
    "EarlyCheck",
    "NotSignedIn",
    "RoleRow",
    "SignInDesk",
    "SignInRefused",
    "UserRow",
    "UserService",
    "early_check",
    "early_check_file",
    "environment_credentials",
    "has_users",
    "hash_password",
]
