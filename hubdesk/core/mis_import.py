"""Turning a school MIS export into children and carers: tolerant headers, dates, year groups.

Pure functions: no database. The import service matches the parsed rows to what is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from hubdesk.core.dates import parse_day
from hubdesk.core.errors import DomainError
from hubdesk.core.table_files import TableFile
from hubdesk.core.vocabulary import fold

CHILD_ALIASES: dict[str, tuple[str, ...]] = {
    "surname": ("surname", "legalsurname", "lastname", "familyname", "legallastname", "pupilsurname"),
    "forename": ("forename", "legalforename", "firstname", "givenname", "legalfirstname",
                 "pupilforename"),
    "preferred_forename": ("preferredforename", "preferredfirstname", "knownas", "preferredname",
                           "chosenforename"),
    "preferred_surname": ("preferredsurname", "preferredlastname", "chosensurname"),
    "date_of_birth": ("dob", "dateofbirth", "birthdate", "birthday"),
    "school": ("school", "schoolname", "establishment", "dfe", "dfenumber", "dfeno", "laestab",
               "schooldfenumber", "dfenumberofschool"),
    "year_group": ("year", "yeargroup", "ncyear", "ncyearactual", "nationalcurriculumyear", "yr",
                   "curriculumyear"),
    "class_name": ("class", "reggroup", "registrationgroup", "form", "tutorgroup", "classname"),
    "upn": ("upn", "uniquepupilnumber"),
    "mis_id": ("misid", "adno", "admissionnumber", "pupilid", "pupilno", "pupilnumber", "id"),
    "medical_notes": ("medical", "medicalnotes", "medicalconditions", "medicalinformation",
                      "medicalinfo"),
    "allergies": ("allergies", "allergy"),
    "dietary_needs": ("dietary", "dietaryneeds", "diet", "dietaryrequirements"),
    "gp_details": ("gp", "doctor", "gpdetails", "doctorsdetails"),
    "lives_with": ("liveswith", "childliveswith"),
    "fsm": ("fsm", "freeschoolmeals", "fsmeligible", "fsmeligibility"),
    "pupil_premium": ("pp", "pupilpremium", "ppeligible"),
    "send": ("send", "sen", "senstatus", "senprovision", "sendstatus"),
    "looked_after": ("lookedafter", "inlacare", "lac", "cla", "lookedafterchild"),
    "tfc_reference": ("tfc", "tfcreference", "taxfreechildcare", "taxfreechildcarereference"),
}
CONTACT_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "forename": ("forename", "firstname", "givenname"),
    "surname": ("surname", "lastname", "familyname"),
    "relationship": ("relationship", "relation", "relationshiptopupil"),
    "phone_mobile": ("mobile", "mobilephone", "phone", "telephone", "tel", "mobileno"),
    "phone_home": ("homephone", "hometelephone", "home"),
    "phone_work": ("workphone", "worktelephone", "work"),
    "email": ("email", "emailaddress"),
    "address": ("address",),
    "postcode": ("postcode",),
    "parental_responsibility": ("parentalresponsibility", "pr", "hasparentalresponsibility"),
    "can_collect": ("cancollect", "collect", "authorisedtocollect", "maycollect"),
    "must_not_collect": ("mustnotcollect", "nocontact", "notallowedtocollect"),
    "collection_password": ("password", "collectionpassword"),
    "emergency_priority": ("priority", "contactpriority", "emergencypriority", "order"),
    "lives_with": ("liveswith", "liveswithpupil"),
}
REQUIRED = ("surname", "forename", "date_of_birth", "school", "year_group")
LABELS = {"surname": "surname", "forename": "forename", "date_of_birth": "date of birth",
          "school": "school", "year_group": "year group"}
BOOL_FIELDS = {"fsm", "pupil_premium", "send", "looked_after"}
CONTACT_BOOLS = {"parental_responsibility", "can_collect", "must_not_collect", "lives_with"}
CONTACT_PATTERN = re.compile(r"^(?:contact|parent|carer|guardian)(\d)(.*)$")
LIMITS = {"forename": 100, "surname": 100, "preferred_forename": 100, "preferred_surname": 100,
          "class_name": 40, "mis_id": 40, "lives_with": 200, "gp_details": 200, "tfc_reference": 20}


def header_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


@dataclass(frozen=True)
class ColumnMap:
    child: dict[str, int]
    contacts: dict[int, dict[str, int]]  # contact number -> field -> column
    ignored: list[str]


def map_headers(headers: list[str]) -> ColumnMap:
    """Which column holds which field; raise DomainError naming the missing required columns."""
    lookup = {alias: name for name, aliases in CHILD_ALIASES.items() for alias in aliases}
    contact_lookup = {alias: name for name, aliases in CONTACT_ALIASES.items() for alias in aliases}
    child: dict[str, int] = {}
    contacts: dict[int, dict[str, int]] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        key = header_key(header)
        match = CONTACT_PATTERN.match(key)
        if match and match.group(2) in contact_lookup:
            number, name = int(match.group(1)), contact_lookup[match.group(2)]
            contacts.setdefault(number, {}).setdefault(name, index)
        elif key in lookup and lookup[key] not in child:
            child[lookup[key]] = index
        elif header.strip():
            ignored.append(header)
    missing = [LABELS[name] for name in REQUIRED if name not in child]
    if missing:
        raise DomainError(
            "The file has no column for " + ", ".join(missing) + ". Columns found: "
            + ", ".join(h for h in headers if h.strip()) + ". Rename the column headings (for "
            "example 'Legal Surname', 'Legal Forename', 'DOB', 'School', 'NC Year') and try again.")
    return ColumnMap(child, contacts, ignored)


def parse_year(text: str) -> int:
    value = header_key(text)
    if value in ("r", "rec", "reception", "yr", "yearr", "f2", "fs2"):
        return 0
    if value in ("n", "n1", "n2", "nursery", "yn", "f1", "fs1"):
        return -1
    # Matched on the text itself, not the letters-and-digits key: "-1" is not Year 1.
    match = re.fullmatch(r"(?:y|year|yr)?\s*(\d{1,2})", text.strip().lower().replace(".", ""), re.ASCII)
    if match and 1 <= int(match[1]) <= 6:
        return int(match[1])
    raise ValueError(f"'{text}' is not a year group from Nursery to Y6")


def parse_bool(text: str) -> bool:
    value = header_key(text)
    if value in ("y", "yes", "true", "1", "t", "x", "k", "e", "ehcp", "senk", "sene"):
        return True
    if value in ("", "n", "no", "false", "0", "f", "none"):
        return False
    raise ValueError(f"'{text}' is not yes or no")


@dataclass(frozen=True)
class ParsedContact:
    fields: dict[str, object]

    @property
    def name_key(self) -> str:
        return fold(f"{self.fields.get('forename', '')} {self.fields.get('surname', '')}")


@dataclass(frozen=True)
class ParsedRow:
    row: int
    school_site_id: int
    fields: dict[str, object]
    contacts: list[ParsedContact] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.fields['forename']} {self.fields['surname']}"


@dataclass(frozen=True)
class RowError:
    row: int
    reason: str
    name: str = ""


def parse_rows(table: TableFile, schools: dict[str, int],
               today: date) -> tuple[list[ParsedRow], list[RowError]]:
    """Parse each row; ``schools`` maps folded school names, short names and DfE numbers to ids.

    ``today`` (the office's day, from the program's clock) bounds a believable date of birth.
    """
    columns = map_headers(table.headers)
    parsed: list[ParsedRow] = []
    errors: list[RowError] = []
    for number, cells in table.rows:
        result = _parse_row(number, cells, columns, schools, today)
        if isinstance(result, ParsedRow):
            parsed.append(result)
        else:
            errors.append(result)
    return parsed, errors


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""


def _parse_row(number: int, cells: list[str], columns: ColumnMap,
               schools: dict[str, int], today: date) -> ParsedRow | RowError:
    raw = {name: _cell(cells, index) for name, index in columns.child.items()}
    name = f"{raw.get('forename', '')} {raw.get('surname', '')}".strip()
    for required in REQUIRED:
        if not raw.get(required):
            return RowError(number, f"{LABELS[required]} is empty", name)
    values: dict[str, object] = {}
    try:
        for key, text in raw.items():
            if key == "school":
                continue
            if key == "date_of_birth":
                values[key] = parse_day(text)
            elif key == "year_group":
                values[key] = parse_year(text)
            elif key in BOOL_FIELDS:
                values[key] = parse_bool(text)
            else:
                limit = LIMITS.get(key)
                if limit and len(text) > limit:
                    raise ValueError(f"{key.replace('_', ' ')} is longer than {limit} characters")
                values[key] = text
    except ValueError as exc:
        label = LABELS.get(key, key.replace("_", " "))
        reason = str(exc) if str(exc).startswith(label) else f"{label} {exc}"
        return RowError(number, reason, name)
    upn = str(values.get("upn") or "").upper()
    if upn:
        if len(upn) != 13 or not upn[0].isalpha() or not upn[1:12].isdigit():
            return RowError(number, f"UPN '{upn}' is not 13 characters (letter, 11 digits, "
                                    "letter or digit)", name)
        values["upn"] = upn
    school_id = schools.get(fold(raw["school"])) or schools.get(raw["school"].replace("/", ""))
    if school_id is None:
        return RowError(number, f"school '{raw['school']}' is not a school of the cluster", name)
    dob = values["date_of_birth"]
    assert isinstance(dob, date)
    if dob > today or dob.year < today.year - 15:
        return RowError(number, f"date of birth {dob:%d/%m/%Y} is not a primary-school age", name)
    contacts: list[ParsedContact] = []
    for contact_no in sorted(columns.contacts):
        parsed_contact = _parse_contact(cells, columns.contacts[contact_no])
        if isinstance(parsed_contact, str):
            return RowError(number, f"contact {contact_no}: {parsed_contact}", name)
        if parsed_contact is not None:
            contacts.append(parsed_contact)
    return ParsedRow(number, school_id, values, contacts)


def _parse_contact(cells: list[str], columns: dict[str, int]) -> ParsedContact | str | None:
    raw = {name: _cell(cells, index) for name, index in columns.items()}
    if not (raw.get("forename") or raw.get("surname")):
        return None
    values: dict[str, object] = {}
    for key, text in raw.items():
        if key in CONTACT_BOOLS:
            try:
                values[key] = parse_bool(text)
            except ValueError as exc:
                return f"{key.replace('_', ' ')} {exc}"
        elif key == "emergency_priority":
            if text and not re.fullmatch(r"[1-9]", text):
                return f"priority '{text}' is not a number from 1 to 9"
            values[key] = int(text) if text else None
        else:
            values[key] = text  # lengths, emails and phones: validate_link in the import service
    if values.get("can_collect") and values.get("must_not_collect"):
        return "cannot both be allowed to collect and be barred from collecting"
    return ParsedContact(values)


def digits(phone: str) -> str:
    """Phone numbers compared by their digits, with +44 read as 0."""
    only = re.sub(r"\D", "", phone)
    return "0" + only[2:] if only.startswith("44") else only
