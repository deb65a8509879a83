"""Turning a school MIS export into children and carers: tolerant headers, dates, year groups.

Pure functions: no database. The import service matches the parsed rows to what is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from hubdesk.core.dates import parse_day
from hubdesk.core.errors import DomainError
from hubdesk.core.mis_values import VOCABULARIES, read_flag, read_value, value_key
from hubdesk.core.table_files import TableFile
from hubdesk.core.vocabulary import fold, year_label

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
    "class_name": ("class", "reggroup", "registrationgroup", "form", "tutorgroup", "classname",
                   "registrationform", "formgroup", "regform"),
    "upn": ("upn", "uniquepupilnumber"),
    "mis_id": ("misid", "adno", "admissionnumber", "admissionno", "admno", "pupilid", "pupilno",
               "pupilnumber", "id", "studentid", "arborid", "bromcomid", "personid"),
    "gender": ("gender", "sex", "legalsex"),
    "medical_notes": ("medical", "medicalnotes", "medicalconditions", "medicalinformation",
                      "medicalinfo"),
    "allergies": ("allergies", "allergy"),
    "dietary_needs": ("dietary", "dietaryneeds", "diet", "dietaryrequirements"),
    "gp_details": ("gp", "doctor", "gpdetails", "doctorsdetails"),
    "lives_with": ("liveswith", "childliveswith"),
    "fsm": ("fsm", "freeschoolmeals", "fsmeligible", "fsmeligibility", "fsmcurrent", "currentfsm",
            "eligibleforfsm", "eligibleforfreeschoolmeals", "fsmstatus", "fsmindicator"),
    "fsm_ever6": ("ever6", "ever6fsm", "fsmever6", "everfsm6", "fsmever", "fsmeverineligible",
                  "everfsm", "fsm6"),
    "pupil_premium": ("pp", "pupilpremium", "ppeligible", "pupilpremiumindicator", "ppindicator",
                      "pupilpremiumeligible", "eligibleforpupilpremium", "ppstatus"),
    "sen_level": ("send", "sen", "senstatus", "senprovision", "sendstatus", "senlevel", "senstage",
                  "specialeducationalneeds", "sencode", "senprovisiontype"),
    "looked_after": ("lookedafter", "inlacare", "lac", "cla", "lookedafterchild", "incare",
                     "inlocalauthoritycare", "childlookedafter"),
    "previously_looked_after": ("previouslylookedafter", "plac", "postlac", "previouslylac",
                                "adoptedfromcare", "previouslyincare", "previouslyinlacare",
                                "postlookedafter"),
    "service_child": ("servicechild", "servicechildren", "servicechildindicator", "servicepupil",
                      "forceschild", "servicefamily"),
    "eal": ("eal", "ealstatus", "englishasanadditionallanguage", "englishadditionallanguage",
            "firstlanguagestatus", "languagestatus", "ealindicator"),
    "first_language": ("firstlanguage", "language", "homelanguage", "mothertongue",
                       "firstlanguagename"),
    "tfc_reference": ("tfc", "tfcreference", "taxfreechildcare", "taxfreechildcarereference"),
}
CONTACT_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "forename": ("forename", "firstname", "givenname"),
    "surname": ("surname", "lastname", "familyname"),
    "relationship": ("relationship", "relation", "relationshiptopupil"),
    "phone_mobile": ("mobile", "mobilephone", "phone", "telephone", "tel", "mobileno",
                     "mobiletelephone", "mobilenumber", "mobiletelephonenumber"),
    "phone_home": ("homephone", "hometelephone", "home", "hometelephonenumber", "homenumber"),
    "phone_work": ("workphone", "worktelephone", "work", "worktelephonenumber", "worknumber"),
    "email": ("email", "emailaddress"),
    "address": ("address",),
    "postcode": ("postcode",),
    "parental_responsibility": ("parentalresponsibility", "pr", "hasparentalresponsibility"),
    "can_collect": ("cancollect", "collect", "authorisedtocollect", "maycollect"),
    "must_not_collect": ("mustnotcollect", "nocontact", "notallowedtocollect"),
    "collection_password": ("password", "collectionpassword"),
    "emergency_priority": ("priority", "contactpriority", "emergencypriority", "order"),
    "lives_with": ("liveswith", "liveswithpupil", "liveswithstudent", "resideswith"),
    "name": ("name", "fullname", "contactname"),
}
REQUIRED = ("surname", "forename", "date_of_birth", "school", "year_group")
LABELS = {"surname": "surname", "forename": "forename", "date_of_birth": "date of birth",
          "school": "school", "year_group": "year group"}
VALUE_FIELDS = {"fsm", "fsm_ever6", "pupil_premium", "sen_level", "looked_after",
                "previously_looked_after", "service_child", "eal", "gender"}
NOT_STORED = {"gender"}  # understood (so the preview can say so), not kept
CONTACT_BOOLS = {"parental_responsibility", "can_collect", "must_not_collect", "lives_with"}
CONTACT_PATTERN = re.compile(r"^(?:contact|parent|carer|guardian)(\d)(.*)$")
LIMITS = {"forename": 100, "surname": 100, "preferred_forename": 100, "preferred_surname": 100,
          "class_name": 40, "mis_id": 40, "lives_with": 200, "gp_details": 200, "tfc_reference": 20,
          "first_language": 60}
FIELD_LABELS = {"surname": "legal surname", "forename": "legal forename",
                "preferred_forename": "preferred forename", "preferred_surname": "preferred surname",
                "date_of_birth": "date of birth", "school": "school", "year_group": "year group",
                "class_name": "class", "upn": "UPN", "mis_id": "admission number (MIS id)",
                "medical_notes": "medical notes", "allergies": "allergies",
                "dietary_needs": "dietary needs", "gp_details": "GP", "lives_with": "lives with",
                "fsm": "FSM now", "fsm_ever6": "Ever 6 FSM", "pupil_premium": "Pupil Premium",
                "sen_level": "SEN level", "looked_after": "looked-after",
                "previously_looked_after": "previously looked-after",
                "service_child": "service child", "eal": "EAL (first language)",
                "first_language": "first language", "tfc_reference": "Tax-Free Childcare reference",
                "gender": "gender (not kept)"}


def header_key(text: str) -> str:
    return value_key(text)


@dataclass(frozen=True)
class ColumnMap:
    child: dict[str, int]
    contacts: dict[int, dict[str, int]]  # contact number -> field -> column
    ignored: list[str]
    headers: dict[str, str] = field(default_factory=dict)  # field -> the heading it was read from


def field_lookup() -> dict[str, str]:
    """Every heading key the children import knows, to the field it means."""
    return {alias: name for name, aliases in CHILD_ALIASES.items() for alias in aliases}


def map_headers(headers: list[str], overrides: dict[str, str] | None = None,
                school_given: bool = False) -> ColumnMap:
    """Which column holds which field; raise DomainError naming the missing required columns.

    ``overrides`` maps a heading's key to a field (or "" for a column not to use): the office's
    choices, saved per school. ``school_given`` says the whole file is one chosen school's.
    """
    lookup = {**field_lookup(), **(overrides or {})}
    contact_lookup = {alias: name for name, aliases in CONTACT_ALIASES.items() for alias in aliases}
    child: dict[str, int] = {}
    contacts: dict[int, dict[str, int]] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        key = header_key(header)
        match = CONTACT_PATTERN.match(key)
        if key in (overrides or {}) and not lookup[key]:
            ignored.append(header)
        elif match and match.group(2) in contact_lookup and key not in (overrides or {}):
            number, name = int(match.group(1)), contact_lookup[match.group(2)]
            contacts.setdefault(number, {}).setdefault(name, index)
        elif key in lookup and lookup[key] not in child:
            child[lookup[key]] = index
        elif header.strip():
            ignored.append(header)
    required = [name for name in REQUIRED if not (name == "school" and school_given)]
    missing = [LABELS[name] for name in required if name not in child]
    if missing:
        school_hint = (" If the file is one school's export, choose that school." if "school"
                       in missing else "")
        raise DomainError(
            "The file has no column for " + ", ".join(missing) + ". Columns found: "
            + ", ".join(h for h in headers if h.strip()) + ". Rename the column headings (for "
            "example 'Legal Surname', 'Legal Forename', 'DOB', 'School', 'NC Year') or say which "
            "column holds each, and try again." + school_hint)
    return ColumnMap(child, contacts, ignored, {name: headers[i] for name, i in child.items()})


YEAR_FORMS = "N1, N2, Nursery, R, Reception, 1 to 6, Y3, Yr 3, Year 3, NC Year 3"


def parse_year(text: str) -> int:
    value = header_key(text)
    if value in ("r", "rec", "reception", "yr", "yearr", "f2", "fs2", "yrr", "ncyearr", "yearreception"):
        return 0
    if value in ("n", "n1", "n2", "nursery", "yn", "f1", "fs1", "yearn", "nursery1", "nursery2"):
        return -1
    # Matched on the text itself, not the letters-and-digits key: "-1" is not Year 1.
    match = re.fullmatch(r"(?:nc\s*year|y|year|yr)?\s*0?(\d{1,2})", text.strip().lower().replace(".", ""),
                         re.ASCII)
    if match and 1 <= int(match[1]) <= 6:
        return int(match[1])
    raise ValueError(f"'{text}' is not a year group from Nursery to Y6 (accepted: {YEAR_FORMS})")


def parse_bool(text: str) -> bool:
    return read_flag(text)


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


@dataclass
class Understanding:
    """How each column and each value was read, for the preview: counted, not kept per row."""

    values: dict[tuple[str, str, str], list[int]] = field(default_factory=dict)
    unknown: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    accepted: dict[str, str] = field(default_factory=dict)
    date_examples: dict[tuple[str, str], str] = field(default_factory=dict)

    def saw(self, header: str, text: str, meaning: str, row: int) -> None:
        self.values.setdefault((header, text, meaning), []).append(row)

    def saw_date(self, header: str, text: str, day: date, row: int) -> None:
        """Dates are counted by how they are written, with the first one as the example."""
        form = _date_form(text)
        if form:
            example = self.date_examples.setdefault((header, form), f"'{text}' = {day:%d/%m/%Y}")
            self.saw(header, form, f"e.g. {example}", row)

    def missed(self, header: str, text: str, row: int, accepted: str) -> None:
        self.unknown.setdefault((header, text), []).append(row)
        self.accepted[header] = accepted


def _date_form(text: str) -> str:
    """How an unusual date is written ('' for dd/mm/yyyy and ISO, which need no word)."""
    if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}", text):
        return ""
    if re.fullmatch(r"\d{1,5}(?:\.0+)?", text):
        return "an Excel serial number"
    if re.search(r"[A-Za-z]{3}", text):
        return "day, month name, year"
    return "day, month, year"


@dataclass(frozen=True)
class ReadOptions:
    """What the office said about a file: its school (when it has no School column), column choices."""

    school_site_id: int | None = None
    overrides: dict[str, str] = field(default_factory=dict)


def parse_rows(table: TableFile, schools: dict[str, int], today: date,
               options: ReadOptions | None = None,
               seen: Understanding | None = None) -> tuple[list[ParsedRow], list[RowError]]:
    """Parse each row; ``schools`` maps folded school names, short names and DfE numbers to ids.

    ``today`` (the office's day, from the program's clock) bounds a believable date of birth;
    ``seen`` collects how values were read, for the preview.
    """
    options = options or ReadOptions()
    columns = map_headers(table.headers, options.overrides, options.school_site_id is not None)
    reader = _RowReader(columns, schools, today, options.school_site_id, seen or Understanding())
    parsed: list[ParsedRow] = []
    errors: list[RowError] = []
    for number, cells in table.rows:
        result = reader.row(number, cells)
        if isinstance(result, ParsedRow):
            parsed.append(result)
        else:
            errors.append(result)
    return parsed, errors


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""


class _RowReader:
    """Reads one pupil row after another with the same columns, school list and day."""

    def __init__(self, columns: ColumnMap, schools: dict[str, int], today: date,
                 school_site_id: int | None, seen: Understanding) -> None:
        self.columns, self.schools, self.today = columns, schools, today
        self.school_site_id, self.seen = school_site_id, seen

    def row(self, number: int, cells: list[str]) -> ParsedRow | RowError:
        raw = {name: _cell(cells, index) for name, index in self.columns.child.items()}
        name = f"{raw.get('forename', '')} {raw.get('surname', '')}".strip()
        for required in REQUIRED:
            if not raw.get(required) and not (required == "school" and self.school_site_id):
                return RowError(number, f"{LABELS[required]} is empty", name)
        values = self._values(number, raw)
        if isinstance(values, str):
            return RowError(number, values, name)
        upn = str(values.get("upn") or "").upper()
        if upn:
            if len(upn) != 13 or not upn[0].isalpha() or not upn[1:12].isdigit():
                return RowError(number, f"UPN '{upn}' is not 13 characters (letter, 11 digits, "
                                        "letter or digit)", name)
            values["upn"] = upn
        school = raw.get("school", "")
        school_id = (self.schools.get(fold(school)) or self.schools.get(school.replace("/", ""))
                     if school else self.school_site_id)
        if school_id is None:
            return RowError(number, f"school '{school}' is not a school of the cluster", name)
        dob = values["date_of_birth"]
        assert isinstance(dob, date)
        if dob > self.today or dob.year < self.today.year - 15:
            return RowError(number, f"date of birth {dob:%d/%m/%Y} is not a primary-school age", name)
        contacts: list[ParsedContact] = []
        for contact_no in sorted(self.columns.contacts):
            parsed_contact = parse_contact(cells, self.columns.contacts[contact_no])
            if isinstance(parsed_contact, str):
                return RowError(number, f"contact {contact_no}: {parsed_contact}", name)
            if parsed_contact is not None:
                contacts.append(parsed_contact)
        return ParsedRow(number, school_id, values, contacts)

    def _values(self, number: int, raw: dict[str, str]) -> dict[str, object] | str:
        """The row's fields as stored, or the sentence saying which cell is wrong."""
        values: dict[str, object] = {}
        problem = ""
        for key, text in raw.items():
            header = self.columns.headers.get(key, key)
            try:
                if key == "school":
                    continue
                if key == "date_of_birth":
                    values[key] = parse_day(text, serials=True)
                    self.seen.saw_date(header, text, values[key], number)  # type: ignore[arg-type]
                elif key == "year_group":
                    values[key] = parse_year(text)
                    self.seen.saw(header, text, year_label(values[key]), number)  # type: ignore[arg-type]
                elif key in VALUE_FIELDS:
                    self._vocabulary(key, header, text, number, values)
                else:
                    limit = LIMITS.get(key)
                    if limit and len(text) > limit:
                        raise ValueError(f"{key.replace('_', ' ')} is longer than {limit} characters")
                    values[key] = text
            except ValueError as exc:
                if key in VALUE_FIELDS:  # read on, so every value not understood is listed
                    self.seen.missed(header, text, number, VOCABULARIES[key].accepted)
                    problem = problem or f"{header} {exc}"
                    continue
                label = LABELS.get(key, key.replace("_", " "))
                return str(exc) if str(exc).startswith(label) else f"{label} {exc}"
        language = raw.get("first_language", "")
        if language and "eal" not in raw:  # only a language column: English or not decides EAL
            try:
                self._vocabulary("eal", self.columns.headers["first_language"], language, number,
                                 values)
            except ValueError:
                values["eal"] = "other"
            values["first_language"] = language
        for key in NOT_STORED:
            values.pop(key, None)
        return problem or values

    def _vocabulary(self, key: str, header: str, text: str, number: int,
                    values: dict[str, object]) -> None:
        value, language = read_value(key, text)
        values[key] = value
        meaning = VOCABULARIES[key].meaning(value)
        if language:
            meaning += f" (language: {language})"
            if not values.get("first_language"):
                values["first_language"] = language
        self.seen.saw(header, text, meaning, number)


def parse_contact(cells: list[str], columns: dict[str, int]) -> ParsedContact | str | None:
    """One contact from its columns, None when it has no name, or the sentence saying what is wrong."""
    raw = {name: _cell(cells, index) for name, index in columns.items()}
    if raw.get("name") and not (raw.get("forename") or raw.get("surname")):
        raw.update(split_name(raw["name"]))
    raw.pop("name", None)
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
            if text and not re.fullmatch(r"0?[1-9]", text):
                return f"priority '{text}' is not a number from 1 to 9"
            values[key] = int(text) if text else None
        else:
            values[key] = text  # lengths, emails and phones: validate_link in the import service
    if values.get("can_collect") and values.get("must_not_collect"):
        return "cannot both be allowed to collect and be barred from collecting"
    return ParsedContact(values)


TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "lady", "lord")


def split_name(name: str) -> dict[str, str]:
    """'Mrs Agnieszka Nowicka' → title, forename, surname; 'Nowicka, Agnieszka' too."""
    if "," in name:
        surname, _, rest = name.partition(",")
        words = rest.split()
    else:
        words = name.split()
        surname = words.pop() if len(words) > 1 else ""
    title = words.pop(0) if len(words) > 1 and header_key(words[0]) in TITLES else ""
    return {"title": title, "forename": " ".join(words), "surname": surname.strip()}


def digits(phone: str) -> str:
    """Phone numbers compared by their digits, with +44 read as 0."""
    only = re.sub(r"\D", "", phone)
    return "0" + only[2:] if only.startswith("44") else only
