"""``hubdesk backup``: make a backup now, list backups, or restore one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from hubdesk.core.db import make_engine
from hubdesk.core.errors import DomainError
from hubdesk.services.admin.backup import BackupService
from hubdesk.settings import load_settings


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("backup", parents=[common],
                            help="back up the database now, list backups, or restore one")
    parser.add_argument("--list", action="store_true", help="list the backups kept")
    parser.add_argument("--restore", nargs="?", const="latest", metavar="FILE",
                        help="restore a backup (default: the latest); the current data is backed "
                             "up first")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the backup to this file")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args.database)
    engine = make_engine(settings.database)
    service = BackupService(engine, settings.backup_dir)
    try:
        if args.list:
            backups = service.list()
            if not backups:
                print(f"No backups yet in {service.folder}.")
            for b in backups:
                print(f"{b.made:%d/%m/%Y %H:%M}  {b.size / 1_048_576:6.1f} MB  {b.path}")
            return 0
        if args.restore:
            backups = service.list()
            if args.restore == "latest":
                if not backups:
                    raise DomainError(f"There are no backups in {service.folder} to restore.")
                chosen = backups[0].path
            else:
                chosen = Path(args.restore)
            safety = service.restore(chosen)
            print(f"Restored {chosen}. The data as it was before is kept in {safety}.")
            return 0
        target = service.backup_now(target=Path(args.output) if args.output else None)
        print(f"Backed up to {target}")
        return 0
    finally:
        engine.dispose()
