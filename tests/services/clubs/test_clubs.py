"""Clubs: sessions on open days, the list with occupancy, the editor, session changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from hubdesk.app import HubApp
from hubdesk.core.calendar import SchoolCalendar, Span
from hubdesk.core.errors import Conflict, ValidationError
from hubdesk.core.rules.recurrence import club_days
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.services.clubs.clubs import ChangeNeedsDecision, ClubForm
from hubdesk.services.sites.calendars import EntryForm
from tests.services.clubs.club_setup import carer_for, child, club, freeze

MON, WED = date(2026, 9, 14), date(2026, 9, 16)


@pytest.fixture
def oak(hub: HubApp, two_schools: dict[str, int]) -> int:
    freeze(hub)
    return two_schools["oak"]


def test_club_meets_on_every_open_day_of_its_site(hub: HubApp, oak: int) -> None:
    club_id = club(hub, oak)
    days = [x.day for x in hub.club_sessions.sessions(club_id, date(2026, 9, 1),
                                                      date(2026, 12, 31))]
    term = SchoolCalendar([Span("term", date(2026, 9, 3), date(2026, 12, 18)),
                           Span("half_term", date(2026, 10, 26), date(2026, 10, 30))])
    assert days == club_days(term, (0, 2), date(2026, 9, 3), date(2026, 12, 18))
    assert date(2026, 10, 26) not in days and len(days) == 28


def test_list_shows_this_weeks_occupancy_and_waiting(hub: HubApp, oak: int) -> None:
    club_id = club(hub, oak, capacity=1)
    ella = child(hub, oak, forename="Ella")
    sam = child(hub, oak, forename="Sam")
    hub.bookings.confirm(BookingRequest(ella, club_id, MON))
    hub.bookings.confirm(BookingRequest(sam, club_id, MON), waiting_list=True)
    [row] = hub.clubs.list(week_of_day=WED)
    assert (row.week_sessions, row.week_booked, row.week_places, row.waiting) == (2, 1, 2, 1)
    assert row.occupancy == "1/2" and row.weekdays == "Mon, Wed" and row.years == "Y1 to Y6"
    assert row.times == "15:15–16:30" and row.kind_label == "After-school club"
    assert hub.clubs.list(week_of_day=date(2026, 10, 28))[0].occupancy == "–"
    assert hub.clubs.find("football").id == club_id
    assert hub.clubs.list(query="chess") == []


@pytest.mark.parametrize("change, field, message", [
    ({"name": " "}, "name", "Enter the club's name"),
    ({"weekdays": ()}, "weekdays", "Tick the weekday"),
    ({"weekdays": (5,)}, "weekdays", "Monday to Friday"),
    ({"end_time": time(15, 0)}, "end_time", "end after it starts"),
    ({"capacity": 0}, "capacity", "between 1 and 500"),
    ({"min_year": 5, "max_year": 2}, "max_year", "youngest year group is above"),
    ({"price_pence": -1}, "price_pence", "cannot be negative"),
    ({"kind": "free_breakfast", "price_pence": 100}, "price_pence", "costs nothing"),
    ({"end_date": date(2026, 9, 1)}, "end_date", "before the first day"),
    ({"kind": "party"}, "kind", "Choose breakfast"),
])
def test_editor_names_the_bad_field(hub: HubApp, oak: int, change: dict[str, object], field: str,
                                    message: str) -> None:
    form = ClubForm(name="Football", site_id=oak, weekdays=(0,), start_time=time(15, 15),
                    end_time=time(16, 30), capacity=10, start_date=date(2026, 9, 3),
                    end_date=date(2026, 12, 18))
    with pytest.raises(ValidationError, match=message) as err:
        hub.clubs.save(replace(form, **change))  # type: ignore[arg-type]
    assert err.value.field == field


def test_duplicate_name_at_a_site_is_refused(hub: HubApp, oak: int) -> None:
    club(hub, oak)
    with pytest.raises(ValidationError, match="already has a club with that name"):
        club(hub, oak)


def test_cancel_a_session_lists_the_families_to_tell(hub: HubApp, oak: int) -> None:
    club_id = club(hub, oak)
    ella = child(hub, oak, forename="Ella")
    carer_for(hub, [ella], phone="07700 900456")
    hub.bookings.confirm(BookingRequest(ella, club_id, MON))
    [session] = hub.club_sessions.sessions(club_id, MON, MON)
    result = hub.club_sessions.cancel_session(session.id, "pitch flooded")
    assert [(f.child_name, f.phones) for f in result.families] == \
        [("Ella Wiśniewska", ("Anna Wiśniewska: 07700 900456",))]
    assert result.session.status == "cancelled" and result.session.free == 0
    [line] = hub.bookings.history(ella)
    assert line.status == "cancelled" and line.cancel_reason == "pitch flooded" and not line.late
    with pytest.raises(Conflict, match="already cancelled"):
        hub.club_sessions.cancel_session(session.id, "again")
    with pytest.raises(ValidationError, match="Say why"):
        hub.club_sessions.cancel_session(session.id, " ")
    with pytest.raises(Conflict, match=r"does not run on Mon 14/09/2026 \(pitch flooded\)"):
        hub.bookings.confirm(BookingRequest(ella, club_id, MON))


def test_add_an_extra_session_but_not_on_a_closed_day(hub: HubApp, oak: int) -> None:
    club_id = club(hub, oak)
    extra = hub.club_sessions.add_session(club_id, date(2026, 9, 15), capacity=5)
    assert hub.club_sessions.session(extra).extra and hub.club_sessions.session(extra).free == 5
    ella = child(hub, oak)
    assert hub.bookings.confirm(BookingRequest(ella, club_id, date(2026, 9, 15))).booked
    with pytest.raises(ValidationError, match=r"closed on Tue 27/10/2026 \(half-term\)"):
        hub.club_sessions.add_session(club_id, date(2026, 10, 27))
    with pytest.raises(Conflict, match="already has a session on Mon 14/09/2026"):
        hub.club_sessions.add_session(club_id, MON)


def test_a_day_reopened_in_the_calendar_is_picked_up_by_resync(hub: HubApp, oak: int) -> None:
    closure = hub.calendars.save_entry(EntryForm(oak, "closure", MON, MON, "boiler"))
    club_id = club(hub, oak, end_date=date(2026, 9, 30))
    assert [x.day for x in hub.club_sessions.sessions(club_id, MON, WED)] == [WED]
    hub.calendars.delete_entry(closure)
    assert hub.club_sessions.resync(club_id) == 1
    assert [x.day for x in hub.club_sessions.sessions(club_id, MON, WED)] == [MON, WED]


def test_time_change_with_bookings_needs_a_decision(hub: HubApp, oak: int) -> None:
    club_id = club(hub, oak)
    ella = child(hub, oak, forename="Ella")
    hub.bookings.confirm(BookingRequest(ella, club_id, MON, date(2026, 9, 30), (0, 2)))
    form = replace(hub.clubs.get(club_id), end_time=time(17, 0))
    with pytest.raises(ChangeNeedsDecision, match="affects 1 booking") as err:
        hub.clubs.save(form)
    [affected] = err.value.impact.affected
    assert affected.sessions == 6 and affected.first_day == MON
    assert "times change from 15:15–16:30 to 15:15–17:00" in affected.reason
    assert hub.club_sessions.sessions(club_id, MON, MON)[0].end_time == time(16, 30)
    result = hub.clubs.save(form, accept_changes=True)
    assert result.bookings_cancelled == 0
    assert hub.club_sessions.sessions(club_id, MON, MON)[0].end_time == time(17, 0)
    assert hub.club_sessions.sessions(club_id, date(2026, 9, 7), date(2026, 9, 7))[0].end_time \
        == time(16, 30)  # before 'today' (8 September): unchanged


def test_capacity_below_places_taken_is_refused(hub: HubApp, oak: int) -> None:
    club_id = club(hub, oak, capacity=2)
    for name in ("Ada", "Ben"):
        hub.bookings.confirm(BookingRequest(child(hub, oak, forename=name), club_id, MON))
    form = replace(hub.clubs.get(club_id), capacity=1)
    with pytest.raises(Conflict, match="capacity cannot go below 2: that many places are taken "
                                       "on Mon 14/09/2026"):
        hub.clubs.save(form, accept_changes=True)
    assert hub.clubs.save(replace(form, capacity=3)).club_id == club_id
    assert hub.club_sessions.sessions(club_id, MON, MON)[0].free == 1


def test_dropping_a_weekday_cancels_its_bookings_once_accepted(hub: HubApp, oak: int) -> None:
    club_id = club(hub, oak)
    ella = child(hub, oak, forename="Ella")
    hub.bookings.confirm(BookingRequest(ella, club_id, MON, date(2026, 9, 16), (0, 2)))
    form = replace(hub.clubs.get(club_id), weekdays=(0,))
    with pytest.raises(ChangeNeedsDecision) as err:
        hub.clubs.save(form)
    [affected] = err.value.impact.affected
    assert affected.first_day == WED and "no longer meets" in affected.reason
    result = hub.clubs.save(form, accept_changes=True)
    assert result.bookings_cancelled == 1 and result.sessions_cancelled == 14
    assert [line.day for line in hub.bookings.history(ella, include_cancelled=False)] == [MON]


def test_moving_a_booked_club_to_another_site_is_refused(hub: HubApp, oak: int,
                                                         two_schools: dict[str, int]) -> None:
    club_id = club(hub, oak)
    hub.bookings.confirm(BookingRequest(child(hub, oak), club_id, MON))
    with pytest.raises(Conflict, match="cannot move to another site"):
        hub.clubs.save(replace(hub.clubs.get(club_id), site_id=two_schools["elm"]), True)


def test_database_refuses_more_places_than_capacity(hub: HubApp, oak: int) -> None:
    club_id = club(hub, oak, capacity=1)
    [session] = hub.club_sessions.sessions(club_id, MON, MON)
    with pytest.raises(IntegrityError, match="places_within_capacity"), hub.engine.begin() as conn:
        conn.execute(text("UPDATE club_sessions SET booked = 2 WHERE id = :i"), {"i": session.id})
    with pytest.raises(IntegrityError, match="free_is_free"), hub.engine.begin() as conn:
        conn.execute(text("UPDATE clubs SET kind = 'free_breakfast' WHERE id = :i"), {"i": club_id})


def test_a_session_that_has_started_cannot_be_cancelled(hub: HubApp, oak: int) -> None:
    club_id = club(hub, oak)
    [session] = hub.club_sessions.sessions(club_id, MON, MON)
    freeze(hub, datetime(2026, 9, 14, 15, 0))  # 16:00 in London, after the club's start
    with pytest.raises(Conflict, match="has already started"):
        hub.club_sessions.cancel_session(session.id, "too late")
    assert hub.club_sessions.session(session.id).status == "running"
