"""Clubs and bookings on the scale-1 demo cluster (about 160,000 session bookings).

Targets (issue 4): a standing booking for a whole term (about 39 sessions) in under 20 ms, checks and
commit included; the clubs list with this week's occupancy for 40 clubs in under 200 ms; a family's
week in under 50 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import TODAY, demo_app, report, timed
from sqlalchemy import text

from hubdesk.app import HubApp
from hubdesk.services.clubs import BookingRequest, ClubRow


def spring_term(app: HubApp, club_id: int) -> tuple[date, date]:
    """From the first session after Christmas to the day that makes 39 sessions."""
    sessions = app.club_sessions.sessions(club_id, date(TODAY.year + 1, 1, 1),
                                          date(TODAY.year + 1, 4, 30))
    return sessions[0].day, sessions[min(38, len(sessions) - 1)].day


def roomy_club(app: HubApp) -> tuple[ClubRow, date, date]:
    """A five-day club with room for six more children on every day of the term."""
    for club in app.clubs.list(week_of_day=TODAY):
        if club.weekdays != "Mon, Tue, Wed, Thu, Fri" or club.kind == "holiday":
            continue
        start, end = spring_term(app, club.id)
        if min(x.free for x in app.club_sessions.sessions(club.id, start, end)) >= 6:
            return club, start, end
    raise SystemExit("no club with room in the spring term")


def free_children(app: HubApp, school_id: int, start: date, end: date, count: int) -> list[int]:
    """Children of the school with no club booking at all in the term (so nothing clashes)."""
    with app.engine.connect() as conn:
        rows = conn.execute(text("""
            SELECT c.id FROM children c WHERE c.school_site_id = :school AND c.left_on IS NULL
              AND c.year_group BETWEEN 0 AND 6 AND NOT EXISTS (
                SELECT 1 FROM session_bookings b JOIN club_sessions x ON x.id = b.session_id
                WHERE b.child_id = c.id AND b.status = 'booked' AND x.day BETWEEN :a AND :b)
            ORDER BY c.id LIMIT :n"""), {"school": school_id, "a": start, "b": end, "n": count})
        return [r[0] for r in rows]


def standing_booking_ms(app: HubApp) -> tuple[float, int]:
    club, start, end = roomy_club(app)
    children = free_children(app, club.site_id, start, end, 6)
    times, sessions = [], 0
    for number, child_id in enumerate(children):
        request = BookingRequest(child_id, club.id, start, end, (0, 1, 2, 3, 4))
        started = time.perf_counter()
        result = app.bookings.confirm(request)
        elapsed = (time.perf_counter() - started) * 1000
        sessions = len(result.booked)
        if number:  # the first one warms the caches
            times.append(elapsed)
    return statistics.median(times), sessions


def family_child(app: HubApp) -> int:
    """A child with brothers or sisters who are all booked into clubs this week."""
    with app.engine.connect() as conn:
        return int(conn.execute(text("""
            SELECT a.child_id FROM child_carers a JOIN child_carers b
              ON a.carer_id = b.carer_id AND a.child_id <> b.child_id
            WHERE EXISTS (SELECT 1 FROM session_bookings s WHERE s.child_id = a.child_id)
            GROUP BY a.child_id ORDER BY count(DISTINCT b.child_id) DESC, a.child_id
            LIMIT 1""")).scalar_one())


def main() -> int:
    with demo_app(1) as (app, _summary):
        with app.engine.connect() as conn:
            total = conn.execute(text("SELECT count(*) FROM session_bookings")).scalar_one()
        print(f"scale-1 demo: {total:,} session bookings", flush=True)
        booking, sessions = standing_booking_ms(app)
        report(f"Standing booking for a term ({sessions} sessions), checked and committed",
               booking, 20)
        rows = app.clubs.list(week_of_day=TODAY)
        report(f"Clubs list with this week's occupancy ({len(rows)} clubs)",
               timed(lambda: app.clubs.list(week_of_day=TODAY)), 200)
        child = family_child(app)
        week = app.weeks.family_week(child, TODAY)
        report(f"A family's week ({len(week.children)} children)",
               timed(lambda: app.weeks.family_week(child, TODAY)), 50)
        club, start, end = roomy_club(app)
        kid = free_children(app, club.site_id, start, end, 1)[0]
        report("Booking preview for a term (read only)",
               timed(lambda: app.bookings.preview(BookingRequest(kid, club.id, start, end))), 20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
