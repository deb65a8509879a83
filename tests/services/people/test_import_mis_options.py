"""What the office tells the children import: the school of a one-school file, column choices kept
per school, the preview's account of values, and leavers offered (never deleted)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hubdesk.app import HubApp
from hubdesk.cli import main
from hubdesk.core.errors import DomainError, ValidationError
from hubdesk.core.models import Child, ClubSession, SessionBooking
from hubdesk.services.people.import_children import ImportOptions
from tests.services.people.test_import_mis_samples import DEMO, school_id

HEADERS = ["Adno", "Legal Surname", "Legal Forename", "DOB", "Year", "SEN Needs", "Funding"]


def write(path: Path, rows: list[list[str]], headers: list[str] = HEADERS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(headers)
        out.writerows(rows)
    return path


ROWS = [["1", "Ng", "Ella", "04/05/2018", "Y3", "K - SEN Support", "x"],
        ["2", "Ng", "Sam", "06-Jun-2020", "Y1", "N", "x"]]


def test_a_file_without_a_school_column_asks_for_the_school(
        hub: HubApp, two_schools: dict[str, int], tmp_path: Path) -> None:
    path = write(tmp_path / "one-school.csv", ROWS)
    with pytest.raises(DomainError, match="choose that school"):
        hub.imports.preview(path)
    preview = hub.imports.preview(path, ImportOptions(school_site_id=two_schools["elm"]))
    assert len(preview.added) == 2 and {r.school for r in preview.added} == {"Elm Street Primary"}


def test_column_choices_are_kept_for_the_school_and_used_next_time(
        hub: HubApp, two_schools: dict[str, int], tmp_path: Path) -> None:
    path = write(tmp_path / "one-school.csv", ROWS)
    elm = two_schools["elm"]
    first = hub.imports.preview(path, ImportOptions(school_site_id=elm))
    assert "SEN Needs" in first.ignored_columns
    chosen = ImportOptions(school_site_id=elm, columns=(("SEN Needs", "sen_level"), ("Funding", "")))
    hub.imports.apply(path, options=chosen)
    assert dict(hub.imports.saved_columns(elm)) == {"senneeds": "sen_level", "funding": ""}
    with hub.factory() as s:
        assert s.scalar(select(Child.sen_level).where(Child.forename == "Ella")) == "support"
    next_term = write(tmp_path / "spring.csv", [[*ROWS[0][:5], "E", "x"]])
    preview = hub.imports.preview(next_term, ImportOptions(school_site_id=elm))
    assert [r.changes for r in preview.updated] == [("SEN level: SEN support → EHC plan",)]
    uses = {u.heading: (u.field, u.chosen) for u in preview.columns}
    assert uses["SEN Needs"] == ("sen_level", True) and uses["Legal Surname"] == ("surname", False)
    assert hub.imports.saved_columns(two_schools["oak"]) == ()


def test_a_column_choice_of_a_field_hubdesk_has_not_is_refused(
        hub: HubApp, two_schools: dict[str, int], tmp_path: Path) -> None:
    path = write(tmp_path / "f.csv", ROWS)
    with pytest.raises(DomainError, match="'shoe_size' is not something a column can hold"):
        hub.imports.preview(path, ImportOptions(school_site_id=two_schools["elm"],
                                                columns=(("Funding", "shoe_size"),)))


def test_an_unknown_value_names_the_column_value_rows_and_accepted_forms(
        hub: HubApp, two_schools: dict[str, int], tmp_path: Path) -> None:
    headers = ["Surname", "Forename", "DOB", "School", "Year", "SEN Status", "Pupil Premium"]
    rows = [["Ng", name, "04/05/2018", "Oakfield Primary", "3", sen, "Eligible"]
            for name, sen in (("Ella", "K - SEN Support"), ("Sam", "Q"), ("Kit", "Q"), ("Bo", "N"))]
    preview = hub.imports.preview(write(tmp_path / "f.csv", rows, headers))
    assert [r.row for r in preview.rejected] == [3, 4]
    assert preview.rejected[0].reason.startswith("SEN Status 'Q' is not understood as a SEN status")
    (line,) = preview.unknown_values
    assert line.startswith("SEN Status: 'Q' on rows 3, 4 is not understood. Accepted: N (no SEN")
    assert "SEN Status → SEN level: 'K - SEN Support' = SEN support (1 row)" in preview.understood
    assert "Pupil Premium → Pupil Premium: 'Eligible' = yes (4 rows)" in preview.understood


def test_contacts_rows_for_pupils_not_in_the_file_are_named_not_imported(
        hub: HubApp, two_schools: dict[str, int], tmp_path: Path) -> None:
    path = write(tmp_path / "p.csv", ROWS)
    contacts = write(tmp_path / "c.csv", [["1", "Ann", "Ng", "Mother", "07700 900001", "1"],
                                          ["9", "Bob", "Ng", "Father", "07700 900002", "1"]],
                     ["Adno", "Contact Forename", "Contact Surname", "Relationship", "Mobile",
                      "Priority"])
    options = ImportOptions(school_site_id=two_schools["oak"], contacts_path=str(contacts))
    preview = hub.imports.preview(path, options)
    assert preview.new_carers == 1 and not preview.rejected
    assert preview.notes == ("1 row(s) of c.csv name a pupil who is not imported from this file "
                             "(rows 3); they are left out.",)
    bad = write(tmp_path / "bad.csv", [["1", "Ann", "Ng", "Mother", "07700 900001", "12"]],
                ["Adno", "Contact Forename", "Contact Surname", "Relationship", "Mobile", "Priority"])
    rejected = hub.imports.preview(path, ImportOptions(school_site_id=two_schools["oak"],
                                                       contacts_path=str(bad))).rejected
    assert [(r.row, r.reason) for r in rejected] == [
        (2, "contacts file row 2: priority '12' is not a number from 1 to 9")]


def booked_sessions(hub: HubApp, child_id: int, status: str) -> int:
    with hub.factory() as s:
        return s.scalar(select(func.count()).select_from(SessionBooking).join(ClubSession)
                        .where(SessionBooking.child_id == child_id, SessionBooking.status == status,
                               ClubSession.day >= date(2026, 11, 25))) or 0


def test_pupils_missing_from_a_full_export_are_offered_as_leavers_not_deleted(
        demo_hub: HubApp) -> None:
    ashworth = school_id(demo_hub, "Ashworth Hub Primary School")
    on_roll = demo_hub.children.count(school_id=ashworth)
    options = ImportOptions(school_site_id=ashworth, contacts_path=str(DEMO / "sims-contacts.csv"))
    path = DEMO / "sims-pupils.csv"
    assert demo_hub.imports.preview(path, options).leavers == ()  # not said to be the full list
    full = ImportOptions(school_site_id=ashworth, contacts_path=options.contacts_path,
                         full_export=True)
    leavers = demo_hub.imports.preview(path, full).leavers
    assert len(leavers) == on_roll and {x.school for x in leavers} == {"Ashworth Hub Primary School"}
    booked = next(x for x in leavers if x.bookings)
    before = booked_sessions(demo_hub, booked.child_id, "booked")
    assert booked.sessions >= before > 0 and ": " in booked.bookings[0]
    demo_hub.imports.apply(path, options=full)
    assert demo_hub.children.count(school_id=ashworth) == on_roll + 7  # nobody marked yet
    with pytest.raises(ValidationError, match="more than a year ahead"):
        demo_hub.imports.mark_leavers((booked.child_id,), date(2028, 1, 1))
    result = demo_hub.imports.mark_leavers((booked.child_id,), date(2026, 11, 25))
    assert (result.marked, result.cancelled_sessions) == (1, before)
    assert booked_sessions(demo_hub, booked.child_id, "booked") == 0
    assert demo_hub.children.get(booked.child_id).left_on == date(2026, 11, 25)
    assert demo_hub.children.count(school_id=ashworth, include_left=True) == on_roll + 7
    again = demo_hub.imports.preview(path, full).leavers
    assert booked.child_id not in {x.child_id for x in again} and len(again) == on_roll - 1


def test_the_command_takes_the_school_contacts_and_column_choices(
        hub: HubApp, two_schools: dict[str, int], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "p.csv", ROWS)
    database = str(hub.settings.database)
    hub.close()
    code = main(["import", "children", str(path), "--database", database, "--school", "Elm Street",
                 "--column", "SEN Needs=sen_level", "--column", "Funding="])
    out = capsys.readouterr().out
    assert code == 0 and "Imported: 2 added" in out
    assert "SEN Needs → SEN level: 'K - SEN Support' = SEN support (1 row)" in out
    code = main(["import", "children", str(path), "--database", database, "--column", "SEN Needs"])
    assert code != 0 and "needs a heading, '=' and a field" in capsys.readouterr().err
