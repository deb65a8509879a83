"""``hubdesk demo``: build the demo cluster in its own database, then open the window on it."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from hubdesk.app import database_file, open_app
from hubdesk.core.db import describe
from hubdesk.core.errors import DomainError
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
        state = DemoService(app.factory, settings.user, app.clock).state()
    finally:
        app.close()
    if state == "demo" and args.fresh:
        _discard(database_file(settings))
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
    if args.no_gui:
        return 0
    from hubdesk.ui.shell.main import run as run_gui

    return run_gui(database)


def _print_step(done: int, total: int, message: str) -> None:
    print(f"[{done}/{total}] {message}", file=sys.stdout, flush=True)


def _discard(file: str | None) -> None:
    """Remove a demo database file and its WAL companions (only ever called for demo data)."""
    if file is None:
        raise DomainError("--fresh works only with a database file; empty the server database by hand.")
    for suffix in ("", "-wal", "-shm"):
        Path(file + suffix).unlink(missing_ok=True)
