"""``hubdesk retention preview`` lists what a purge would change under the retention rules;
``hubdesk retention purge --yes`` backs up the database, then applies them in one transaction."""

from __future__ import annotations

import argparse
from typing import Any

from hubdesk.app import open_app
from hubdesk.commands.output import say
from hubdesk.commands.signin import signed_in
from hubdesk.services.admin import RetentionPlan
from hubdesk.settings import load_settings


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("retention", parents=[common],
                            help="preview or apply the retention rules (anonymise, delete, trim)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    preview = actions.add_parser("preview", parents=[common],
                                 help="list what a purge would change; nothing is changed")
    preview.add_argument("--all", action="store_true", help="list every line, not the first 50")
    preview.set_defaults(func=run_preview)
    purge = actions.add_parser("purge", parents=[common],
                               help="back up, then apply the rules in one transaction")
    purge.add_argument("--yes", action="store_true", help="really purge (without it: a preview)")
    purge.set_defaults(func=run_purge)


def show(plan: RetentionPlan, every_line: bool = False) -> None:
    for rule in plan.counts:
        say(f"{rule.label}: {rule.count:,}")
    lines = plan.lines if every_line else plan.lines[:50]
    for line in lines:
        say(f"  {line}")
    if len(plan.lines) > len(lines):
        print(f"  … and {len(plan.lines) - len(lines)} more lines (--all lists them).")


def run_preview(args: argparse.Namespace) -> int:
    app = signed_in(open_app(load_settings(args.database)))
    try:
        rules = app.retention.rules()
        plan = app.retention.preview()
    finally:
        app.close()
    for rule in rules:
        state = "" if rule.active else " (switched off)"
        say(f"Rule — {rule.label}{state}: {rule.explanation}")
    print()
    show(plan, getattr(args, "all", False))
    print("Nothing was changed." if not plan.total else
          f"Nothing was changed. 'hubdesk retention purge --yes' applies these {plan.total:,} changes "
          "after a backup.")
    return 0


def run_purge(args: argparse.Namespace) -> int:
    if not args.yes:
        print("This is the preview. Add --yes to back up the database and purge.")
        return run_preview(args)
    app = signed_in(open_app(load_settings(args.database)))
    try:
        done = app.retention.purge()
    finally:
        app.close()
    show(done.plan)
    if not done.plan.total:
        print("Nothing is due under the retention rules; nothing was changed.")
        return 0
    where = f"The database was backed up first to {done.backup}." if done.backup else (
        "The database is on a server: its own nightly backup is the copy from before.")
    print(f"Purged {done.plan.total:,} records under the retention rules. {where}")
    return 0
