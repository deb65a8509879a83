"""Children: search, view and edit. Paged search keeps the GUI quick on 24,000 children."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from hubdesk.core.audit import record_event
from hubdesk.core.errors import Conflict, ValidationError
from hubdesk.core.models import Child, Site
from hubdesk.core.vocabulary import EAL_NEEDS, EAL_STATUSES, SEN_LEVELS, search_words, year_label
from hubdesk.services.base import Service, check_characters, check_lengths, fetch

CONSENTS = {
    "consent_photos": "Photos",
    "consent_walk_home_alone": "Walk home alone",
    "consent_sun_cream": "Sun cream",
    "consent_plasters": "Plasters",
    "consent_local_trips": "Local trips",
    "consent_emergency_treatment": "Emergency treatment",
}
# The yes/no facts from the MIS that decide funding and priority (SEN level and EAL are levels).
FUNDING = {"fsm": "FSM", "fsm_ever6": "Ever 6 FSM", "pupil_premium": "Pupil Premium",
           "looked_after": "Looked-after", "previously_looked_after": "Previously looked-after",
           "service_child": "Service child"}
# Short codes for a narrow list column, in this order; LAC = looked-after child.
CODE_NAMES = {"FSM": "free school meals", "E6": "Ever 6 FSM", "PP": "Pupil Premium",
              "SEND": "SEN support", "EHCP": "EHC plan", "EAL": "English as an additional language",
              "LAC": "looked-after child", "PLAC": "previously looked-after child",
              "SC": "service child"}
_SEN_CODES = {"support": "SEND", "ehcp": "EHCP"}


def funding_codes(child: Child) -> list[str]:
    """The short codes of what the MIS recorded for ``child``, in the order of CODE_NAMES."""
    flags = {"FSM": child.fsm, "E6": child.fsm_ever6, "PP": child.pupil_premium,
             "EAL": child.eal in EAL_NEEDS, "LAC": child.looked_after,
             "PLAC": child.previously_looked_after, "SC": child.service_child}
    sen = _SEN_CODES.get(child.sen_level, "")
    return [code for code in CODE_NAMES if flags.get(code) or code == sen]


@dataclass(frozen=True)
class ChildRow:
    """One line of the children list."""

    id: int
    name: str
    date_of_birth: date
    school: str
    year: str
    has_medical: bool
    flags: str
    left: bool
    class_name: str = ""
    codes: str = ""
    left_on: date | None = None


@dataclass(frozen=True)
class ChildForm:
    """Every editable field of a child; ``id`` None means a new child."""

    forename: str
    surname: str
    date_of_birth: date
    school_site_id: int
    year_group: int
    id: int | None = None
    upn: str = ""
    mis_id: str = ""
    preferred_forename: str = ""
    preferred_surname: str = ""
    class_name: str = ""
    lives_with: str = ""
    medical_notes: str | None = ""  # None: not shown to this role, left unchanged
    allergies: str | None = ""  # None: not shown to this role, left unchanged
    dietary_needs: str | None = ""  # None: not shown to this role, left unchanged
    gp_details: str | None = ""  # None: not shown to this role, left unchanged
    consent_photos: bool = False
    consent_walk_home_alone: bool = False
    consent_sun_cream: bool = False
    consent_plasters: bool = False
    consent_local_trips: bool = False
    consent_emergency_treatment: bool = False
    fsm: bool = False
    fsm_ever6: bool = False
    pupil_premium: bool = False
    looked_after: bool = False
    previously_looked_after: bool = False
    service_child: bool = False
    sen_level: str = "none"
    eal: str = "not_recorded"
    first_language: str = ""
    tfc_reference: str = ""
    notes: str = ""
    left_on: date | None = None
    row_version: int | None = None


_FORM_FIELDS = [f.name for f in dataclasses.fields(ChildForm) if f.name not in ("id", "row_version")]


def display_name(forename: str, surname: str, preferred_forename: str = "",
                 preferred_surname: str = "") -> str:
    """'Surname, Preferred (Legal)' so lists sort by surname and the legal name stays visible."""
    first = preferred_forename or forename
    last = preferred_surname or surname
    name = f"{last}, {first}"
    if preferred_forename and preferred_forename != forename:
        name += f" ({forename})"
    return name


# Fields only roles with "children.medical" see; opening them is audited.
MEDICAL_FIELDS = ("medical_notes", "allergies", "dietary_needs", "gp_details")
_MULTILINE = ("medical_notes", "allergies", "dietary_needs", "gp_details", "lives_with", "notes")
_LABELS = {"mis_id": "MIS id", "gp_details": "GP details",
           "tfc_reference": "Tax-Free Childcare reference"}


def validate_child(form: ChildForm, today: date) -> None:
    """Raise ValidationError naming the first bad field."""
    if not form.forename.strip():
        raise ValidationError("Enter the child's legal forename.", "forename")
    if not form.surname.strip():
        raise ValidationError("Enter the child's legal surname.", "surname")
    if form.date_of_birth > today:
        raise ValidationError("The date of birth is in the future.", "date_of_birth")
    age = (today - form.date_of_birth).days / 365.25
    if age > 14:
        raise ValidationError(
            f"A date of birth of {form.date_of_birth:%d/%m/%Y} makes the child over 14; "
            "check the year.", "date_of_birth")
    if not -1 <= form.year_group <= 6:
        raise ValidationError("Choose a year group from Nursery to Y6.", "year_group")
    if form.sen_level not in SEN_LEVELS:
        raise ValidationError("Choose the SEN level: " + ", ".join(SEN_LEVELS.values()) + ".",
                              "sen_level")
    if form.eal not in EAL_STATUSES:
        raise ValidationError("Choose the first language: " + ", ".join(EAL_STATUSES.values())
                              + ".", "eal")
    upn = form.upn.strip()
    if upn and (len(upn) != 13 or not upn[0].isalpha() or not upn[1:12].isdigit()):
        raise ValidationError(
            "A UPN is 13 characters: a letter, 11 digits and a letter or digit.", "upn")
    check_characters(form, _LABELS, multiline=_MULTILINE)
    check_lengths(form, Child.__table__, _LABELS)


class ChildService(Service):
    def _filtered(self, query: str, school_id: int | None, year_group: int | None,
                  include_left: bool) -> Select[Child, str]:
        stmt = select(Child, Site.name).join(Site, Site.id == Child.school_site_id)
        for word in search_words(query):
            stmt = stmt.where(Child.search_key.contains(word, autoescape=True))
        if school_id is not None:
            stmt = stmt.where(Child.school_site_id == school_id)
        if year_group is not None:
            stmt = stmt.where(Child.year_group == year_group)
        if not include_left:
            stmt = stmt.where(Child.left_on.is_(None))
        return stmt

    def count(self, query: str = "", school_id: int | None = None, year_group: int | None = None,
              include_left: bool = False) -> int:
        stmt = self._filtered(query, school_id, year_group, include_left)
        with self._read() as s:
            return int(s.scalar(select(func.count()).select_from(stmt.subquery())) or 0)

    def search(self, query: str = "", school_id: int | None = None,
               year_group: int | None = None, include_left: bool = False,
               offset: int = 0, limit: int = 200) -> list[ChildRow]:
        """A page of children matching every word of ``query``, sorted by surname."""
        stmt = (self._filtered(query, school_id, year_group, include_left)
                .order_by(Child.sort_key, Child.id).offset(offset).limit(limit))
        with self._read() as s:
            rows = [_row(child, school) for child, school in s.execute(stmt)]
        if not self._may("children.medical"):
            rows = [dataclasses.replace(row, has_medical=False) for row in rows]
        return rows

    def get(self, child_id: int) -> ChildForm:
        """The child's record; medical details are None for a role that may not see them, and a
        signed-in person opening them is recorded in the audit (access to them is logged)."""
        if not self._may("children.medical"):
            with self._read() as s:
                return _redacted(_form(_load(s, child_id)))
        if self._actor.user_id is None:
            with self._read() as s:
                return _form(_load(s, child_id))
        with self._write(only_logging=True) as s:
            child = _load(s, child_id)
            if any(getattr(child, name).strip() for name in MEDICAL_FIELDS):
                record_event(s, "children", str(child.id), {"opened": [None, "medical details"]},
                             child_id=child.id)
            return _form(child)

    def save(self, form: ChildForm) -> int:
        """Create or update a child; returns its id. Medical fields left None stay as they are."""
        self._require("children")
        if not self._may("children.medical"):
            if any(getattr(form, name) for name in MEDICAL_FIELDS):
                self._require("children.medical")
            form = _redacted(form)
        validate_child(form, self._clock.today())
        with self._write() as s:
            if s.get(Site, form.school_site_id) is None:
                raise ValidationError("Choose the child's school.", "school_site_id")
            if form.id is None:
                child = Child()
                s.add(child)
            else:
                child = _load(s, form.id)
                if form.row_version is not None and child.row_version != form.row_version:
                    raise Conflict(
                        "Someone else saved this child while you were editing. Close the form "
                        "and open it again to see their change."
                    )
            for name in _FORM_FIELDS:
                value = getattr(form, name)
                if value is None and name in MEDICAL_FIELDS:
                    value = getattr(child, name, None) or ""
                if isinstance(value, str):
                    value = value.strip()
                if name in ("upn", "mis_id"):
                    value = value.upper() if name == "upn" and value else (value or None)
                setattr(child, name, value)
            child.refresh_search_key()
            s.flush()
            return child.id

    def mark_left(self, child_id: int, left_on: date | None,
                  row_version: int | None = None) -> int:
        """Children are never deleted: they are marked as left and hidden from lists.

        ``left_on`` None puts the child back on roll. With ``row_version`` a change made by
        someone else in the meantime is refused. Returns the record's new version.
        """
        self._require("children")
        with self._write() as s:
            child = _load(s, child_id)
            if row_version is not None and child.row_version != row_version:
                raise Conflict(
                    "Someone else saved this child while you were editing. Close the form "
                    "and open it again to see their change."
                )
            if left_on is not None and left_on < child.date_of_birth:
                raise ValidationError("The leaving date is before the child's date of birth.",
                                      "left_on")
            if left_on is not None and left_on > self._clock.today() + timedelta(days=366):
                raise ValidationError("The leaving date is more than a year ahead.", "left_on")
            child.left_on = left_on
            s.flush()
            return child.row_version


def _redacted(form: ChildForm) -> ChildForm:
    return dataclasses.replace(form, medical_notes=None, allergies=None, dietary_needs=None,
                               gp_details=None)


def _load(s: Session, child_id: int) -> Child:
    return fetch(s, Child, child_id, f"Child {child_id} no longer exists.")


def _row(child: Child, school: str) -> ChildRow:
    codes = funding_codes(child)
    flags = ", ".join(CODE_NAMES[code] for code in codes)
    return ChildRow(
        id=child.id,
        name=display_name(child.forename, child.surname, child.preferred_forename,
                          child.preferred_surname),
        date_of_birth=child.date_of_birth,
        school=school,
        year=year_label(child.year_group),
        has_medical=bool(child.medical_notes.strip() or child.allergies.strip()),
        flags=flags,
        left=child.left_on is not None,
        class_name=child.class_name,
        codes=" ".join(codes),
        left_on=child.left_on,
    )


def _form(child: Child) -> ChildForm:
    values = {name: getattr(child, name) for name in _FORM_FIELDS}
    values["upn"] = child.upn or ""
    values["mis_id"] = child.mis_id or ""
    return ChildForm(id=child.id, row_version=child.row_version, **values)
