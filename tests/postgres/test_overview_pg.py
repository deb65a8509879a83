"""The Overview's figures on a PostgreSQL copy of the demo cluster: the same checks against raw rows
as on SQLite (the SQLite-only planner hint must not change what PostgreSQL is asked)."""

from __future__ import annotations

from tests.services.overview.test_adult_figures import (
    test_club_viability_income_and_staff_cost,
    test_minibus_seats_used_and_children_carried,
    test_parent_learning,
)
from tests.services.overview.test_core_offer import test_saved_status_wins_and_builds_a_history
from tests.services.overview.test_figures import (
    test_children_who_attended_nothing,
    test_places_offered_booked_attended,
    test_take_up_by_group_against_the_roll,
)

__all__ = [
    "test_children_who_attended_nothing",
    "test_club_viability_income_and_staff_cost",
    "test_minibus_seats_used_and_children_carried",
    "test_parent_learning",
    "test_places_offered_booked_attended",
    "test_saved_status_wins_and_builds_a_history",
    "test_take_up_by_group_against_the_roll",
]
