"""England's bank holidays kept on disk: the same days as the package's, read back without it,
worked out again for another version of the package or a damaged file, and never a failure."""

from __future__ import annotations

import json
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

import holidays
import pytest

from hubdesk.core import bank_holidays
from hubdesk.core.bank_holidays import FILE_NAME, england, keep_in, package_source


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(bank_holidays, "_folder", None)
    keep_in(tmp_path / "cache")
    return tmp_path / "cache"


def _package(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year).items())


def _stored(folder: Path) -> dict[str, Any]:
    found: dict[str, Any] = json.loads((folder / FILE_NAME).read_text(encoding="utf-8"))
    return found


def test_the_years_kept_are_the_packages_and_are_read_back(folder: Path) -> None:
    assert england(2022) == _package(2022)  # the Queen's funeral and the moved Spring bank holiday
    assert england(2027) == _package(2027)  # Boxing Day's substitute on the 28th
    stored = _stored(folder)
    assert stored["source"] == package_source() and set(stored["years"]) == {"2022", "2027"}
    # What is read back is the file's, not worked out again: a day written into it is answered.
    stored["years"]["2027"]["2027-07-01"] = "A day only the file knows"
    (folder / FILE_NAME).write_text(json.dumps(stored), encoding="utf-8")
    assert england(2027)[date(2027, 7, 1)] == "A day only the file knows"


def test_another_version_of_the_package_works_the_years_out_again(folder: Path) -> None:
    folder.mkdir()
    (folder / FILE_NAME).write_text(json.dumps({
        "source": "__version__ = \"0.1\"", "years": {"2026": {"2026-07-01": "Stale"}}}), encoding="utf-8")
    assert england(2026) == _package(2026)
    stored = _stored(folder)
    assert stored["source"] == package_source()
    assert "2026-07-01" not in stored["years"]["2026"]


@pytest.mark.parametrize("text", ["", "{", "[]", '{"source": null}', "\x00\xff garbage",
                                  '{"source": SOURCE, "years": {"2026": {"not a day": "x"}}}',
                                  '{"source": SOURCE, "years": {"2026": {"2026-01-01": 7}}}',
                                  '{"source": SOURCE, "years": {"2026": []}}'])
def test_a_damaged_file_is_worked_out_again_and_replaced(folder: Path, text: str) -> None:
    folder.mkdir()
    (folder / FILE_NAME).write_text(text.replace("SOURCE", json.dumps(package_source())),
                                    encoding="utf-8", errors="surrogateescape")
    assert england(2026) == _package(2026)
    assert _stored(folder)["years"] == {"2026": {d.isoformat(): n for d, n in _package(2026).items()}}


def test_a_folder_that_cannot_be_written_still_answers(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bank_holidays, "_folder", None)
    blocker = tmp_path / "a file"
    blocker.write_text("in the way", encoding="utf-8")
    keep_in(blocker / "cache")
    assert england(2026) == _package(2026)
    assert blocker.read_text(encoding="utf-8") == "in the way"


def test_nothing_is_kept_without_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bank_holidays, "_folder", None)
    monkeypatch.chdir(tmp_path)
    assert england(2026) == _package(2026)
    assert list(tmp_path.iterdir()) == []


def test_the_package_is_known_by_its_version_file() -> None:
    source = package_source()
    assert source is not None and version("holidays") in source
