"""Ratio rules and the rota checks, as pure functions."""

from __future__ import annotations

import math
from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubdesk.core.rules import staff_checks as sc
from hubdesk.core.rules.ratios import (
    DEFAULT_BANDS,
    AgeBand,
    age_on,
    is_eyfs,
    ratio_staff,
    session_need,
    validate_bands,
)

MONDAY = date(2026, 11, 23)


def ok_person(pid: int = 1, **kw: object) -> sc.Person:
    values: dict[str, object] = {"id": pid, "name": f"P{pid}", "dbs_number": "001234567890",
                                 "dbs_checked": True, "barred_list_checked": True,
                                 "first_aid_expires": date(2028, 1, 1)}
    values.update(kw)
    return sc.Person(**values)  # type: ignore[arg-type]


def shift(sid: int, staff: int, start: str, end: str, site: int = 1, day: date = MONDAY,
          target: str = "") -> sc.ShiftFact:
    return sc.ShiftFact(sid, staff, day, time.fromisoformat(start), time.fromisoformat(end), site,
                        target or f"club:{sid}", f"Club {sid}")


def no_travel(_a: int, _b: int) -> int:
    return 20


def test_defaults_are_one_to_eight_under_eight_and_one_to_ten_from_eight() -> None:
    assert ratio_staff([7] * 8) == 1
    assert ratio_staff([7] * 9) == 2
    assert ratio_staff([9] * 10) == 1
    assert ratio_staff([9] * 11) == 2
    assert ratio_staff([7] * 8 + [9]) == 2  # mixed groups add exact shares
    assert ratio_staff([]) == 0


def test_age_on_the_day_and_eyfs() -> None:
    assert age_on(date(2018, 11, 24), date(2026, 11, 23)) == 7
    assert age_on(date(2018, 11, 23), date(2026, 11, 23)) == 8
    assert is_eyfs(-1) and is_eyfs(0) and not is_eyfs(1)


def test_session_need_adds_the_minimum_staff_and_paediatric_first_aid() -> None:
    need = session_need([4, 5, 6], eyfs_children=1)
    assert (need.children, need.by_ratio, need.required, need.paediatric_first_aid) == (3, 1, 2, True)
    assert session_need([], 0).required == 0
    assert need.explain() == "3 children, 1 EYFS-age: 2 staff"


@pytest.mark.parametrize("bands, message", [
    ((), "at least one"), ((AgeBand(4, 8),), "start at 0"),
    ((AgeBand(0, 8), AgeBand(0, 10)), "different ages"), ((AgeBand(0, 0),), "between 1 and 30"),
])
def test_bad_bands_are_refused(bands: tuple[AgeBand, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_bands(bands)


@given(st.lists(st.integers(min_value=3, max_value=12), max_size=120))
def test_ratio_is_between_the_strictest_and_loosest_band(ages: list[int]) -> None:
    staff = ratio_staff(ages, DEFAULT_BANDS)
    assert math.ceil(len(ages) / 10) <= staff <= math.ceil(len(ages) / 8)
    # one more child never needs fewer staff
    assert ratio_staff([*ages, 5]) >= staff


@given(st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=60),
       st.integers(min_value=1, max_value=30))
def test_a_single_band_is_a_plain_ceiling(ages: list[int], per_adult: int) -> None:
    assert ratio_staff(ages, (AgeBand(0, per_adult),)) == math.ceil(len(ages) / per_adult)


def session(target: str, children: int, eyfs: int = 0) -> sc.SessionFact:
    return sc.SessionFact(target, 1, MONDAY, time(15, 15), time(18), "After school",
                          session_need([7] * children, eyfs))


def codes(problems: list[sc.Problem]) -> list[str]:
    return [p.code for p in problems]


def test_under_ratio_few_staff_and_first_aid() -> None:
    people = {1: ok_person(1), 2: ok_person(2, first_aid_expires=None)}
    s = session("club:1", 17)
    staffed = [shift(1, 2, "15:15", "18:00", target="club:1")]
    found = sc.check_session(s, staffed, people)
    assert codes(found) == [sc.UNDER_RATIO, sc.NO_FIRST_AIDER]
    assert "17 children need 3 staff and 1 is on the rota" in found[0].message
    few = sc.check_session(session("club:1", 5, eyfs=2), [shift(1, 1, "15:15", "18:00")], people)
    assert codes(few) == [sc.FEW_STAFF]
    eyfs = sc.check_session(session("club:1", 5, eyfs=2), staffed, people)
    assert "paediatric first-aider" in eyfs[-1].message
    assert sc.check_session(session("club:1", 0), [], people) == []


def test_blocking_reasons_once_per_person() -> None:
    person = ok_person(1, dbs_number="", barred_list_checked=False)
    found = sc.check_person(person, [shift(1, 1, "08:00", "09:00"), shift(2, 1, "15:00", "18:00")],
                            no_travel)
    assert codes(found) == [sc.NO_DBS]
    assert found[0].blocking and "2 shifts this week" in found[0].message
    unchecked = sc.blocking_reasons(ok_person(1, dbs_checked=False, barred_list_checked=False))
    assert [c for c, _ in unchecked] == [sc.DBS_UNCHECKED, sc.NO_BARRED_CHECK]


def test_two_places_at_once_and_travel_time() -> None:
    person = ok_person(1)
    overlap = sc.check_person(person, [shift(1, 1, "15:00", "18:00"), shift(2, 1, "16:00", "17:00"),
                                       shift(3, 1, "17:30", "18:30")], no_travel)
    assert codes(overlap).count(sc.DOUBLE_BOOKED) == 2  # 1–2 and 1–3, not only neighbours
    tight = sc.check_person(person, [shift(1, 1, "08:00", "08:50", site=1),
                                     shift(2, 1, "09:00", "10:00", site=2)], no_travel)
    assert codes(tight) == [sc.TRAVEL] and "10 min between them, 20 min travel" in tight[0].message
    same_site = sc.check_person(person, [shift(1, 1, "08:00", "08:50"), shift(2, 1, "09:00", "10:00")],
                                no_travel)
    assert same_site == []


def test_hours_availability_and_sites() -> None:
    person = ok_person(1, day_minutes=120, week_minutes=150, home_site_id=1,
                       availability={0: (time(15), time(18))})
    found = sc.check_person(person, [shift(1, 1, "08:00", "09:00", site=2),
                                     shift(2, 1, "15:00", "18:00")], no_travel)
    assert sorted(codes(found)) == sorted([sc.OTHER_SITE, sc.DAY_HOURS, sc.WEEK_HOURS])
    tuesday = sc.check_person(person, [shift(1, 1, "15:00", "16:00", day=date(2026, 11, 24))],
                              no_travel)
    assert codes(tuesday) == [sc.UNAVAILABLE] and "Tuesdays" in tuesday[0].message


def test_expiring_items_within_the_window() -> None:
    person = ok_person(1, first_aid_expires=date(2026, 12, 10), dbs_issued_on=date(2023, 12, 1),
                       midas_expires=date(2026, 11, 1), food_hygiene_expires=date(2027, 6, 1))
    items = sc.expiring_items(person, MONDAY, sc.Settings(warn_days=30))
    assert items == [("MiDAS", date(2026, 11, 1)), ("DBS re-check", date(2026, 12, 1)),
                     ("Paediatric first aid", date(2026, 12, 10))]
    subscribed = sc.expiring_items(ok_person(1, dbs_issued_on=date(2020, 1, 1), update_service=True),
                                   MONDAY, sc.Settings())
    assert subscribed == []
    found = sc.check_person(person, [shift(1, 1, "15:00", "16:00")], no_travel)
    assert codes(found) == [sc.EXPIRED, sc.EXPIRING, sc.EXPIRING]


def test_fits_never_allows_blocking_or_clashes() -> None:
    person = ok_person(1)
    new = shift(9, 1, "15:00", "18:00")
    assert sc.fits(person, new, [], no_travel)
    assert not sc.fits(ok_person(1, dbs_checked=False), new, [], no_travel)
    assert not sc.fits(person, new, [shift(1, 1, "14:00", "15:10", site=2)], no_travel)
    assert not sc.fits(ok_person(1, week_minutes=120), new, [], no_travel)


@given(st.lists(st.tuples(st.integers(0, 4), st.integers(7 * 4, 18 * 4), st.integers(1, 12),
                          st.integers(1, 3)), max_size=8))
def test_check_week_flags_exactly_the_overlaps(raw: list[tuple[int, int, int, int]]) -> None:
    shifts = []
    for n, (weekday, start_q, length_q, site) in enumerate(raw):
        start = start_q * 15
        end = min(start + length_q * 15, 23 * 60 + 59)
        shifts.append(sc.ShiftFact(n, 1, date(2026, 11, 23 + weekday), time(start // 60, start % 60),
                                   time(end // 60, end % 60), site, f"club:{n}", f"C{n}"))
    found = sc.check_week({1: ok_person(1)}, shifts, [], lambda _a, _b: 0)
    overlaps = sum(1 for i, a in enumerate(shifts) for b in shifts[i + 1:]
                   if a.day == b.day and a.start < b.end and b.start < a.end)
    assert codes(found).count(sc.DOUBLE_BOOKED) == overlaps


def test_a_run_frees_its_people_where_its_last_stop_is() -> None:
    elm, oak = sc.Visit(2, "Elm", time(15, 20)), sc.Visit(1, "Oak", time(15, 40))
    run = sc.ShiftFact(1, 1, MONDAY, time(15, 20), time(15, 40), 2, "run:1", "Minibus run Elm → Oak",
                       "Elm", (elm, oak))
    at_oak = shift(2, 1, "15:45", "17:00", site=1)
    at_elm = shift(3, 1, "15:45", "17:00", site=2)
    assert sc.fits(ok_person(), at_oak, [run], no_travel)
    problems = sc.check_person(ok_person(), [run, at_elm], no_travel)
    assert [p.message for p in problems if p.code == sc.TRAVEL] == [
        "P1 cannot get from Oak (Minibus run Elm → Oak, until 15:40) to another site (Club 3, "
        "15:45) on Mon 23 Nov: 5 min between them, 20 min travel."]
