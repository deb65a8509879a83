"""Staff: name, role, home site and contact; DBS and qualifications; sites, hours and availability.

The DBS is recorded as the law asks (certificate number, date, who checked it) with the children's
barred-list check and the Update Service; the rota refuses a shift to anyone without them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.errors import NotFound, ValidationError
from hubdesk.core.models import Site, Staff, StaffAvailability, StaffSite
from hubdesk.core.vocabulary import name_sort_key, search_words
from hubdesk.services.base import Service


@dataclass(frozen=True)
class StaffForm:
    forename: str
    surname: str
    role: str
    id: int | None = None
    home_site_id: int | None = None
    phone: str = ""
    email: str = ""
    active: bool = True
    dbs_number: str = ""
    dbs_issued_on: date | None = None
    dbs_checked_by: str = ""
    dbs_checked_on: date | None = None
    barred_list_checked: bool = False
    dbs_update_service: bool = False
    first_aid_expires: date | None = None
    food_hygiene_expires: date | None = None
    safeguarding_lead: bool = False
    licence_categories: str = ""
    licence_first_held: date | None = None
    date_of_birth: date | None = None
    midas_expires: date | None = None
    contracted_week_minutes: int | None = None
    contracted_day_minutes: int | None = None
    site_ids: tuple[int, ...] = ()  # besides the home site
    availability: tuple[tuple[int, time, time], ...] = ()  # (weekday, from, to); none: any time


@dataclass(frozen=True)
class StaffRow:
    id: int
    name: str
    role: str
    home_site: str
    phone: str
    active: bool
    email: str = ""
    dbs: str = ""  # "Checked", "Not checked", "Missing"
    first_aid_expires: date | None = None


_FIELDS = ("forename", "surname", "role", "home_site_id", "phone", "email", "active",
           "dbs_number", "dbs_issued_on", "dbs_checked_by", "dbs_checked_on", "barred_list_checked",
           "dbs_update_service", "first_aid_expires", "food_hygiene_expires", "safeguarding_lead",
           "licence_categories", "licence_first_held", "date_of_birth", "midas_expires",
           "contracted_week_minutes", "contracted_day_minutes")
# Column widths: PostgreSQL refuses longer text, so say so before the database does.
_MAX_LENGTHS = {"forename": 100, "surname": 100, "role": 40, "phone": 30, "email": 200,
                "dbs_checked_by": 100, "licence_categories": 40}
_LICENCE = re.compile(r"^(AM|A1|A2|A|B1|B|BE|C1|C1E|C|CE|D1|D1E|D|DE|F|G|H|K|L|M|N|P|Q)$")
_PHONE_CHARS = set("0123456789 +()-.")


def validate_staff(form: StaffForm, today: date) -> None:
    """Raise ValidationError naming the first bad field (dates are checked against ``today``)."""
    if not form.forename.strip():
        raise ValidationError("Enter the staff member's forename.", "forename")
    if not form.surname.strip():
        raise ValidationError("Enter the staff member's surname.", "surname")
    if not form.role.strip():
        raise ValidationError("Choose a role.", "role")
    for field, limit in _MAX_LENGTHS.items():
        if len(str(getattr(form, field)).strip()) > limit:
            raise ValidationError(f"This can be at most {limit} characters.", field)
    phone = form.phone.strip()
    if phone and (not set(phone) <= _PHONE_CHARS or sum(c.isdigit() for c in phone) < 6):
        raise ValidationError("A phone number has digits, spaces and + ( ) - only, "
                              "e.g. 01273 123456.", "phone")
    email = form.email.strip()
    if email:
        local, _, domain = email.partition("@")
        if not local or "." not in domain.strip(".") or " " in email or "@" in domain:
            raise ValidationError("That email address looks wrong, e.g. name@school.org.uk.",
                                  "email")
    validate_checks(form, today)
    validate_hours(form)


def licence_list(text: str) -> list[str]:
    """'b, d1 ' -> ['B', 'D1']."""
    return [part for part in re.split(r"[\s,;/]+", text.upper()) if part]


def validate_checks(form: StaffForm, today: date) -> None:
    """DBS, qualifications and driver details: each bad field named with a sentence."""
    number = form.dbs_number.strip()
    if number and not (number.isdigit() and len(number) == 12):
        raise ValidationError("A DBS certificate number has 12 digits, e.g. 001234567890.",
                              "dbs_number")
    if not number and (form.dbs_issued_on or form.dbs_checked_by.strip() or form.barred_list_checked
                       or form.dbs_update_service):
        raise ValidationError("Enter the DBS certificate number first.", "dbs_number")
    if form.dbs_issued_on and form.dbs_issued_on > today:
        raise ValidationError("The DBS issue date cannot be in the future.", "dbs_issued_on")
    if form.dbs_checked_on and not form.dbs_checked_by.strip():
        raise ValidationError("Say who checked the DBS certificate.", "dbs_checked_by")
    if form.dbs_checked_on and form.dbs_issued_on and form.dbs_checked_on < form.dbs_issued_on:
        raise ValidationError("The certificate cannot be checked before it was issued.",
                              "dbs_checked_on")
    bad = [c for c in licence_list(form.licence_categories) if not _LICENCE.match(c)]
    if bad:
        raise ValidationError(f"'{bad[0]}' is not a licence category; write e.g. B, D1.",
                              "licence_categories")
    born = form.date_of_birth
    if born and not 16 <= (today - born).days // 365 <= 90:
        raise ValidationError("Check the date of birth: staff are between 16 and 90.",
                              "date_of_birth")
    if form.licence_first_held:
        if form.licence_first_held > today:
            raise ValidationError("The licence cannot be first held in the future.",
                                  "licence_first_held")
        if born and form.licence_first_held < born.replace(year=born.year + 16):
            raise ValidationError("The licence was first held before they were 16; check the dates.",
                                  "licence_first_held")


def validate_hours(form: StaffForm) -> None:
    if form.contracted_week_minutes is not None and not 0 <= form.contracted_week_minutes <= 3600:
        raise ValidationError("Contracted hours a week must be between 0 and 60.",
                              "contracted_week_minutes")
    if form.contracted_day_minutes is not None and not 0 <= form.contracted_day_minutes <= 960:
        raise ValidationError("Contracted hours a day must be between 0 and 16.",
                              "contracted_day_minutes")
    days = [d for d, _, _ in form.availability]
    if len(days) != len(set(days)) or any(not 0 <= d <= 6 for d in days):
        raise ValidationError("Give each weekday's availability once.", "availability")
    for _, start, end in form.availability:
        if end <= start:
            raise ValidationError("Availability must end after it starts on each day.",
                                  "availability")


def dbs_state(person: Staff) -> str:
    if not person.dbs_number:
        return "Missing"
    if not person.dbs_checked_by or not person.barred_list_checked:
        return "Not checked"
    return "Checked"


class StaffService(Service):
    WRITE_PERMISSION = "staff"

    def list(self, query: str = "", include_inactive: bool = False) -> list[StaffRow]:
        stmt = select(Staff, Site.name).outerjoin(Site, Site.id == Staff.home_site_id)
        for word in search_words(query):
            stmt = stmt.where(Staff.search_key.contains(word, autoescape=True))
        if not include_inactive:
            stmt = stmt.where(Staff.active.is_(True))
        with self._read() as s:
            found = sorted(s.execute(stmt), key=lambda row: name_sort_key(row[0].surname, row[0].forename))
            return [StaffRow(p.id, f"{p.surname}, {p.forename}", p.role, site or "", p.phone,
                             p.active, p.email, dbs_state(p), p.first_aid_expires)
                    for p, site in found]

    def get(self, staff_id: int) -> StaffForm:
        with self._read() as s:
            person = s.get(Staff, staff_id)
            if person is None:
                raise NotFound(f"Staff member {staff_id} no longer exists.")
            sites = tuple(s.scalars(select(StaffSite.site_id).where(StaffSite.staff_id == staff_id)
                                    .order_by(StaffSite.site_id)))
            availability = tuple((a.weekday, a.start_time, a.end_time) for a in s.scalars(
                select(StaffAvailability).where(StaffAvailability.staff_id == staff_id)
                .order_by(StaffAvailability.weekday)))
            return StaffForm(id=person.id, site_ids=sites, availability=availability,
                             **{n: getattr(person, n) for n in _FIELDS})

    def save(self, form: StaffForm) -> int:
        validate_staff(form, self._clock.today())
        with self._write() as s:
            if form.home_site_id is not None and s.get(Site, form.home_site_id) is None:
                raise NotFound("That home site no longer exists; choose another.")
            if form.id is None:
                person = Staff()
                s.add(person)
            else:
                found = s.get(Staff, form.id)
                if found is None:
                    raise NotFound(f"Staff member {form.id} no longer exists.")
                person = found
            for name in _FIELDS:
                value = getattr(form, name)
                setattr(person, name, value.strip() if isinstance(value, str) else value)
            person.licence_categories = ", ".join(licence_list(form.licence_categories))
            person.refresh_search_key()
            s.flush()
            _save_links(s, person.id, form)
            return person.id


def _save_links(s: Session, staff_id: int, form: StaffForm) -> None:
    """Replace the person's extra sites and weekday availability with the form's."""
    sites = set(form.site_ids)
    found = set(s.scalars(select(Site.id).where(Site.id.in_(sites))))
    if sites - found:
        raise NotFound("One of the chosen sites no longer exists; choose the sites again.")
    current = {link.site_id: link for link in s.scalars(
        select(StaffSite).where(StaffSite.staff_id == staff_id))}
    for site, link in current.items():
        if site not in sites:
            s.delete(link)
    s.add_all(StaffSite(staff_id=staff_id, site_id=site) for site in sorted(sites - set(current)))
    wanted = {d: (a, b) for d, a, b in form.availability}
    existing = {a.weekday: a for a in s.scalars(
        select(StaffAvailability).where(StaffAvailability.staff_id == staff_id))}
    for day, row in existing.items():
        if day not in wanted:
            s.delete(row)
        else:
            row.start_time, row.end_time = wanted[day]
    s.add_all(StaffAvailability(staff_id=staff_id, weekday=d, start_time=a, end_time=b)
              for d, (a, b) in wanted.items() if d not in existing)
