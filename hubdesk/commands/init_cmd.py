"""``hubdesk init FILE``: create a new, empty hubdesk database (the only command besides demo that does)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from hubdesk.app import database_file, open_app
from hubdesk.core.db import describe
from hubdesk.core.dbfile import check_creatable
from hubdesk.settings import load_settings


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("init", parents=[common], help="create a new, empty database file",
                            description="Creates a new hubdesk database at FILE. An existing "
                                        "database is never touched; the folder must exist.")
    parser.add_argument("file", metavar="FILE", help="where the new database goes")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args.file)
    file = database_file(settings)
    if file is not None:
        check_creatable(Path(file))
    app = open_app(settings, create=True)
    app.close()
    where = file or describe(settings.database)
    print(f"Created a new, empty hubdesk database at {where}. Open it with: hubdesk --database {where}")
    return 0
