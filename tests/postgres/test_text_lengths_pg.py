"""The text-length refusals of tests/services/test_text_lengths.py, on PostgreSQL (which enforces
column lengths itself, so a missed check would surface as a raw database error)."""

from tests.services.people.test_text_lengths import *  # noqa: F403
