"""The import refusals of tests/services/test_import_bad_values.py, on PostgreSQL (which enforces
column lengths itself, so a preview that passed what apply cannot store would fail here)."""

from tests.services.people.test_import_bad_values import *  # noqa: F403
