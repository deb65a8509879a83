"""``hubdesk import KIND FILE``: preview a spreadsheet import, then apply it.

Each kind registers itself in KINDS with a function that adds its options and one that runs it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from hubdesk.app import HubApp, open_app
from hubdesk.commands import import_bookings, import_payments
from hubdesk.commands.lookup import find_site
from hubdesk.commands.output import say
from hubdesk.commands.signin import signed_in
from hubdesk.core.errors import DomainError
from hubdesk.core.words import count
from hubdesk.services.people import ImportOptions, ImportPreview
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
        app = signed_in(open_app(load_settings(args.database)))
        try:
            return runner(app, args)
        finally:
            app.close()
    return run


def add_children_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--school", metavar="NAME",
                        help="the school the whole file comes from, when it has no School column "
                             "(its column choices are kept for next time)")
    parser.add_argument("--contacts", metavar="FILE",
                        help="the contacts export, joined to the pupils by UPN or admission number")
    parser.add_argument("--column", metavar="HEADING=FIELD", action="append", default=[],
                        help="say which field a heading holds (e.g. 'Needs=sen_level', or "
                             "'Notes=' to leave it unused); kept for the school")
    parser.add_argument("--full-export", action="store_true",
                        help="the file lists every pupil on roll: pupils missing are offered as leavers")
    parser.add_argument("--mark-leavers", action="store_true",
                        help="with --full-export, mark the pupils missing as left today and cancel "
                             "their bookings from today")


def children_options(app: HubApp, args: argparse.Namespace) -> ImportOptions:
    """The import's options from the command line; a heading without '=' is refused."""
    columns = []
    for given in args.column:
        heading, sep, field_name = given.partition("=")
        if not sep or not heading.strip():
            raise DomainError(f"--column '{given}' needs a heading, '=' and a field, e.g. "
                              "'SEN Need=sen_level'.")
        columns.append((heading.strip(), field_name.strip()))
    school = find_site(app, args.school)[0] if args.school else None
    return ImportOptions(school_site_id=school, contacts_path=args.contacts or "",
                         columns=tuple(columns), full_export=args.full_export)


def print_children_preview(preview: ImportPreview) -> None:
    say(f"{preview.file}: {preview.total} rows")
    say(f"  to add:     {len(preview.added)}")
    say(f"  to update:  {len(preview.updated)}")
    say(f"  unchanged:  {len(preview.unchanged)}")
    say(f"  rejected:   {len(preview.rejected)}")
    say(f"  new carers: {preview.new_carers}")
    if preview.ignored_columns:
        say("  columns not used: " + ", ".join(preview.ignored_columns))
    for line in (*preview.understood, *preview.unknown_values, *preview.notes):
        say(f"  {line}")
    for leaver in preview.leavers:
        booked = f"; booked: {', '.join(leaver.bookings)}" if leaver.bookings else ""
        say(f"  not in the export (leaver?): {leaver.name}, {leaver.school}{booked}")
    for row in preview.updated[:50]:
        say(f"  row {row.row}: update {row.name}: " + "; ".join(row.changes))
    if len(preview.updated) > 50:
        say(f"  … and {len(preview.updated) - 50} more updates")
    for error in preview.rejected:
        who = f" ({error.name})" if error.name else ""
        say(f"  row {error.row}{who}: {error.reason}")


def import_children(app: HubApp, args: argparse.Namespace) -> int:
    options = children_options(app, args)
    preview = app.imports.preview(args.file, options)
    print_children_preview(preview)
    if args.dry_run:
        print("Dry run: nothing was changed.")
        return 1 if preview.rejected else 0
    if preview.rejected and not args.skip_rejected:
        print("Nothing was imported because some rows were rejected. Correct them, or run again "
              "with --skip-rejected to import the other rows.")
        return 1
    result = app.imports.apply(args.file, skip_rejected=args.skip_rejected, options=options)
    print(f"Imported: {result.added} added, {result.updated} updated, {result.unchanged} unchanged, "
          f"{result.skipped} skipped, {result.new_carers} new carers.")
    if preview.leavers and args.mark_leavers:
        marked = app.imports.mark_leavers(tuple(x.child_id for x in preview.leavers),
                                          app.clock.today())
        print(f"Marked {count(marked.marked, 'leaver')} as left today; "
              f"{count(marked.cancelled_sessions, 'booked session')} cancelled.")
    elif preview.leavers:
        print(f"{len(preview.leavers)} pupil(s) are not in the export; run again with "
              "--mark-leavers to mark them as left.")
    return 0


KINDS["children"] = ("import children and carers from a MIS export", add_children_arguments,
                     import_children)
KINDS["bookings"] = import_bookings.KIND
KINDS["payments"] = import_payments.KIND
