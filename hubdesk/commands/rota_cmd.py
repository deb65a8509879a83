"""The staff rota on the command line: ``hubdesk print rota`` and ``hubdesk rota-ical``."""

from __future__ import annotations

import argparse
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

from hubdesk.app import HubApp
from hubdesk.commands.lookup import day_argument, find_person, find_site
from hubdesk.commands.output import output_file
from hubdesk.commands.signin import for_reading
from hubdesk.core.errors import DomainError
from hubdesk.core.words import count


def _rota_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--week", metavar="DATE", type=day_argument, required=True,
                        help="any day of the week to print (Monday to Friday are printed)")
    parser.add_argument("--site", metavar="NAME", help="one site only (default: every site)")
    parser.add_argument("--person", metavar="NAME",
                        help="print this person's week instead of the site grids (name, email "
                             "or staff number)")


def _print_rota(app: HubApp, args: argparse.Namespace, target: Path) -> str:
    from hubdesk.reports.rota import write_person_rota, write_site_rota

    if args.person:
        staff_id, name = find_person(app, args.person)
        week = app.rota.person_week(staff_id, args.week)
        write_person_rota([week], target)
        return f"Rota of {name} for the week of {week.monday:%d/%m/%Y}: {len(week.week.shifts)} shifts."
    site_ids = [find_site(app, args.site)[0]] if args.site else None
    grids = app.rota.week_grids(args.week, site_ids)
    if not grids:
        raise DomainError("There is no active site to print.")
    write_site_rota(grids, target)
    under = sum(1 for g in grids for c in g.sessions if c.status == "under")
    note = f", {count(under, 'session')} under ratio" if under else ""
    return f"Rota for the week of {grids[0].monday:%d/%m/%Y}: {count(len(grids), 'site')}{note}."


def _reads_rota() -> None:
    from hubdesk.reports import rota  # noqa: F401


ROTA = ("the weekly staff rota: one landscape page per site, or one person's week",
        _rota_arguments, _print_rota, _reads_rota)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("rota-ical", parents=[common],
                            help="write a staff member's shifts to an iCalendar (.ics) file")
    parser.add_argument("--person", metavar="NAME", required=True,
                        help="the staff member (name, email or staff number)")
    parser.add_argument("--week", metavar="DATE", type=day_argument, required=True,
                        help="any day of the first week")
    parser.add_argument("--weeks", type=int, default=1,
                        help="how many weeks from that one (e.g. 14 for a term; default 1)")
    parser.add_argument("-o", "--output", metavar="FILE.ics", required=True)
    parser.set_defaults(func=run_ical)


def run_ical(args: argparse.Namespace) -> int:
    if not 1 <= args.weeks <= 52:
        raise DomainError("--weeks must be between 1 and 52.")
    target = output_file(args.output, (".ics",), "rota.ics", "calendar file")
    app = for_reading(args.database)
    try:
        staff_id, name = find_person(app, args.person)
        start = args.week - timedelta(days=args.week.weekday())
        end = start + timedelta(days=7 * args.weeks - 1)
        shifts = app.rota.person_shifts(staff_id, start, end)
        now, identity = app.clock.now(), app.rota.database_id()
    finally:
        app.close()
    partial = target.with_name(target.name + ".part")
    try:
        from hubdesk.services.rota import shifts_calendar  # not loaded when another kind prints

        partial.write_bytes(shifts_calendar(name, shifts, now, identity))
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise DomainError(f"Cannot write {target}: {exc.strerror}.") from exc
    print(f"{len(shifts)} shifts of {name} from {start:%d/%m/%Y} to {end:%d/%m/%Y}. "
          f"Written to {target}.")
    return 0
