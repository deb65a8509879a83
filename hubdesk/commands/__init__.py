"""Sub-commands of ``hubdesk``; each module has ``register(subparsers, common_parser)``.

``COMMANDS`` names each command, its module and its one-line help without importing the module: the
command line imports only the module of the command that runs (SQLAlchemy, the services and reportlab
are not loaded for ``--version`` or ``--help``).
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import NamedTuple


class Command(NamedTuple):
    name: str
    module: str  # under hubdesk.commands
    help: str

    def load(self) -> ModuleType:
        return importlib.import_module(f"hubdesk.commands.{self.module}")


COMMANDS: tuple[Command, ...] = (
    Command("demo", "demo_cmd", "build a demo cluster (8 sites, ~2,400 children) and open it"),
    Command("init", "init_cmd", "create a new, empty database file"),
    Command("check", "check_cmd", "check the database and report problems"),
    Command("backup", "backup_cmd", "back up the database now, list backups, or restore one"),
    Command("import", "import_cmd", "import children or bookings from a CSV or .xlsx file"),
    Command("print", "print_cmd", "print registers, certificates and summaries to PDF"),
    Command("courses", "learning_cmd", "list parent-learning courses with their numbers"),
    Command("clubs", "clubs_cmd", "list clubs with this week's occupancy (booked / places)"),
    Command("rota-ical", "rota_cmd", "write a staff member's shifts to an iCalendar (.ics) file"),
)
