"""How columns that give way share a narrow table: they fit together whenever the minimum allows."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hubdesk.ui.common.tables import SQUEEZED_MIN, shares

NATURAL = st.dictionaries(st.integers(0, 9), st.integers(1, 600), min_size=1, max_size=6)


@given(NATURAL, st.integers(0, 1500))
def test_the_columns_that_give_way_fit_and_keep_their_minimum(natural: dict[int, int],
                                                                spare: int) -> None:
    widths = shares(spare, natural)
    assert widths.keys() == natural.keys()
    for column, width in widths.items():
        assert width <= natural[column]
        assert width >= min(natural[column], SQUEEZED_MIN)
    floor = sum(min(w, SQUEEZED_MIN) for w in natural.values())
    if spare >= floor:
        assert sum(widths.values()) <= spare  # no scroll bar for the sake of a floor


def test_one_long_name_beside_a_short_one() -> None:
    # a long family name and short children: the children keep the minimum, the name takes the rest
    assert shares(150, {0: 300, 1: 90}) == {0: 78, 1: 72}
    assert shares(400, {0: 300, 1: 90}) == {0: 300, 1: 90}
