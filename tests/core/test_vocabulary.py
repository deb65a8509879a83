"""The vocabulary and the schema name the same words: a kind added to one and not the other would
let the office pick a value the database refuses, or store one no chooser can show."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import CheckConstraint

from hubdesk.core import vocabulary as v
from hubdesk.core.models import Base

# (table, CHECK constraint name) -> the vocabulary whose keys it must allow, in any order.
CHECKED = [
    ("sites", "kind", v.SITE_KINDS),
    ("calendar_entries", "kind", v.CALENDAR_KINDS),
    ("clubs", "kind", v.CLUB_KINDS),
    ("club_sessions", "status", v.SESSION_STATUSES),
    ("bookings", "kind", v.BOOKING_KINDS),
    ("session_bookings", "status", v.SESSION_BOOKING_STATUSES),
    ("waiting_list", "status", v.WAITING_STATUSES),
    ("attendance", "status", v.ATTENDANCE_STATUSES),
    ("attendance", "absence_reason", tuple(v.ABSENCE_REASONS)),
    ("attendance", "collected_kind", v.COLLECTED_KINDS),
    ("incidents", "kind", tuple(v.INCIDENT_KINDS)),
    ("shifts", "kind", v.SHIFT_KINDS),
    ("shifts", "role", v.SHIFT_ROLES),
    ("vehicle_services", "kind", tuple(v.SERVICE_KINDS)),
    ("transport_requests", "kind", v.REQUEST_KINDS),
    ("run_passengers", "kind", v.PASSENGER_KINDS),
    ("run_passengers", "leg", v.LEGS),
    ("enrolments", "status", tuple(v.ENROLMENT_STATUSES)),
    ("courses", "kind", tuple(v.COURSE_KINDS)),
    ("children", "sen_level", tuple(v.SEN_LEVELS)),
    ("children", "eal", tuple(v.EAL_STATUSES)),
]


def _allowed(table: str, name: str) -> set[str]:
    """The quoted words of the named CHECK constraint's IN (...) list."""
    for constraint in Base.metadata.tables[table].constraints:
        if isinstance(constraint, CheckConstraint) and str(constraint.name).endswith(f"_{name}"):
            listed = re.search(r"IN\s*\(([^)]*)\)", str(constraint.sqltext))
            assert listed is not None, f"{table}.{name} has no IN list"
            return set(re.findall(r"'([^']*)'", listed.group(1)))
    raise AssertionError(f"{table} has no CHECK constraint {name}")


@pytest.mark.parametrize(("table", "name", "words"), CHECKED, ids=[f"{t}.{n}" for t, n, _ in CHECKED])
def test_check_allows_exactly_the_vocabulary(table: str, name: str, words: tuple[str, ...]) -> None:
    assert _allowed(table, name) == set(words)


def test_year_labels() -> None:
    assert [v.year_label(y) for y in v.YEAR_GROUPS] == [
        "Nursery", "Reception", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6"]


def test_fold_makes_names_searchable() -> None:
    assert v.fold(" Łucja Öztürk ") == "lucja ozturk"
    assert v.fold("Straße") == "strasse"
