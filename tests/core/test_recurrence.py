"""Clubs meet on every open day of their site and no other; standing bookings skip the child's
closed days and say why. Checked against random calendars with hypothesis."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubdesk.core.calendar import SchoolCalendar, Span
from hubdesk.core.rules.recurrence import (
    club_days,
    parse_weekdays,
    standing_days,
    weekdays_code,
    weekdays_label,
)

ENGLAND = holidays.country_holidays("GB", subdiv="ENG", years=range(2025, 2029))
BASE = date(2026, 8, 24)


@st.composite
def calendars(draw: st.DrawFn) -> list[Span]:
    """Random terms, half-terms, INSET days and closures over about a year."""
    spans: list[Span] = []
    for _ in range(draw(st.integers(1, 3))):
        start = BASE + timedelta(days=draw(st.integers(0, 300)))
        spans.append(Span("term", start, start + timedelta(days=draw(st.integers(5, 110)))))
    for kind in ("half_term", "inset", "closure"):
        for _ in range(draw(st.integers(0, 4))):
            start = BASE + timedelta(days=draw(st.integers(0, 400)))
            length = draw(st.integers(0, 8 if kind == "half_term" else 2))
            spans.append(Span(kind, start, start + timedelta(days=length), "x"))
    return spans


def open_by_hand(spans: list[Span], day: date) -> bool:
    """The definition of an open day, written out independently of SchoolCalendar."""
    if day.weekday() >= 5 or day in ENGLAND:
        return False
    in_term = any(s.kind == "term" and s.start <= day <= s.end for s in spans)
    closed = any(s.kind != "term" and s.start <= day <= s.end for s in spans)
    return in_term and not closed


weekday_sets = st.sets(st.integers(0, 4), min_size=1, max_size=5)


@settings(max_examples=150, deadline=None)
@given(calendars(), weekday_sets, st.integers(0, 200), st.integers(0, 250))
def test_club_meets_on_every_open_day_and_no_closed_one(spans: list[Span], weekdays: set[int],
                                                        offset: int, length: int) -> None:
    start = BASE + timedelta(days=offset)
    end = start + timedelta(days=length)
    met = set(club_days(SchoolCalendar(spans), weekdays, start, end))
    day = start
    while day <= end:
        expected = day.weekday() in weekdays and open_by_hand(spans, day)
        assert (day in met) == expected, day
        day += timedelta(days=1)


@settings(max_examples=150, deadline=None)
@given(calendars(), calendars(), weekday_sets, st.integers(0, 200), st.integers(0, 200))
def test_standing_booking_skips_exactly_the_childs_closed_days(
        site_spans: list[Span], school_spans: list[Span], weekdays: set[int], offset: int,
        length: int) -> None:
    site, school = SchoolCalendar(site_spans), SchoolCalendar(school_spans)
    start = BASE + timedelta(days=offset)
    end = start + timedelta(days=length)
    running = set(club_days(site, range(5), BASE, BASE + timedelta(days=500)))
    taken, skipped = standing_days(weekdays, start, end, running, {}, site, school)
    skipped_days = {s.day for s in skipped}
    assert not set(taken) & skipped_days
    day = start
    while day <= end:
        if day.weekday() in weekdays:
            both_open = open_by_hand(site_spans, day) and open_by_hand(school_spans, day)
            assert (day in taken) == both_open, day
            assert (day in skipped_days) == (not both_open), day
        else:
            assert day not in taken and day not in skipped_days
        day += timedelta(days=1)
    for s in skipped:
        assert s.reason


def test_skipped_days_say_why(two_calendars: tuple[SchoolCalendar, SchoolCalendar]) -> None:
    site, school = two_calendars
    running = set(club_days(site, range(5), date(2026, 9, 1), date(2026, 12, 31)))
    cancelled = {date(2026, 11, 18): "boiler broken"}
    running -= set(cancelled)
    taken, skipped = standing_days({2, 4}, date(2026, 11, 16), date(2026, 11, 30), running,
                                   cancelled, site, school)
    reasons = {s.day: s.reason for s in skipped}
    assert reasons[date(2026, 11, 18)] == "session cancelled: boiler broken"
    assert reasons[date(2026, 11, 27)] == "child's school closed (INSET day: training)"
    assert reasons[date(2026, 11, 20)] == "club not running (closed: flood)"
    assert date(2026, 11, 25) in taken


def test_holiday_club_meets_in_holidays_but_not_on_bank_holidays() -> None:
    site = SchoolCalendar([Span("term", date(2026, 9, 3), date(2026, 12, 18)),
                           Span("half_term", date(2026, 10, 26), date(2026, 10, 30))])
    met = club_days(site, range(5), date(2026, 10, 19), date(2026, 12, 31), holiday_club=True)
    assert met[:5] == [date(2026, 10, 26) + timedelta(days=i) for i in range(5)]
    assert date(2026, 12, 21) in met
    assert date(2026, 12, 25) not in met and date(2026, 12, 28) not in met
    assert date(2026, 11, 2) not in met


@pytest.fixture
def two_calendars() -> tuple[SchoolCalendar, SchoolCalendar]:
    term = Span("term", date(2026, 9, 3), date(2026, 12, 18))
    site = SchoolCalendar([term, Span("closure", date(2026, 11, 20), date(2026, 11, 20), "flood")])
    school = SchoolCalendar([term, Span("inset", date(2026, 11, 27), date(2026, 11, 27),
                                        "training")])
    return site, school


@pytest.mark.parametrize("text, expected", [
    ("Mon Wed", (0, 2)), ("Monday, Wednesday", (0, 2)), ("tue/thu", (1, 3)),
    ("Friday and Monday", (0, 4)), ("MON;TUES;WEDS", (0, 1, 2)),
])
def test_weekdays_are_read_as_people_write_them(text: str, expected: tuple[int, ...]) -> None:
    assert parse_weekdays(text) == expected
    assert weekdays_label(weekdays_code(expected)).startswith(("Mon", "Tue"))


def test_an_unknown_weekday_is_named() -> None:
    with pytest.raises(ValueError, match="'funday' is not a weekday"):
        parse_weekdays("Mon funday")
