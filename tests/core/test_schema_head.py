"""Start-up recognises a current database without Alembic, by the head revision known at build time."""

from __future__ import annotations

from unittest.mock import patch

from hubdesk.app import open_app
from hubdesk.core import schema
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


def test_a_database_behind_the_head_is_still_upgraded(settings: Settings) -> None:
    app = open_app(settings, create=True)
    try:
        with app.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0011_sort_keys' "
                                  "WHERE version_num = '0012_database_id'")
            conn.exec_driver_sql("DELETE FROM meta WHERE key = 'database_id'")
        assert stored_revisions(app.engine) == {"0004", "0005", "0011_sort_keys"}
        schema.upgrade(app.engine)
        assert stored_revisions(app.engine) == HEAD_REVISIONS
    finally:
        app.close()
