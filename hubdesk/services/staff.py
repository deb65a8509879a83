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


_FIELDS = ("forename", "surname", "role", "home_site_id", "phone", "email", "active")


class StaffService(Service):
    def list(self, query: str = "", include_inactive: bool = False) -> list[StaffRow]:
        stmt = select(Staff, Site.name).outerjoin(Site, Site.id == Staff.home_site_id)
        for word in fold(query).split():
            stmt = stmt.where(Staff.search_key.contains(word, autoescape=True))
        if not include_inactive:
            stmt = stmt.where(Staff.active.is_(True))
        with self._read() as s:
            return [StaffRow(p.id, f"{p.surname}, {p.forename}", p.role, site or "", p.phone,
                             p.active)
                    for p, site in s.execute(stmt.order_by(Staff.surname, Staff.forename))]

    def get(self, staff_id: int) -> StaffForm:
        with self._read() as s:
            person = s.get(Staff, staff_id)
            if person is None:
                raise NotFound(f"Staff member {staff_id} no longer exists.")
            return StaffForm(id=person.id, **{n: getattr(person, n) for n in _FIELDS})

    def save(self, form: StaffForm) -> int:
        if not form.forename.strip() or not form.surname.strip():
            raise ValidationError("Enter the staff member's forename and surname.", "forename")
        if not form.role.strip():
            raise ValidationError("Choose a role.", "role")
        with self._write() as s:
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
