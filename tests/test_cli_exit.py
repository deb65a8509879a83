"""The ``hubdesk`` program ends as soon as a command is done: its output, files and database are
complete and closed first. The window's process ends the ordinary way."""

from __future__ import annotations

import gc
import sqlite3
import subprocess
import sys
from pathlib import Path

from hubdesk.core import gc_pace
from tests.conftest import copy_database
from tests.reports.pdf_helpers import pages_text

# Run as the installed program runs: hubdesk.cli.run(), with a tidy-up that only Python's ordinary end
# would call (atexit), to tell the two ends apart.
PROGRAM = ("import atexit, sys\n"
           "atexit.register(lambda: print('tidied at exit', file=sys.stderr))\n"
           "{before}\n"
           "from hubdesk.cli import run\n"
           "sys.argv[0] = 'hubdesk'\n"
           "run()\n")


def _hubdesk(*argv: str, before: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", PROGRAM.format(before=before), *argv],
                          capture_output=True, text=True, timeout=120)


def test_a_command_ends_at_once_with_its_output_file_and_database_complete(
        schools_template: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    database = tmp_path / "hub.db"
    copy_database(schools_template[0], database)
    pdf = tmp_path / "week.pdf"
    done = _hubdesk("--database", str(database), "print", "rota", "--week", "2026-11-23",
                    "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Rota for the week of 23/11/2026: 2 sites") and \
        done.stdout.endswith(f"Written to {pdf}.\n")
    assert "tidied at exit" not in done.stderr  # ended at once, not by Python's ordinary end
    assert len(pages_text(pdf)) == 2
    assert not list(tmp_path.glob("hub.db-*"))  # the database closed: no write-ahead log left over
    copy = tmp_path / "copy.db"
    done = _hubdesk("--database", str(database), "backup", "-o", str(copy))
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM sites").fetchone() == (2,)


def test_a_command_collects_its_garbage_at_the_pace_of_loading(tmp_path: Path) -> None:
    """Python's collector runs less often while a command runs (core.gc_pace): it walked the
    100,000-odd objects SQLAlchemy, the models and reportlab make again and again."""
    show = ("import gc, hubdesk.cli as cli\n"
            "work = cli.main\n"
            "cli.main = lambda: print('collector', gc.get_threshold()) or work()")
    done = _hubdesk("--database", str(tmp_path / "none.db"), "check", before=show)
    assert done.returncode == 2
    assert done.stdout == f"collector {gc_pace.LOADING}\n"
    assert gc_pace.LOADING != gc_pace.USUAL == gc.get_threshold()  # this process's untouched


def test_a_refusal_is_said_in_full_with_its_exit_code(tmp_path: Path) -> None:
    done = _hubdesk("--database", str(tmp_path / "none.db"), "print", "rota", "--week", "2026-11-23",
                    "-o", str(tmp_path / "x.pdf"))
    assert done.returncode == 2
    assert done.stderr.startswith("hubdesk: There is no database at") and done.stderr.endswith(".\n")
    assert "tidied at exit" not in done.stderr


def test_the_windows_process_ends_the_ordinary_way(tmp_path: Path) -> None:
    """Qt loaded (the window ran): Qt and Python write what they keep as they close."""
    done = _hubdesk("--database", str(tmp_path / "none.db"), "check", before="import PySide6.QtCore")
    assert done.returncode == 2
    assert done.stderr.endswith("tidied at exit\n")
