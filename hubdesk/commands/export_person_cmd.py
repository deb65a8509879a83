"""``hubdesk export-person --child UPN | --carer ID -o FILE.zip``: everything held about one person,
as JSON and a readable PDF in one zip readable by its owner only, for a subject access request."""

from __future__ import annotations

import argparse
from typing import Any

from hubdesk.app import open_app
from hubdesk.commands.lookup import number_argument
from hubdesk.commands.output import expanded, say
from hubdesk.commands.signin import signed_in
from hubdesk.core.errors import DomainError
from hubdesk.core.words import count
from hubdesk.settings import load_settings


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("export-person", parents=[common],
                            help="everything held about one child or carer (subject access), as a zip")
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--child", metavar="UPN", help="the child's UPN")
    who.add_argument("--carer", metavar="ID", type=number_argument, help="the carer's number")
    parser.add_argument("-o", "--output", metavar="FILE.zip", required=True,
                        help="the zip to write (JSON of every record and a readable PDF)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from hubdesk.reports.subject_access import write_person_zip

    target = expanded(args.output)
    if not target.parent.is_dir():
        raise DomainError(f"The folder {target.parent} does not exist. Nothing was written.")
    if target.is_dir():
        raise DomainError(f"{target} is a folder; give a file name ending in .zip.")
    app = signed_in(open_app(load_settings(args.database)))
    try:
        service = app.subject_access
        if args.child is not None:
            records = service.records("child", service.child_by_upn(args.child))
        else:
            records = service.records("carer", args.carer)
    finally:
        app.close()
    written = write_person_zip(records, target)
    held = sum(1 for s in records.sections if s.rows)
    say(f"Everything held about {records.name}: {count(records.total, 'record')} from "
        f"{count(held, 'table')}, written to {written} (readable by you only).")
    return 0
