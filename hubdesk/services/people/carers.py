"""Carers and families: one adult, many children; siblings share carers, never copies."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.audit import record_event
from hubdesk.core.errors import NotFound, ValidationError
from hubdesk.core.models import Carer, Child, ChildCarer, Site
from hubdesk.core.text_checks import is_email, is_phone
from hubdesk.core.vocabulary import search_words, year_label
from hubdesk.services.base import Service, check_characters, check_lengths
from hubdesk.services.people.children import display_name


@dataclass(frozen=True)
class CarerForm:
    forename: str
    surname: str
    id: int | None = None
    title: str = ""
    phone_mobile: str = ""
    phone_home: str = ""
    phone_work: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""


@dataclass(frozen=True)
class CarerLink:
    """A carer as seen from one child."""

    carer: CarerForm
    relationship: str = ""
    parental_responsibility: bool = False
    lives_with: bool = False
    can_collect: bool = False
    must_not_collect: bool = False
    collection_password: str | None = ""  # None: not shown to this role, left unchanged
    emergency_priority: int | None = None


@dataclass(frozen=True)
class CarerMatch:
    """A known carer and the children they are already linked to, to tell two namesakes apart."""

    carer: CarerForm
    children: tuple[str, ...] = ()


@dataclass(frozen=True)
class FamilyMember:
    child_id: int
    name: str
    school: str
    year: str


_CARER_FIELDS = ("title", "forename", "surname", "phone_mobile", "phone_home", "phone_work",
                 "email", "address", "postcode")
_LINK_FIELDS = ("parental_responsibility", "lives_with", "can_collect", "must_not_collect",
                "collection_password", "emergency_priority")

_LABELS = {"phone_mobile": "mobile number", "phone_home": "home phone number",
           "phone_work": "work phone number"}


def validate_carer(form: CarerForm) -> None:
    if not (form.forename.strip() or form.surname.strip()):
        raise ValidationError("Enter the carer's name.", "forename")
    check_characters(form, _LABELS, multiline=("address",))
    check_lengths(form, Carer.__table__, _LABELS)
    if form.email.strip() and not is_email(form.email):
        raise ValidationError(f"'{form.email.strip()}' is not an email address (for example "
                              "name@example.co.uk).", "email")
    for key in ("phone_mobile", "phone_home", "phone_work"):
        phone = str(getattr(form, key)).strip()
        if phone and not is_phone(phone):
            raise ValidationError(f"'{phone}' is not a {_LABELS[key]}: use digits, spaces and "
                                  "+ ( ) -, e.g. 07700 900123.", key)


def validate_link(link: CarerLink) -> None:
    validate_carer(link.carer)
    if link.can_collect and link.must_not_collect:
        raise ValidationError(
            "A carer cannot both be allowed to collect and be barred from collecting.",
            "must_not_collect")
    if link.emergency_priority is not None and not 1 <= link.emergency_priority <= 9:
        raise ValidationError("Emergency priority is 1 (call first) to 9.", "emergency_priority")
    check_characters(link, _LABELS)
    check_lengths(link, ChildCarer.__table__, _LABELS)


class CarerService(Service):
    def links(self, child_id: int) -> list[CarerLink]:
        """The child's carers, in emergency-call order. Collection passwords are None for a role
        that may not see them; a signed-in person shown them is recorded in the audit."""
        logged = self._may("children.passwords") and self._actor.user_id is not None
        with self._write(only_logging=True) if logged else self._read() as s:
            rows = s.execute(
                select(ChildCarer, Carer).join(Carer).where(ChildCarer.child_id == child_id)
            ).all()
            result = [_link(link, carer) for link, carer in rows]
            if logged and any(x.collection_password for x in result):
                record_event(s, "children", str(child_id),
                             {"opened": [None, "collection passwords"]}, child_id=child_id)
        if not self._may("children.passwords"):
            result = [dataclasses.replace(x, collection_password=None) for x in result]
        return sorted(result, key=lambda x: (x.emergency_priority or 99, x.carer.surname))

    def find(self, query: str, limit: int = 20) -> list[CarerForm]:
        """Carers already known, so a sibling's parent is linked rather than typed again."""
        stmt = select(Carer)
        for word in search_words(query):
            stmt = stmt.where(Carer.search_key.contains(word, autoescape=True))
        with self._read() as s:
            return [_carer(c) for c in s.scalars(stmt.order_by(Carer.surname).limit(limit))]

    def find_matches(self, query: str, limit: int = 20) -> list[CarerMatch]:
        """Like ``find``, with the names of each carer's children; an empty query finds nobody."""
        words = search_words(query)
        if not words:
            return []
        stmt = select(Carer)
        for word in words:
            stmt = stmt.where(Carer.search_key.contains(word, autoescape=True))
        with self._read() as s:
            carers = list(s.scalars(stmt.order_by(Carer.surname, Carer.forename, Carer.id)
                                    .limit(limit)))
            names: dict[int, list[str]] = {c.id: [] for c in carers}
            rows = s.execute(
                select(ChildCarer.carer_id, Child).join(Child, Child.id == ChildCarer.child_id)
                .where(ChildCarer.carer_id.in_(names)).order_by(Child.date_of_birth)
            ).all()
            for carer_id, child in rows:
                names[carer_id].append(display_name(child.forename, child.surname,
                                                    child.preferred_forename,
                                                    child.preferred_surname))
            return [CarerMatch(_carer(c), tuple(names[c.id])) for c in carers]

    def save_link(self, child_id: int, link: CarerLink) -> int:
        """Add or update a carer and how they relate to this child; returns the carer's id."""
        self._require("children")
        if link.collection_password and not self._may("children.passwords"):
            self._require("children.passwords")
        validate_link(link)
        with self._write() as s:
            if s.get(Child, child_id) is None:
                raise NotFound(f"Child {child_id} no longer exists.")
            carer = _upsert_carer(s, link.carer)
            row = s.get(ChildCarer, (child_id, carer.id))
            if row is None:
                row = ChildCarer(child_id=child_id, carer_id=carer.id)
                s.add(row)
            row.relationship_ = link.relationship.strip()
            for name in _LINK_FIELDS:
                value = getattr(link, name)
                if name == "collection_password" and (
                        value is None or not self._may("children.passwords")):
                    value = row.collection_password or ""
                setattr(row, name, value)
            s.flush()
            return carer.id

    def unlink(self, child_id: int, carer_id: int) -> None:
        """Remove a carer from a child; the carer stays for siblings and in the audit log."""
        with self._write() as s:
            row = s.get(ChildCarer, (child_id, carer_id))
            if row is None:
                raise NotFound("That carer is not linked to this child.")
            s.delete(row)

    def family(self, child_id: int) -> list[FamilyMember]:
        """The child and every child who shares a carer with them (siblings)."""
        with self._read() as s:
            carer_ids = select(ChildCarer.carer_id).where(ChildCarer.child_id == child_id)
            sibling_ids = select(ChildCarer.child_id).where(ChildCarer.carer_id.in_(carer_ids))
            rows = s.execute(
                select(Child, Site.name).join(Site, Site.id == Child.school_site_id)
                .where((Child.id == child_id) | Child.id.in_(sibling_ids))
                .order_by(Child.date_of_birth)
            ).all()
            return [
                FamilyMember(c.id, display_name(c.forename, c.surname, c.preferred_forename,
                                                c.preferred_surname), school,
                             year_label(c.year_group))
                for c, school in rows
            ]


def _upsert_carer(s: Session, form: CarerForm) -> Carer:
    validate_carer(form)
    if form.id is None:
        carer = Carer()
        s.add(carer)
    else:
        found = s.get(Carer, form.id)
        if found is None:
            raise NotFound(f"Carer {form.id} no longer exists.")
        carer = found
    for name in _CARER_FIELDS:
        setattr(carer, name, getattr(form, name).strip())
    carer.refresh_search_key()
    s.flush()
    return carer


def _carer(c: Carer) -> CarerForm:
    return CarerForm(id=c.id, **{name: getattr(c, name) for name in _CARER_FIELDS})


def _link(link: ChildCarer, carer: Carer) -> CarerLink:
    return CarerLink(carer=_carer(carer), relationship=link.relationship_,
                     **{name: getattr(link, name) for name in _LINK_FIELDS})
