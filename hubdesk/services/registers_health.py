"""Accident / incident log and medicines: written permission per medicine and each dose given.

Parents are told about accidents the same day, and serious injuries go to Ofsted within 14 days;
the log says which entries still wait for either. Nothing is deleted: an entry made in error is
withdrawn with a reason, a permission is ended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk.core import clock
from hubdesk.core.clock import to_local
from hubdesk.core.errors import Conflict, NotFound, ValidationError
from hubdesk.core.models import (
    INCIDENT_KINDS,
    Carer,
    Child,
    ChildCarer,
    Club,
    ClubSession,
    Incident,
    MedicineDose,
    MedicinePermission,
    Site,
)
from hubdesk.services.base import Service
from hubdesk.services.registers_common import carer_label, child_label

OFSTED_DAYS = 14
SLACK = timedelta(minutes=2)


@dataclass(frozen=True)
class IncidentForm:
    child_id: int
    kind: str
    happened_at: datetime  # UTC
    what: str
    dealt_with_by: str
    action_taken: str = ""
    site_id: int | None = None
    session_id: int | None = None
    parent_informed_at: datetime | None = None
    parent_informed_how: str = ""
    serious: bool = False
    ofsted_notified_on: date | None = None


@dataclass(frozen=True)
class IncidentRow:
    id: int
    child_id: int
    child: str
    site: str
    kind_label: str
    happened_at: datetime
    what: str
    action_taken: str
    dealt_with_by: str
    parent_informed_at: datetime | None
    parent_informed_how: str
    serious: bool
    ofsted_notified_on: date | None
    withdrawn: bool

    @property
    def needs(self) -> str:
        """What is still owed: telling the parent, telling Ofsted."""
        todo = []
        if not self.withdrawn and self.parent_informed_at is None:
            todo.append("tell the parent today")
        if not self.withdrawn and self.serious and self.ofsted_notified_on is None:
            due = to_local(self.happened_at).date() + timedelta(days=OFSTED_DAYS)
            todo.append(f"notify Ofsted by {due:%d/%m/%Y}")
        return "; ".join(todo)


@dataclass(frozen=True)
class PermissionForm:
    child_id: int
    medicine: str
    dose: str
    signed_by_carer_id: int
    signed_on: date
    when_to_give: str = ""
    valid_until: date | None = None
    stored_where: str = ""


@dataclass(frozen=True)
class PermissionRow:
    id: int
    child_id: int
    medicine: str
    dose: str
    when_to_give: str
    signed_by: str
    signed_on: date
    valid_until: date | None
    stored_where: str
    ended: bool
    doses_given: int

    def valid_on(self, day: date) -> bool:
        return not self.ended and self.signed_on <= day and (
            self.valid_until is None or day <= self.valid_until)


@dataclass(frozen=True)
class DoseRow:
    id: int
    permission_id: int
    medicine: str
    given_at: datetime
    amount: str
    given_by: str
    witnessed_by: str
    parent_informed_at: datetime | None
    notes: str


def _text(value: str, field: str, limit: int, required: str = "") -> str:
    value = value.strip()
    if required and not value:
        raise ValidationError(required, field)
    if len(value) > limit:
        raise ValidationError(f"This can be at most {limit} characters.", field)
    return value


def validate_incident(form: IncidentForm, now: datetime) -> None:
    if form.kind not in INCIDENT_KINDS:
        raise ValidationError("Choose accident, incident or first aid.", "kind")
    _text(form.what, "what", 4000, "Describe what happened.")
    _text(form.dealt_with_by, "dealt_with_by", 150, "Say who dealt with it.")
    _text(form.action_taken, "action_taken", 4000)
    _text(form.parent_informed_how, "parent_informed_how", 150)
    if form.happened_at > now + SLACK:
        raise ValidationError("The time it happened is in the future.", "happened_at")
    if form.parent_informed_at is not None:
        if form.parent_informed_at < form.happened_at:
            raise ValidationError("The parent cannot be told before it happened.",
                                  "parent_informed_at")
        if form.parent_informed_at > now + SLACK:
            raise ValidationError("The time the parent was told is in the future.",
                                  "parent_informed_at")
    if form.ofsted_notified_on is not None and not form.serious:
        raise ValidationError("Only a serious injury is notified to Ofsted; tick 'serious'.",
                              "serious")


class HealthLogService(Service):
    # --- accidents and incidents -------------------------------------------------------------
    def record_incident(self, form: IncidentForm) -> int:
        now = clock.utcnow()
        validate_incident(form, now)
        with self._write() as s:
            if s.get(Child, form.child_id) is None:
                raise NotFound("That child no longer exists.")
            site_id = form.site_id
            if form.session_id is not None:
                session = s.get(ClubSession, form.session_id)
                if session is None:
                    raise NotFound("That club session no longer exists.")
                club = s.get(Club, session.club_id)
                site_id = site_id or (club.site_id if club else None)
            if site_id is not None and s.get(Site, site_id) is None:
                raise NotFound("That site no longer exists.")
            row = Incident(child_id=form.child_id, site_id=site_id, session_id=form.session_id,
                           kind=form.kind, happened_at=form.happened_at, what=form.what.strip(),
                           action_taken=form.action_taken.strip(),
                           dealt_with_by=form.dealt_with_by.strip(),
                           parent_informed_at=form.parent_informed_at,
                           parent_informed_how=form.parent_informed_how.strip(),
                           serious=form.serious, ofsted_notified_on=form.ofsted_notified_on,
                           recorded_by=str(s.info.get("user") or ""), recorded_at=now)
            s.add(row)
            s.flush()
            return row.id

    def parent_informed(self, incident_id: int, how: str, at: datetime | None = None) -> None:
        now = clock.utcnow()
        at = at or now
        how = _text(how, "parent_informed_how", 150, "Say how the parent was told (in person, "
                                                     "phone).")
        with self._write() as s:
            row = _incident(s, incident_id)
            if at < row.happened_at or at > now + SLACK:
                raise ValidationError("The time the parent was told must be after it happened "
                                      "and not in the future.", "parent_informed_at")
            row.parent_informed_at, row.parent_informed_how = at, how

    def ofsted_notified(self, incident_id: int, on: date) -> None:
        with self._write() as s:
            row = _incident(s, incident_id)
            if not row.serious:
                raise Conflict("Only a serious injury is notified to Ofsted.")
            row.ofsted_notified_on = on

    def withdraw_incident(self, incident_id: int, reason: str) -> None:
        reason = _text(reason, "reason", 300, "Say why the entry is withdrawn.")
        with self._write() as s:
            row = _incident(s, incident_id)
            row.withdrawn_at, row.withdrawn_reason = clock.utcnow(), reason

    def incidents(self, child_id: int | None = None, site_id: int | None = None,
                  start: date | None = None, end: date | None = None,
                  include_withdrawn: bool = False) -> list[IncidentRow]:
        stmt = (select(Incident, Child, Site.name).join(Child, Child.id == Incident.child_id)
                .outerjoin(Site, Site.id == Incident.site_id))
        if child_id is not None:
            stmt = stmt.where(Incident.child_id == child_id)
        if site_id is not None:
            stmt = stmt.where(Incident.site_id == site_id)
        if start is not None:
            stmt = stmt.where(Incident.happened_at >= datetime.combine(start, datetime.min.time())
                              - timedelta(hours=1))
        if end is not None:
            stmt = stmt.where(Incident.happened_at < datetime.combine(end, datetime.min.time())
                              + timedelta(days=1))
        if not include_withdrawn:
            stmt = stmt.where(Incident.withdrawn_at.is_(None))
        with self._read() as s:
            rows = s.execute(stmt.order_by(Incident.happened_at.desc())).all()
            result = [IncidentRow(i.id, c.id, child_label(c), site or "", INCIDENT_KINDS[i.kind],
                                  i.happened_at, i.what, i.action_taken, i.dealt_with_by,
                                  i.parent_informed_at, i.parent_informed_how, i.serious,
                                  i.ofsted_notified_on, i.withdrawn_at is not None)
                      for i, c, site in rows]
        return [r for r in result
                if (start is None or to_local(r.happened_at).date() >= start)
                and (end is None or to_local(r.happened_at).date() <= end)]

    # --- medicines ---------------------------------------------------------------------------
    def add_permission(self, form: PermissionForm) -> int:
        medicine = _text(form.medicine, "medicine", 150, "Enter the medicine's name.")
        dose = _text(form.dose, "dose", 150, "Enter the dose the parent wrote down.")
        when = _text(form.when_to_give, "when_to_give", 300)
        stored = _text(form.stored_where, "stored_where", 150)
        if form.valid_until is not None and form.valid_until < form.signed_on:
            raise ValidationError("The permission ends before it was signed.", "valid_until")
        with self._write() as s:
            link = s.get(ChildCarer, (form.child_id, form.signed_by_carer_id))
            if link is None or not link.parental_responsibility:
                raise Conflict("Medicine permission must be signed by a parent or carer with "
                               "parental responsibility for the child.")
            row = MedicinePermission(child_id=form.child_id, medicine=medicine, dose=dose,
                                     when_to_give=when, signed_by_carer_id=form.signed_by_carer_id,
                                     signed_on=form.signed_on, valid_until=form.valid_until,
                                     stored_where=stored,
                                     recorded_by=str(s.info.get("user") or ""))
            s.add(row)
            s.flush()
            return row.id

    def end_permission(self, permission_id: int) -> None:
        with self._write() as s:
            row = s.get(MedicinePermission, permission_id)
            if row is None:
                raise NotFound("That medicine permission no longer exists.")
            if row.ended_at is None:
                row.ended_at = clock.utcnow()

    def permissions(self, child_id: int, include_ended: bool = False) -> list[PermissionRow]:
        stmt = select(MedicinePermission, Carer).join(
            Carer, Carer.id == MedicinePermission.signed_by_carer_id).where(
            MedicinePermission.child_id == child_id)
        if not include_ended:
            stmt = stmt.where(MedicinePermission.ended_at.is_(None))
        with self._read() as s:
            rows = s.execute(stmt.order_by(MedicinePermission.signed_on.desc())).all()
            given: dict[int, int] = {pid: n for pid, n in s.execute(
                select(MedicineDose.permission_id, func.count())
                .where(MedicineDose.child_id == child_id)
                .group_by(MedicineDose.permission_id)).all()}
            return [PermissionRow(p.id, p.child_id, p.medicine, p.dose, p.when_to_give,
                                  carer_label(c), p.signed_on, p.valid_until, p.stored_where,
                                  p.ended_at is not None, given.get(p.id, 0)) for p, c in rows]

    def give_dose(self, permission_id: int, amount: str, given_by: str, witnessed_by: str = "",
                  at: datetime | None = None, parent_informed_at: datetime | None = None,
                  notes: str = "") -> int:
        """Log one dose; refused without a current written permission."""
        now = clock.utcnow()
        at = at or now
        amount = _text(amount, "amount", 150, "Enter the amount given.")
        given_by = _text(given_by, "given_by", 150, "Say who gave the medicine.")
        witnessed_by = _text(witnessed_by, "witnessed_by", 150)
        notes = _text(notes, "notes", 300)
        if at > now + SLACK:
            raise ValidationError("The time given is in the future.", "given_at")
        with self._write() as s:
            p = s.get(MedicinePermission, permission_id)
            if p is None:
                raise NotFound("That medicine permission no longer exists.")
            day = to_local(at).date()
            if p.ended_at is not None or day < p.signed_on or (
                    p.valid_until is not None and day > p.valid_until):
                raise Conflict(f"There is no current written permission to give {p.medicine} "
                               f"on {day:%d/%m/%Y}. Do not give it; ask the parent for a new "
                               "signed form.")
            dose = MedicineDose(permission_id=p.id, child_id=p.child_id, given_at=at,
                                amount=amount, given_by=given_by, witnessed_by=witnessed_by,
                                parent_informed_at=parent_informed_at, notes=notes,
                                recorded_by=str(s.info.get("user") or ""))
            s.add(dose)
            s.flush()
            return dose.id

    def doses(self, child_id: int) -> list[DoseRow]:
        with self._read() as s:
            rows = s.execute(select(MedicineDose, MedicinePermission.medicine)
                             .join(MedicinePermission,
                                   MedicinePermission.id == MedicineDose.permission_id)
                             .where(MedicineDose.child_id == child_id)
                             .order_by(MedicineDose.given_at.desc())).all()
            return [DoseRow(d.id, d.permission_id, medicine, d.given_at, d.amount, d.given_by,
                            d.witnessed_by, d.parent_informed_at, d.notes) for d, medicine in rows]

    def parents(self, child_id: int) -> list[tuple[int, str]]:
        """(carer id, name) of carers with parental responsibility, who can sign permissions."""
        with self._read() as s:
            return [(c.id, carer_label(c)) for c in s.scalars(
                select(Carer).join(ChildCarer).where(
                    ChildCarer.child_id == child_id,
                    ChildCarer.parental_responsibility.is_(True)).order_by(Carer.surname))]


def _incident(s: Session, incident_id: int) -> Incident:
    row = s.get(Incident, incident_id)
    if row is None:
        raise NotFound("That log entry no longer exists.")
    return row
