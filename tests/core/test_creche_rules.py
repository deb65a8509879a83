"""Crèche ratios: the default bands, mixed groups, editable rules, and ages on the session date."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubdesk.core.rules.creche import (
    DEFAULT_RULES,
    CrecheRules,
    RatioBand,
    age_in_months,
    explain,
    required_staff,
    rules_from_json,
    rules_to_json,
    validate_rules,
)

BABY, TWO, THREE = 10, 30, 40  # ages in months


@pytest.mark.parametrize(
    ("ages", "staff"),
    [
        ([], 0),
        ([BABY], 1),
        ([BABY] * 3, 1),
        ([BABY] * 4, 2),
        ([TWO] * 5, 1),
        ([TWO] * 6, 2),
        ([THREE] * 8, 1),
        ([THREE] * 9, 2),
        ([BABY] * 3 + [THREE], 2),
        ([BABY, BABY, TWO, TWO, THREE, THREE], 2),  # 2/3 + 2/5 + 2/8 = 1.32
        ([BABY] * 6 + [TWO] * 5 + [THREE] * 8, 4),
    ],
)
def test_default_ratios(ages: list[int], staff: int) -> None:
    assert required_staff(ages) == staff


def test_band_edges_are_birthdays() -> None:
    assert required_staff([23] * 4) == 2  # still under two: 1:3
    assert required_staff([24] * 4) == 1  # two today: 1:5
    assert required_staff([35] * 6) == 2
    assert required_staff([36] * 6) == 1  # three today: 1:8


def test_age_on_the_session_date() -> None:
    born = date(2024, 1, 31)
    assert age_in_months(born, date(2026, 1, 30)) == 23
    assert age_in_months(born, date(2026, 1, 31)) == 24
    assert age_in_months(date(2024, 3, 15), date(2024, 3, 15)) == 0


def test_minimum_staff_and_edited_bands() -> None:
    strict = CrecheRules(bands=(RatioBand(0, 2, "under 2"), RatioBand(24, 4, "2 and over")),
                         minimum_staff=2)
    assert required_staff([THREE], strict) == 2
    assert required_staff([BABY] * 5, strict) == 3
    assert required_staff([], strict) == 0
    assert explain([BABY] * 5, strict) == "5 under 2: 3 staff"


def test_rules_round_trip_and_bad_text_falls_back() -> None:
    assert rules_from_json(rules_to_json(DEFAULT_RULES)) == DEFAULT_RULES
    assert rules_from_json("not json") == DEFAULT_RULES
    assert rules_from_json('{"bands": [{"from_months": 5, "per_adult": 3, "label": "x"}]}') \
        == DEFAULT_RULES


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (CrecheRules(bands=()), "at least one"),
        (CrecheRules(bands=(RatioBand(6, 3, "x"),)), "start at birth"),
        (CrecheRules(bands=(RatioBand(0, 3, "a"), RatioBand(0, 5, "b"))), "different ages"),
        (CrecheRules(bands=(RatioBand(0, 0, "a"),)), "between 1 and 30"),
        (CrecheRules(bands=(RatioBand(0, 3, "a"),), minimum_staff=-1), "minimum"),
    ],
)
def test_unusable_rules_are_refused(rules: CrecheRules, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_rules(rules)


ages = st.lists(st.integers(min_value=0, max_value=59), max_size=40)


@given(ages, st.integers(min_value=0, max_value=59))
def test_one_more_child_never_needs_fewer_staff(group: list[int], extra: int) -> None:
    assert required_staff([*group, extra]) >= required_staff(group)


@given(ages)
def test_staff_between_the_loosest_and_strictest_band(group: list[int]) -> None:
    staff = required_staff(group)
    if not group:
        assert staff == 0
        return
    assert math.ceil(len(group) / 8) <= staff <= max(1, math.ceil(len(group) / 3))


@given(ages)
def test_enough_staff_for_each_band_on_its_own(group: list[int]) -> None:
    """Whatever the mix, the adults cover every band's own need when counted alone."""
    staff = required_staff(group)
    for low, high, per in ((0, 23, 3), (24, 35, 5), (36, 59, 8)):
        assert staff >= math.ceil(sum(low <= a <= high for a in group) / per)
