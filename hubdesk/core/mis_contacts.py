"""A MIS contacts export: one row per pupil and contact, joined to the pupils by UPN or admission number.

SIMS, Arbor and Bromcom export contacts apart from pupils: the pupil's UPN and/or admission number,
then the contact's name, relationship, priority, parental responsibility, "lives with", phones (a
column per type, or a number with its type beside it) and email. An export that lists a contact
once per phone number is merged back into one contact.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from hubdesk.core.errors import DomainError
from hubdesk.core.mis_import import (
    CONTACT_ALIASES,
    ParsedContact,
    ParsedRow,
    RowError,
    header_key,
    parse_contact,
)
from hubdesk.core.table_files import TableFile

PUPIL_KEYS = {"upn": ("upn", "uniquepupilnumber", "pupilupn", "studentupn"),
              "mis_id": ("adno", "admissionnumber", "admissionno", "admno", "pupiladno",
                         "pupiladmissionnumber", "misid", "pupilid", "studentid", "pupilmisid",
                         "arborid", "bromcomid")}
PHONE_NUMBER = ("telephone", "phone", "number", "telephonenumber", "phonenumber", "contactnumber",
                "tel")
PHONE_TYPE = ("telephonetype", "phonetype", "type", "numbertype", "telephonelocation",
              "phonelocation", "location", "device")
PHONE_FIELDS = {"mobile": "phone_mobile", "home": "phone_home", "work": "phone_work"}
_PUPIL_SIDE = ("pupil", "student", "child", "learner", "legal", "preferred")


@dataclass(frozen=True)
class ContactColumns:
    pupil: dict[str, int]  # "upn" / "mis_id" -> column
    contact: dict[str, int]  # contact field -> column
    number: int | None = None  # a phone number whose type is in another column
    kind: int | None = None


@dataclass
class ContactsFile:
    """The contacts found for each pupil key, and the rows that could not be used."""

    by_pupil: dict[str, list[tuple[int, ParsedContact]]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)  # pupil key -> sentences
    rows_for: dict[str, list[int]] = field(default_factory=dict)  # pupil key -> file rows


def map_contact_headers(headers: list[str]) -> ContactColumns:
    """Which columns name the pupil and which the contact; DomainError when no pupil key is found."""
    lookup = {alias: name for name, aliases in CONTACT_ALIASES.items() for alias in aliases}
    pupil_lookup = {alias: name for name, aliases in PUPIL_KEYS.items() for alias in aliases}
    pupil: dict[str, int] = {}
    contact: dict[str, int] = {}
    number = kind = None
    for index, header in enumerate(headers):
        key = header_key(header)
        if key in pupil_lookup:
            pupil.setdefault(pupil_lookup[key], index)
            continue
        if key.startswith(_PUPIL_SIDE):
            continue  # the pupil's own name and details: the pupils file has them
        key = key.removeprefix("contact") or key
        if key in PHONE_TYPE and kind is None:
            kind = index
        elif key in PHONE_NUMBER and number is None:
            number = index
        elif key in lookup:
            contact.setdefault(lookup[key], index)
    if not pupil:
        raise DomainError("The contacts file has no column for the pupil's UPN or admission "
                          "number, so its contacts cannot be matched to pupils. Columns found: "
                          + ", ".join(h for h in headers if h.strip()) + ".")
    if not ({"forename", "surname", "name"} & contact.keys()):
        raise DomainError("The contacts file has no column for the contact's name (for example "
                          "'Contact Forename' and 'Contact Surname', or 'Contact Name').")
    if number is not None and kind is None:
        contact.setdefault("phone_mobile", number)
        number = None
    return ContactColumns(pupil, contact, number, kind)


def read_contacts(table: TableFile) -> ContactsFile:
    """Every row of the contacts file, grouped by pupil key ('upn:…' and 'mis:…')."""
    columns = map_contact_headers(table.headers)
    found = ContactsFile()
    merged: dict[tuple[str, str], ParsedContact] = {}
    for number, cells in table.rows:
        keys = [f"{name}:{cells[i].strip().upper()}" for name, i in columns.pupil.items()
                if i < len(cells) and cells[i].strip()]
        if not keys:
            continue
        key = keys[0]
        for each in keys:
            found.rows_for.setdefault(each, []).append(number)
        parsed = parse_contact(cells, _with_phone(columns, cells))
        if isinstance(parsed, str):
            for each in keys:
                found.errors.setdefault(each, []).append(f"contacts file row {number}: {parsed}")
            continue
        if parsed is None:
            continue
        previous = merged.get((key, parsed.name_key))
        if previous is not None:  # the same contact again, on a row per phone number
            for name, value in parsed.fields.items():
                if value not in (None, "") and previous.fields.get(name) in (None, ""):
                    previous.fields[name] = value
            continue
        merged[(key, parsed.name_key)] = parsed
        for each in keys:
            found.by_pupil.setdefault(each, []).append((number, parsed))
    return found


def _with_phone(columns: ContactColumns, cells: list[str]) -> dict[str, int]:
    """The contact's columns, with the typed phone number put where its type says."""
    if columns.number is None or columns.kind is None:
        return columns.contact
    kind = header_key(cells[columns.kind]) if columns.kind < len(cells) else ""
    target = next((name for word, name in PHONE_FIELDS.items() if word in kind), "phone_mobile")
    return {**columns.contact, target: columns.number}


def join_contacts(rows: list[ParsedRow], contacts: ContactsFile) -> tuple[list[ParsedRow],
                                                                          list[RowError], list[int]]:
    """Each pupil row with its contacts from the file added, in priority order.

    Returns the rows, the pupils refused for a bad contacts row, and the contacts rows that name
    no pupil of the file (left out, and said so in the preview).
    """
    joined: list[ParsedRow] = []
    errors: list[RowError] = []
    used: set[int] = set()
    for row in rows:
        keys = [f"upn:{str(row.fields.get('upn') or '').upper()}",
                f"mis_id:{str(row.fields.get('mis_id') or '').upper()}"]
        keys = [k for k in keys if not k.endswith(":")]
        for key in keys:
            used.update(contacts.rows_for.get(key, []))
        problems = [p for key in keys for p in contacts.errors.get(key, [])]
        if problems:
            errors.append(RowError(row.row, problems[0], row.name))
            continue
        extra = next((contacts.by_pupil[k] for k in keys if k in contacts.by_pupil), [])
        extra = sorted(extra, key=lambda item: (item[1].fields.get("emergency_priority") or 10,
                                                item[0]))
        have = {c.name_key for c in row.contacts}
        added = [c for _, c in extra if c.name_key not in have]
        joined.append(replace(row, contacts=[*row.contacts, *added]) if added else row)
    orphans = sorted({n for numbers in contacts.rows_for.values() for n in numbers} - used)
    return joined, errors, orphans
