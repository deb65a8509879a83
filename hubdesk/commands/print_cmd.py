"""``hubdesk print KIND … -o FILE.pdf``: every printout from the command line.

Each kind is one line in ``KINDS``: its help text, a function adding its own arguments, and a
function that writes the PDF and returns a sentence for the terminal. The PDF is written beside
the target first and moved into place at the end, so a failure never leaves half a file.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from hubdesk.app import HubApp
from hubdesk.commands import (
    learning_cmd,
    minibus_cmd,
    money_cmd,
    overview_cmd,
    registers_cmd,
    rota_cmd,
)
from hubdesk.commands.output import output_file
from hubdesk.commands.signin import for_reading
from hubdesk.core.errors import DomainError


class PrintKind(NamedTuple):
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[HubApp, argparse.Namespace, Path], str]  # writes the PDF, returns a message
    # Loads the report and what it reads (its services, their models) while the password is checked;
    # None: every model (statements, the Overview and the courses' printouts read most domains anyway).
    reads: Callable[[], object] | None = None


KINDS: dict[str, PrintKind] = {
    "course-register": PrintKind(*learning_cmd.COURSE_REGISTER),
    "certificates": PrintKind(*learning_cmd.CERTIFICATES),
    "course-summary": PrintKind(*learning_cmd.COURSE_SUMMARY),
    "rota": PrintKind(*rota_cmd.ROTA),
    "registers": PrintKind(*registers_cmd.REGISTERS),
    "fire-register": PrintKind(*registers_cmd.FIRE_REGISTER),
    "minibus": PrintKind(*minibus_cmd.MINIBUS),
    "statements": PrintKind(*money_cmd.STATEMENTS),
    "overview": PrintKind(*overview_cmd.OVERVIEW),
}


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("print", help="print registers, certificates and summaries to PDF")
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    for name, kind in KINDS.items():
        each = kinds.add_parser(name, parents=[common], help=kind.help, description=kind.help)
        each.add_argument("-o", "--output", metavar="FILE.pdf", required=True,
                          help="the PDF file to write")
        kind.add_arguments(each)
        each.set_defaults(func=run, print_kind=kind)


def run(args: argparse.Namespace) -> int:
    target = output_file(args.output, (".pdf",), "rota.pdf", "PDF file")
    partial = target.with_name(target.name + ".part")
    app = for_reading(args.database, args.print_kind.reads)
    try:
        try:
            message = args.print_kind.run(app, args, partial)
        except OSError as exc:  # an unwritable or full folder, found while writing
            raise DomainError(f"Cannot write the PDF in {target.parent}: "
                              f"{exc.strerror or exc}. Choose a folder you can save in.") from exc
        try:
            os.replace(partial, target)
        except OSError as exc:
            raise DomainError(f"Cannot write {target}: {exc.strerror}. If the file is open in a "
                              "PDF viewer, close it and try again.") from exc
    finally:
        app.close()
        partial.unlink(missing_ok=True)
    print(f"{message} Written to {target}.")
    return 0
