"""The family clash: a parent on a course while a child must be collected from, or dropped at, a club."""

from __future__ import annotations

from datetime import date, datetime, time

from hubdesk.app import HubApp
from hubdesk.core.models import Booking, Club, ClubSession, SessionBooking
from hubdesk.services.learning.family_clash import clash_reason
from tests.conftest import child_form
from tests.services.learning.test_learning import adult, course_form

TUESDAY = date(2026, 9, 8)


def test_collection_clash_counts_travel_time() -> None:
    # Course 13:00-15:00; club ends 15:10; 8 minutes' drive: fine. 15 minutes: too late.
    assert clash_reason(time(13), time(15), time(14, 0), time(15, 10), False, 8) == ""
    assert clash_reason(time(13), time(15), time(15, 0), time(16, 0), False, 15) == ""
    assert "ends at 15:10" in clash_reason(time(13), time(15), time(14, 0), time(15, 10), False, 15)
    assert clash_reason(time(13), time(15), time(14, 0), time(15, 10), False, 5) == ""
    assert clash_reason(time(9, 15), time(11), time(15, 15), time(17, 30), False, 30) == ""


def test_breakfast_drop_off_clash() -> None:
    assert "starts at 08:00" in clash_reason(time(8, 15), time(10), time(8, 0), time(8, 50), True, 20)
    assert clash_reason(time(9, 15), time(11), time(8, 0), time(8, 50), True, 20) == ""


def _book(hub: HubApp, child_id: int, site_id: int, day: date, start: time, end: time,
          kind: str = "after_school") -> None:
    with hub.factory.begin() as s:
        club = Club(site_id=site_id, name="Football", kind=kind, weekdays="1", start_time=start,
                    end_time=end, capacity=20, start_date=day, end_date=day)
        s.add(club)
        s.flush()
        session = ClubSession(club_id=club.id, day=day, start_time=start, end_time=end, capacity=20,
                              booked=1)
        s.add(session)
        booking = Booking(child_id=child_id, club_id=club.id, kind="one_off", start_date=day,
                          end_date=day, created_at=datetime(2026, 9, 1))
        s.add(booking)
        s.flush()
        s.add(SessionBooking(booking_id=booking.id, session_id=session.id, child_id=child_id,
                             booked_at=datetime(2026, 9, 1)))


def test_enrolling_a_parent_warns_about_a_child_to_collect_elsewhere(
        hub: HubApp, two_schools: dict[str, int]) -> None:
    oak, elm = two_schools["oak"], two_schools["elm"]
    child = hub.children.save(child_form(elm, forename="Şükrü", surname="Öztürk"))
    mother = adult(hub, "Ayşe", "Öztürk", child_of=child)
    earlier = hub.learning.courses.save(course_form(oak, title="Family maths", start_time=time(14, 0),
                                                    end_time=time(16, 0), capacity=5))
    course = hub.learning.courses.save(course_form(oak, start_time=time(14, 0), end_time=time(16, 0),
                                                   capacity=5))
    before = hub.learning.enrolments.enrol(earlier, carer_id=mother, today=date(2026, 9, 1))
    assert before.warnings == ()
    _book(hub, child, elm, TUESDAY, time(15, 15), time(16, 0))
    result = hub.learning.enrolments.enrol(course, carer_id=mother, today=date(2026, 9, 1))
    warnings = result.warnings
    assert len(warnings) == 1
    assert "Şükrü Öztürk's Football at Elm Street Primary ends at 16:00" in warnings[0]
    assert "Tue 08/09/2026" in warnings[0]
