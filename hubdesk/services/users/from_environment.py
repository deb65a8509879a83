"""Signing in without a prompt, for scripts and scheduled tasks: ``HUBDESK_USER`` names the hubdesk
user and ``HUBDESK_PASSWORD_FILE`` a file (readable by its owner only) holding the password on its
first line. Commands and the window read them the same way; never the operating-system login."""

from __future__ import annotations

import os
from pathlib import Path

from hubdesk.core.errors import DomainError

ENV_USER = "HUBDESK_USER"
ENV_PASSWORD_FILE = "HUBDESK_PASSWORD_FILE"


class NotSignedIn(DomainError):
    """A database with users, and nobody to sign in."""


def environment_credentials() -> tuple[str, str] | None:
    """(name, password) when both variables are set; None when either is missing."""
    name = os.environ.get(ENV_USER, "").strip()
    password_file = os.environ.get(ENV_PASSWORD_FILE, "").strip()
    if not (name and password_file):
        return None
    return name, read_password(Path(password_file))


def read_password(path: Path) -> str:
    """The first line of ``path``; NotSignedIn with a sentence when it cannot be read."""
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
