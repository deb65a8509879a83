"""Who runs a command: once a database has users, every command signs in first.

The user comes from ``HUBDESK_USER`` with ``HUBDESK_PASSWORD_FILE`` (a file holding the password, for
scripts and scheduled tasks), or from a prompt when the command runs at a terminal. Never from the
operating-system login.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable

from hubdesk.app import HubApp, open_app
from hubdesk.settings import load_settings


def for_reading(database: str | None, reads: Callable[[], object] | None = None) -> HubApp:
    """The signed-in app of a command that lists or prints; ``reads`` loads what it reads with (its
    services and their models only) while the password is checked, else every model is loaded.

    Its file gets the look the window gives it (header, tables, schema version; a file that needs
    upgrading is checked whole first), not SQLite's check of every page: that took 5 s before each
    printout of a 24,000-child cluster. A damaged page met while reading is refused with a sentence
    (exit 2); ``hubdesk check``, the window and every command that imports or restores still check
    the whole file first.
    """
    app = open_app(load_settings(database), full_check=False)
    return signed_in(app, meanwhile=lambda: app.load_models(reads))


def signed_in(app: HubApp, meanwhile: Callable[[], object] | None = None) -> HubApp:
    """``app`` signed in when the database has users; closed, and NotSignedIn (exit 2), when no
    one can sign in. ``meanwhile`` runs while the password is checked (argon2 on a worker thread)."""
    try:
        sign_in_command(app, meanwhile)
    except BaseException:
        app.close()
        raise
    return app


def sign_in_command(app: HubApp, meanwhile: Callable[[], object] | None = None) -> None:
    # Imported here: `print KIND --help` and the like load no models.
    from hubdesk.services.users import ENV_USER, NotSignedIn, environment_credentials

    if not app.has_users():
        return
    found = environment_credentials()
    if found is not None:
        name, password = found
    elif sys.stdin.isatty() and sys.stderr.isatty():
        name = os.environ.get(ENV_USER, "").strip() or input("hubdesk user: ").strip()
        password = getpass.getpass(f"Password for {name}: ")
    else:
        raise NotSignedIn(
            "This database has users: sign in to run commands. Set HUBDESK_USER to your hubdesk "
            "name and HUBDESK_PASSWORD_FILE to a file holding your password (readable by you "
            "only), or run the command at a terminal to be asked.")
    app.sign_in_with_password(name, password, meanwhile)
