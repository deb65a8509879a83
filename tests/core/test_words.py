"""Counts and durations read as words: no "(s)", no decimals of an hour."""

from __future__ import annotations

import pytest

from hubdesk.core.words import count, duration, hours, plural_of, weeks


@pytest.mark.parametrize(("noun", "plural"), [
    ("club", "clubs"), ("child", "children"), ("date", "dates"), ("entry", "entries"),
    ("day", "days"), ("bus", "buses"), ("club session", "club sessions"),
    ("crèche place", "crèche places"), ("waiting-list offer", "waiting-list offers"),
])
def test_plural_of(noun: str, plural: str) -> None:
    assert plural_of(noun) == plural


def test_count_says_one_and_many() -> None:
    assert count(39, "club") == "39 clubs"
    assert count(1, "club") == "1 club"
    assert count(0, "warning") == "0 warnings"
    assert count(2, "child") == "2 children"
    assert count(1204, "child") == "1,204 children"
    assert count(3, "person", "people") == "3 people"
    assert weeks(1) == "1 week" and weeks(4) == "4 weeks"


@pytest.mark.parametrize(("minutes", "words"), [
    (0, "0 min"), (45, "45 min"), (60, "1 h"), (610, "10 h 10 min"), (61.4, "1 h 1 min"),
    (-30, "-30 min"),
])
def test_duration(minutes: float, words: str) -> None:
    assert duration(minutes) == words


def test_hours_from_a_fraction() -> None:
    assert hours(10.1667) == "10 h 10 min"
    assert hours(2) == "2 h"
    assert hours(1.5) == "1 h 30 min"
