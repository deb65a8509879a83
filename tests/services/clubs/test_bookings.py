"""Booking children into clubs: previews, standing and one-off bookings, every refusal, cancelling."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from hubdesk.app import HubApp
from hubdesk.core.errors import Conflict, ValidationError
from hubdesk.core.models import SessionBooking
from hubdesk.core.rules.club_rules import ClubRules
from hubdesk.services.clubs.booking_plan import BookingRequest
from hubdesk.services.clubs.bookings import ClassRequest
from tests.services.clubs.club_setup import NOW, carer_for, child, club, freeze

MON, WED, FRI = date(2026, 9, 14), date(2026, 9, 16), date(2026, 11, 27)


@pytest.fixture
def setup(hub: HubApp, two_schools: dict[str, int]) -> dict[str, int]:
    freeze(hub)
    oak, elm = two_schools["oak"], two_schools["elm"]
    return {"oak": oak, "elm": elm, "club": club(hub, oak),
            "ella": child(hub, oak, forename="Ella", surname="Ng")}


def test_one_off_preview_shows_free_places_then_books(hub: HubApp, setup: dict[str, int]) -> None:
    request = BookingRequest(setup["ella"], setup["club"], MON)
    preview = hub.bookings.preview(request)
    assert preview.ok and [(line.day, line.free) for line in preview.lines] == [(MON, 10)]
    result = hub.bookings.confirm(request)
    assert result.booked == (MON,) and result.booking_id is not None
    assert hub.bookings.preview(BookingRequest(child(hub, setup["oak"]), setup["club"],
                                               MON)).lines[0].free == 9
    [line] = hub.bookings.history(setup["ella"])
    assert (line.day, line.club_name, line.status, line.times) == \
        (MON, "Football", "booked", "15:15–16:30")


def test_standing_booking_takes_every_session_and_skips_half_term(
        hub: HubApp, setup: dict[str, int]) -> None:
    request = BookingRequest(setup["ella"], setup["club"], date(2026, 9, 7), date(2026, 12, 18),
                             (0, 2))
    preview = hub.bookings.preview(request)
    days = [line.day for line in preview.lines]
    assert date(2026, 10, 26) not in days and date(2026, 10, 28) not in days
    assert {s.day: s.reason for s in preview.skipped}[date(2026, 10, 26)] == \
        "club not running (half-term)"
    sessions = hub.club_sessions.sessions(setup["club"], date(2026, 9, 7), date(2026, 12, 18))
    assert days == [x.day for x in sessions]
    result = hub.bookings.confirm(request)
    assert len(result.booked) == len(days) == 28
    assert all(x.booked == 1 for x in hub.club_sessions.sessions(
        setup["club"], date(2026, 9, 7), date(2026, 12, 18)))


def test_standing_booking_skips_the_childs_own_inset_day(hub: HubApp,
                                                         setup: dict[str, int]) -> None:
    shared = club(hub, setup["oak"], name="Chess", weekdays=(4,), open_to_other_schools=True)
    elm_child = child(hub, setup["elm"], forename="Omar")
    request = BookingRequest(elm_child, shared, date(2026, 11, 16), date(2026, 12, 4), (4,))
    result = hub.bookings.confirm(request)
    assert FRI not in result.booked and date(2026, 11, 20) in result.booked
    assert [(s.day, s.reason) for s in result.skipped] == \
        [(FRI, "child's school closed (INSET day)")]


# --- every refusal, each with its own message ------------------------------------------------

def test_full_session_is_refused_and_offers_the_waiting_list(hub: HubApp,
                                                             setup: dict[str, int]) -> None:
    small = club(hub, setup["oak"], name="Cooking", capacity=1)
    hub.bookings.confirm(BookingRequest(setup["ella"], small, MON))
    other = child(hub, setup["oak"], forename="Sam")
    preview = hub.bookings.preview(BookingRequest(other, small, MON))
    assert preview.lines[0].problem_code == "full" and preview.lines[0].free == 0
    with pytest.raises(Conflict, match="Cooking is full on Mon 14/09/2026; the child can go on "
                                       "the waiting list"):
        hub.bookings.confirm(BookingRequest(other, small, MON))
    result = hub.bookings.confirm(BookingRequest(other, small, MON), waiting_list=True)
    assert result.booked == () and result.waiting_list == (MON,)
    assert [r.child_id for r in hub.waiting_lists.open_entries() if r.club_id == small] == [other]


def test_year_group_outside_the_range_is_refused(hub: HubApp, setup: dict[str, int]) -> None:
    little = child(hub, setup["oak"], forename="Tom", year_group=0)
    with pytest.raises(Conflict, match="Tom Wiśniewska is in Reception; this club is for Y1 to Y6"):
        hub.bookings.confirm(BookingRequest(little, setup["club"], MON))


def test_overlapping_booking_is_refused(hub: HubApp, setup: dict[str, int]) -> None:
    art = club(hub, setup["oak"], name="Art", start_time=time(16, 0), end_time=time(17, 0))
    hub.bookings.confirm(BookingRequest(setup["ella"], setup["club"], MON))
    with pytest.raises(Conflict, match=r"already booked at Football at Oakfield Primary "
                                       r"15:15–16:30 on Mon 14/09, which overlaps"):
        hub.bookings.confirm(BookingRequest(setup["ella"], art, MON))


def test_no_time_to_travel_between_sites_is_refused(hub: HubApp, setup: dict[str, int]) -> None:
    hub.sites.set_travel_time(setup["oak"], setup["elm"], 20)
    late = club(hub, setup["elm"], name="Drama", start_time=time(16, 40), end_time=time(17, 40),
                open_to_other_schools=True)
    hub.bookings.confirm(BookingRequest(setup["ella"], setup["club"], MON))
    with pytest.raises(Conflict, match="takes 20 minutes, but there are only 10"):
        hub.bookings.confirm(BookingRequest(setup["ella"], late, MON))
    hub.sites.set_travel_time(setup["oak"], setup["elm"], 10)
    assert hub.bookings.confirm(BookingRequest(setup["ella"], late, MON)).booked == (MON,)


def test_childs_school_closed_is_refused_for_a_one_off(hub: HubApp, setup: dict[str, int]) -> None:
    shared = club(hub, setup["oak"], name="Chess", weekdays=(4,), open_to_other_schools=True)
    elm_child = child(hub, setup["elm"], forename="Omar")
    with pytest.raises(Conflict, match=r"Omar Wiśniewska's school is closed on Fri 27/11/2026 "
                                       r"\(INSET day\)"):
        hub.bookings.confirm(BookingRequest(elm_child, shared, FRI))


def test_day_the_club_does_not_run_is_refused(hub: HubApp, setup: dict[str, int]) -> None:
    with pytest.raises(Conflict, match=r"Football does not run on Tue 15/09/2026 \(no session\)"):
        hub.bookings.confirm(BookingRequest(setup["ella"], setup["club"], date(2026, 9, 15)))
    with pytest.raises(Conflict, match=r"does not run on Mon 26/10/2026 \(half-term\)"):
        hub.bookings.confirm(BookingRequest(setup["ella"], setup["club"], date(2026, 10, 26)))


def test_child_who_has_left_is_refused(hub: HubApp, setup: dict[str, int]) -> None:
    hub.children.mark_left(setup["ella"], date(2026, 9, 11))
    with pytest.raises(Conflict, match="Ella Ng left on 11/09/2026 and cannot be booked"):
        hub.bookings.confirm(BookingRequest(setup["ella"], setup["club"], MON))


def test_club_closed_to_other_schools_is_refused(hub: HubApp, setup: dict[str, int]) -> None:
    elm_child = child(hub, setup["elm"], forename="Omar")
    with pytest.raises(Conflict, match="Football is only for children of Oakfield Primary; "
                                       "Omar Wiśniewska is at Elm Street Primary"):
        hub.bookings.confirm(BookingRequest(elm_child, setup["club"], MON))


def test_booking_the_same_session_twice_is_refused(hub: HubApp, setup: dict[str, int]) -> None:
    hub.bookings.confirm(BookingRequest(setup["ella"], setup["club"], MON))
    with pytest.raises(Conflict, match="Ella Ng is already booked into Football on Mon 14/09"):
        hub.bookings.confirm(BookingRequest(setup["ella"], setup["club"], MON))


def test_inactive_club_is_refused(hub: HubApp, setup: dict[str, int]) -> None:
    closed = club(hub, setup["oak"], name="Gardening", active=False)
    with pytest.raises(Conflict, match=r"Gardening is closed \(not active\)"):
        hub.bookings.confirm(BookingRequest(setup["ella"], closed, MON))


def test_weekday_the_club_does_not_have_is_refused(hub: HubApp, setup: dict[str, int]) -> None:
    with pytest.raises(Conflict, match="Football does not run on Fri"):
        hub.bookings.confirm(BookingRequest(setup["ella"], setup["club"], MON, date(2026, 10, 1),
                                            (0, 4)))


def test_bad_dates_are_refused_before_anything_is_read(hub: HubApp,
                                                       setup: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="last day is before the first") as err:
        hub.bookings.preview(BookingRequest(setup["ella"], setup["club"], WED, MON))
    assert err.value.field == "end_date"


def test_standing_booking_with_full_dates_books_the_rest_only_when_asked(
        hub: HubApp, setup: dict[str, int]) -> None:
    small = club(hub, setup["oak"], name="Cooking", capacity=1)
    hub.bookings.confirm(BookingRequest(setup["ella"], small, WED))
    other = child(hub, setup["oak"], forename="Sam")
    request = BookingRequest(other, small, MON, date(2026, 9, 23), (0, 2))
    with pytest.raises(Conflict, match="Cooking is full on Wed 16/09/2026"):
        hub.bookings.confirm(request)
    assert hub.bookings.history(other) == []
    result = hub.bookings.confirm(request, skip_problems=True)
    assert result.booked == (MON, date(2026, 9, 21), date(2026, 9, 23))
    assert [line.day for line in result.refused] == [WED]


# --- cancelling ------------------------------------------------------------------------------

def test_cancel_inside_the_cut_off_is_late_and_kept(hub: HubApp, setup: dict[str, int]) -> None:
    result = hub.bookings.confirm(BookingRequest(setup["ella"], setup["club"], date(2026, 9, 9),
                                                 date(2026, 9, 14), (0, 2)))
    wed_id, mon_id = result.session_booking_ids
    soon = hub.bookings.cancel(wed_id, "dentist")  # Wed 9th 15:15, 31 hours ahead of NOW
    later = hub.bookings.cancel(mon_id)
    assert (soon.cancelled, soon.late, later.late) == (1, 1, 0)
    lines = {line.session_booking_id: line for line in hub.bookings.history(setup["ella"])}
    assert lines[wed_id].status == "cancelled" and lines[wed_id].late
    assert lines[wed_id].cancel_reason == "dentist" and lines[wed_id].cancelled_at == NOW
    assert hub.bookings.history(setup["ella"], include_cancelled=False) == []
    assert all(x.booked == 0 for x in hub.club_sessions.sessions(setup["club"], date(2026, 9, 9),
                                                                 date(2026, 9, 14)))
    with pytest.raises(Conflict, match="already cancelled"):
        hub.bookings.cancel(wed_id)


def test_cut_off_is_configurable(hub: HubApp, setup: dict[str, int]) -> None:
    hub.clubs.save_rules(ClubRules(late_cutoff_hours=24))
    result = hub.bookings.confirm(BookingRequest(setup["ella"], setup["club"], date(2026, 9, 9)))
    assert hub.bookings.cancel(result.session_booking_ids[0]).late == 0
    with pytest.raises(ValidationError, match="between 0 hours and 14 days"):
        hub.clubs.save_rules(ClubRules(late_cutoff_hours=-1))


def test_a_session_that_started_cannot_be_cancelled(hub: HubApp, setup: dict[str, int]) -> None:
    result = hub.bookings.confirm(BookingRequest(setup["ella"], setup["club"], MON))
    freeze(hub, datetime(2026, 9, 14, 15, 0))
    with pytest.raises(Conflict, match="has already started; record an absence"):
        hub.bookings.cancel(result.session_booking_ids[0])


def test_cancel_a_standing_booking_from_a_date(hub: HubApp, setup: dict[str, int]) -> None:
    result = hub.bookings.confirm(BookingRequest(setup["ella"], setup["club"], MON,
                                                 date(2026, 10, 7), (0, 2)))
    assert result.booking_id is not None
    cancelled = hub.bookings.cancel_from(result.booking_id, date(2026, 9, 30), "moving school")
    assert cancelled.days == (date(2026, 9, 30), date(2026, 10, 5), date(2026, 10, 7))
    assert cancelled.late == 0
    live = [line.day for line in hub.bookings.history(setup["ella"], include_cancelled=False)]
    assert max(live) == date(2026, 9, 28) and len(live) == 5
    [summary] = hub.bookings.bookings_of(setup["ella"])
    assert summary.cancelled_from == date(2026, 9, 30) and summary.live_sessions == 5
    with hub.factory() as s:
        assert len(s.scalars(select(SessionBooking)).all()) == 8  # nothing deleted
    with pytest.raises(Conflict, match="Nothing is booked from 01/10/2026"):
        hub.bookings.cancel_from(result.booking_id, date(2026, 10, 1))


# --- a class, a family -------------------------------------------------------------------------

def test_book_a_class_in_one_go_with_a_report_of_refusals(hub: HubApp,
                                                          setup: dict[str, int]) -> None:
    oak = setup["oak"]
    kids = [child(hub, oak, forename=n) for n in ("Ada", "Ben", "Cat")]
    busy = kids[2]
    art = club(hub, oak, name="Art", start_time=time(15, 0), end_time=time(16, 0))
    hub.bookings.confirm(BookingRequest(busy, art, MON))
    little = child(hub, oak, forename="Tiny", year_group=0)
    report = hub.bookings.book_class(ClassRequest(oak, 3, (*kids, little), setup["club"], MON))
    assert [(cid, n) for cid, _name, n in report.booked] == [(kids[0], 1), (kids[1], 1)]
    reasons = {r.child_id: r.reason for r in report.refused}
    assert "overlaps" in reasons[busy]
    assert reasons[little] == "Not in the chosen class."
    assert hub.club_sessions.sessions(setup["club"], MON, MON)[0].booked == 2
    pupils = hub.clubs.eligible_children(setup["club"], oak, 3)
    assert {cid for cid, _ in pupils} >= set(kids)


def test_family_week_shows_every_sibling(hub: HubApp, setup: dict[str, int]) -> None:
    brother = child(hub, setup["oak"], forename="Leo", year_group=5)
    carer_for(hub, [setup["ella"], brother])
    chess = club(hub, setup["oak"], name="Chess", weekdays=(1,), start_time=time(7, 45),
                 end_time=time(8, 45), kind="breakfast", price_pence=250)
    hub.bookings.confirm(BookingRequest(setup["ella"], setup["club"], MON))
    hub.bookings.confirm(BookingRequest(brother, chess, date(2026, 9, 15)))
    week = hub.weeks.family_week(setup["ella"], WED)
    assert week.monday == MON
    got = {w.child_name: [(i.day, i.club_name, i.site) for i in w.items] for w in week.children}
    assert got == {"Ella Ng": [(MON, "Football", "Oakfield Primary")],
                   "Leo Wiśniewska": [(date(2026, 9, 15), "Chess", "Oakfield Primary")]}
    assert hub.weeks.child_week(brother, MON).items[0].start_time == time(7, 45)
    assert hub.weeks.child_week(brother, date(2026, 9, 21)).items == ()
