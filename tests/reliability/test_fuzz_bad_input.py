"""Fuzzing the command line and both imports: exit 0, 1 or 2 with a sentence, never 3 or a
traceback, and the database unchanged whenever the command refused.

Every sub-command and option is found by walking the real argument parser, so a new option is
fuzzed the day it is added. ``gui`` opens a window and ``backup``/``check`` have their own tests.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from hubdesk import cli
from hubdesk.app import open_app
from hubdesk.services.clubs.clubs import ClubForm
from hubdesk.services.sites.calendars import EntryForm
from hubdesk.services.sites.sites import SiteForm
from hubdesk.settings import Settings
from tests.conftest import child_form, frozen_clock

SKIPPED = {("gui",), ("backup",), ("check",)}
FUZZ = settings(max_examples=120, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small cluster: two schools with a term, a club, a child with a UPN."""
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "pristine.db"
    app = open_app(Settings(database=str(path), data_dir=folder, backup_dir=folder / "b",
                            user="tester"), create=True, clock=frozen_clock())
    try:
        oak = app.sites.save(SiteForm(name="Oakfield Primary", dfe_number="8882001", is_hub=True))
        app.sites.save(SiteForm(name="Elm Street Primary", dfe_number="8882002"))
        app.calendars.save_entry(EntryForm(oak, "term", date(2026, 9, 3), date(2026, 12, 18),
                                           "Autumn"))
        app.clubs.save(ClubForm(name="Football", site_id=oak, weekdays=(0, 2),
                                start_time=time(15, 15), end_time=time(16, 30), capacity=10,
                                start_date=date(2026, 9, 3), end_date=date(2026, 12, 18),
                                min_year=1, max_year=6, price_pence=750))
        app.children.save(child_form(oak, forename="Ella", surname="Ng", upn="A123456789012"))
    finally:
        app.close()
    return path


def fingerprint(path: Path) -> tuple[tuple[str, int], ...]:
    """Rows per table; every change is also an audit row, so a change always shows here. Money's
    stored sums (``money_*``) are derived rows that any read brings up to date: left out."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                           "AND name NOT LIKE 'money\\_%' ESCAPE '\\'")]
        return tuple((t, db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])
                     for t in sorted(tables))


def run(argv: list[str], folder: Path) -> tuple[int, str, str]:
    """The command in-process, inside ``folder`` so relative output paths land there."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(folder), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def check_outcome(code: int, out: str, err: str, before: tuple[object, ...],
                  database: Path, may_change: bool) -> None:
    assert code in (0, 1, 2), f"exit {code}: {err}"
    assert "Traceback" not in out + err and "something went wrong" not in err
    if code == 2:
        assert err.strip(), "a refusal without a sentence"
        assert err.startswith(("hubdesk: ", "usage: ")) or "error:" in err
    if code != 0 or not may_change:
        assert fingerprint(database) == before, f"exit {code} changed the database: {out}{err}"


def leaf_commands(parser: argparse.ArgumentParser,
                  prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], list[argparse.Action]]]:
    sub = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
    if sub is None:
        yield prefix, [a for a in parser._actions if a.dest not in ("help", "database")]
        return
    for name, child in sub.choices.items():
        yield from leaf_commands(child, (*prefix, name))


LEAVES = [leaf for leaf in leaf_commands(cli.build_parser()) if leaf[0] not in SKIPPED]
NASTY = ["", " ", "-", "--", "0", "-1", "1", "2", "99999999999999999999", "²", "٣",
         "9999-12-31", "0001-01-01", "2026-02-30", "2026-11-23", "31/12/9999", "1/1/1",
         "Oakfield", "Ella Ng", "Football", "=HYPERLINK(\"x\")", "\x1b[2J", "a\u202eb", "ä" * 300,
         "x" * 5000, "%s%n", "../../etc/passwd", "postgresql://u:pw@127.0.0.1:1/none"]


def values(folder: Path) -> st.SearchStrategy[str]:
    paths = [str(folder / "out.pdf"), str(folder / "missing" / "out.pdf"), str(folder),
             "/proc/out.pdf", str(folder / "out"), str(folder / "plain.txt")]
    text = st.text(max_size=40).map(lambda t: t.replace("\x00", ""))
    return st.one_of(st.sampled_from(NASTY + paths), text)


@st.composite
def command_lines(draw: st.DrawFn, folder: Path) -> list[str]:
    path, actions = draw(st.sampled_from(LEAVES))
    argv = list(path)
    for action in actions:
        if action.option_strings and not action.required and not draw(st.booleans()):
            continue
        if action.option_strings:
            argv.append(draw(st.sampled_from(action.option_strings)))
        if action.nargs != 0:
            argv.append(draw(values(folder)))
    if path == ("demo",):
        argv.append("--no-gui")
    return argv


@FUZZ
@given(data=st.data())
def test_fuzzed_command_lines_are_told_never_crash(pristine: Path, tmp_path: Path,
                                                   data: st.DataObject) -> None:
    folder = tmp_path / "work"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    (folder / "plain.txt").write_text("Name,Club\nElla,Football\n", encoding="utf-8")
    database = folder / "hub.db"
    shutil.copy(pristine, database)
    before = fingerprint(database)
    argv = data.draw(command_lines(folder))
    code, out, err = run([*argv, "--database", str(database)], folder)
    check_outcome(code, out, err, before, database,
                  may_change=argv[0] == "import" and "--dry-run" not in argv)


CHILD_HEADERS = ["Legal Surname", "Legal Forename", "DOB", "School", "NC Year", "UPN",
                 "Contact 1 Forename", "Contact 1 Surname", "Contact 1 Mobile", "Contact 1 Email",
                 "Contact 1 Priority", "Contact 1 Address"]
BOOKING_HEADERS = ["Child", "Date of birth", "UPN", "Club", "Site", "Days", "From", "To"]
CELLS = ["Ng", "Ella", "04/05/2018", "2018-05-04", "Oakfield Primary", "8882001", "3", "-1", "Y6",
         "R", "N2", "A123456789012", "Ann", "07700 900001", "call me maybe", "a@", "@@@",
         "ann@example.org", "1", "²", "0" * 150, "Flat 1, " * 40, "Football", "Mon Wed",
         "14/09/2026", "30/09/2026", "01/09/2026", "9999-12-31", "=1+2", "@SUM(A1)", "\x1b[31m",
         "x\x00y", "\u202e", "", " "]


def cell_text() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(CELLS), st.text(max_size=15))


@st.composite
def import_files(draw: st.DrawFn, folder: Path) -> tuple[str, Path]:
    kind = draw(st.sampled_from(["children", "bookings"]))
    headers = list(CHILD_HEADERS if kind == "children" else BOOKING_HEADERS)
    if draw(st.booleans()):
        headers = draw(st.permutations(headers))[: draw(st.integers(1, len(headers)))]
    rows = draw(st.lists(st.lists(cell_text(), min_size=0, max_size=len(headers) + 2),
                         max_size=12))
    form = draw(st.sampled_from(["csv", "xlsx", "bytes", "utf-16", "cr"]))
    if form == "bytes":
        path = folder / draw(st.sampled_from(["in.csv", "in.xlsx", "in.txt"]))
        path.write_bytes(draw(st.binary(max_size=3000)))
    elif form == "xlsx":
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        for row in [headers, *rows]:
            sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) for c in row])
        path = folder / "in.xlsx"
        book.save(path)
    else:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=draw(st.sampled_from([",", ";", "\t"])),
                   lineterminator="\r" if form == "cr" else "\r\n").writerows([headers, *rows])
        encoding = "utf-16" if form == "utf-16" else draw(st.sampled_from(["utf-8", "utf-8-sig"]))
        path = folder / "in.csv"
        path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    return kind, path


@FUZZ
@given(data=st.data())
def test_fuzzed_import_files_are_told_never_crash(pristine: Path, tmp_path: Path,
                                                  data: st.DataObject) -> None:
    folder = tmp_path / "work"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    database = folder / "hub.db"
    shutil.copy(pristine, database)
    before = fingerprint(database)
    kind, path = data.draw(import_files(folder))
    flags = data.draw(st.lists(st.sampled_from(["--dry-run", "--skip-rejected", "--waiting-list"]),
                               unique=True))
    if kind == "children" and "--waiting-list" in flags:
        flags.remove("--waiting-list")
    code, out, err = run(["import", kind, str(path), *flags, "--database", str(database)], folder)
    check_outcome(code, out, err, before, database, may_change="--dry-run" not in flags)
    if code == 2 and f"{path.name}: " in out:
        pytest.fail(f"the preview passed but applying was refused: {err}")
    assert "\x1b" not in out + err and "\x00" not in out + err
