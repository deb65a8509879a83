"""Late collection: children still signed in after their session ended, the calls the office
makes, and the late-collection fee rule (kept for the charges work to bill from).

The fee rule is data the office can edit: a grace period, then a charge for every started block
of minutes. Minutes late and the fee are stored on the attendance row when the child is signed out.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.errors import NotFound, ValidationError
from hubdesk.core.models import (
    Attendance,
    Carer,
    Child,
    ChildCarer,
    ClubSession,
    LateCall,
    MetaValue,
)
from hubdesk.core.models.meta import store_meta
from hubdesk.services.base import Service
from hubdesk.services.registers.queries import (
    carer_label,
    child_label,
    day_headers,
    hhmm,
    moment,
    phone_of,
)

FEE_RULE_KEY = "late_collection_fee"


@dataclass(frozen=True)
class LateFeeRule:
    grace_minutes: int = 5
    block_minutes: int = 15
    pence_per_block: int = 500

    def fee(self, minutes_late: int) -> int:
        """Pence owed for a collection ``minutes_late`` after the end of the session."""
        if minutes_late <= self.grace_minutes or self.pence_per_block == 0:
            return 0
        blocks = -(-(minutes_late - self.grace_minutes) // self.block_minutes)
        return blocks * self.pence_per_block


def validate_rule(rule: LateFeeRule) -> None:
    if not 0 <= rule.grace_minutes <= 60:
        raise ValidationError("The grace period is 0 to 60 minutes.", "grace_minutes")
    if not 1 <= rule.block_minutes <= 120:
        raise ValidationError("Charge per block of 1 to 120 minutes.", "block_minutes")
    if not 0 <= rule.pence_per_block <= 10_000:
        raise ValidationError("The charge per block is £0 to £100.", "pence_per_block")


def load_fee_rule(s: Session) -> LateFeeRule:
    row = s.get(MetaValue, FEE_RULE_KEY)
    if row is None:
        return LateFeeRule()
    try:
        return LateFeeRule(**json.loads(row.value))
    except (TypeError, ValueError):
        return LateFeeRule()


def minutes_after(end: datetime, at: datetime) -> int:
    """Whole minutes from ``end`` to ``at`` (0 when on time)."""
    return max(0, int((at - end).total_seconds() // 60))


@dataclass(frozen=True)
class Contact:
    carer_id: int
    name: str
    relationship: str
    phone: str
    priority: int | None


@dataclass(frozen=True)
class CallRow:
    id: int
    called: str
    number: str
    called_at: datetime
    outcome: str
    recorded_by: str

    @property
    def time(self) -> str:
        return hhmm(self.called_at)


@dataclass(frozen=True)
class LateChild:
    attendance_id: int
    child_id: int
    name: str
    club: str
    site: str
    session_end: datetime  # UTC
    minutes_late: int
    contacts: tuple[Contact, ...]
    calls: tuple[CallRow, ...]
    to_class: bool = False  # a breakfast club: the child should have gone on to class

    @property
    def next_step(self) -> str:
        """What the written procedure says to do now (parents, contacts ~30 min, social care ~1 h)."""
        if self.to_class:
            return ("Breakfast club: check the child is in class, then sign them out as taken to "
                    "class by staff.")
        if self.minutes_late >= 60:
            return "Over an hour: call children's social care; two staff stay with the child."
        if self.minutes_late >= 30:
            return "Over 30 minutes: call the emergency contacts."
        return "Call the parents."


class LateCollectionService(Service):
    def rule(self) -> LateFeeRule:
        with self._read() as s:
            return load_fee_rule(s)

    def save_rule(self, rule: LateFeeRule) -> None:
        validate_rule(rule)
        with self._write() as s:
            store_meta(s, FEE_RULE_KEY, json.dumps(asdict(rule)))

    def late_children(self, day: date, site_id: int | None = None,
                      now: datetime | None = None) -> list[LateChild]:
        """Children still signed in after their session's end, latest first."""
        now = now or self._clock.now()
        with self._read() as s:
            headers = {h.session_id: h for h in day_headers(s, day, site_id)}
            if not headers:
                return []
            rows = s.execute(select(Attendance, Child)
                             .join(Child, Child.id == Attendance.child_id)
                             .where(Attendance.session_id.in_(list(headers)),
                                    Attendance.status == "in")).all()
            result: list[LateChild] = []
            for a, child in rows:
                h = headers[a.session_id]
                end = moment(h.day, h.end_time)
                if now <= end:
                    continue
                result.append(LateChild(a.id, child.id, child_label(child), h.club, h.site, end,
                                        minutes_after(end, now), _contacts(s, child.id),
                                        _calls(s, a.id), h.to_class))
            return sorted(result, key=lambda x: (-x.minutes_late, x.name))

    def record_call(self, attendance_id: int, called: str, number: str = "",
                    outcome: str = "", carer_id: int | None = None,
                    at: datetime | None = None) -> int:
        """Note a call made about a child waiting to be collected."""
        called, number, outcome = called.strip(), number.strip(), outcome.strip()
        if not called:
            raise ValidationError("Say who was called (a parent, an emergency contact, "
                                  "social care).", "called")
        if len(called) > 150 or len(number) > 30 or len(outcome) > 300:
            raise ValidationError("That is too long to keep; shorten it.", "outcome")
        at = at or self._clock.now()
        with self._write() as s:
            a = s.get(Attendance, attendance_id)
            if a is None:
                raise NotFound("That register entry no longer exists.")
            if at > self._clock.now() + timedelta(minutes=1):
                raise ValidationError("A call cannot be in the future.", "called_at")
            call = LateCall(attendance_id=a.id, child_id=a.child_id, carer_id=carer_id,
                            called=called, number=number, called_at=at, outcome=outcome,
                            recorded_by=str(s.info.get("user") or ""))
            s.add(call)
            s.flush()
            return call.id

    def calls(self, attendance_id: int) -> list[CallRow]:
        with self._read() as s:
            return list(_calls(s, attendance_id))

    def late_minutes_for_session(self, session_id: int) -> dict[int, int]:
        """Child id -> late minutes recorded, for the charges work."""
        with self._read() as s:
            if s.get(ClubSession, session_id) is None:
                raise NotFound("That club session no longer exists.")
            return {a.child_id: a.late_minutes for a in s.scalars(
                select(Attendance).where(Attendance.session_id == session_id,
                                         Attendance.late_minutes > 0))}


def _contacts(s: Session, child_id: int) -> tuple[Contact, ...]:
    rows = sorted(s.execute(select(ChildCarer, Carer).join(Carer)
                     .where(ChildCarer.child_id == child_id,
                            ChildCarer.must_not_collect.is_(False))).all(),
                  key=lambda r: (r[0].emergency_priority or 99, r[1].surname))
    return tuple(Contact(c.id, carer_label(c), link.relationship_, phone_of(c),
                         link.emergency_priority) for link, c in rows)


def _calls(s: Session, attendance_id: int) -> tuple[CallRow, ...]:
    return tuple(CallRow(c.id, c.called, c.number, c.called_at, c.outcome, c.recorded_by)
                 for c in s.scalars(select(LateCall).where(LateCall.attendance_id == attendance_id)
                                    .order_by(LateCall.called_at, LateCall.id)))
