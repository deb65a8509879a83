"""``hubdesk print minibus --date DAY`` (a run sheet per run) or ``--week DAY`` (the timetable of
the school week holding DAY)."""

from __future__ import annotations

import argparse
from pathlib import Path

from hubdesk.app import HubApp
from hubdesk.commands.lookup import day_argument
from hubdesk.core import words


def _arguments(parser: argparse.ArgumentParser) -> None:
    when = parser.add_mutually_exclusive_group(required=True)
    when.add_argument("--date", type=day_argument, metavar="DATE",
                      help="print the run sheets of this day")
    when.add_argument("--week", type=day_argument, metavar="DATE",
                      help="print the timetable of the school week holding this day")


def _run(app: HubApp, args: argparse.Namespace, target: Path) -> str:
    from hubdesk.reports.run_sheets import write_run_sheets, write_week_timetable

    if args.week is not None:
        week = app.minibus.sheets.week(args.week)
        write_week_timetable(week, target)
        runs = sum(len(v) for v in week.runs.values())
        return (f"Minibus timetable for the week of {week.monday:%d/%m/%Y}: {words.count(runs, 'run')}, "
                f"{words.count(len(week.problems), 'problem')} to sort.")
    sheets = app.minibus.sheets.run_sheets(args.date)
    riders = sum(len(x.passengers) for x in sheets)
    return_text = (f"{words.count(len(sheets), 'run sheet')} for {args.date:%a %d/%m/%Y}, "
                   f"{words.count(riders, 'passenger')}.")
    write_run_sheets(sheets, target, args.date)
    return return_text


def _reads_minibus() -> None:
    from hubdesk.reports import run_sheets  # noqa: F401


MINIBUS = ("minibus run sheets for a day (--date) or the week's timetable (--week)", _arguments, _run,
           _reads_minibus)
