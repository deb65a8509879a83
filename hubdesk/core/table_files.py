"""Reading a spreadsheet export (CSV in UTF-8, UTF-16 or Windows-1252, or .xlsx) as rows of text.

Every cell comes back as the text the user sees; nothing is evaluated, so a cell such as
"=HYPERLINK(…)" stays plain text. Row numbers are those shown in Excel (the header is row 1).

A file is checked before it is read and refused with a sentence when it is too big, is not text,
or holds more rows, columns or characters than an office export ever does (``LIMITS``): the
import then stays quick and small in memory whatever file is chosen.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hubdesk.core.errors import DomainError


@dataclass(frozen=True)
class Limits:
    """What one import file may hold; the README states the same numbers."""

    bytes: int = 20 * 1024 * 1024  # the file on disk
    rows: int = 10_000  # data rows, after the heading row: a cluster of 15 schools has ~7,000 pupils
    columns: int = 250
    cell: int = 10_000  # characters in one cell
    unpacked: int = 100 * 1024 * 1024  # an .xlsx unzipped


LIMITS = Limits()
MAX_ROWS = LIMITS.rows


@dataclass(frozen=True)
class TableFile:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as in Excel, cells)


def size_text(count: int) -> str:
    """'20 MB' for a byte count, in the units Windows Explorer shows."""
    return f"{count / (1024 * 1024):,.0f} MB" if count >= 1024 * 1024 else f"{count / 1024:,.0f} KB"


def _utf16(data: bytes) -> str | None:
    """The text of a UTF-16 file (Excel's 'Unicode text'), found by its mark or its zero bytes."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    sample = data[:4000]
    if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        encoding = "utf-16-le" if odd > even else "utf-16-be"
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            return None
    return None


def _decode(data: bytes, name: str) -> str:
    text = _utf16(data)
    if text is None:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            text = data.decode("latin-1")
    text = text.lstrip("\ufeff")
    controls = sum(1 for c in text[:20_000] if ord(c) < 32 and c not in "\t\r\n")
    if "\x00" in text or controls * 50 > min(len(text), 20_000):
        raise DomainError(f"{name} is not a text file (it holds binary data). Open it in Excel and "
                          "save it as CSV (comma delimited) or .xlsx, then import that.")
    return text


def _read_csv(path: Path) -> Iterator[list[str]]:
    text = _decode(path.read_bytes(), path.name)
    first = re.match(r"[^\r\n]*", text.lstrip("\r\n"))
    header = first.group(0) if first else ""
    # The delimiter is whichever of , ; tab the heading line uses most; the quote is always ".
    # (csv.Sniffer guesses ' as a quote character when names such as O'Neill come first.)
    delimiter = max(",;\t", key=header.count)
    # newline="" lets the reader see Windows, Unix and old Mac (CR only) line ends alike.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    try:
        for row in reader:
            yield [cell.strip() for cell in row]
    except csv.Error as exc:
        raise DomainError(
            f"{path.name} could not be read as CSV at line {reader.line_num} ({exc}). A cell may "
            f"be longer than {LIMITS.cell:,} characters or have an unmatched quote; open the file "
            "in Excel, check that line and save it again.") from exc


def _checked(rows: Iterable[list[str]], name: str) -> list[tuple[int, list[str]]]:
    """Number the non-empty rows and enforce the limits while reading, so nothing big is kept."""
    numbered: list[tuple[int, list[str]]] = []
    for number, row in enumerate(rows, start=1):
        if not any(row):
            continue
        if len(numbered) > LIMITS.rows:
            raise DomainError(
                f"{name} has more than {LIMITS.rows:,} rows; an import takes at most {LIMITS.rows:,} "
                "rows at a time. Split it into smaller files (for example one per school).")
        while row and not row[-1]:
            row.pop()
        if len(row) > LIMITS.columns:
            raise DomainError(f"Row {number} of {name} has {len(row):,} columns; an import file "
                              f"has at most {LIMITS.columns}. Delete the unused columns.")
        long = next((i for i, cell in enumerate(row) if len(cell) > LIMITS.cell), None)
        if long is not None:
            raise DomainError(f"Row {number}, column {long + 1} of {name} holds "
                              f"{len(row[long]):,} characters; a cell may hold at most "
                              f"{LIMITS.cell:,}. Shorten it and try again.")
        numbered.append((number, row))
    return numbered


def read_table(path: Path | str) -> TableFile:
    """Read the first sheet of a CSV or .xlsx file; empty rows are skipped but keep their numbers."""
    path = Path(path)
    try:
        numbered = _read_rows(path)
    except OSError as exc:
        raise DomainError(f"{path.name[:100]} cannot be read ({exc.strerror or exc}). Check the "
                          "name, that the file is not open elsewhere and that you may read it.") from exc
    if not numbered:
        raise DomainError(f"{path.name} is empty.")
    headers = numbered[0][1]
    width = len(headers)
    rows = [(n, (cells + [""] * width)[:max(width, len(cells))]) for n, cells in numbered[1:]]
    return TableFile(headers=[h.strip() for h in headers], rows=rows)


def _read_rows(path: Path) -> list[tuple[int, list[str]]]:
    """The file's non-empty rows, after the checks that need no reading."""
    if not path.exists():
        raise DomainError(f"There is no file at {path}.")
    if not path.is_file():
        raise DomainError(f"{path} is a folder, not a file; choose the CSV or .xlsx file in it.")
    size = path.stat().st_size
    if size > LIMITS.bytes:
        raise DomainError(f"{path.name} is {size_text(size)}; an import file may be at most "
                          f"{size_text(LIMITS.bytes)}. Split it into smaller files.")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return _checked(_read_csv(path), path.name)
    if suffix in (".xlsx", ".xlsm"):
        from hubdesk.core.xlsx_reader import read_xlsx

        return _checked(read_xlsx(path, LIMITS), path.name)
    if suffix == ".xls":
        raise DomainError(f"{path.name} is an old-style .xls file. Open it in Excel and save it "
                          "as .xlsx or .csv, then import that.")
    raise DomainError(f"{path.name} is not a CSV or .xlsx file.")


def safe_cell(value: str) -> str:
    """Make text inert for spreadsheets: a leading = + - @ (or tab/CR) would start a formula."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value
