"""Referrals and signposting: record, edit, close, list, the overdue list and counts without names.

Every change goes through the ORM, so the audit records it; nothing is deleted (a referral made in
error is closed with that outcome). The contact target is an office setting kept in the meta table.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from hubdesk.core.audit import record_event
from hubdesk.core.errors import Conflict, NotFound, ValidationError
from hubdesk.core.models import Carer, Child, ChildCarer, MetaValue, Referral, ReferralCategory, Site
from hubdesk.core.models.meta import store_meta
from hubdesk.core.vocabulary import REFERRAL_CONTACT_DAYS, REFERRAL_SERVICES
from hubdesk.services.base import Service, check_characters
from hubdesk.services.referrals.dto import (
    Category,
    ReferralCount,
    ReferralFilter,
    ReferralForm,
    ReferralRow,
)
from hubdesk.services.referrals.rules import check_days, check_form, due_date, term_of
from hubdesk.services.sites import load_calendar, load_calendars

TARGET_KEY = "referral_contact_days"
_FIELDS = ("kind", "child_id", "carer_id", "service", "category_id", "notes", "consent_by",
           "made_by", "made_on", "acknowledged_on", "allocated_on", "contacted_on", "closed_on",
           "outcome", "provider")


class ReferralService(Service):
    """One public method = one transaction; each calls ``_check`` first (wired to roles later)."""

    def _check(self, permission: str) -> None:
        """Every use needs its permission (referrals, retention, subject access)."""
        self._require(permission)

    # --- settings and categories ---------------------------------------------------------------
    def target_days(self) -> int:
        self._check("referrals")
        with self._read() as s:
            return _target(s)

    def set_target_days(self, days: int) -> int:
        """Change the hub's target; the open referrals' due dates follow. Returns how many moved."""
        self._check("referrals")
        check_days(days)
        with self._write() as s:
            store_meta(s, TARGET_KEY, str(days))
            calendars = load_calendars(s)
            moved = 0
            for row in s.scalars(select(Referral).where(Referral.kind == "referral",
                                                        Referral.closed_on.is_(None))):
                due = due_date(row.made_on, days, calendars.get(row.school_site_id or 0))
                if due != row.due_on:
                    row.due_on, moved = due, moved + 1
            return moved

    def categories(self, include_inactive: bool = False) -> list[Category]:
        self._check("referrals")
        stmt = select(ReferralCategory).order_by(ReferralCategory.name)
        if not include_inactive:
            stmt = stmt.where(ReferralCategory.active.is_(True))
        with self._read() as s:
            return [Category(c.id, c.name, c.active) for c in s.scalars(stmt)]

    def add_category(self, name: str) -> int:
        self._check("referrals")
        name = name.strip()
        if not name or len(name) > 80:
            raise ValidationError("A category needs a name of at most 80 characters.", "name")
        with self._write() as s:
            if s.scalar(select(ReferralCategory.id).where(ReferralCategory.name == name)):
                raise Conflict(f"There is already a category called {name}.")
            row = ReferralCategory(name=name, active=True)
            s.add(row)
            s.flush()
            return row.id

    # --- one referral --------------------------------------------------------------------------
    def save(self, form: ReferralForm) -> int:
        """Record a new referral or change one; the due date follows the made date and school."""
        self._check("referrals")
        check_form(form, self._clock.today())
        check_characters(form, multiline=("notes", "outcome"))
        with self._write() as s:
            school_id = _school_of(s, form.child_id, form.carer_id)
            days = _target(s)
            calendar = load_calendar(s, school_id) if school_id else None
            row = self._row_for(s, form)
            for field in _FIELDS:
                value = getattr(form, field)
                setattr(row, field, value.strip() if isinstance(value, str) else value)
            row.school_site_id = school_id
            row.due_on = due_date(form.made_on, days, calendar) if form.kind == "referral" else None
            s.add(row)
            s.flush()
            return row.id

    def _row_for(self, s: Session, form: ReferralForm) -> Referral:
        category = s.get(ReferralCategory, form.category_id)
        if category is None:
            raise ValidationError("Choose why the referral was made.", "category_id")
        if form.id is None:
            return Referral()  # added once filled in: a query meanwhile must not flush it half-made
        row_ = s.get(Referral, form.id)
        if row_ is None:
            raise NotFound("That referral no longer exists.")
        if form.row_version is not None and row_.row_version != form.row_version:
            raise Conflict("Someone else changed this referral while you were editing it. Close "
                           "the form, open it again and repeat your change.")
        return row_

    def get(self, referral_id: int) -> ReferralForm:
        """One referral to read or edit; a signed-in person opening it is recorded in the audit
        (access to referrals is logged, as to medical details)."""
        self._check("referrals")
        reading = self._read() if self._actor.user_id is None else self._write(only_logging=True)
        with reading as s:
            row = s.get(Referral, referral_id)
            if row is None:
                raise NotFound("That referral no longer exists.")
            values = {f: getattr(row, f) for f in _FIELDS}
            if self._actor.user_id is not None:
                record_event(s, "referrals", str(row.id), {"opened": [None, "referral"]},
                             child_id=row.child_id)
            return ReferralForm(**values, id=row.id, row_version=row.row_version)

    # --- lists ---------------------------------------------------------------------------------
    def search(self, filters: ReferralFilter | None = None) -> list[ReferralRow]:
        """Referrals newest first, as the filters say; three statements whatever the number."""
        self._check("referrals")
        today = self._clock.today()
        with self._read() as s:
            stmt = _filtered(filters or ReferralFilter(), today)
            rows = list(s.scalars(stmt.order_by(Referral.made_on.desc(), Referral.id.desc())))
            return _rows(s, rows, today)

    def overdue(self) -> list[ReferralRow]:
        """Open referrals whose family has not been contacted by the due date, oldest due first."""
        rows = self.search(ReferralFilter(open_only=True, overdue_only=True))
        return sorted(rows, key=lambda r: (r.due_on or r.made_on, r.id))

    def referral_counts(self, start: date, end: date) -> list[ReferralCount]:
        """Referrals and signposting entries made from ``start`` to ``end`` counted per school,
        service and term; no names, for the Overview and the governors' report (so the Overview's
        readers may have them without seeing referrals)."""
        if not self._may("overview"):
            self._check("referrals")
        if end < start:
            raise ValidationError("The end date must be on or after the start date.", "end")
        with self._read() as s:
            found = s.execute(
                select(Referral.kind, Referral.service, Referral.made_on, Site.name)
                .outerjoin(Site, Site.id == Referral.school_site_id)
                .where(Referral.made_on >= start, Referral.made_on <= end)).all()
        tally: Counter[tuple[str, str, str, str]] = Counter()
        first: dict[str, date] = {}
        for kind, service, made_on, school in found:
            term = term_of(made_on)
            first[term] = min(first.get(term, made_on), made_on)
            tally[(school or "No school", REFERRAL_SERVICES.get(service, service), term, kind)] += 1
        keys = sorted({k[:3] for k in tally}, key=lambda k: (k[0], first[k[2]], k[1]))
        return [ReferralCount(school, service, term, tally[(school, service, term, "referral")],
                              tally[(school, service, term, "signposting")])
                for school, service, term in keys]


def _target(s: Session) -> int:
    row = s.get(MetaValue, TARGET_KEY)
    return int(row.value) if row and row.value.isdigit() else REFERRAL_CONTACT_DAYS


def _school_of(s: Session, child_id: int | None, carer_id: int | None) -> int | None:
    """The school the referral counts under: the child's, or the family's eldest child's."""
    if child_id is not None:
        child = s.get(Child, child_id)
        if child is None:
            raise NotFound("That child no longer exists.")
        return child.school_site_id
    if s.get(Carer, carer_id) is None:
        raise NotFound("That carer no longer exists.")
    return s.scalar(select(Child.school_site_id).join(ChildCarer, ChildCarer.child_id == Child.id)
                    .where(ChildCarer.carer_id == carer_id, Child.left_on.is_(None))
                    .order_by(Child.date_of_birth).limit(1))


def _filtered(f: ReferralFilter, today: date) -> Select[Referral]:
    stmt = select(Referral)
    if f.open_only or f.overdue_only:
        stmt = stmt.where(Referral.closed_on.is_(None), Referral.kind == "referral")
    if f.overdue_only:
        stmt = stmt.where(Referral.contacted_on.is_(None), Referral.due_on < today)
    if f.school_id is not None:
        stmt = stmt.where(Referral.school_site_id == f.school_id)
    if f.service is not None:
        stmt = stmt.where(Referral.service == f.service)
    if f.child_id is not None:
        stmt = stmt.where(Referral.child_id == f.child_id)
    if f.carer_id is not None:
        stmt = stmt.where(Referral.carer_id == f.carer_id)
    return stmt


def _rows(s: Session, rows: list[Referral], today: date) -> list[ReferralRow]:
    """DTOs for ``rows``, with names read in two more statements (children, carers) at most."""
    child_ids = {r.child_id for r in rows if r.child_id is not None}
    carer_ids = {r.carer_id for r in rows if r.carer_id is not None}
    children = {c.id: f"{c.preferred_forename or c.forename} {c.preferred_surname or c.surname}"
                for c in s.scalars(select(Child).where(Child.id.in_(child_ids)))} if child_ids else {}
    carers = {c.id: f"Family of {c.forename} {c.surname}".strip()
              for c in s.scalars(select(Carer).where(Carer.id.in_(carer_ids)))} if carer_ids else {}
    schools = {i: n for i, n in s.execute(select(Site.id, Site.name))}
    categories = {i: n for i, n in s.execute(select(ReferralCategory.id, ReferralCategory.name))}
    result = []
    for r in rows:
        person = children.get(r.child_id or 0) or carers.get(r.carer_id or 0, "")
        overdue = (r.kind == "referral" and r.closed_on is None and r.contacted_on is None
                   and r.due_on is not None and r.due_on < today)
        result.append(ReferralRow(
            r.id, r.kind, r.child_id, r.carer_id, person, schools.get(r.school_site_id or 0, ""),
            r.service, r.provider, categories.get(r.category_id, ""), r.made_by, r.made_on, r.due_on,
            r.acknowledged_on, r.allocated_on, r.contacted_on, r.closed_on, r.outcome, overdue))
    return result
