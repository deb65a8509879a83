"""Medicines: a parent's written permission per medicine, and each dose given under it.

A dose is refused without a current written permission (signed by a carer with parental
responsibility, not ended, and covering the day). Nothing is deleted: a permission is ended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from hubdesk.core.clock import to_local
from hubdesk.core.errors import Conflict, NotFound, ValidationError
from hubdesk.core.models import (
    Carer,
    Child,
    ChildCarer,
    Club,
    ClubSession,
    MedicineDose,
    MedicinePermission,
    SessionBooking,
)
from hubdesk.services.base import Service
from hubdesk.services.registers.queries import carer_label, child_label

SLACK = timedelta(minutes=2)


def clean_text(value: str, field: str, limit: int, required: str = "") -> str:
    """``value`` stripped; a ValidationError on ``field`` when missing or too long."""
    value = value.strip()
    if required and not value:
        raise ValidationError(required, field)
    if len(value) > limit:
        raise ValidationError(f"This can be at most {limit} characters.", field)
    return value


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


@dataclass(frozen=True)
class MedicineDue:
    """A child on a day's registers with a current permission, and the doses given that day."""

    permission: PermissionRow
    child: str
    clubs: str
    doses_today: int
    last_dose_at: datetime | None


class MedicineService(Service):
    def add_permission(self, form: PermissionForm) -> int:
        medicine = clean_text(form.medicine, "medicine", 150, "Enter the medicine's name.")
        dose = clean_text(form.dose, "dose", 150, "Enter the dose the parent wrote down.")
        when = clean_text(form.when_to_give, "when_to_give", 300)
        stored = clean_text(form.stored_where, "stored_where", 150)
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
                row.ended_at = self._clock.now()

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
            return [_permission_row(p, c, given.get(p.id, 0)) for p, c in rows]

    def give_dose(self, permission_id: int, amount: str, given_by: str, witnessed_by: str = "",
                  at: datetime | None = None, parent_informed_at: datetime | None = None,
                  notes: str = "") -> int:
        """Log one dose; refused without a current written permission."""
        now = self._clock.now()
        at = at or now
        amount = clean_text(amount, "amount", 150, "Enter the amount given.")
        given_by = clean_text(given_by, "given_by", 150, "Say who gave the medicine.")
        witnessed_by = clean_text(witnessed_by, "witnessed_by", 150)
        notes = clean_text(notes, "notes", 300)
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

    def due_on(self, day: date, site_id: int | None = None) -> list[MedicineDue]:
        """Children booked at the site on ``day`` whose written permission covers the day."""
        stmt = (select(SessionBooking.child_id, Club.name)
                .join(ClubSession, ClubSession.id == SessionBooking.session_id)
                .join(Club, Club.id == ClubSession.club_id)
                .where(ClubSession.day == day, ClubSession.status == "running",
                       SessionBooking.status == "booked"))
        if site_id is not None:
            stmt = stmt.where(Club.site_id == site_id)
        start = datetime.combine(day, datetime.min.time()) - timedelta(hours=1)
        with self._read() as s:
            clubs: dict[int, list[str]] = {}
            for child_id, club in s.execute(stmt.order_by(ClubSession.start_time)):
                clubs.setdefault(child_id, []).append(club)
            if not clubs:
                return []
            rows = s.execute(select(MedicinePermission, Carer, Child)
                             .join(Carer, Carer.id == MedicinePermission.signed_by_carer_id)
                             .join(Child, Child.id == MedicinePermission.child_id)
                             .where(MedicinePermission.child_id.in_(list(clubs)),
                                    MedicinePermission.ended_at.is_(None),
                                    MedicinePermission.signed_on <= day)).all()
            doses: dict[int, list[datetime]] = {}
            for pid, moment in s.execute(select(MedicineDose.permission_id, MedicineDose.given_at)
                                        .where(MedicineDose.child_id.in_(list(clubs)),
                                               MedicineDose.given_at >= start,
                                               MedicineDose.given_at < start + timedelta(days=1,
                                                                                          hours=2))):
                if to_local(moment).date() == day:
                    doses.setdefault(pid, []).append(moment)
            result = []
            for p, c, child in rows:
                row = _permission_row(p, c, 0)
                if not row.valid_on(day):
                    continue
                today = sorted(doses.get(p.id, []))
                result.append(MedicineDue(row, child_label(child),
                                          ", ".join(dict.fromkeys(clubs[child.id])), len(today),
                                          today[-1] if today else None))
        return sorted(result, key=lambda x: (x.child, x.permission.medicine))


def _permission_row(p: MedicinePermission, c: Carer, given: int) -> PermissionRow:
    return PermissionRow(p.id, p.child_id, p.medicine, p.dose, p.when_to_give, carer_label(c),
                         p.signed_on, p.valid_until, p.stored_where, p.ended_at is not None, given)
