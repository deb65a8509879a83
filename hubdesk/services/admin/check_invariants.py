"""``hubdesk check``'s domain invariants: the counters and links the services keep, recounted.

SQLite's own checks see pages and foreign keys; these see what a hand edit or a bug can break while
every constraint still holds (a place counter zeroed by hand passes every CHECK).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from hubdesk.core.models import (
    AuditEntry,
    Booking,
    Child,
    Club,
    ClubSession,
    Run,
    RunPassenger,
    SessionBooking,
    Shift,
)
from hubdesk.services.admin.check import Finding
from hubdesk.services.sites import load_calendars

LIVE = "booked"


def _examples(rows: list[str]) -> str:
    return "; ".join(rows[:5]) + (f" (and {len(rows) - 5} more)" if len(rows) > 5 else "")


def place_counters(s: Session) -> Finding:
    live = (select(SessionBooking.session_id, func.count().label("n"))
            .where(SessionBooking.status == LIVE).group_by(SessionBooking.session_id).subquery())
    rows = s.execute(select(ClubSession.id, ClubSession.day, ClubSession.booked,
                            func.coalesce(live.c.n, 0))
                     .outerjoin(live, live.c.session_id == ClubSession.id)
                     .where(ClubSession.booked != func.coalesce(live.c.n, 0))).all()
    bad = [f"session {r[0]} on {r[1]:%d/%m/%Y} counts {r[2]}, has {r[3]} bookings" for r in rows]
    return Finding("place counters equal the bookings", not bad,
                   f"{len(bad)} sessions: {_examples(bad)}" if bad else "ok")


def sessions_within_capacity(s: Session) -> Finding:
    live = (select(SessionBooking.session_id, func.count().label("n"))
            .where(SessionBooking.status == LIVE).group_by(SessionBooking.session_id).subquery())
    rows = s.execute(select(ClubSession.id, ClubSession.day, ClubSession.capacity, live.c.n)
                     .join(live, live.c.session_id == ClubSession.id)
                     .where(live.c.n + ClubSession.held > ClubSession.capacity)).all()
    bad = [f"session {r[0]} on {r[1]:%d/%m/%Y}: {r[3]} booked, {r[2]} places" for r in rows]
    return Finding("no session over capacity", not bad,
                   f"{len(bad)} sessions: {_examples(bad)}" if bad else "ok")


def no_booking_on_closed_day(s: Session) -> Finding:
    """A term-time club never runs on a day its site is closed; a holiday club never at weekends or
    on bank holidays."""
    rows = s.execute(select(ClubSession.id, ClubSession.day, Club.site_id, Club.kind, Club.name)
                     .join(Club, Club.id == ClubSession.club_id)
                     .where(ClubSession.id.in_(select(SessionBooking.session_id)
                                               .where(SessionBooking.status == LIVE)))).all()
    calendars = load_calendars(s)
    bad: list[str] = []
    seen: set[tuple[int, date]] = set()
    for _sid, day, site_id, kind, name in rows:
        calendar = calendars.get(site_id)
        if calendar is None or (site_id, day) in seen:
            continue
        status = calendar.status(day)
        closed = status.kind in {"weekend", "bank_holiday"} if kind == "holiday" else not status.open
        if closed:
            seen.add((site_id, day))
            bad.append(f"{name} on {day:%d/%m/%Y} ({status.reason})")
    return Finding("no booking on a closed day", not bad,
                   f"{len(bad)} days: {_examples(bad)}" if bad else "ok")


def passengers_have_a_reason(s: Session) -> Finding:
    """A child travels for a live booking, a member of staff for a shift that day."""
    live = and_(RunPassenger.removed_at.is_(None), Run.status != "cancelled")
    children = s.execute(
        select(RunPassenger.id, Run.day).join(Run, Run.id == RunPassenger.run_id)
        .outerjoin(SessionBooking, SessionBooking.id == RunPassenger.session_booking_id)
        .where(live, RunPassenger.kind == "child",
               func.coalesce(SessionBooking.status, "") != LIVE)).all()
    shift = (select(Shift.id).where(Shift.staff_id == RunPassenger.staff_id, Shift.day == Run.day,
                                    Shift.cancelled_at.is_(None)).exists())
    staff = s.execute(select(RunPassenger.id, Run.day).join(Run, Run.id == RunPassenger.run_id)
                      .where(live, RunPassenger.kind == "staff", ~shift)).all()
    bad = ([f"child passenger {r[0]} on {r[1]:%d/%m/%Y} has no booking" for r in children]
           + [f"staff passenger {r[0]} on {r[1]:%d/%m/%Y} has no shift" for r in staff])
    return Finding("no passenger without a booking or shift", not bad,
                   f"{len(bad)} passengers: {_examples(bad)}" if bad else "ok")


def records_audited(s: Session) -> Finding:
    """Every child and every booking has an audit entry (who created it, and when).

    A bulk load (the demo) writes one ``event`` entry for the table, or for ``demo``, instead of
    one entry per row; its rows count as audited.
    """
    bulk = set(s.scalars(select(AuditEntry.table_name).where(AuditEntry.action == "event")))
    audited = select(AuditEntry.child_id).where(AuditEntry.child_id.is_not(None))
    missing: dict[str, int] = {}
    for table, model in (("children", Child.id), ("bookings", Booking.child_id)):
        if "demo" in bulk or table in bulk:
            continue
        where = model.not_in(audited)
        count = s.scalar(select(func.count()).select_from(model.class_).where(where)) or 0
        if count:
            missing[table] = count
    return Finding("audit entries for every record", not missing,
                   ", ".join(f"{v} {k} without an audit entry" for k, v in missing.items()) or "ok")


def money_sums(s: Session) -> Finding:
    """Money's stored sums equal the charges worked out afresh (they are kept up to date by
    triggers; a hand edit that bypassed them, or a bug, shows here). Worked out in this read's
    transaction, which is rolled back."""
    from hubdesk.services.money import differences_from_afresh

    bad = differences_from_afresh(s)
    return Finding("money's stored sums equal the charges worked out afresh", not bad,
                   f"{len(bad)} sums differ: {_examples(bad)}" if bad else "ok")


INVARIANTS = [place_counters, sessions_within_capacity, no_booking_on_closed_day,
              passengers_have_a_reason, records_audited, money_sums]
