"""Sub-commands of ``hubdesk``; each module has ``register(subparsers, common_parser)``.

``COMMANDS`` names each command, its one-line help and a function importing its module: the command
line imports only the module of the command that runs (SQLAlchemy, the services and reportlab are not
loaded for ``--version`` or ``--help``). The imports are plain ones inside functions, so a freezer such
as PyInstaller still sees every command.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import NamedTuple


class Command(NamedTuple):
    name: str
    help: str
    load: Callable[[], ModuleType]


def _demo_cmd() -> ModuleType:
    from hubdesk.commands import demo_cmd

    return demo_cmd


def _init_cmd() -> ModuleType:
    from hubdesk.commands import init_cmd

    return init_cmd


def _check_cmd() -> ModuleType:
    from hubdesk.commands import check_cmd

    return check_cmd


def _backup_cmd() -> ModuleType:
    from hubdesk.commands import backup_cmd

    return backup_cmd


def _import_cmd() -> ModuleType:
    from hubdesk.commands import import_cmd

    return import_cmd


def _print_cmd() -> ModuleType:
    from hubdesk.commands import print_cmd

    return print_cmd


def _learning_cmd() -> ModuleType:
    from hubdesk.commands import learning_cmd

    return learning_cmd


def _clubs_cmd() -> ModuleType:
    from hubdesk.commands import clubs_cmd

    return clubs_cmd


def _export_cmd() -> ModuleType:
    from hubdesk.commands import export_cmd

    return export_cmd


def _rota_cmd() -> ModuleType:
    from hubdesk.commands import rota_cmd

    return rota_cmd


def _referrals_cmd() -> ModuleType:
    from hubdesk.commands import referrals_cmd

    return referrals_cmd


def _export_person_cmd() -> ModuleType:
    from hubdesk.commands import export_person_cmd

    return export_person_cmd


def _retention_cmd() -> ModuleType:
    from hubdesk.commands import retention_cmd

    return retention_cmd


def _users_cmd() -> ModuleType:
    from hubdesk.commands import users_cmd

    return users_cmd


COMMANDS: tuple[Command, ...] = (
    Command("demo", "build a demo cluster (8 sites, ~2,400 children) and open it", _demo_cmd),
    Command("init", "create a new, empty database file", _init_cmd),
    Command("check", "check the database and report problems", _check_cmd),
    Command("backup", "back up the database now, list backups, or restore one", _backup_cmd),
    Command("import", "import children or bookings from a CSV or .xlsx file", _import_cmd),
    Command("print", "print registers, certificates and summaries to PDF", _print_cmd),
    Command("export", "export data for other systems (money, take-up)", _export_cmd),
    Command("courses", "list parent-learning courses with their numbers", _learning_cmd),
    Command("clubs", "list clubs with this week's occupancy (booked / places)", _clubs_cmd),
    Command("rota-ical", "write a staff member's shifts to an iCalendar (.ics) file", _rota_cmd),
    Command("referrals", "list referrals and signposting (--overdue: only those overdue)",
            _referrals_cmd),
    Command("export-person", "everything held about one child or carer (subject access), as a zip",
            _export_person_cmd),
    Command("retention", "preview or apply the retention rules (anonymise, delete, trim)",
            _retention_cmd),
    Command("users", "add and list users, set roles, reset passwords (administrator)", _users_cmd),
)
