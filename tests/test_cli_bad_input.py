"""Bad arguments and unwritable places: a sentence and exit 2, never exit 3 or a traceback."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from hubdesk import cli
from hubdesk.app import HubApp
from hubdesk.commands import check_cmd, demo_cmd
from hubdesk.core.errors import DomainError
from hubdesk.demo.service import DemoSummary
from tests.conftest import child_form
from tests.services.clubs.club_setup import club


def test_an_exception_without_a_message_still_gets_a_sentence(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    def broken(_args: object) -> int:
        raise MemoryError()

    monkeypatch.setattr(check_cmd, "run", broken)
    assert cli.main(["check", "--database", str(tmp_path / "h.db")]) == 3
    err = capsys.readouterr().err
    assert err.startswith("hubdesk: something went wrong (MemoryError). Nothing was half-saved.")


def test_a_password_in_the_command_line_never_reaches_the_log(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://office:S3cret-pw@db.hub.local:5432/hub"

    def broken(_args: object) -> int:
        raise RuntimeError(f"could not use {url}")

    monkeypatch.setattr(check_cmd, "run", broken)
    monkeypatch.setattr(sys, "argv", ["hubdesk", "check", "--database", url])
    assert cli.main(["check", "--database", url]) == 3
    err = capsys.readouterr().err
    log = Path(err.rsplit("details are in ", 1)[1].strip().rstrip("."))
    text = log.read_text(encoding="utf-8")
    assert "S3cret-pw" not in text and "S3cret-pw" not in err
    assert "postgresql+psycopg://office:***@db.hub.local:5432/hub" in text


def test_a_domain_error_with_escape_sequences_is_printed_inert(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    def refuse(_args: object) -> int:
        raise DomainError("No child called \x1b[2JElla.")

    monkeypatch.setattr(check_cmd, "run", refuse)
    assert cli.main(["check", "--database", str(tmp_path / "h.db")]) == 2
    assert capsys.readouterr().err == "hubdesk: No child called \\u001b[2JElla.\n"


def test_a_week_beyond_the_calendar_is_refused(hub: HubApp,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    for day in ("9999-12-31", "0001-01-01"):
        assert cli.main(["clubs", "--week", day, "--database", hub.settings.database]) == 2
        assert "is not a week hubdesk can count" in capsys.readouterr().err


def test_tsv_output_keeps_formulas_as_text(hub: HubApp, two_schools: dict[str, int],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    names = ['=HYPERLINK("http://x","y")', "@SUM(A1:A2)", "+1+1", "-2", "Plain"]
    for name in names:
        club(hub, two_schools["oak"], name=name)
    assert cli.main(["clubs", "--tsv", "--week", "2026-09-14",
                     "--database", hub.settings.database]) == 0
    cells = [line.split("\t")[1] for line in capsys.readouterr().out.splitlines()[1:]]
    assert sorted(cells) == sorted(["'" + n for n in names[:4]] + ["Plain"])


@pytest.mark.parametrize("where", ["/proc/rota.pdf", "missing/rota.pdf", "folder.pdf"])
def test_print_into_an_unwritable_or_missing_folder_is_told(
        hub: HubApp, two_schools: dict[str, int], tmp_path: Path, where: str,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder.pdf").mkdir()
    code = cli.main(["print", "rota", "-o", where, "--week", "2026-09-14",
                     "--database", hub.settings.database])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and "something went wrong" not in err
    assert err.startswith("hubdesk: ") and err.count("\n") == 1


def test_demo_fresh_keeps_a_copy_when_records_were_added_by_hand(
        demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "demo.db"
    shutil.copy(demo_template, database)
    from hubdesk.app import open_app
    from hubdesk.settings import load_settings

    app = open_app(load_settings(str(database)))
    app.sign_in(app.users.sign_in("admin", "demo-admin"))
    try:
        school = app.sites.list()[0].id
        app.children.save(child_form(school, forename="Real", surname="Child"))
    finally:
        app.close()
    rebuilt: list[int] = []

    def build(_self: object, scale: int, seed: int, **_kw: object) -> DemoSummary:
        rebuilt.append(scale)
        return DemoSummary(0, 0, 0, 0, 0.0, scale, seed)

    monkeypatch.setattr(demo_cmd.DemoService, "build", build)
    assert cli.main(["demo", "--fresh", "--no-gui", "--database", str(database)]) == 0
    out = capsys.readouterr().out
    assert rebuilt == [1] and "a copy of it is kept in" in out
    copies = list(tmp_path.glob("demo-before-fresh-*.db"))
    assert len(copies) == 1 and copies[0].stat().st_size > 1_000_000


def test_demo_fresh_of_an_untouched_demo_keeps_no_copy(
        demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "demo.db"
    shutil.copy(demo_template, database)
    monkeypatch.setattr(demo_cmd.DemoService, "build",
                        lambda _s, scale, seed, **_k: DemoSummary(0, 0, 0, 0, 0.0, scale, seed))
    assert cli.main(["demo", "--fresh", "--no-gui", "--database", str(database)]) == 0
    assert "copy" not in capsys.readouterr().out
    assert list(tmp_path.glob("demo-before-fresh-*")) == []


def test_a_file_name_the_system_refuses_is_told_not_a_crash(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    too_long = tmp_path / ("ä" * 200 + ".db")  # over the file system's 255-byte name limit
    assert cli.main(["init", str(too_long)]) == 2
    said = capsys.readouterr().err
    assert said.startswith("hubdesk: the computer refused: File name too long")
    assert "Traceback" not in said and not any(tmp_path.iterdir())


def test_init_where_no_file_can_be_made_is_told(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["init", "/proc/hubdesk-test.db"]) == 2
    said = capsys.readouterr().err
    assert said.startswith("hubdesk: A database cannot be created at /proc/hubdesk-test.db")
    assert not Path("/proc/hubdesk-test.db").exists()


def test_a_home_folder_of_nobody_in_the_output_is_refused_in_a_sentence(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["--database", str(tmp_path / "hub.db"), "print", "rota", "--week", "2026-11-30",
                 "-o", "~nobody-here/rota.pdf"])
    assert code == 2 and "no home folder for '~nobody-here'" in capsys.readouterr().err
