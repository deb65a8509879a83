"""Accident / incident log and medicines: written permission per medicine and each dose given.

Parents are told about accidents the same day, and serious injuries go to Ofsted within 14 days;
the log says which entries still wait for either. Nothing is deleted: an entry made in error is
withdrawn with a reason, a permission is ended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.clock import to_local
from hubdesk.core.errors import Conflict, NotFound, ValidationError
from hubdesk.core.models import Child, Club, ClubSession, Incident, Site
from hubdesk.core.vocabulary import INCIDENT_KINDS
from hubdesk.services.registers.medicines import (
    DoseRow,
    MedicineDue,
    MedicineService,
    PermissionForm,
    PermissionRow,
    clean_text,
)
from hubdesk.services.registers.queries import child_label

__all__ = ["DoseRow", "HealthLogService", "IncidentForm", "IncidentRow", "MedicineDue",
           "PermissionForm", "PermissionRow"]
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


def validate_incident(form: IncidentForm, now: datetime) -> None:
    if form.kind not in INCIDENT_KINDS:
        raise ValidationError("Choose accident, incident or first aid.", "kind")
    clean_text(form.what, "what", 4000, "Describe what happened.")
    clean_text(form.dealt_with_by, "dealt_with_by", 150, "Say who dealt with it.")
    clean_text(form.action_taken, "action_taken", 4000)
    clean_text(form.parent_informed_how, "parent_informed_how", 150)
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


class HealthLogService(MedicineService):
    # --- accidents and incidents -------------------------------------------------------------
    def record_incident(self, form: IncidentForm) -> int:
        now = self._clock.now()
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
        now = self._clock.now()
        at = at or now
        how = clean_text(how, "parent_informed_how", 150, "Say how the parent was told (in person, "
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
        reason = clean_text(reason, "reason", 300, "Say why the entry is withdrawn.")
        with self._write() as s:
            row = _incident(s, incident_id)
            row.withdrawn_at, row.withdrawn_reason = self._clock.now(), reason

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


def _incident(s: Session, incident_id: int) -> Incident:
    row = s.get(Incident, incident_id)
    if row is None:
        raise NotFound("That log entry no longer exists.")
    return row
