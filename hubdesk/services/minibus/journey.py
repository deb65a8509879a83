"""What a driver needs besides the passenger list: where each child is going and who receives them
there, the vehicle's walk-round check of the day, and the office's phone number.

A driver who drops a child at a site must hand them to a named adult in a known room; without that
on the sheet, children are left at the gate. Each lookup is one query for the whole day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.clock import to_local
from hubdesk.core.models import (
    Child,
    Club,
    ClubSession,
    MetaValue,
    Room,
    SessionBooking,
    Shift,
    Staff,
    VehicleCheck,
)
from hubdesk.core.models.meta import store_meta
from hubdesk.services.minibus.queries import staff_name

OFFICE_PHONE_KEY = "office_phone"


@dataclass(frozen=True)
class WalkRound:
    """The day's walk-round check of a vehicle, as recorded (who, when, whether every item passed)."""

    by: str
    at: str  # 07:42, local time
    passed: bool
    notes: str = ""


def office_phone(s: Session) -> str:
    row = s.get(MetaValue, OFFICE_PHONE_KEY)
    return row.value if row else ""


def store_office_phone(s: Session, phone: str) -> None:
    store_meta(s, OFFICE_PHONE_KEY, phone.strip())


def walk_rounds(s: Session, vehicle_ids: Iterable[int], day: date) -> dict[int, WalkRound]:
    """Vehicle id -> its latest walk-round check on ``day`` (absent when none was recorded)."""
    ids = sorted(set(vehicle_ids))
    if not ids:
        return {}
    found: dict[int, WalkRound] = {}
    for check in s.scalars(select(VehicleCheck).where(VehicleCheck.vehicle_id.in_(ids),
                                                      VehicleCheck.day == day)
                           .order_by(VehicleCheck.checked_at)):
        found[check.vehicle_id] = WalkRound(check.checked_by,
                                            f"{to_local(check.checked_at):%H:%M}", check.passed,
                                            check.notes.strip())
    return found


def destinations(s: Session, bookings: dict[str, int]) -> dict[str, str]:
    """Need key -> where the child is going: the club, its room and who receives them (the lead on
    the session's rota, else the club's lead), or back to school and the child's class."""
    if not bookings:
        return {}
    rows = s.execute(
        select(SessionBooking.id, ClubSession.id, Club.name, Club.lead_staff_id, Room.name,
               Child.class_name)
        .join(ClubSession, ClubSession.id == SessionBooking.session_id)
        .join(Club, Club.id == ClubSession.club_id)
        .join(Child, Child.id == SessionBooking.child_id)
        .outerjoin(Room, Room.id == Club.room_id)
        .where(SessionBooking.id.in_(sorted(set(bookings.values())))))
    by_booking = {r[0]: r for r in rows}
    leads = _session_leads(s, {r[1] for r in by_booking.values()},
                           {r[3] for r in by_booking.values() if r[3]})
    result: dict[str, str] = {}
    for key, booking_id in bookings.items():
        row = by_booking.get(booking_id)
        if row is None:
            continue
        _, session_id, club, club_lead, room, class_name = row
        if key.endswith(":back"):
            result[key] = f"School: class {class_name}" if class_name else "School: to class"
            continue
        where = f"{club}, {room}" if room else club
        lead = leads.get(("session", session_id)) or leads.get(("club", club_lead or 0))
        result[key] = f"{where}; received by {lead}" if lead else f"{where}; ask the club's lead"
    return result


def _session_leads(s: Session, session_ids: set[int], club_leads: set[int]
                   ) -> dict[tuple[str, int], str]:
    """('session', id) -> the lead on that session's rota; ('club', staff id) -> that person."""
    found: dict[tuple[str, int], str] = {}
    if session_ids:
        for session_id, person in s.execute(
                select(Shift.club_session_id, Staff).join(Staff, Staff.id == Shift.staff_id)
                .where(Shift.club_session_id.in_(sorted(session_ids)), Shift.cancelled_at.is_(None))
                .order_by(Shift.role != "lead", Shift.id)):
            found.setdefault(("session", session_id or 0), staff_name(person))
    if club_leads:
        for person in s.scalars(select(Staff).where(Staff.id.in_(sorted(club_leads)))):
            found[("club", person.id)] = staff_name(person)
    return found
