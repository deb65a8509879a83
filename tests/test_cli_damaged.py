"""Listings and printouts open the file with the window's quick look, not SQLite's check of every page
(5 s before each printout of a large cluster): a damaged page met while reading is a sentence and exit 2,
no traceback, no half-written PDF, the file unchanged. ``hubdesk check`` still checks every page."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from hubdesk import cli
from hubdesk.app import HubApp
from hubdesk.settings import Settings
from tests.reliability.recovery_helpers import damage_table
from tests.services.clubs.club_setup import club


@pytest.fixture
def damaged(hub: HubApp, two_schools: dict[str, int], settings: Settings) -> Path:
    """A database with a club at each school, then noise over the first page of the clubs table."""
    for site in two_schools.values():
        club(hub, site)
    hub.close()
    file = Path(settings.database)
    damage_table(file, "clubs")
    return file


def _fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("argv", [["clubs"], ["print", "registers", "--date", "2026-11-23"],
                                  ["print", "rota", "--week", "2026-11-23"]], ids=" ".join)
def test_a_listing_or_printout_of_a_damaged_file_says_so(
        damaged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    before = _fingerprint(damaged)
    pdf = tmp_path / "out.pdf"
    extra = ["-o", str(pdf)] if argv[0] == "print" else []
    assert cli.main(["--database", str(damaged), *argv, *extra]) == 2
    err = capsys.readouterr().err
    assert "damaged" in err and "Restore the newest good backup" in err
    assert "something went wrong" not in err and "Traceback" not in err
    assert not pdf.exists() and not list(tmp_path.glob("*.part"))
    assert _fingerprint(damaged) == before


def test_check_still_reads_every_page(damaged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--database", str(damaged), "check"]) == 2
    assert "damaged" in capsys.readouterr().err


def test_a_printout_reads_only_what_it_prints(hub: HubApp, two_schools: dict[str, int],
                                              settings: Settings, tmp_path: Path) -> None:
    """A page damaged where the printout does not read is not looked at before it prints (that is
    the window's check behind it, and ``hubdesk check``'s)."""
    club(hub, two_schools["oak"])
    hub.close()
    damage_table(Path(settings.database), "referrals")
    pdf = tmp_path / "registers.pdf"
    assert cli.main(["--database", settings.database, "print", "registers", "--date", "2026-11-23",
                     "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
