"""Reading a spreadsheet export (CSV in UTF-8 or Windows-1252, or .xlsx) as rows of text.

Every cell comes back as the text the user sees; nothing is evaluated, so a cell such as
"=HYPERLINK(…)" stays plain text. Row numbers are those shown in Excel (the header is row 1).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from hubdesk.core.errors import DomainError

MAX_ROWS = 200_000


@dataclass(frozen=True)
class TableFile:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as in Excel, cells)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_csv(path: Path) -> list[list[str]]:
    text = _decode(path.read_bytes())
    header = text.lstrip("\r\n").split("\n", 1)[0]
    # The delimiter is whichever of , ; tab the heading line uses most; the quote is always ".
    # (csv.Sniffer guesses ' as a quote character when names such as O'Neill come first.)
    delimiter = max(",;\t", key=header.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"')
    return [[cell.strip() for cell in row] for row in reader]


def _read_xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise DomainError(f"{path.name} could not be read as an Excel workbook ({exc}).") from exc
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_table(path: Path | str) -> TableFile:
    """Read the first sheet of a CSV or .xlsx file; empty rows are skipped but keep their numbers."""
    path = Path(path)
    if not path.exists():
        raise DomainError(f"There is no file at {path}.")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        raw = _read_csv(path)
    elif suffix in (".xlsx", ".xlsm"):
        raw = _read_xlsx(path)
    elif suffix == ".xls":
        raise DomainError(f"{path.name} is an old-style .xls file. Open it in Excel and save it as "
                          ".xlsx or .csv, then import that.")
    else:
        raise DomainError(f"{path.name} is not a CSV or .xlsx file.")
    numbered = [(n, row) for n, row in enumerate(raw, start=1) if any(c.strip() for c in row)]
    if not numbered:
        raise DomainError(f"{path.name} is empty.")
    if len(numbered) > MAX_ROWS:
        raise DomainError(f"{path.name} has more than {MAX_ROWS:,} rows; split it into smaller files.")
    headers = numbered[0][1]
    numbered = numbered[1:]
    width = len(headers)
    rows = [(n, (cells + [""] * width)[:max(width, len(cells))]) for n, cells in numbered]
    return TableFile(headers=[h.strip() for h in headers], rows=rows)


def safe_cell(value: str) -> str:
    """Make text inert for spreadsheets: a leading = + - @ (or tab/CR) would start a formula."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value
