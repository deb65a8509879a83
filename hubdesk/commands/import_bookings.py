"""``hubdesk import bookings FILE``: book children from a spreadsheet, with a preview of each row."""

from __future__ import annotations

import argparse

from hubdesk.app import HubApp
from hubdesk.commands.output import say
from hubdesk.services.clubs import BookingImport


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--waiting-list", action="store_true",
                        help="put children on the waiting list of sessions that are full")


def print_preview(result: BookingImport) -> None:
    counts = {outcome: sum(r.outcome == outcome for r in result.rows)
              for outcome in ("booked", "waiting list", "refused")}
    say(f"{result.file}: {len(result.rows)} rows, {result.sessions} sessions")
    for outcome, n in counts.items():
        say(f"  {outcome + ':':<14}{n}")
    if result.ignored_columns:
        say("  columns not used: " + ", ".join(result.ignored_columns))
    for row in result.rows:
        say(f"  row {row.row}: {row.child} · {row.club}: {row.outcome} – {row.detail}")


def import_bookings(app: HubApp, args: argparse.Namespace) -> int:
    preview = app.booking_imports.preview(args.file, waiting_list=args.waiting_list)
    print_preview(preview)
    if args.dry_run:
        print("Dry run: nothing was changed.")
        return 1 if preview.refused else 0
    if preview.refused and not args.skip_rejected:
        print("Nothing was booked because some rows were refused. Correct them, or run again "
              "with --skip-rejected to book the other rows.")
        return 1
    result = app.booking_imports.apply(args.file, skip_rejected=args.skip_rejected,
                                       waiting_list=args.waiting_list)
    done = [r for r in result.rows if r.outcome != "refused"]
    print(f"Booked: {len(done)} rows, {result.sessions} sessions; {len(result.refused)} rows "
          "skipped.")
    return 0


KIND = ("book children into clubs from a CSV or .xlsx file", add_arguments, import_bookings)
