"""The one date parser: every written form of a day gives that day; two-digit years are refused."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubdesk.core.dates import parse_day, school_year_start

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
TODAY = date(2026, 11, 30)


@given(day=days, sep=st.sampled_from("/.-"), padded=st.booleans(), midnight=st.booleans())
def test_every_written_form_gives_the_day(day: date, sep: str, padded: bool, midnight: bool) -> None:
    d, m = (f"{day.day:02d}", f"{day.month:02d}") if padded else (str(day.day), str(day.month))
    tail = " 00:00:00" if midnight else ""
    assert parse_day(f"{d}{sep}{m}{sep}{day.year}{tail}") == day
    assert parse_day(f" {day.isoformat()}{tail} ") == day


@given(day=days)
def test_a_two_digit_year_is_refused_with_the_way_to_write_it(day: date) -> None:
    short = f"{day:%d/%m/%y}"
    with pytest.raises(ValueError, match=f"'{short}' needs a four-digit year, e.g. {day:%d/%m}/20"):
        parse_day(short, TODAY)


@given(day=days, today=days)
def test_day_and_month_mean_that_day_in_todays_school_year(day: date, today: date) -> None:
    if day.month == 2 and day.day == 29:
        return
    found = parse_day(f"{day.day}/{day.month}", today)
    assert (found.month, found.day) == (day.month, day.day)
    start = date(school_year_start(today), 9, 1)
    assert start <= found < date(start.year + 1, 9, 1)
    assert start <= today < date(start.year + 1, 9, 1)


def test_examples_and_sentences() -> None:
    assert parse_day("30/11/2026") == parse_day("2026-11-30") == parse_day("30.11.2026") \
        == parse_day("30/11", TODAY) == date(2026, 11, 30)
    assert parse_day("15/3", TODAY) == date(2027, 3, 15)
    assert parse_day("1/9", date(2027, 8, 31)) == date(2026, 9, 1)
    with pytest.raises(ValueError, match="'30/11' needs a year"):
        parse_day("30/11")
    with pytest.raises(ValueError, match="'31/02/2026' is not a real date"):
        parse_day("31/02/2026")
    with pytest.raises(ValueError, match="'29/2' is not a real date"):
        parse_day("29/2", TODAY)  # February 2027 has 28 days
    with pytest.raises(ValueError, match="'next Tuesday' is not a date in the form dd/mm/yyyy"):
        parse_day("next Tuesday", TODAY)
    with pytest.raises(ValueError, match="is empty"):
        parse_day("  ")


@given(text=st.text(max_size=20))
def test_anything_typed_gives_a_date_or_a_sentence(text: str) -> None:
    try:
        assert isinstance(parse_day(text, TODAY), date)
    except ValueError as exc:
        assert str(exc)
