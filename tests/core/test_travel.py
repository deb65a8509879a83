"""The one travel-time rule: both directions, a site to itself 0, the default for a missing pair."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hubdesk.core.rules.travel import DEFAULT_TRAVEL_MINUTES, TravelTimes, travel_minutes

sites = st.integers(min_value=1, max_value=6)
tables = st.dictionaries(st.tuples(sites, sites).filter(lambda p: p[0] != p[1]),
                         st.integers(min_value=1, max_value=600), max_size=20)


def test_a_row_counts_both_ways_and_a_missing_pair_takes_the_default() -> None:
    table = {(1, 2): 12}
    assert travel_minutes(table, 1, 2) == 12
    assert travel_minutes(table, 2, 1) == 12
    assert travel_minutes(table, 1, 3) == DEFAULT_TRAVEL_MINUTES
    assert travel_minutes(table, 1, 3, default=25) == 25
    assert travel_minutes(table, 4, 4, default=25) == 0


def test_an_entered_return_journey_is_kept_when_the_two_differ() -> None:
    travel = TravelTimes({(1, 2): 12, (2, 1): 20}, default=30)
    assert (travel(1, 2), travel(2, 1), travel(1, 1), travel(3, 1)) == (12, 20, 0, 30)


@given(table=tables, a=sites, b=sites, default=st.integers(min_value=1, max_value=600))
def test_the_lookup_follows_the_table(table: dict[tuple[int, int], int], a: int, b: int,
                                      default: int) -> None:
    found = TravelTimes(table, default)(a, b)
    if a == b:
        assert found == 0
    elif (a, b) in table:
        assert found == table[(a, b)]
    elif (b, a) in table:
        assert found == table[(b, a)]
    else:
        assert found == default
    if ((a, b) not in table and (b, a) not in table) or table.get((a, b)) == table.get((b, a)):
        assert found == TravelTimes(table, default)(b, a)
