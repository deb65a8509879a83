"""Register printouts for ``hubdesk print``: ``registers`` (a day, optionally one site, optionally
blank for paper) and ``fire-register`` (everyone on a site now)."""

from __future__ import annotations

import argparse
import re
from datetime import datetime, time
from pathlib import Path

from hubdesk.app import HubApp
from hubdesk.commands.lookup import day_argument, find_site
from hubdesk.core.words import count


def _day_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", dest="day", type=day_argument, required=True, metavar="DATE",
                        help="the day of the sessions")
    parser.add_argument("--site", metavar="NAME_OR_NUMBER", help="only this site (default: every site)")
    parser.add_argument("--blank", action="store_true",
                        help="the paper version, with times and collectors left to fill in")


def _registers(app: HubApp, args: argparse.Namespace, target: Path) -> str:
    from hubdesk.reports.registers import write_registers

    site_id, site = find_site(app, args.site) if args.site else (None, "")
    registers = app.registers.take.day_registers(args.day, site_id)
    where = f" at {site}" if site else ""
    title = f"Club registers · {args.day:%a %d/%m/%Y}" + (f" · {site}" if site else "")
    rows = write_registers(registers, target, blank=args.blank, title=title,
                           empty=f"No club sessions on {args.day:%A %d/%m/%Y}{where}.")
    kind = "Blank registers" if args.blank else "Registers"
    return (f"{kind} for {args.day:%d/%m/%Y}{where}: {count(len(registers), 'session')}, "
            f"{count(rows, 'child')}.")


def moment_argument(text: str) -> datetime:
    """argparse type for a London wall-clock moment: "2026-12-01 16:05" or "1/12/2026 16:05",
    returned as naive UTC (how moments are stored)."""
    from hubdesk.services.registers import moment

    found = re.fullmatch(r"\s*(\S+)\s+(\d{1,2})[:.](\d{2})\s*", text)
    if not found:
        raise argparse.ArgumentTypeError(
            f"'{text[:40]}' is not a date and time; write it like \"2026-12-01 16:05\"")
    hour, minute = int(found[2]), int(found[3])
    if hour > 23 or minute > 59:
        raise argparse.ArgumentTypeError(f"{hour}:{minute:02d} is not a time of day; write it "
                                         "like 16:05")
    return moment(day_argument(found[1]), time(hour, minute))


def _fire_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", metavar="NAME", required=True, help="the site to list")
    parser.add_argument("--at", metavar='"DATE HH:MM"', type=moment_argument,
                        help='who was on site at that moment, e.g. --at "2026-12-01 16:05" '
                             "(default: now)")


def _fire(app: HubApp, args: argparse.Namespace, target: Path) -> str:
    from hubdesk.reports.fire_register import write_fire_register

    site_id, _site = find_site(app, args.site)
    roll = app.registers.site.on_site(site_id, args.at)
    write_fire_register(roll, target)
    n = len(roll.children)
    adults = f", {len(roll.adults)} other adult(s) signed in" if roll.adults else ""
    return (f"Fire register for {roll.site} at {roll.when}: {n} child{'' if n == 1 else 'ren'}, "
            f"{len(roll.staff)} staff{adults}.")


def _reads_registers() -> None:
    from hubdesk.reports import registers  # noqa: F401


def _reads_fire_register() -> None:
    from hubdesk.reports import fire_register  # noqa: F401


# (help, add_arguments, run, reads) for hubdesk.commands.print_cmd.KINDS
REGISTERS = ("club registers of a day: a section per session (--blank for paper)", _day_arguments,
             _registers, _reads_registers)
FIRE_REGISTER = ("fire register: everyone on a site now (or --at a moment): children, staff "
                 "and the adults in the signing-in book", _fire_arguments, _fire, _reads_fire_register)
