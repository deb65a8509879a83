"""``hubdesk --version`` and ``--help`` answer at once: they import no command, database or PDF code."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from hubdesk import cli
from hubdesk.commands import COMMANDS
from tests.conftest import copy_database

HEAVY = ("sqlalchemy", "reportlab", "PySide6", "hubdesk.app", "hubdesk.services", "hubdesk.commands.")


def _loaded_after(argv: list[str]) -> set[str]:
    script = ("import sys\nfrom hubdesk.cli import main\n"
              f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
              "print('\\n'.join(sys.modules))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_version_and_help_import_nothing_heavy() -> None:
    for argv in (["--version"], ["--help"]):
        loaded = _loaded_after(argv)
        assert not [m for m in loaded if m.startswith(HEAVY)], argv


def test_a_command_imports_only_its_own_module() -> None:
    loaded = _loaded_after(["courses", "--help"])
    assert "hubdesk.commands.learning_cmd" in loaded
    assert "hubdesk.commands.print_cmd" not in loaded
    assert "hubdesk.commands.demo_cmd" not in loaded


def test_the_short_help_lines_match_the_commands_own() -> None:
    full = cli.build_parser().format_help()
    lazy = cli.build_parser(load=()).format_help()
    assert full == lazy
    assert {c.name for c in COMMANDS} <= set(full.split())


def test_the_command_is_found_after_the_database_option() -> None:
    assert cli.command_named(["--database", "x.db", "print", "rota"]) == "print"
    assert cli.command_named(["--data", "print", "check"]) == "check"
    assert cli.command_named(["--self-test"]) is None
    assert cli.command_named([]) is None


def test_the_database_given_before_the_command_is_kept() -> None:
    args = cli.build_parser(load={"check"}).parse_args(["--database", "x.db", "check"])
    assert args.database == "x.db"
    args = cli.build_parser(load={"check"}).parse_args(["check"])
    assert args.database is None


def test_printing_loads_no_other_kinds_services() -> None:
    """``print KIND`` lists every kind, but loads only what that kind writes with (no money, no rota)."""
    loaded = _loaded_after(["print", "registers", "--help"])
    assert "hubdesk.commands.print_cmd" in loaded
    assert not [m for m in loaded if m.startswith(("hubdesk.services.money", "hubdesk.services.rota",
                                                   "hubdesk.reports.statements", "hubdesk.core.models"))]


def test_printing_the_rota_loads_only_what_the_rota_needs(schools_template: tuple[Path, dict[str, int]],
                                                           tmp_path: Path) -> None:
    """Neither PostgreSQL's dialect (on SQLite), nor the iCalendar export, nor the rest of parent
    learning (the rota needs only the crèche's ratio rules)."""
    database = tmp_path / "hub.db"
    copy_database(schools_template[0], database)
    loaded = _loaded_after(["--database", str(database), "print", "rota", "--week", "2026-11-30",
                            "-o", str(tmp_path / "rota.pdf")])
    assert (tmp_path / "rota.pdf").stat().st_size > 0 and "hubdesk.reports.rota" in loaded
    assert not [m for m in loaded if m.startswith((
        "sqlalchemy.dialects.postgresql", "icalendar", "hubdesk.services.learning.enrolments",
        "hubdesk.services.learning.reports"))]
    # England's bank holidays (for the closed days) are kept in the cache folder by the first printout:
    # the next one does not load the package that works them out (it imports every country it knows).
    assert "holidays" in loaded
    assert list((tmp_path / "home" / "cache").rglob("bank-holidays-england.json"))
    again = _loaded_after(["--database", str(database), "print", "rota", "--week", "2026-11-30",
                           "-o", str(tmp_path / "rota2.pdf")])
    assert (tmp_path / "rota2.pdf").stat().st_size > 0
    assert "hubdesk.reports.rota" in again and "holidays" not in again


def test_printing_registers_builds_only_the_models_it_reads(schools_template: tuple[Path, dict[str, int]],
                                                            tmp_path: Path) -> None:
    """Not the minibus's, the money's, the referrals', the Overview's nor the courses' (a fifth of a
    second for all),
    nor the register services it does not use (the site's roll, the health log, the signing-in book)."""
    database = tmp_path / "hub.db"
    copy_database(schools_template[0], database)
    loaded = _loaded_after(["--database", str(database), "print", "registers", "--date", "2026-11-30",
                            "-o", str(tmp_path / "r.pdf")])
    assert (tmp_path / "r.pdf").stat().st_size > 0 and "hubdesk.reports.registers" in loaded
    assert "hubdesk.core.models.registers" in loaded
    assert not [m for m in loaded if m.startswith(tuple(f"hubdesk.core.models.{m}" for m in (
        "minibus", "money", "overview", "referrals", "retention", "learning")))]
    assert "hubdesk.services.registers.take" in loaded
    assert not {f"hubdesk.services.registers.{m}" for m in ("site", "health", "medicines",
                                                            "sign_in")} & loaded


def test_a_script_signs_in_and_reads_the_idle_time_before_the_orm_loads(demo_template: Path,
                                                                         tmp_path: Path) -> None:
    """What the window needs before it shows, for a start by a script (HUBDESK_USER), is Core
    statements only: the ORM (about 45 ms) then loads behind the window, with the Today page's data.
    The sign-in is still counted: the account's last sign-in is written."""
    database = tmp_path / "hub.db"
    copy_database(demo_template, database)
    code = ("import sys\nfrom hubdesk.app import open_app\nfrom hubdesk.settings import load_settings\n"
            f"app = open_app(load_settings({str(database)!r}), full_check=False)\n"
            "app.sign_in_with_password('admin', 'demo-admin')\n"
            "print(app.actor.name, app.desk.idle_minutes(), 'sqlalchemy.orm' in sys.modules)")
    audited = ("SELECT count(*) FROM audit_log WHERE table_name = 'users' AND user = 'admin' "
               "AND changes LIKE '%last_sign_in%'")
    with closing(sqlite3.connect(database)) as conn:
        before = conn.execute(audited).fetchone()[0]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["admin", "15", "False"]
    with closing(sqlite3.connect(database)) as conn:
        assert conn.execute(audited).fetchone()[0] == before + 1
