"""Hostile and broken import files are refused with a sentence, never a crash or a memory blow-up."""

from __future__ import annotations

import contextlib
import os
import re
import resource
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from hubdesk.core.errors import DomainError
from hubdesk.core.mis_import import parse_rows
from hubdesk.core.table_files import LIMITS, read_table

SCHOOLS = {"oakfield primary": 1}
HEADER = "Surname,Forename,DOB,School,Year\n"
ROW = "Ng,Ella,04/05/2018,Oakfield Primary,3\n"


def write(tmp_path: Path, data: bytes, name: str = "f.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_cr_only_line_endings_read_as_rows(tmp_path: Path) -> None:
    path = write(tmp_path, (HEADER + ROW + ROW).replace("\n", "\r").encode())
    table = read_table(path)
    assert table.headers[0] == "Surname" and len(table.rows) == 2


def test_random_bytes_are_not_a_text_file(tmp_path: Path) -> None:
    path = write(tmp_path, os.urandom(5000))
    with pytest.raises(DomainError, match="is not a text file"):
        read_table(path)


def test_nul_bytes_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, (HEADER + "Ng\x00,Ella,04/05/2018,Oakfield Primary,3\n").encode())
    with pytest.raises(DomainError, match="binary data"):
        read_table(path)


def test_a_field_over_the_csv_module_limit_is_told(tmp_path: Path) -> None:
    path = write(tmp_path, (HEADER + '"' + "x" * 131_073 + '",Ella,04/05/2018,Oakfield,3\n').encode())
    with pytest.raises(DomainError, match=r"could not be read as CSV at line 2 .*longer than"):
        read_table(path)


def test_a_long_cell_under_the_csv_limit_is_told_by_row_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, (HEADER + "Ng," + "y" * 20_000 + ",04/05/2018,Oakfield,3\n").encode())
    with pytest.raises(DomainError, match="Row 2, column 2 of f.csv holds 20,000 characters"):
        read_table(path)


def test_unmatched_quote_and_odd_bytes_never_raise_csv_error(tmp_path: Path) -> None:
    for body in (b'"abc\r"x"y\r', b"a,b\r\n\"\"\"\r\x85\r\n", b'\r\r\r"\r"\n'):
        with contextlib.suppress(DomainError):
            read_table(write(tmp_path, body))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_csv_is_detected(tmp_path: Path, encoding: str) -> None:
    text = "Surname\tForename\tDOB\tSchool\tYear\nWiśniewska\tŁucja\t04/05/2018\tOakfield Primary\t3\n"
    rows, errors = parse_rows(read_table(write(tmp_path, text.encode(encoding))), SCHOOLS, date(2026, 11, 24))
    assert errors == [] and rows[0].fields["surname"] == "Wiśniewska"


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as f:
        f.truncate(LIMITS.bytes + 1)  # sparse: the size is checked, the bytes never read
    with pytest.raises(DomainError, match="an import file may be at most 20 MB"):
        read_table(path)


def test_more_rows_than_the_limit_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, (HEADER + ROW * (LIMITS.rows + 1)).encode())
    with pytest.raises(DomainError, match=f"at most {LIMITS.rows:,} rows at a time"):
        read_table(path)
    path = write(tmp_path, (HEADER + ROW * LIMITS.rows).encode())
    assert len(read_table(path).rows) == LIMITS.rows


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "export.csv"
    folder.mkdir()
    with pytest.raises(DomainError, match="is a folder"):
        read_table(folder)


def _xlsx(tmp_path: Path, rows: int = 2) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Surname", "Forename", "DOB", "School", "Year"])
    for _ in range(rows):
        sheet.append(["Ng", "Ella", "04/05/2018", "Oakfield Primary", 3])
    path = tmp_path / "f.xlsx"
    book.save(path)
    return path


def _rewrite(path: Path, part: str, change: object) -> Path:
    """Copy the workbook with one part's XML changed (as a hostile file would be made)."""
    out = path.with_name("bomb.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == part:
                data = change(data)  # type: ignore[operator]
            target.writestr(info.filename, data)
    return out


def test_a_sheet_declared_huge_is_refused_before_its_rows_are_read(tmp_path: Path) -> None:
    bomb = _rewrite(_xlsx(tmp_path), "xl/worksheets/sheet1.xml",
                    lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml))
    with pytest.raises(DomainError, match="declares a sheet of 1,048,576 rows by 16,384 columns"):
        read_table(bomb)


def test_a_row_far_down_the_sheet_is_capped(tmp_path: Path) -> None:
    def far(xml: bytes) -> bytes:
        xml = re.sub(rb"<dimension [^>]*/>", b"", xml)
        return xml.replace(b"</sheetData>",
                           b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is>'
                           b"</c></row></sheetData>")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(DomainError, match=f"more than {LIMITS.rows * 5:,} rows, most of them empty"):
        read_table(_rewrite(_xlsx(tmp_path), "xl/worksheets/sheet1.xml", far))
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KB


def test_a_row_of_a_million_empty_cells_is_refused_while_streaming(tmp_path: Path) -> None:
    def wide(xml: bytes) -> bytes:
        xml = re.sub(rb"<dimension [^>]*/>", b"", xml)
        return xml.replace(b"</sheetData>", b'<row r="3">' + b'<c s="0"/>' * 1_000_000
                           + b"</row></sheetData>")
    bomb = _rewrite(_xlsx(tmp_path), "xl/worksheets/sheet1.xml", wide)
    assert bomb.stat().st_size < 200_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(DomainError, match="Row 3 of bomb.xlsx holds more than 1,000 cells"):
        read_table(bomb)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000  # KB


def test_a_zip_that_unpacks_to_too_much_is_refused_unopened(tmp_path: Path) -> None:
    def padded(xml: bytes) -> bytes:
        return xml.replace(b"<sheetData>", b"<sheetData>" + b" " * (LIMITS.unpacked + 1))
    bomb = _rewrite(_xlsx(tmp_path), "xl/worksheets/sheet1.xml", padded)
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(DomainError, match="unpacks to 100 MB, more than an import file may hold"):
        read_table(bomb)


def test_broken_xml_inside_a_workbook_is_told(tmp_path: Path) -> None:
    broken = _rewrite(_xlsx(tmp_path), "xl/worksheets/sheet1.xml", lambda xml: xml[:-40])
    with pytest.raises(DomainError, match="could not be read as an Excel workbook"):
        read_table(broken)


def test_a_wide_row_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, (HEADER + "x," * (LIMITS.columns + 5) + "\n").encode())
    with pytest.raises(DomainError, match="columns; an import file has at most 250"):
        read_table(path)
