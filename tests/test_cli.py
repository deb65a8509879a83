"""The command line: version, errors a person can act on, and bugs kept out of the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from hubdesk import __version__, cli
from hubdesk.commands import check_cmd
from hubdesk.core.errors import DomainError


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert capsys.readouterr().out.strip() == f"hubdesk {__version__}"


def test_a_domain_error_is_one_line(monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    def refuse(_args: object) -> int:
        raise DomainError("The folder X does not exist.")

    monkeypatch.setattr(check_cmd, "run", refuse)
    assert cli.main(["check", "--database", str(tmp_path / "h.db")]) == 2
    assert capsys.readouterr().err == "hubdesk: The folder X does not exist.\n"


def test_a_bug_prints_a_sentence_and_logs_the_traceback(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    def broken(_args: object) -> int:
        raise KeyError("oops")

    monkeypatch.setattr(check_cmd, "run", broken)
    assert cli.main(["check", "--database", str(tmp_path / "h.db")]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err and "something went wrong (KeyError" in err
    log = Path(err.rsplit("details are in ", 1)[1].strip().rstrip("."))
    assert "Traceback" in log.read_text(encoding="utf-8")


def test_database_before_the_command_is_used_and_never_created(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]
                                                                ) -> None:
    missing = tmp_path / "nope.db"
    for argv in (["--database", str(missing), "print", "registers", "--date", "2026-12-01",
                  "-o", str(tmp_path / "r.pdf")],
                 ["print", "registers", "--date", "2026-12-01", "--database", str(missing),
                  "-o", str(tmp_path / "r.pdf")]):
        assert cli.main(argv) == 2
        assert f"There is no database at {missing}" in capsys.readouterr().err
    assert not missing.exists() and not (tmp_path / "r.pdf").exists()
