"""Staff basics: name, role, home site and contact details."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from hubdesk.core.errors import NotFound, ValidationError
from hubdesk.core.models import Site, Staff, fold
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


@dataclass(frozen=True)
class StaffRow:
    id: int
    name: str
    role: str
    home_site: str
    phone: str
    active: bool
    email: str = ""


_FIELDS = ("forename", "surname", "role", "home_site_id", "phone", "email", "active")
# Column widths: PostgreSQL refuses longer text, so say so before the database does.
_MAX_LENGTHS = {"forename": 100, "surname": 100, "role": 40, "phone": 30, "email": 200}
_PHONE_CHARS = set("0123456789 +()-.")


def validate_staff(form: StaffForm) -> None:
    """Raise ValidationError naming the first bad field."""
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


class StaffService(Service):
    def list(self, query: str = "", include_inactive: bool = False) -> list[StaffRow]:
        stmt = select(Staff, Site.name).outerjoin(Site, Site.id == Staff.home_site_id)
        for word in fold(query).split():
            stmt = stmt.where(Staff.search_key.contains(word, autoescape=True))
        if not include_inactive:
            stmt = stmt.where(Staff.active.is_(True))
        with self._read() as s:
            return [StaffRow(p.id, f"{p.surname}, {p.forename}", p.role, site or "", p.phone,
                             p.active, p.email)
                    for p, site in s.execute(stmt.order_by(Staff.surname, Staff.forename))]

    def get(self, staff_id: int) -> StaffForm:
        with self._read() as s:
            person = s.get(Staff, staff_id)
            if person is None:
                raise NotFound(f"Staff member {staff_id} no longer exists.")
            return StaffForm(id=person.id, **{n: getattr(person, n) for n in _FIELDS})

    def save(self, form: StaffForm) -> int:
        validate_staff(form)
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
            person.refresh_search_key()
            s.flush()
            return person.id
