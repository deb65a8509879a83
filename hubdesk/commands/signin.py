"""Who runs a command: once a database has users, every command signs in first.

The user comes from ``HUBDESK_USER`` with ``HUBDESK_PASSWORD_FILE`` (a file holding the password, for
scripts and scheduled tasks), or from a prompt when the command runs at a terminal. Never from the
operating-system login.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from hubdesk.app import HubApp
from hubdesk.core.errors import DomainError

ENV_USER = "HUBDESK_USER"
ENV_PASSWORD_FILE = "HUBDESK_PASSWORD_FILE"


class NotSignedIn(DomainError):
    """A command on a database with users, without anyone to sign in."""


def signed_in(app: HubApp) -> HubApp:
    """``app`` signed in when the database has users; closed, and NotSignedIn (exit 2), when no
    one can sign in."""
    try:
        sign_in_command(app)
    except BaseException:
        app.close()
        raise
    return app


def sign_in_command(app: HubApp) -> None:
    if not app.users.has_users():
        return
    name = os.environ.get(ENV_USER, "").strip()
    password_file = os.environ.get(ENV_PASSWORD_FILE, "").strip()
    if name and password_file:
        password = _read_password(Path(password_file))
    elif sys.stdin.isatty() and sys.stderr.isatty():
        name = name or input("hubdesk user: ").strip()
        password = getpass.getpass(f"Password for {name}: ")
    else:
        raise NotSignedIn(
            "This database has users: sign in to run commands. Set HUBDESK_USER to your hubdesk "
            "name and HUBDESK_PASSWORD_FILE to a file holding your password (readable by you "
            "only), or run the command at a terminal to be asked.")
    app.sign_in(app.users.sign_in(name, password))


def _read_password(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise NotSignedIn(f"The password file {path} cannot be read ({exc.strerror}). "
                          f"Check {ENV_PASSWORD_FILE}.") from exc
    except UnicodeDecodeError as exc:
        raise NotSignedIn(f"The password file {path} is not a text file. "
                          f"Check {ENV_PASSWORD_FILE}.") from exc
    lines = text.splitlines()
    if not lines or not lines[0]:
        raise NotSignedIn(f"The password file {path} is empty; put the password on its first "
                          "line.")
    return lines[0]
