"""Importing a MIS export into the database: preview, apply, re-import, families, all-or-nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hubdesk.app import HubApp
from hubdesk.cli import main
from hubdesk.core.errors import DomainError
from hubdesk.core.models import AuditEntry, Carer, Child

HEADERS = ["UPN", "Legal Surname", "Legal Forename", "Preferred Forename", "DOB", "School", "NC Year",
           "Medical", "FSM", "Contact 1 Forename", "Contact 1 Surname", "Contact 1 Relationship",
           "Contact 1 Mobile", "Contact 1 Parental Responsibility", "Contact 2 Forename",
           "Contact 2 Surname", "Contact 2 Mobile"]
GOOD = [
    ["A888200126001", "Wiśniewska", "Łucja", "Lucy", "04/05/2018", "Oakfield Primary", "3", "Asthma", "Y",
     "Małgorzata", "Wiśniewska", "Mother", "07700 900001", "Y", "", "", ""],
    ["B888200126002", "Wiśniewski", "Jakub", "", "2020-01-17", "8882001", "1", "", "N",
     "Małgorzata", "Wiśniewska", "Mother", "07700900001", "Y", "Paweł", "Wiśniewski", "07700 900002"],
    ["C888200226003", "O'Neill-Brennan", "Aoife", "", "12/12/2016", "elm street primary", "Y5", "=1+2",
     "", "Siobhán", "O'Neill", "Mother", "07700 900003", "yes", "", "", ""],
]


def write(path: Path, rows: list[list[str]], headers: list[str] = HEADERS,
          encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        out = csv.writer(f)
        out.writerow(headers)
        out.writerows(rows)
    return path


def counts(hub: HubApp) -> tuple[int, int]:
    with hub.factory() as s:
        return (s.scalar(select(func.count()).select_from(Child)) or 0,
                s.scalar(select(func.count()).select_from(Carer)) or 0)


def test_preview_writes_nothing_and_apply_adds_children_and_shared_carers(
        hub: HubApp, two_schools: dict[str, int], tmp_path: Path) -> None:
    path = write(tmp_path / "mis.csv", GOOD)
    preview = hub.imports.preview(path)
    assert [r.row for r in preview.added] == [2, 3, 4] and not preview.rejected
    assert preview.new_carers == 3  # the mother of both siblings counts once
    assert counts(hub) == (0, 0)
    result = hub.imports.apply(path)
    assert (result.added, result.updated, result.new_carers) == (3, 0, 3)
    assert counts(hub) == (3, 3)
    lucja = hub.children.search("Łucja")[0]
    jakub = hub.children.search("Jakub")[0]
    family = {m.name for m in hub.carers.family(lucja.id)}
    assert "Wiśniewski, Jakub" in family
    assert {lk.carer.forename for lk in hub.carers.links(jakub.id)} == {"Małgorzata", "Paweł"}
    aoife = hub.children.get(hub.children.search("Aoife")[0].id)
    assert aoife.medical_notes == "=1+2" and aoife.school_site_id == two_schools["elm"]


def test_reimporting_the_same_file_changes_nothing(hub: HubApp, two_schools: dict[str, int],
                                                   tmp_path: Path) -> None:
    path = write(tmp_path / "mis.csv", GOOD)
    hub.imports.apply(path)
    with hub.factory() as s:
        audit_rows = s.scalar(select(func.count()).select_from(AuditEntry))
    preview = hub.imports.preview(path)
    assert (len(preview.added), len(preview.updated), len(preview.unchanged)) == (0, 0, 3)
    assert preview.new_carers == 0
    result = hub.imports.apply(path)
    assert (result.added, result.updated, result.unchanged, result.new_carers) == (0, 0, 3, 0)
    assert counts(hub) == (3, 3)
    with hub.factory() as s:  # only the import's own summary entry is new
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == (audit_rows or 0) + 1


def test_a_changed_file_updates_and_never_duplicates(hub: HubApp, two_schools: dict[str, int],
                                                     tmp_path: Path) -> None:
    hub.imports.apply(write(tmp_path / "v1.csv", GOOD))
    changed = [row[:] for row in GOOD]
    changed[0][1] = "Wiśniewska-Kowalska"
    changed[0][6] = "4"
    preview = hub.imports.preview(write(tmp_path / "v2.csv", changed))
    assert [r.row for r in preview.updated] == [2]
    assert any("surname" in c and "Wiśniewska-Kowalska" in c for c in preview.updated[0].changes)
    hub.imports.apply(tmp_path / "v2.csv")
    assert counts(hub) == (3, 3)
    child = hub.children.get(hub.children.search("Łucja")[0].id)
    assert (child.surname, child.year_group) == ("Wiśniewska-Kowalska", 4)


def test_children_already_entered_by_hand_are_matched_by_name_birthday_and_school(
        hub: HubApp, two_schools: dict[str, int], tmp_path: Path) -> None:
    from tests.conftest import child_form

    hub.children.save(child_form(two_schools["oak"]))  # Łucja Wiśniewska, 04/05/2018, Y3
    preview = hub.imports.preview(write(tmp_path / "mis.csv", GOOD))
    assert [r.row for r in preview.added] == [3, 4] and [r.row for r in preview.updated] == [2]


def test_bad_rows_are_listed_with_numbers_and_block_the_import(
        hub: HubApp, two_schools: dict[str, int], tmp_path: Path) -> None:
    pad = [""] * 10
    bad = [
        *GOOD,
        ["", "Kaya", "Emre", "", "31/02/2019", "Oakfield Primary", "2", *pad],
        ["", "Yılmaz", "Elif", "", "01/03/2019", "Nowhere School", "2", *pad],
        ["", "", "Ömer", "", "01/03/2019", "Oakfield Primary", "2", *pad],
        ["", "Demir", "Defne", "", "01/03/2019", "Oakfield Primary", "Y9", *pad],
    ]
    path = write(tmp_path / "mis.csv", bad)
    preview = hub.imports.preview(path)
    reasons = {e.row: e.reason for e in preview.rejected}
    assert set(reasons) == {5, 6, 7, 8}
    assert "not a real date" in reasons[5]
    assert "Nowhere School" in reasons[6]
    assert "surname" in reasons[7]
    assert "year group" in reasons[8]
    with pytest.raises(DomainError, match="4 row"):
        hub.imports.apply(path)
    assert counts(hub) == (0, 0)
    result = hub.imports.apply(path, skip_rejected=True)
    assert (result.added, result.skipped) == (3, 4)


def test_the_same_pupil_twice_in_one_file_is_rejected(hub: HubApp, two_schools: dict[str, int],
                                                      tmp_path: Path) -> None:
    preview = hub.imports.preview(write(tmp_path / "mis.csv", [*GOOD, GOOD[0]]))
    assert [(e.row, "row 2" in e.reason) for e in preview.rejected] == [(5, True)]


def test_windows_1252_file_with_pound_and_accents(hub: HubApp, two_schools: dict[str, int],
                                                  tmp_path: Path) -> None:
    rows = [["", "Murphy", "Seán", "", "01/09/2019", "Oakfield Primary", "2", "£5 lunch debt", "", "", "", "",
             "", "", "", "", ""]]
    hub.imports.apply(write(tmp_path / "mis.csv", rows, encoding="cp1252"))
    child = hub.children.get(hub.children.search("Seán")[0].id)
    assert child.medical_notes == "£5 lunch debt"


def test_missing_required_column_names_it(hub: HubApp, two_schools: dict[str, int],
                                          tmp_path: Path) -> None:
    path = write(tmp_path / "mis.csv", [["Kaya", "Emre"]], headers=["Surname", "Forename"])
    with pytest.raises(DomainError, match="date of birth, school, year group"):
        hub.imports.preview(path)


def test_command_dry_run_then_apply(hub: HubApp, two_schools: dict[str, int], tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "mis.csv", GOOD)
    db = hub.settings.database
    assert main(["import", "children", str(path), "--dry-run", "--database", db]) == 0
    out = capsys.readouterr().out
    assert "to add:     3" in out and "Dry run" in out
    assert counts(hub) == (0, 0)
    assert main(["import", "children", str(path), "--database", db]) == 0
    assert "3 added" in capsys.readouterr().out
    assert counts(hub) == (3, 3)


def test_command_refuses_a_file_with_bad_rows_unless_skipped(
        hub: HubApp, two_schools: dict[str, int], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    bad = [*GOOD, ["", "Kaya", "Emre", "", "31/02/2019", "Oakfield Primary", "2", *[""] * 10]]
    path = write(tmp_path / "mis.csv", bad)
    db = hub.settings.database
    assert main(["import", "children", str(path), "--database", db]) == 1
    out = capsys.readouterr().out
    assert "row 5 (Emre Kaya)" in out and "Nothing was imported" in out
    assert counts(hub) == (0, 0)
    assert main(["import", "children", str(path), "--database", db, "--skip-rejected"]) == 0
    assert counts(hub)[0] == 3
