"""Parent learning on the command line: ``hubdesk courses`` lists courses, and the printouts
``course-register``, ``certificates`` and ``course-summary`` for ``hubdesk print``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from hubdesk.app import HubApp
from hubdesk.commands.lookup import day_argument, find_course
from hubdesk.commands.signin import for_reading
from hubdesk.core.words import count


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("courses", parents=[common],
                            help="list parent-learning courses with their numbers")
    parser.add_argument("--all", action="store_true",
                        help="include courses that finished more than six weeks ago")
    parser.set_defaults(func=list_courses)


def list_courses(args: argparse.Namespace) -> int:
    app = for_reading(args.database)
    try:
        rows = app.learning.courses.list(include_finished=args.all)
    finally:
        app.close()
    if not rows:
        print("No courses." if args.all else "No current courses (--all shows older ones).")
    for r in rows:
        waiting = f", {r.waiting} waiting" if r.waiting else ""
        print(f"{r.id:>5}  {r.title}  ·  {r.site}  ·  {r.dates}  ·  {r.places} places{waiting}")
    return 0


def _course_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--course", metavar="ID_OR_TITLE", required=True,
                        help="the course number (see 'hubdesk courses') or its title")


def _register(app: HubApp, args: argparse.Namespace, target: Path) -> str:
    from hubdesk.reports.course_register import write_course_register

    course_id, title = find_course(app, args.course)
    sheet = app.learning.reports.register_sheet(course_id)
    write_course_register(sheet, target)
    return (f"Register of '{title}': {len(sheet.lines)} learners, "
            f"{len(sheet.sessions)} sessions.")


def _certificates(app: HubApp, args: argparse.Namespace, target: Path) -> str:
    from hubdesk.reports.certificates import write_certificates

    course_id, title = find_course(app, args.course)
    certificates = app.learning.reports.certificates(course_id)
    write_certificates(certificates, target)
    return f"{count(len(certificates), 'certificate')} for '{title}'."


def _summary_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", type=day_argument, metavar="DATE",
                        help="first day (default: the start of the current term)")
    parser.add_argument("--to", dest="end", type=day_argument, metavar="DATE",
                        help="last day (default: the end of the current term)")


def _summary(app: HubApp, args: argparse.Namespace, target: Path) -> str:
    from hubdesk.reports.course_summary import write_course_summary

    start, end, label = app.learning.reports.term_around()
    start, end = args.start or start, args.end or end
    summary = app.learning.reports.term_summary(start, end)
    write_course_summary(summary, target)
    period = label if (args.start, args.end) == (None, None) else \
        f"{start:%d/%m/%Y} to {end:%d/%m/%Y}"
    return f"Summary of {count(len(summary.courses), 'course')}, {period}."


# (help, add_arguments, run) for hubdesk.commands.print_cmd.KINDS
COURSE_REGISTER = ("a course's register: every session, a column each", _course_argument, _register)
CERTIFICATES = ("a certificate for each learner who completed a course", _course_argument,
                _certificates)
COURSE_SUMMARY = ("parent-learning term summary: take-up, completion and attendance by school",
                  _summary_arguments, _summary)
