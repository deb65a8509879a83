"""``hubdesk import KIND FILE``: preview a spreadsheet import, then apply it.

Each kind registers itself in KINDS with a function that adds its options and one that runs it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from hubdesk.app import HubApp, open_app
from hubdesk.commands import import_bookings, import_payments
from hubdesk.commands.output import say
from hubdesk.services.people.import_children import ImportPreview
from hubdesk.settings import load_settings

Runner = Callable[[HubApp, argparse.Namespace], int]
KINDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Runner]] = {}


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("import", help="import children or bookings from a CSV or .xlsx file")
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    for name, (help_text, add_arguments, runner) in KINDS.items():
        kind = kinds.add_parser(name, parents=[common], help=help_text)
        kind.add_argument("file", metavar="FILE", help="the CSV or .xlsx file")
        kind.add_argument("--dry-run", action="store_true", help="show the preview, change nothing")
        kind.add_argument("--skip-rejected", action="store_true",
                          help="import the good rows even when some rows are rejected")
        add_arguments(kind)
        kind.set_defaults(func=_runner(runner))


def _runner(runner: Runner) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        app = open_app(load_settings(args.database))
        try:
            return runner(app, args)
        finally:
            app.close()
    return run


def print_children_preview(preview: ImportPreview) -> None:
    say(f"{preview.file}: {preview.total} rows")
    say(f"  to add:     {len(preview.added)}")
    say(f"  to update:  {len(preview.updated)}")
    say(f"  unchanged:  {len(preview.unchanged)}")
    say(f"  rejected:   {len(preview.rejected)}")
    say(f"  new carers: {preview.new_carers}")
    if preview.ignored_columns:
        say("  columns not used: " + ", ".join(preview.ignored_columns))
    for row in preview.updated[:50]:
        say(f"  row {row.row}: update {row.name}: " + "; ".join(row.changes))
    if len(preview.updated) > 50:
        say(f"  … and {len(preview.updated) - 50} more updates")
    for error in preview.rejected:
        who = f" ({error.name})" if error.name else ""
        say(f"  row {error.row}{who}: {error.reason}")


def import_children(app: HubApp, args: argparse.Namespace) -> int:
    preview = app.imports.preview(args.file)
    print_children_preview(preview)
    if args.dry_run:
        print("Dry run: nothing was changed.")
        return 1 if preview.rejected else 0
    if preview.rejected and not args.skip_rejected:
        print("Nothing was imported because some rows were rejected. Correct them, or run again "
              "with --skip-rejected to import the other rows.")
        return 1
    result = app.imports.apply(args.file, skip_rejected=args.skip_rejected)
    print(f"Imported: {result.added} added, {result.updated} updated, {result.unchanged} unchanged, "
          f"{result.skipped} skipped, {result.new_carers} new carers.")
    return 0


KINDS["children"] = ("import children and carers from a MIS export", lambda _p: None, import_children)
KINDS["bookings"] = import_bookings.KIND
KINDS["payments"] = import_payments.KIND
