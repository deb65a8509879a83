"""The Overview on the command line: ``hubdesk print overview --term 2026-autumn [--site NAME] -o
FILE.pdf`` for the governors, and ``hubdesk export take-up --term … -o FILE.xlsx``."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hubdesk.app import HubApp
from hubdesk.commands.lookup import day_argument, find_site
from hubdesk.commands.output import output_file
from hubdesk.commands.signin import for_reading
from hubdesk.core.errors import DomainError

if TYPE_CHECKING:  # `print KIND` lists this kind without loading the overview's services
    from hubdesk.services.overview import OfferRow, Overview


def _period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--term", metavar="TERM", default="",
                        help="the term, named by the year it starts in: 2026-autumn, 2027-spring, "
                             "2027-summer (default: the current term)")
    parser.add_argument("--from", dest="start", type=day_argument, metavar="DATE",
                        help="custom dates instead of a term: the first day (with --to)")
    parser.add_argument("--to", dest="end", type=day_argument, metavar="DATE",
                        help="custom dates: the last day")
    parser.add_argument("--site", metavar="NAME", help="one site only (default: the whole cluster)")


def _read(app: HubApp, args: argparse.Namespace) -> tuple[Overview, list[OfferRow]]:
    if (args.start is None) != (args.end is None):
        raise DomainError("Give both --from and --to for custom dates, or --term alone.")
    if args.start is not None and args.term:
        raise DomainError("Give either --term or --from/--to, not both.")
    from hubdesk.services.overview import PeriodChoice

    choice = (PeriodChoice("custom", start=args.start, end=args.end) if args.start is not None
              else PeriodChoice("term", args.term))
    site = find_site(app, args.site)[0] if args.site else None
    figures = app.overview.figures.overview(choice, site)
    offer = app.overview.core_offer.offer(figures.period.term, site) if figures.period.term else []
    return figures, offer


def _print_overview(app: HubApp, args: argparse.Namespace, target: Path) -> str:
    from hubdesk.reports.overview import write_overview

    figures, offer = _read(app, args)
    write_overview(figures, offer, target)
    return f"Overview of {figures.site}, {figures.period.label}."


OVERVIEW = ("the Overview for governors: a one-page summary, then places, take-up by group, "
            "parent learning, the minibus, club viability and the core offer with charts",
            _period_arguments, _print_overview)


def register_export(kinds: Any, common: argparse.ArgumentParser) -> None:
    """``export take-up``: added to the ``export`` command's kinds."""
    parser = kinds.add_parser("take-up", parents=[common],
                              help="the Overview as an .xlsx workbook, one sheet per view")
    _period_arguments(parser)
    parser.add_argument("-o", "--output", required=True, metavar="FILE.xlsx",
                        help="the workbook to write")
    parser.set_defaults(func=export_take_up)


def _target(text: str) -> Path:
    return output_file(text, (".xlsx",), "take-up.xlsx")


def export_take_up(args: argparse.Namespace) -> int:
    from hubdesk.reports.overview_export import write_workbook

    target = _target(args.output)
    app = for_reading(args.database)
    try:
        figures, offer = _read(app, args)
    finally:
        app.close()
    partial = target.with_name(target.name + ".part")
    try:
        write_workbook(figures, offer, partial)
        os.replace(partial, target)
    except OSError as exc:
        raise DomainError(f"Cannot write {target}: {exc.strerror or exc}. If the file is open in "
                          "Excel, close it and try again.") from exc
    finally:
        partial.unlink(missing_ok=True)
    print(f"Overview of {figures.site}, {figures.period.label}: {len(figures.take_up)} take-up "
          f"rows. Written to {target}.")
    return 0
