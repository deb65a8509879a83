"""``hubdesk backup``: make a backup now, list backups, or restore one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from hubdesk.app import open_backups
from hubdesk.core.errors import DomainError
from hubdesk.services.admin import BackupService
from hubdesk.settings import load_settings


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("backup", parents=[common],
                            help="back up the database now, list backups, or restore one")
    parser.add_argument("--list", action="store_true", help="list the backups kept")
    parser.add_argument("--restore", nargs="?", const="latest", metavar="FILE",
                        help="restore a backup (default: the newest good one); the current data is "
                             "backed up first, or moved aside when it is damaged")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the backup to this new file")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    service = open_backups(load_settings(args.database))
    if args.list:
        return _list(service)
    if args.restore:
        return _restore(service, args.restore)
    live = service.database
    if live is not None and not live.exists():
        raise DomainError(f"There is no database at {live} to back up. Nothing was created.")
    target = service.backup_now(target=Path(args.output) if args.output else None)
    print(f"Backed up to {target}")
    return 0


def _list(service: BackupService) -> int:
    backups = service.list()
    if not backups:
        print(f"No backups yet in {service.folder}.")
    for b in backups:
        print(f"{b.made:%d/%m/%Y %H:%M}  {b.size / 1_048_576:6.1f} MB  {b.path}")
    return 0


def _restore(service: BackupService, which: str) -> int:
    if which == "latest":
        good = service.good_backups(limit=1)
        if not good:
            raise DomainError(f"There is no good backup in {service.folder} to restore.")
        chosen = good[0].path
    else:
        chosen = Path(which)
    done = service.restore(chosen)
    print(f"Restored {done.backup}.")
    if done.safety:
        print(f"The data as it was before is kept in {done.safety}.")
    if done.damaged:
        print(f"The damaged database was moved aside, untouched, to {done.damaged}.")
    return 0
