"""Reading MIS exports: encodings, header names, dates, year groups, bad rows, formulas stay text."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hubdesk.core.dates import parse_day as parse_date
from hubdesk.core.errors import DomainError
from hubdesk.core.mis_import import map_headers, parse_rows, parse_year
from hubdesk.core.table_files import read_table, safe_cell

TODAY = date(2026, 11, 24)  # the office's day the import runs on (bounds a believable birth date)
SCHOOLS = {"oakfield primary": 1, "8882001": 1, "elm street primary": 2, "8882002": 2}
HEADER = "Legal Surname,Legal Forename,DOB,School,NC Year,UPN,Adno\n"


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "f.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_utf8_with_bom_and_mis_headers(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "Wiśniewska,Łucja,04/05/2018,Oakfield Primary,3,A123456789012,77\n",
                 "utf-8-sig")
    rows, errors = parse_rows(read_table(path), SCHOOLS, TODAY)
    assert errors == []
    assert rows[0].fields["surname"] == "Wiśniewska"
    assert rows[0].fields["date_of_birth"] == date(2018, 5, 4)
    assert rows[0].fields["upn"] == "A123456789012" and rows[0].fields["mis_id"] == "77"


def test_windows_1252_file(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "Zoë,José,2018-05-04,888/2001,Y3,,\n", "cp1252")
    rows, errors = parse_rows(read_table(path), SCHOOLS, TODAY)
    assert errors == [] and rows[0].fields["surname"] == "Zoë" and rows[0].school_site_id == 1


def test_semicolon_separated_with_odd_header_spacing(tmp_path: Path) -> None:
    text = (" surname ; FORENAME;Date of Birth;School Name;Year Group\n"
            "Kaya;Emre;1/9/2020;Elm Street Primary;R\n")
    rows, errors = parse_rows(read_table(write(tmp_path, text)), SCHOOLS, TODAY)
    assert errors == [] and rows[0].fields["year_group"] == 0 and rows[0].school_site_id == 2


def test_bad_rows_report_row_number_and_reason(tmp_path: Path) -> None:
    text = HEADER + "\n".join([
        "Good,Ann,01/01/2018,Oakfield Primary,3,,",
        "Bad,Date,31/02/2019,Oakfield Primary,2,,",
        "No,School,01/01/2018,Narnia Primary,3,,",
        "Old,Year,01/01/2018,Oakfield Primary,9,,",
        ",Nameless,01/01/2018,Oakfield Primary,3,,",
        "Short,Year,01/01/18,Oakfield Primary,3,,",
        "Bad,Upn,01/01/2018,Oakfield Primary,3,12345,",
    ]) + "\n"
    rows, errors = parse_rows(read_table(write(tmp_path, text)), SCHOOLS, TODAY)
    assert [r.row for r in rows] == [2]
    reasons = {e.row: e.reason for e in errors}
    assert reasons[3] == "date of birth '31/02/2019' is not a real date"
    assert "Narnia Primary" in reasons[4]
    assert "year group" in reasons[5]
    assert reasons[6] == "surname is empty"
    assert "four-digit year" in reasons[7]
    assert "UPN" in reasons[8]


def test_missing_required_columns_named(tmp_path: Path) -> None:
    path = write(tmp_path, "Surname,Forename,School\nA,B,Oakfield Primary\n")
    with pytest.raises(DomainError, match="no column for date of birth, year group"):
        parse_rows(read_table(path), SCHOOLS, TODAY)


def test_formula_cells_stay_text_in_csv_and_xlsx(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Surname", "Forename", "DOB", "School", "Year", "Medical"])
    ws.append(["=HYPERLINK(\"http://x\",\"y\")", "+Ann", "2018-01-01", "Oakfield Primary", 3,
               "@SUM(A1)"])
    xlsx = tmp_path / "f.xlsx"
    wb.save(xlsx)
    rows, errors = parse_rows(read_table(xlsx), SCHOOLS, TODAY)
    assert errors == []
    assert rows[0].fields["surname"] == "=HYPERLINK(\"http://x\",\"y\")"
    assert rows[0].fields["medical_notes"] == "@SUM(A1)"
    assert safe_cell(str(rows[0].fields["surname"])).startswith("'=")
    assert safe_cell("-5") == "'-5" and safe_cell("Ann") == "Ann"


def test_contacts_columns(tmp_path: Path) -> None:
    text = ("Surname,Forename,DOB,School,Year,Contact 1 Forename,Contact 1 Surname,"
            "Contact 1 Relationship,Contact 1 Mobile,Contact 1 Parental Responsibility,"
            "Contact 1 Priority,Contact 2 Forename\n"
            "Kaya,Emre,01/09/2020,Oakfield Primary,R,Ayşe,Kaya,Mother,+44 7700 900456,Y,1,\n")
    rows, errors = parse_rows(read_table(write(tmp_path, text)), SCHOOLS, TODAY)
    assert errors == []
    (contact,) = rows[0].contacts
    assert contact.fields["phone_mobile"] == "+44 7700 900456"
    assert contact.fields["parental_responsibility"] is True
    assert contact.fields["emergency_priority"] == 1


def test_unsupported_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="old-style .xls"):
        read_table(write(tmp_path, "x", name="f.xls"))
    with pytest.raises(DomainError, match="empty"):
        read_table(write(tmp_path, "\n\n"))
    with pytest.raises(DomainError, match="could not be read"):
        read_table(write(tmp_path, "not a zip", name="f.xlsx"))


@pytest.mark.parametrize(("text", "year"), [("R", 0), ("Reception", 0), ("N2", -1), ("Nursery", -1),
                                            ("1", 1), ("Y6", 6), ("Year 4", 4)])
def test_year_groups(text: str, year: int) -> None:
    assert parse_year(text) == year


names = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzŁłŞşĞğăÖöé' -")),
                min_size=1, max_size=20).filter(lambda s: s.strip() not in ("", "'", "-"))
row_strategy = st.tuples(
    names, names, st.dates(min_value=date(2013, 9, 1), max_value=date(2022, 8, 31)),
    st.sampled_from(["Oakfield Primary", "8882002", "ELM STREET PRIMARY"]),
    st.sampled_from(["N", "R", "1", "Y2", "Year 3", "4", "5", "6"]),
    st.booleans(),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(row_strategy, min_size=1, max_size=15), iso=st.booleans())
def test_generated_valid_files_round_trip(tmp_path: Path, rows: list[tuple], iso: bool) -> None:
    path = tmp_path / "gen.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["Legal Surname", "Legal Forename", "DOB", "School", "NC Year", "FSM"])
        for surname, forename, dob, school, year, fsm in rows:
            out.writerow([surname, forename, dob.isoformat() if iso else dob.strftime("%d/%m/%Y"),
                          school, year, "Y" if fsm else "N"])
    parsed, errors = parse_rows(read_table(path), SCHOOLS, TODAY)
    assert errors == []
    assert [(p.fields["surname"], p.fields["date_of_birth"], p.fields["fsm"]) for p in parsed] == \
        [(s.strip(), d, f) for s, _, d, _, _, f in rows]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.lists(st.text(max_size=12), min_size=5, max_size=7), max_size=8))
def test_garbage_never_raises_anything_but_row_errors(tmp_path: Path, cells: list[list[str]]) -> None:
    path = tmp_path / "junk.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["Surname", "Forename", "DOB", "School", "Year", "UPN", "Contact 1 Forename"])
        out.writerows(cells)
    try:
        table = read_table(path)
    except DomainError:
        return
    try:
        parsed, errors = parse_rows(table, SCHOOLS, TODAY)
    except DomainError:
        return
    assert len(parsed) + len(errors) == len(table.rows)


def test_parse_date_forms() -> None:
    assert parse_date("2019-03-02") == parse_date("02/03/2019") == parse_date("2.3.2019")
    with pytest.raises(ValueError, match="not a date"):
        parse_date("March 2nd")


def test_header_aliases_map() -> None:
    columns = map_headers(["Legal Surname", "Preferred Forename", "Legal Forename", "DOB",
                           "School", "NC Year Actual", "Adno", "Mystery"])
    assert columns.child["mis_id"] == 6 and columns.ignored == ["Mystery"]
