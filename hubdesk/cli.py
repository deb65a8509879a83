"""The ``hubdesk`` command: the GUI by default, sub-commands for demo, import, print, backup, check."""

from __future__ import annotations

import argparse
import os
import re
import sys
import traceback
from collections.abc import Container, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from hubdesk import __version__
from hubdesk.commands import COMMANDS
from hubdesk.core import gc_pace
from hubdesk.core.bank_holidays import keep_in as keep_bank_holidays_in
from hubdesk.core.errors import DomainError
from hubdesk.core.private import owner_only_umask
from hubdesk.core.text_checks import printable
from hubdesk.settings import ENV_DATABASE, cache_dir, data_dir, load_settings

if TYPE_CHECKING:
    from hubdesk.services.users import EarlyCheck


def build_parser(load: Container[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; only the commands named in ``load`` (default: all) import their module.

    The others are listed with their help line only, so ``--version`` and ``--help`` stay instant.
    """
    parser = argparse.ArgumentParser(
        prog="hubdesk", description="Office software for an extended-school hub.")
    parser.add_argument("--version", action="version", version=f"hubdesk {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a sub-command's own --database is set only when given there, so one given
    # before the command (hubdesk --database FILE print …) is not overwritten by a default None.
    common.add_argument(
        "--database", metavar="PATH_OR_URL", default=argparse.SUPPRESS,  # keeps one given before
        help=f"database file or URL (default: ${ENV_DATABASE}, else the user data folder)")
    parser.add_argument("--database", metavar="PATH_OR_URL", help=argparse.SUPPRESS)
    parser.add_argument("--self-test", action="store_true",
                        help="open the window, show every page once and quit (exit 0 when all opened)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", parents=[common], help="open the window (the default)")
    gui.set_defaults(func=run_gui)
    for command in COMMANDS:
        if load is None or command.name in load:
            command.load().register(sub, common)
        else:
            sub.add_parser(command.name, help=command.help)
    return parser


def command_named(argv: Sequence[str]) -> str | None:
    """The sub-command in ``argv`` (the first word that is not an option or --database's value)."""
    words = iter(argv)
    for word in words:
        if len(word) > 3 and "--database".startswith(word):  # argparse takes --data too
            next(words, None)
        elif word == "--":
            return next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def run_gui(args: argparse.Namespace) -> int:
    early = scripted_password_check(args.database)
    from hubdesk.ui.shell.main import run  # Qt and the window's code load while argon2 works

    return run(args.database, early)


def scripted_password_check(database: str | None) -> EarlyCheck | None:
    """A start by a script (``HUBDESK_USER`` and ``HUBDESK_PASSWORD_FILE``) on a database file: the
    password's argon2 check (a tenth of a second, by design) starts now, before Qt and the window's
    code load, instead of after. Anything unusual (no such variables, an unreadable password file,
    a server database, a file that cannot be read yet) leaves the check to signing in, as before."""
    from hubdesk.services.users import early_check_file, environment_credentials

    try:
        found = environment_credentials()
    except DomainError:
        return None  # signing in says what is wrong with the password file
    chosen = load_settings(database).database
    if found is None or "://" in chosen:
        return None
    return early_check_file(Path(chosen), *found)


def run_self_test(args: argparse.Namespace) -> int:
    from hubdesk.ui.shell.self_test import run_self_test as self_test

    return self_test(args.database)


def run() -> NoReturn:
    """The ``hubdesk`` program: ``main``, then the process ends.

    When ``main`` returns, a command has written its files, closed its database and said what it
    did. Python's tidying of everything the command loaded (SQLAlchemy, the models, reportlab:
    0.15–0.2 s after a printout, a sixth of its time) would only keep the prompt waiting, so the
    process ends there, its log and output flushed. The window's process (Qt was loaded) ends the
    ordinary way: Qt writes what it keeps as it closes. Both collect their garbage at the pace of
    loading (``core.gc_pace``), the window until its idle work is done.
    """
    gc_pace.loading()
    code = main()
    if "PySide6.QtCore" in sys.modules:
        sys.exit(code)
    import logging

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            pass
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    owner_only_umask()  # the database, backups, exports and the log: the owner's only
    words = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(load={command_named(words) or ""})
    args = parser.parse_args(words)
    keep_bank_holidays_in(cache_dir())
    if args.self_test:
        args.func = run_self_test
    elif not getattr(args, "func", None):
        args.func = run_gui
    try:
        return int(args.func(args) or 0)
    except DomainError as exc:
        print(f"hubdesk: {printable(str(exc)) or type(exc).__name__}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("hubdesk: stopped.", file=sys.stderr)
        return 130
    except OSError as exc:
        if exc.errno is None:  # not the operating system's refusal: treat it as a bug below
            return _unexpected(exc)
        name = printable(str(exc.filename or ""))
        shown = name if len(name) <= 120 else name[:60] + "…" + name[-40:]
        where = f" ({shown})" if shown else ""
        print(f"hubdesk: the computer refused: {exc.strerror}{where}. Nothing was half-saved; check the "
              "file name, the folder and the free space, then try again.", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug, not bad input: keep the details in the log, say where
        damage = _damaged_file(exc)
        if damage:  # a listing or printout met a damaged page (they read without the whole check)
            print(f"hubdesk: {damage}", file=sys.stderr)
            return 2
        return _unexpected(exc)


def _damaged_file(exc: BaseException) -> str | None:
    """The damaged-file sentence when SQLite refused a read because the file is damaged."""
    if "sqlalchemy" not in sys.modules:
        return None
    from sqlalchemy.exc import DatabaseError

    from hubdesk.core.refusals import DAMAGED_READ, damaged_file

    if isinstance(exc, DatabaseError) and damaged_file(exc):
        return DAMAGED_READ.format(exc.orig)
    return None


def _unexpected(exc: BaseException) -> int:
    """A fault in hubdesk, not bad input: the details go to the log, one sentence says where."""
    first = next(iter(str(exc).splitlines()), "")[:200]
    what = f"{type(exc).__name__}: {redact(printable(first))}" if first else type(exc).__name__
    where = _log_unexpected()
    print(f"hubdesk: something went wrong ({what}). Nothing was half-saved. {where}", file=sys.stderr)
    return 3


_SECRET = re.compile(r"(?P<head>\b[a-z][a-z0-9+.-]*://[^:/@\s]*:)(?P<secret>\S*)(?=@)", re.I)
_SECRET_OPTION = re.compile(r"(?P<head>(?:password|passwd|pwd)=)(?P<secret>[^\s&;]+)", re.I)


def redact(text: str) -> str:
    """Hide passwords in database URLs (postgresql://user:pw@host → postgresql://user:***@host)."""
    text = _SECRET.sub(lambda m: m["head"] + "***", text)
    return _SECRET_OPTION.sub(lambda m: m["head"] + "***", text)


def _log_unexpected() -> str:
    """Append the current traceback to hubdesk.log; the sentence saying where (or that it could not)."""
    try:
        folder = data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        log_file = folder / "hubdesk.log"
        with log_file.open("a", encoding="utf-8") as f:
            f.write(redact(f"--- {' '.join(sys.argv)}\n{traceback.format_exc()}\n"))
    except OSError as exc:
        return f"The details could not be written to the log ({exc.strerror or exc})."
    return f"The details are in {log_file}."


if __name__ == "__main__":
    sys.exit(main())
