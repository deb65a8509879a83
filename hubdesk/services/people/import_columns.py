"""What the children import tells the office about a file's columns and values, and the column
choices it keeps per school so next term's export from the same school imports with no questions.

The choices are data in the meta table (``mis_columns:<school id>``, or ``mis_columns:all`` for a
file that names each row's school): a heading's letters and digits mapped to the field it holds,
or to "" for a column the office does not want used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from hubdesk.core.errors import DomainError
from hubdesk.core.mis_import import FIELD_LABELS, ColumnMap, Understanding, header_key
from hubdesk.core.models.meta import MetaValue, store_meta

COLUMNS_KEY = "mis_columns"
# What a column can be said to hold, for the office's choosers (the import's own field names).
COLUMN_CHOICES = {name: label for name, label in FIELD_LABELS.items()}
_SHOWN_VALUES = 12  # distinct values listed per column before "… and n more"
_SHOWN_ROWS = 10


@dataclass(frozen=True)
class ColumnUse:
    """One heading of the file and the field it was read as ("" when the column is not used)."""

    heading: str
    field: str
    label: str
    chosen: bool = False  # the office's choice (saved), not a heading hubdesk knows by itself


def _key(school_site_id: int | None) -> str:
    return f"{COLUMNS_KEY}:{school_site_id if school_site_id is not None else 'all'}"


def saved_columns(s: Session, school_site_id: int | None) -> dict[str, str]:
    """The column choices saved for a school's exports (heading key → field)."""
    row = s.get(MetaValue, _key(school_site_id))
    if row is None:
        return {}
    try:
        loaded = json.loads(row.value)
    except ValueError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {str(k): str(v) for k, v in loaded.items() if str(v) in ("", *COLUMN_CHOICES)}


def checked_choices(columns: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """The office's (heading, field) choices by heading key; a field hubdesk has not is refused."""
    chosen: dict[str, str] = {}
    for heading, name in columns:
        if name and name not in COLUMN_CHOICES:
            raise DomainError(f"'{name}' is not something a column can hold; choose one of: "
                              + ", ".join(COLUMN_CHOICES) + ", or nothing to leave it unused.")
        if header_key(heading):
            chosen[header_key(heading)] = name
    return chosen


def save_columns(s: Session, school_site_id: int | None, chosen: dict[str, str]) -> None:
    """Keep the choices with those saved before; a heading chosen again replaces its old choice."""
    merged = {**saved_columns(s, school_site_id), **chosen}
    text = json.dumps(merged, ensure_ascii=False, sort_keys=True)
    if len(text) > 1000:
        raise DomainError("Too many column choices to keep for one school (more than about 40). "
                          "Rename the headings in the export to the usual names instead.")
    store_meta(s, _key(school_site_id), text)


def column_uses(headers: list[str], columns: ColumnMap, chosen: dict[str, str]) -> tuple[ColumnUse, ...]:
    """Each heading with the field it was read as, in the file's order."""
    by_index = {index: name for name, index in columns.child.items()}
    contact_columns = {i for fields in columns.contacts.values() for i in fields.values()}
    uses = []
    for index, heading in enumerate(headers):
        if not heading.strip():
            continue
        name = by_index.get(index, "")
        label = FIELD_LABELS.get(name, "") if name else (
            "contact details" if index in contact_columns else "not used")
        uses.append(ColumnUse(heading, name, label, header_key(heading) in chosen))
    return tuple(uses)


def understood_lines(seen: Understanding, columns: ColumnMap) -> tuple[str, ...]:
    """'SEN Status → SEN level: 'K - SEN Support' = SEN support (12 rows)', per column and value."""
    field_of = {heading: FIELD_LABELS.get(name, name) for name, heading in columns.headers.items()}
    lines: list[str] = []
    per_header: dict[str, int] = {}
    for (heading, text, meaning), rows in sorted(seen.values.items(),
                                                  key=lambda item: (item[0][0], -len(item[1]))):
        per_header[heading] = per_header.get(heading, 0) + 1
        if per_header[heading] > _SHOWN_VALUES:
            continue
        shown = text if meaning.startswith("e.g.") else f"'{text}'" if text else "(empty)"
        means = f" {meaning}" if meaning.startswith("e.g.") else f" = {meaning}"
        lines.append(f"{heading} → {field_of.get(heading, heading)}: {shown}{means} "
                     f"({_rows(len(rows))})")
    for heading, count in per_header.items():
        if count > _SHOWN_VALUES:
            lines.append(f"{heading}: … and {count - _SHOWN_VALUES} more values")
    return tuple(lines)


def unknown_lines(seen: Understanding) -> tuple[str, ...]:
    """A value not understood: its column, the value, the rows and the values accepted."""
    lines = []
    for (heading, text), rows in sorted(seen.unknown.items()):
        listed = ", ".join(str(r) for r in rows[:_SHOWN_ROWS])
        more = f" and {len(rows) - _SHOWN_ROWS} more" if len(rows) > _SHOWN_ROWS else ""
        lines.append(f"{heading}: '{text}' on row{'s' if len(rows) > 1 else ''} {listed}{more} is "
                     f"not understood. Accepted: {seen.accepted.get(heading, '')}.")
    return tuple(lines)


def _rows(count: int) -> str:
    return f"{count:,} row" + ("" if count == 1 else "s")
