"""Reading the first sheet of an .xlsx file without letting a hostile file take the PC's memory.

An .xlsx is a zip of XML. A small file can declare gigabytes unzipped, or a sheet of 16,384 columns
by a million rows that openpyxl would pad with empty cells. So the zip's declared sizes and the
sheet's declared dimensions are checked first, the rows are streamed in read-only mode, and the
width of each row is capped.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from hubdesk.core.errors import DomainError

if TYPE_CHECKING:
    from hubdesk.core.table_files import Limits


def cell_text(value: object) -> str:
    """The text a user sees in the cell (dates as ISO dates, whole numbers without '.0')."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _unreadable(path: Path, why: str) -> DomainError:
    return DomainError(f"{path.name} could not be read as an Excel workbook ({why}). Open it in "
                       "Excel and save it again as .xlsx or .csv.")


def check_archive(path: Path, limits: Limits) -> None:
    """Refuse a file that is not a zip, or whose parts unzip to more than the limit."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise _unreadable(path, "it is not an .xlsx file") from exc
    if unpacked > limits.unpacked:
        raise DomainError(
            f"{path.name} unpacks to {unpacked / (1024 * 1024):,.0f} MB, more than an import file "
            f"may hold ({limits.unpacked // (1024 * 1024)} MB). Save only the sheet you need, as "
            ".csv, and import that.")


def _scan_sheet(archive: zipfile.ZipFile, part: str, path: Path, limits: Limits) -> None:
    """Count cells per row and rows, streaming, before openpyxl builds any row in memory.

    openpyxl collects every cell of a row before trimming it to the columns asked for, so one row
    of millions of empty cells (a few hundred KB zipped) would take gigabytes.
    """
    rows = cells = 0
    number = "1"
    try:
        with archive.open(part) as source:
            for event, element in ElementTree.iterparse(source, events=("start", "end")):
                tag = element.tag.rpartition("}")[2]
                if event == "start":
                    if tag == "row":
                        number = element.get("r") or str(rows + 1)
                    continue
                if tag == "c":
                    cells += 1
                    if cells > limits.columns * 4:
                        raise DomainError(
                            f"Row {number} of {path.name} holds more than {limits.columns * 4:,} "
                            f"cells; an import takes at most {limits.columns} columns. Copy the "
                            "rows you need into a new workbook and import that.")
                    element.clear()
                elif tag == "row":
                    rows, cells = rows + 1, 0
                    element.clear()
                    if rows > limits.rows * 5:
                        raise DomainError(
                            f"{path.name} has more than {limits.rows * 5:,} rows, most of them "
                            "empty; copy the rows you need into a new workbook and import that.")
    except (ElementTree.ParseError, KeyError, zipfile.BadZipFile, ValueError) as exc:
        raise _unreadable(path, str(exc) or type(exc).__name__) from exc


def read_xlsx(path: Path, limits: Limits) -> Iterator[list[str]]:
    """Rows of the first sheet as text; refuses a sheet declared larger than the limits."""
    check_archive(path, limits)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise _unreadable(path, str(exc) or type(exc).__name__) from exc
    try:
        if not workbook.worksheets:
            raise _unreadable(path, "it has no worksheet")
        sheet = workbook.worksheets[0]
        declared_rows = getattr(sheet, "max_row", None) or 0
        declared_columns = getattr(sheet, "max_column", None) or 0
        if declared_rows > limits.rows * 5 or declared_columns > limits.columns:
            raise DomainError(
                f"{path.name} declares a sheet of {declared_rows:,} rows by {declared_columns:,} "
                f"columns; an import takes at most {limits.rows:,} rows and {limits.columns} "
                "columns. Copy the rows you need into a new workbook and import that.")
        part = getattr(sheet, "_worksheet_path", None)
        if part:
            with zipfile.ZipFile(path) as archive:
                _scan_sheet(archive, part, path, limits)
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # no padding of short rows to a declared width
        rows = sheet.iter_rows(values_only=True, max_col=limits.columns + 1)
        for _number in range(limits.rows * 5):  # gaps in the row numbers come back as empty rows
            try:
                values = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # broken XML inside the zip
                raise _unreadable(path, str(exc) or type(exc).__name__) from exc
            width = len(values)
            while width and values[width - 1] is None:  # rows come padded to the column cap
                width -= 1
            yield [cell_text(v) for v in values[:width]]
        else:
            raise DomainError(f"{path.name} has more than {limits.rows * 5:,} rows, most of them "
                              "empty; copy the rows you need into a new workbook and import that.")
    finally:
        workbook.close()
