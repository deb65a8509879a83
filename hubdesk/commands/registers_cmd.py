"""Register printouts for ``hubdesk print``: ``registers`` (a day, optionally one site, optionally
blank for paper) and ``fire-register`` (everyone on a site now)."""

from __future__ import annotations

import argparse
from pathlib import Path

from hubdesk.app import HubApp
from hubdesk.commands.lookup import day_argument, find_site
from hubdesk.core.words import count
from hubdesk.reports.fire_register import write_fire_register
from hubdesk.reports.registers import write_registers


def _day_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", dest="day", type=day_argument, required=True, metavar="DATE",
                        help="the day of the sessions")
    parser.add_argument("--site", metavar="NAME_OR_NUMBER", help="only this site (default: every site)")
    parser.add_argument("--blank", action="store_true",
                        help="the paper version, with times and collectors left to fill in")


def _registers(app: HubApp, args: argparse.Namespace, target: Path) -> str:
    site_id, site = find_site(app, args.site) if args.site else (None, "")
    registers = app.registers.take.day_registers(args.day, site_id)
    where = f" at {site}" if site else ""
    title = f"Club registers · {args.day:%a %d/%m/%Y}" + (f" · {site}" if site else "")
    rows = write_registers(registers, target, blank=args.blank, title=title,
                           empty=f"No club sessions on {args.day:%A %d/%m/%Y}{where}.")
    kind = "Blank registers" if args.blank else "Registers"
    return (f"{kind} for {args.day:%d/%m/%Y}{where}: {count(len(registers), 'session')}, "
            f"{count(rows, 'child')}.")


def _site_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", metavar="NAME", required=True, help="the site to list")


def _fire(app: HubApp, args: argparse.Namespace, target: Path) -> str:
    site_id, _site = find_site(app, args.site)
    roll = app.registers.site.on_site(site_id)
    write_fire_register(roll, target)
    n = len(roll.children)
    return (f"Fire register for {roll.site} at {roll.when}: {n} child{'' if n == 1 else 'ren'}, "
            f"{len(roll.staff)} staff.")


# (help, add_arguments, run) for hubdesk.commands.print_cmd.KINDS
REGISTERS = ("club registers of a day: a section per session (--blank for paper)", _day_arguments,
             _registers)
FIRE_REGISTER = ("fire register: everyone signed in at a site now, with staff on duty",
                 _site_argument, _fire)
