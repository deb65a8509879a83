"""``hubdesk users``: the administrator's users from the command line.

``users add`` on a database without users creates its first administrator (nobody to sign in as
yet); every other use signs in first and needs the "users" permission.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from hubdesk.app import HubApp, open_app
from hubdesk.commands.output import say
from hubdesk.commands.signin import sign_in_command
from hubdesk.core.clock import to_local
from hubdesk.core.errors import DomainError
from hubdesk.core.permissions import ADMINISTRATOR, DEFAULT_ROLES
from hubdesk.services.users import NotSignedIn
from hubdesk.settings import load_settings


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("users", parents=[common],
                            help="add and list users, set roles, reset passwords (administrator)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", parents=[common], help="every user with role and last sign-in")
    add = actions.add_parser("add", parents=[common], help="add a user (asks for the password)")
    add.add_argument("name")
    add.add_argument("--role", required=True, help="one of " + ", ".join(DEFAULT_ROLES))
    add.add_argument("--password-file", type=Path, help="read the password from this file")
    role = actions.add_parser("set-role", parents=[common], help="change a user's role")
    role.add_argument("name")
    role.add_argument("role")
    reset = actions.add_parser("reset-password", parents=[common],
                               help="give a user a new password (also unlocks)")
    reset.add_argument("name")
    reset.add_argument("--password-file", type=Path, help="read the password from this file")
    for name, text in (("deactivate", "stop a user signing in (users are never deleted)"),
                       ("activate", "let a deactivated user sign in again"),
                       ("unlock", "unlock a user after too many wrong passwords")):
        actions.add_parser(name, parents=[common], help=text).add_argument("name")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    app = open_app(load_settings(args.database))
    try:
        if args.action == "add" and not app.has_users():
            return _first_administrator(app, args)
        sign_in_command(app)
        return _act(app, args)
    finally:
        app.close()


def _first_administrator(app: HubApp, args: argparse.Namespace) -> int:
    if args.role != ADMINISTRATOR:
        raise NotSignedIn("This database has no users yet: the first one must be the "
                          "administrator (--role administrator).")
    actor = app.users.create_first_administrator(args.name, _password(args.password_file))
    say(f"{actor.name} is the first user, the administrator. From now on the window and every "
        "command ask who is signing in.")
    return 0


def _act(app: HubApp, args: argparse.Namespace) -> int:
    users = app.users
    if args.action == "list":
        for row in users.users():
            state = "" if row.active else " (deactivated)"
            if row.locked_until:
                state += f" (locked until {to_local(row.locked_until):%H:%M})"
            last = f"{to_local(row.last_sign_in):%d/%m/%Y %H:%M}" if row.last_sign_in else "never"
            say(f"{row.name:30} {row.role_label:18} last signed in {last}{state}")
        return 0
    if args.action == "add":
        users.add(args.name, args.role, _password(args.password_file))
        say(f"{args.name.strip()} added as {args.role}.")
        return 0
    row = users.find(args.name)
    if args.action == "set-role":
        users.set_role(row.id, args.role)
    elif args.action == "reset-password":
        users.reset_password(row.id, _password(args.password_file))
    elif args.action in ("deactivate", "activate"):
        users.set_active(row.id, args.action == "activate")
    else:
        users.unlock(row.id)
    say(f"{row.name}: done ({args.action.replace('-', ' ')}).")
    return 0


def _password(file: Path | None) -> str:
    """The new password: the first line of ``file``, or typed twice at the terminal."""
    if file is not None:
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise DomainError(f"The password file {file} cannot be read.") from exc
        if not lines or not lines[0]:
            raise DomainError(f"The password file {file} is empty; put the password on its "
                              "first line.")
        return lines[0]
    if not sys.stdin.isatty():
        raise DomainError("Give the new password with --password-file FILE, or run the command "
                          "at a terminal to type it.")
    first = getpass.getpass("New password: ")
    if getpass.getpass("Type it again: ") != first:
        raise DomainError("The two passwords differ; nothing was changed.")
    return first
