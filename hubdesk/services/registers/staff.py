"""Staff on duty, from the rota: the live shifts of a session (lead first), site duties and
crèches at the site, and the club's lead standing in when the rota has nobody on a session."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, time
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.models import Shift, Staff
from hubdesk.core.vocabulary import fold

if TYPE_CHECKING:
    from hubdesk.services.registers.queries import SessionHeader

ROLE_ORDER = {"lead": 0, "assistant": 1, "duty": 2, "creche": 3}
ROLE_WORDS = {"lead": "lead", "assistant": "assistant", "duty": "site duty", "creche": "crèche"}


@dataclass(frozen=True)
class RotaShift:
    """One live shift of the rota at a site: a club session's staff, a site duty or a crèche."""

    name: str
    kind: str  # club, duty, creche
    role: str
    site_id: int
    start_time: time
    end_time: time
    session_id: int | None

    def covers(self, wall: time) -> bool:
        return self.start_time <= wall <= self.end_time

    def label(self, within: tuple[time, time] | None = None) -> str:
        """'Name (assistant)'; the shift's times are added when they are not the whole session."""
        whole = (self.start_time, self.end_time) == within or (within is None
                                                               and self.kind == "club")
        times = "" if whole else f" {self.start_time:%H:%M}–{self.end_time:%H:%M}"
        return f"{self.name} ({ROLE_WORDS.get(self.role, self.role)}{times})"


def rota_shifts(s: Session, day: date, site_ids: Iterable[int]) -> list[RotaShift]:
    """The day's live (not cancelled) club, duty and crèche shifts at the sites, leads first."""
    ids = sorted(set(site_ids))
    if not ids:
        return []
    rows = s.execute(select(Shift.kind, Shift.role, Shift.site_id, Shift.start_time,
                            Shift.end_time, Shift.club_session_id, Staff.forename, Staff.surname)
                     .join(Staff, Staff.id == Shift.staff_id)
                     .where(Shift.day == day, Shift.site_id.in_(ids), Shift.cancelled_at.is_(None),
                            Shift.kind.in_(("club", "duty", "creche")))).all()
    shifts = [RotaShift(f"{r.forename} {r.surname}".strip(), r.kind, r.role, r.site_id,
                        r.start_time, r.end_time, r.club_session_id) for r in rows]
    return sorted(shifts, key=lambda x: (ROLE_ORDER.get(x.role, 9), x.start_time, fold(x.name)))


def session_staff(h: SessionHeader, shifts: Iterable[RotaShift]) -> tuple[str, ...]:
    """Who is on duty for a session: its rota shifts, then site duties overlapping it.

    The club's lead stands in when the rota has nobody on the session (clubs not yet rota'd).
    """
    own = [x.label((h.start_time, h.end_time)) for x in shifts if x.session_id == h.session_id]
    duty = [x.label() for x in shifts if x.kind == "duty" and x.site_id == h.site_id
            and x.start_time < h.end_time and h.start_time < x.end_time]
    return tuple(dict.fromkeys((own or ([h.lead] if h.lead else [])) + duty))


def with_rota_staff(s: Session, headers: list[SessionHeader]) -> list[SessionHeader]:
    """The headers with their staff taken from the rota (in one query per day)."""
    by_day: dict[date, list[RotaShift]] = {}
    for day in {h.day for h in headers}:
        by_day[day] = rota_shifts(s, day, (h.site_id for h in headers if h.day == day))
    return [replace(h, staff=session_staff(h, by_day[h.day])) for h in headers]
