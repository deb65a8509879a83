"""The demo's clubs and year of bookings obey the same rules as bookings made in the office."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text

from hubdesk.app import HubApp
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.services.sites.calendars import load_calendars
from tests.conftest import DEMO_TODAY


def scalar(hub: HubApp, sql: str) -> int:
    with hub.engine.connect() as conn:
        return int(conn.execute(text(sql)).scalar() or 0)


def test_demo_has_forty_clubs_and_a_year_of_bookings(demo_hub: HubApp) -> None:
    rows = demo_hub.clubs.list(week_of_day=DEMO_TODAY)
    assert 35 <= len(rows) <= 45
    kinds = {r.kind for r in rows}
    assert kinds == {"breakfast", "free_breakfast", "after_school", "activity", "holiday"}
    assert len({r.site_id for r in rows}) == 8
    assert any(r.open_to_other_schools for r in rows)
    assert 130_000 <= scalar(demo_hub, "SELECT count(*) FROM session_bookings") <= 190_000
    assert scalar(demo_hub, "SELECT count(*) FROM club_sessions WHERE booked = capacity") > 50
    assert scalar(demo_hub, "SELECT count(*) FROM waiting_list WHERE status = 'waiting'") > 50
    assert scalar(demo_hub, "SELECT count(*) FROM session_bookings WHERE late") > 0


def test_demo_counters_match_the_bookings(demo_hub: HubApp) -> None:
    assert scalar(demo_hub, """
        SELECT count(*) FROM club_sessions x WHERE booked <> (
            SELECT count(*) FROM session_bookings b
            WHERE b.session_id = x.id AND b.status = 'booked')""") == 0


def test_demo_children_are_never_in_two_places_at_once(demo_hub: HubApp) -> None:
    assert scalar(demo_hub, """
        SELECT count(*) FROM session_bookings a
        JOIN club_sessions sa ON sa.id = a.session_id
        JOIN session_bookings b ON b.child_id = a.child_id AND b.id > a.id
        JOIN club_sessions sb ON sb.id = b.session_id AND sb.day = sa.day
        WHERE a.status = 'booked' AND b.status = 'booked'
          AND sa.start_time < sb.end_time AND sb.start_time < sa.end_time""") == 0


def test_demo_term_time_bookings_skip_the_childs_closed_days(demo_hub: HubApp) -> None:
    with demo_hub.factory() as s:
        calendars = load_calendars(s)
        rows = s.execute(text("""
            SELECT c.school_site_id, x.day FROM session_bookings b
            JOIN children c ON c.id = b.child_id
            JOIN club_sessions x ON x.id = b.session_id
            JOIN clubs k ON k.id = x.club_id
            WHERE k.kind <> 'holiday' AND k.site_id <> c.school_site_id""")).all()
    assert rows
    closed = [(school, day) for school, day in rows
              if not calendars[school].is_open(date.fromisoformat(str(day)))]
    assert closed == []


def test_a_new_booking_on_the_demo_goes_through_the_checks(demo_hub: HubApp) -> None:
    club = next(r for r in demo_hub.clubs.list(week_of_day=DEMO_TODAY)
                if r.kind == "breakfast")
    first = demo_hub.club_sessions.sessions(club.id, DEMO_TODAY,
                                            DEMO_TODAY + timedelta(days=7))[0]
    children = demo_hub.clubs.eligible_children(club.id, club.site_id, 2)
    preview = demo_hub.bookings.preview(BookingRequest(children[0][0], club.id, first.day))
    assert len(preview.lines) == 1 and preview.lines[0].free == first.free
