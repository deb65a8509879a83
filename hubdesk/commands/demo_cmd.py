"""``hubdesk demo``: build the demo cluster in its own database, then open the window on it."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

from hubdesk.app import database_file, open_app
from hubdesk.core.clock import Clock
from hubdesk.core.db import describe
from hubdesk.core.errors import DomainError
from hubdesk.core.words import count, were
from hubdesk.demo.service import DemoService
from hubdesk.services.progress import Progress
from hubdesk.settings import ENV_DATABASE, data_dir, load_settings


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "demo", parents=[common], help="build a demo cluster (8 sites, ~2,400 children) and open it",
        description="Builds the demo cluster in demo.db in the data folder (or --database), then opens "
                    "the window. A database with real records is never touched.")
    parser.add_argument("--scale", type=int, default=1, help="1 = about 2,400 children (default 1)")
    parser.add_argument("--seed", type=int, default=1, help="the same seed builds the same cluster")
    parser.add_argument("--no-gui", action="store_true", help="build only; do not open the window")
    parser.add_argument("--fresh", action="store_true",
                        help="throw away an earlier demo database and build it again")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    database = args.database or os.environ.get(ENV_DATABASE)
    if not database:
        data_dir().mkdir(parents=True, exist_ok=True)  # the demo's own default place
        database = str(data_dir() / "demo.db")
    settings = load_settings(database)
    app = open_app(settings, create=True)
    try:
        demo = DemoService(app.factory, settings.user, app.clock)
        state = demo.state()
        changed = demo.changes_since_built() if state == "demo" and args.fresh else 0
    finally:
        app.close()
    if state == "demo" and args.fresh:
        file = database_file(settings)
        if changed and file:
            kept = _keep_copy(Path(file))
            print(f"{count(changed, 'change')} {were(changed)} made to the demo database after it was built; "
                  f"a copy of it is kept in {kept}.")
        _discard(file)
        state = "empty"
    if state == "demo":
        print(f"The demo cluster is already in {describe(database)}; opening it "
              "(--fresh builds it again).")
    else:
        app = open_app(settings, create=True)
        try:
            summary = DemoService(app.factory, settings.user, app.clock).build(
                args.scale, args.seed, progress=Progress(_print_step))
        finally:
            app.close()
        print(f"\nDemo cluster built in {summary.seconds:.1f} s: {summary.sites} sites, "
              f"{summary.children:,} children, {summary.carers:,} carers, {summary.staff} staff.")
        print(f"Database: {describe(database)}")
        print("Sign in as admin with the password demo-admin; the README lists a demo user for "
              "each role (office, head, coordinator, clubstaff, driver, safeguarding).")
    if args.no_gui:
        return 0
    from hubdesk.ui.shell.main import run as run_gui

    return run_gui(database)


def _print_step(done: int, total: int, message: str) -> None:
    print(f"[{done}/{total}] {message}", file=sys.stdout, flush=True)


def _keep_copy(file: Path) -> Path:
    """Copy the database (consistently, with SQLite's backup) beside it before it is thrown away."""
    stamp = Clock().local_now().strftime("%Y%m%d-%H%M%S")
    target = file.with_name(f"{file.stem}-before-fresh-{stamp}{file.suffix}")
    try:
        with closing(sqlite3.connect(file)) as source, closing(sqlite3.connect(target)) as copy:
            source.backup(copy)
    except (sqlite3.Error, OSError) as exc:
        target.unlink(missing_ok=True)
        raise DomainError(f"The demo database has changes made after it was built, and a copy "
                          f"could not be kept ({exc}), so it was not thrown away.") from exc
    return target


def _discard(file: str | None) -> None:
    """Remove a demo database file and its WAL companions (only ever called for demo data)."""
    if file is None:
        raise DomainError("--fresh works only with a database file; empty the server database by hand.")
    for suffix in ("", "-wal", "-shm"):
        Path(file + suffix).unlink(missing_ok=True)
