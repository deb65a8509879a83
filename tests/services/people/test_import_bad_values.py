"""Values the forms would refuse are refused by the children import too, in its preview and apply."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hubdesk.app import HubApp
from hubdesk.cli import main
from hubdesk.core.errors import DomainError
from hubdesk.core.models import Carer, Child

HEADERS = ["Legal Surname", "Legal Forename", "DOB", "School", "NC Year", "Contact 1 Forename",
           "Contact 1 Surname", "Contact 1 Mobile", "Contact 1 Email", "Contact 1 Address",
           "Contact 1 Priority"]


def good(**change: str) -> list[str]:
    row = dict(zip(HEADERS, ["Ng", "Ella", "04/05/2018", "Oakfield Primary", "3", "Ann", "Ng",
                             "07700 900001", "ann@example.org", "1 High Street", "1"], strict=True))
    row.update({HEADERS[["surname", "forename", "dob", "school", "year", "cforename", "csurname",
                         "mobile", "email", "address", "priority"].index(k)]: v
                for k, v in change.items()})
    return list(row.values())


def write(tmp_path: Path, *rows: list[str]) -> Path:
    path = tmp_path / "mis.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADERS)
        out.writerows(rows)
    return path


def counts(hub: HubApp) -> tuple[int, int]:
    with hub.factory() as s:
        return (s.scalar(select(func.count()).select_from(Child)) or 0,
                s.scalar(select(func.count()).select_from(Carer)) or 0)


@pytest.mark.parametrize(("change", "reason"), [
    ({"year": "-1"}, "year group '-1' is not a year group"),
    ({"year": "²"}, "year group '²' is not a year group"),
    ({"priority": "²"}, "contact 1: priority '²' is not a number from 1 to 9"),
    ({"address": "Flat 1, " + "Long Road " * 40}, "contact 1: The address can be at most 300"),
    ({"mobile": "0" * 150}, "contact 1: The mobile number can be at most 30 characters"),
    ({"mobile": "call me maybe"}, "contact 1: 'call me maybe' is not a mobile number"),
    ({"email": "a@"}, "contact 1: 'a@' is not an email address"),
    ({"email": "@@@"}, "contact 1: '@@@' is not an email address"),
    ({"surname": "Ng\x1b[2J"}, "The surname holds a hidden control character (ESC)"),
    ({"csurname": "Ng\u202e"}, "contact 1: The surname holds a hidden control character (U+202E)"),
])
def test_a_bad_value_is_rejected_by_preview_and_apply_alike(
        hub: HubApp, two_schools: dict[str, int], tmp_path: Path,
        change: dict[str, str], reason: str) -> None:
    path = write(tmp_path, good(), good(forename="Sam", **change))
    preview = hub.imports.preview(path)
    assert [r.row for r in preview.rejected] == [3]
    assert reason in preview.rejected[0].reason
    with pytest.raises(DomainError, match="1 row"):
        hub.imports.apply(path)
    assert counts(hub) == (0, 0)
    result = hub.imports.apply(path, skip_rejected=True)
    assert (result.added, result.skipped) == (1, 1)


def test_an_address_of_300_characters_is_kept_whole(hub: HubApp, two_schools: dict[str, int],
                                                    tmp_path: Path) -> None:
    address = ("1 High Street, " * 20)[:300]
    hub.imports.apply(write(tmp_path, good(address=address)))
    with hub.factory() as s:
        assert s.scalar(select(Carer.address)) == address.strip()


def test_escape_sequences_are_not_printed_raw(hub: HubApp, two_schools: dict[str, int],
                                              tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, good(surname="\x1b]0;owned\x07Ng\x1b[2J", forename="\x1b[31mEl"))
    assert main(["import", "children", str(path), "--dry-run",
                 "--database", hub.settings.database]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\u001b[31mEl" in out and "control character (ESC)" in out
