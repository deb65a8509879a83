"""``hubdesk import payments FILE --route tfc|bank``: a bank or Tax-Free Childcare statement, previewed
(matched, unmatched, duplicates), then imported all or nothing; importing it again adds nothing."""

from __future__ import annotations

import argparse

from hubdesk.app import HubApp
from hubdesk.commands.output import say
from hubdesk.core.money import money
from hubdesk.services.money import IMPORT_ROUTES, PaymentImportPreview


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--route", choices=IMPORT_ROUTES, default="tfc",
                        help="a Tax-Free Childcare statement (default) or a bank statement")


def print_preview(preview: PaymentImportPreview) -> None:
    for status in ("matched", "unmatched", "duplicate", "error"):
        lines = [ln for ln in preview.lines if ln.status == status]
        say(f"  {status + ':':11} {len(lines)}")
        for ln in lines[:30]:
            when = f"{ln.day:%d/%m/%Y}" if ln.day else ""
            say(f"    row {ln.row}: {when} {money(ln.pence) if ln.pence else ''} "
                f"{ln.reference} {ln.child or ln.problem}".rstrip())


def run(app: HubApp, args: argparse.Namespace) -> int:
    preview = app.money.imports.preview(args.file, args.route)
    say(f"{args.file}: {len(preview.lines)} payment lines")
    print_preview(preview)
    if args.dry_run:
        print("Dry run: nothing was changed.")
        return 1 if preview.count("error") else 0
    app.money.imports.run(args.file, args.route)
    kept = preview.count("matched") + (preview.count("unmatched") if args.route == "tfc" else 0)
    print(f"Imported {kept} payment(s); {preview.count('duplicate')} already imported.")
    return 0


KIND = ("import payments from a bank or Tax-Free Childcare statement", _arguments, run)
