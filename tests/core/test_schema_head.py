"""Start-up recognises a current database without Alembic, by the head revision known at build time."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

from hubdesk.app import open_app
from hubdesk.core import schema
from hubdesk.core.db import make_engine
from hubdesk.core.schema import HEAD_REVISIONS, MIGRATIONS, head_revisions, stored_revisions
from hubdesk.settings import Settings


def test_the_head_known_at_build_time_is_the_newest_migration() -> None:
    """Fails when a migration is added without updating HEAD_REVISIONS in core/schema.py."""
    assert set(HEAD_REVISIONS) == head_revisions()
    newest = max(p.stem for p in (MIGRATIONS / "versions").glob("[0-9]*.py"))
    assert newest in HEAD_REVISIONS


def test_a_current_database_opens_without_asking_alembic(settings: Settings) -> None:
    open_app(settings, create=True).close()
    with patch.object(schema, "_scripts", side_effect=AssertionError("Alembic was asked")):
        app = open_app(settings)
    try:
        assert stored_revisions(app.engine) == HEAD_REVISIONS
    finally:
        app.close()


def test_a_database_behind_the_head_is_still_upgraded(tmp_path: Path) -> None:
    """A database made by an older hubdesk (here: up to 0012 only) is not taken for current."""
    engine = make_engine(tmp_path / "older.db", create=True)
    try:
        schema.upgrade(engine, "0012_database_id")
        assert stored_revisions(engine) == {"0012_database_id"} != HEAD_REVISIONS
        schema.upgrade(engine)
        assert stored_revisions(engine) == HEAD_REVISIONS
    finally:
        engine.dispose()
