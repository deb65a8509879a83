"""Money from the command line: ``hubdesk print statements`` (a family per section, one PDF)."""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path

from hubdesk.app import HubApp
from hubdesk.commands.lookup import day_argument
from hubdesk.core.errors import DomainError


def month_argument(text: str) -> tuple[date, date]:
    """'2026-11' (or '11/2026') as the first and last day of that month."""
    found = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text) or re.fullmatch(
        r"\s*(\d{1,2})/(\d{4})\s*", text)
    if found:
        first, second = int(found[1]), int(found[2])
        year, month = (first, second) if first > 12 else (second, first)
        if 1 <= month <= 12 and 2000 <= year <= 2100:
            from hubdesk.services.money import month_bounds  # only when a month is given: every
            # other print kind is listed beside this one and must not load the money services

            return month_bounds(year, month)
    raise argparse.ArgumentTypeError(f"'{text[:20]}' is not a month; write it like 2026-11.")


def _statement_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--month", type=month_argument, metavar="YYYY-MM",
                        help="the month of the statements, e.g. 2026-11")
    parser.add_argument("--from", dest="start", type=day_argument, metavar="DATE",
                        help="or the first day of any period (with --to)")
    parser.add_argument("--to", dest="end", type=day_argument, metavar="DATE",
                        help="the last day of the period")
    parser.add_argument("--family", metavar="NAME", default="",
                        help="only the families whose surname, child or payer matches")


def _period(args: argparse.Namespace) -> tuple[date, date]:
    if args.month and (args.start or args.end):
        raise DomainError("Give --month, or --from and --to, not both.")
    if args.month:
        start, end = args.month
        return start, end
    if args.start and args.end:
        return args.start, args.end
    raise DomainError("Say which period: --month 2026-11, or --from DATE --to DATE.")


def _statements(app: HubApp, args: argparse.Namespace, target: Path) -> str:
    start, end = _period(args)
    book = app.money.accounts.statements(start, end, args.family)
    from hubdesk.reports.statements import write_statements

    write_statements(book, target)
    n = len(book.statements)
    return (f"Statements {start:%d/%m/%Y} to {end:%d/%m/%Y}: {n} "
            f"famil{'y' if n == 1 else 'ies'}.")


# (help, add_arguments, run) for hubdesk.commands.print_cmd.KINDS
STATEMENTS = ("family statements for a month or any period: a family per section, siblings together",
              _statement_arguments, _statements)
