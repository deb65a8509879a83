"""Commands find sites, staff and courses the one way, and read dates the one way (hubdesk.commands
.lookup): exact, unique start, then case and accents ignored; several matches are listed with what
tells them apart, which the command accepts too."""

from __future__ import annotations

import argparse
from datetime import date, time
from pathlib import Path

import pytest

from hubdesk.app import HubApp
from hubdesk.cli import main
from hubdesk.commands.lookup import day_argument
from hubdesk.services.people.staff import StaffForm
from hubdesk.services.sites.sites import SiteForm


def _staff(hub: HubApp, forename: str, surname: str, email: str = "") -> int:
    return hub.staff.save(StaffForm(forename=forename, surname=surname, role="play worker",
                                    email=email))


def _ical(db: str, person: str, tmp_path: Path, week: str = "23/11/2026") -> int:
    return main(["rota-ical", "--database", db, "--person", person, "--week", week,
                 "-o", str(tmp_path / "shifts.ics")])


def test_two_people_with_one_name_are_listed_with_their_emails(
        hub: HubApp, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _staff(hub, "Jo", "Smith", "jo@oak.org")
    _staff(hub, "Jo", "Smith", "jo.smith@elm.org")
    _staff(hub, "Zoë", "Ó Briain")
    db = hub.settings.database
    assert _ical(db, "Jo Smith", tmp_path) == 2
    err = capsys.readouterr().err
    assert "'Jo Smith' matches 2 staff members: Jo Smith (jo@oak.org); Jo Smith " \
           "(jo.smith@elm.org). Give one of these instead, e.g. --person jo@oak.org." in err
    assert _ical(db, "JO@OAK.ORG", tmp_path) == 0
    assert "shifts of Jo Smith" in capsys.readouterr().out
    assert _ical(db, str(first), tmp_path) == 0
    assert _ical(db, "zoe o briain", tmp_path) == 0  # accents and case ignored
    assert "shifts of Zoë Ó Briain" in capsys.readouterr().out
    assert _ical(db, "Zo", tmp_path) == 0  # the only name starting so
    assert _ical(db, "Nobody", tmp_path) == 2
    assert "No staff member is called 'Nobody'." in capsys.readouterr().err


def test_sites_by_exact_name_unique_start_folded_name_or_number(
        hub: HubApp, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    oak = hub.sites.save(SiteForm(name="Oak", short_name="OK"))
    hub.sites.save(SiteForm(name="Oakfield Primary"))
    hub.sites.save(SiteForm(name="Ésker Green"))
    db = hub.settings.database

    def registers(site: str) -> int:
        return main(["print", "registers", "--database", db, "--date", "23/11/2026",
                     "--site", site, "-o", str(tmp_path / "reg.pdf")])
    assert registers("Oak") == 0  # exact, although 'Oakfield Primary' starts the same
    assert "at Oak:" in capsys.readouterr().out
    assert registers("Oakf") == 0 and "at Oakfield Primary" in capsys.readouterr().out
    assert registers("esker") == 0 and "at Ésker Green" in capsys.readouterr().out
    assert registers(str(oak)) == 0 and "at Oak:" in capsys.readouterr().out
    assert registers("oa") == 2
    assert f"'oa' matches 2 sites: Oak ({oak}); Oakfield Primary" in capsys.readouterr().err


def test_courses_with_one_title_are_told_apart_by_number(
        hub: HubApp, two_schools: dict[str, int], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from tests.services.learning.test_learning import course_form

    ids = [hub.learning.courses.save(course_form(two_schools["oak"], title="Family English",
                                                 start_date=start, end_date=end,
                                                 start_time=time(9, 15)))
           for start, end in ((date(2026, 9, 8), date(2026, 11, 17)),
                              (date(2026, 11, 3), date(2026, 12, 15)))]
    db = hub.settings.database
    args = ["print", "course-register", "--database", db, "-o", str(tmp_path / "r.pdf")]
    assert main([*args, "--course", "family english"]) == 2
    err = capsys.readouterr().err
    assert f"Family English, Oakfield Primary, from 08/09/2026 ({ids[0]})" in err
    assert f"e.g. --course {ids[1]}" in err  # newest first
    assert main([*args, "--course", str(ids[1])]) == 0


def test_the_date_argument_takes_every_form_and_explains_a_short_year() -> None:
    today = date(2026, 11, 30)
    for text in ("30/11/2026", "2026-11-30", "30.11.2026", "30/11"):
        assert day_argument(text, lambda: today) == date(2026, 11, 30)
    with pytest.raises(argparse.ArgumentTypeError, match="'30/11/26' needs a four-digit year"):
        day_argument("30/11/26", lambda: today)


def test_a_short_year_on_the_command_line_is_one_sentence(
        hub: HubApp, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _ical(hub.settings.database, "Jo", tmp_path, week="23/11/26")
    assert "'23/11/26' needs a four-digit year, e.g. 23/11/2026" in capsys.readouterr().err


@pytest.mark.parametrize("output", ["", " ", ".", "..", "no-such-folder/shifts.ics"])
def test_a_calendar_file_that_cannot_be_named_is_one_sentence(
        hub: HubApp, tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``-o ''`` (or a folder, or a missing folder) is refused before anything is read or written."""
    monkeypatch.chdir(tmp_path)
    _staff(hub, "Ada", "Lovelace")
    assert main(["rota-ical", "--database", hub.settings.database, "--person", "Ada", "--week",
                 "23/11/2026", "-o", output]) == 2
    err = capsys.readouterr().err
    assert err.startswith("hubdesk: ") and err.count("\n") == 1
    assert "Give the calendar file to write after -o" in err or "does not exist" in err
    assert not list(tmp_path.glob("*.ics*"))
