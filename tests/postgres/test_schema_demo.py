"""On PostgreSQL: the migrations build exactly the models' schema, the demo command builds the
cluster, ``hubdesk check`` passes, and records added afterwards get fresh ids."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.engine import make_url

from hubdesk.app import open_app
from hubdesk.cli import main
from hubdesk.core.db import make_engine
from hubdesk.core.errors import DatabaseRefused
from hubdesk.core.models import Base, Child
from hubdesk.core.schema import current_revisions, head_revisions, upgrade
from hubdesk.services.admin.check import CheckService
from hubdesk.settings import load_settings
from tests.conftest import child_form, sign_in_as
from tests.postgres.conftest import PgServer


@pytest.fixture
def empty_db(pg_server: PgServer) -> Iterator[str]:
    """A new database with no tables at all (not cloned from the migrated template)."""
    name = pg_server.create()
    yield pg_server.url(name)
    pg_server.drop(name)


def test_migrations_apply_from_empty_to_all_heads(empty_db: str) -> None:
    engine = make_engine(empty_db)
    try:
        assert inspect(engine).get_table_names() == []
        upgrade(engine)
        assert current_revisions(engine) == head_revisions()
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []  # exactly what the models say
        upgrade(engine)  # a second start changes nothing
        assert current_revisions(engine) == head_revisions()
    finally:
        engine.dispose()


def _partial(engine: Engine) -> dict[str, str]:
    """Each index of the database that covers only some rows: its predicate, as the server says it."""
    found: dict[str, str] = {}
    inspector = inspect(engine)
    for table in inspector.get_table_names():
        for index in inspector.get_indexes(table):
            where = index.get("dialect_options", {}).get("postgresql_where")
            if where:
                found[str(index["name"])] = str(where)
    return found


def _said_by_models() -> dict[str, str]:
    return {str(index.name): index.info["where"] for table in Base.metadata.tables.values()
            for index in table.indexes if "where" in index.info}


def _words(predicate: str) -> set[str]:
    """The column names and constants a predicate mentions, however the server spells it."""
    return {w.lower() for w in re.findall(r"[A-Za-z_]+", predicate)} - {"text", "is", "and", "any",
                                                                           "array", "in"}


def test_partial_indexes_say_what_the_models_say(empty_db: str) -> None:
    """The models name a partial index's predicate once (``partial_index``); the migrations, and a
    table created from the models, must give PostgreSQL the same one."""
    wanted = _said_by_models()
    assert len(wanted) >= 9
    engine = make_engine(empty_db)
    try:
        upgrade(engine)
        migrated = _partial(engine)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        Base.metadata.create_all(engine)
        created = _partial(engine)
    finally:
        engine.dispose()
    for name, where in wanted.items():
        assert _words(migrated[name]) >= _words(where), (name, migrated[name])
        assert _words(created[name]) == _words(migrated[name]), (name, created[name])


def test_a_newer_schema_is_refused_and_left_alone(empty_db: str) -> None:
    engine = make_engine(empty_db)
    try:
        upgrade(engine)
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM alembic_version"))
            conn.execute(text("INSERT INTO alembic_version VALUES ('from_the_future')"))
        with pytest.raises(DatabaseRefused, match="newer version of hubdesk"):
            upgrade(engine)
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT version_num FROM alembic_version")) == "from_the_future"
    finally:
        engine.dispose()


@pytest.mark.slow
def test_demo_command_then_check_then_ordinary_work(empty_db: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--database", empty_db, "--scale", "1", "--no-gui"]) == 0
    out = capsys.readouterr().out
    assert "Demo cluster built" in out and "2,400 children" in out
    password = make_url(empty_db).password
    assert "***" in out and (not password or f":{password}@" not in out)  # never printed
    assert main(["check", "--database", empty_db]) == 0
    report = capsys.readouterr().out
    assert ", 0 with problems" in report
    assert report.count("skipped: a SQLite check; the PostgreSQL server keeps") == 2
    # the demo wrote explicit ids; the next child saved must not clash with them
    app = open_app(load_settings(empty_db))
    sign_in_as(app)  # the demo has users
    try:
        school = next(s.id for s in app.sites.list() if s.kind == "school")
        new_id = app.children.save(child_form(school, forename="Zofia", surname="Nowak"))
        with app.factory() as s:
            assert new_id == (s.scalar(select(func.max(Child.id))) or 0)
            assert (s.scalar(select(func.count()).select_from(Child)) or 0) == 2401
        assert all(f.ok for f in CheckService(app.factory, None, app.clock).run())
    finally:
        app.close()
    assert main(["demo", "--database", empty_db, "--no-gui"]) == 0
    assert "already in postgresql" in capsys.readouterr().out
