"""Fixtures for running hubdesk on a real PostgreSQL server.

Skipped unless HUBDESK_TEST_POSTGRES_URL names a database on a server where that role may
CREATE DATABASE (e.g. ``postgresql://hubdesk:secret@localhost/hubdesk_test``). Each test gets its
own fresh database, cloned with CREATE DATABASE … TEMPLATE from one migrated (or demo) database
built once per run, and dropped afterwards. Inside this folder the shared ``settings`` fixture
points at that database, so ``hub``, ``two_schools`` and the builders in tests/services run on
PostgreSQL unchanged.
"""

from __future__ import annotations

import os
import time
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError, ProgrammingError

from hubdesk.app import HubApp, open_app
from hubdesk.core.db import to_url
from hubdesk.settings import Settings
from tests.conftest import DEMO_TODAY, frozen_clock, sign_in_as

ENV = "HUBDESK_TEST_POSTGRES_URL"
SKIP_REASON = (f"PostgreSQL tests need {ENV}=postgresql://user:password@host/database "
               "(a role that may CREATE DATABASE); .ci/run sets it up")
PREFIX = f"hubdesk_t{os.getpid()}_{uuid.uuid4().hex[:6]}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.postgres)


class PgServer:
    """Creates and drops the test databases on the server named by the environment."""

    def __init__(self, url: str) -> None:
        self.base = _psycopg(url)
        self.admin: Engine = create_engine(self.base, isolation_level="AUTOCOMMIT")
        self._count = 0

    def url(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        """A new empty (or copied) database; returns its name."""
        self._count += 1
        name = f"{PREFIX}_{self._count}"
        copy = f' TEMPLATE "{template}"' if template else " TEMPLATE template0"
        with self.admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE \"{name}\"{copy} ENCODING 'UTF8'"))
        return name

    def drop(self, name: str) -> None:
        """Drop a test database, waiting for the server's own workers (autovacuum) to leave it.

        FORCE ends our own leftover connections; a role that is not superuser may not end an
        autovacuum worker, so that case is retried for a while and then only warned about.
        """
        for _ in range(40):
            try:
                with self.admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                return
            except (OperationalError, ProgrammingError) as exc:
                last = exc
                time.sleep(0.25)
        warnings.warn(f"test database {name} left behind: {last.orig}", stacklevel=2)

    def settings(self, name: str, folder: Path) -> Settings:
        return Settings(database=self.url(name), data_dir=folder / "data",
                        backup_dir=folder / "backups", user="tester")


def _psycopg(url: str) -> URL:
    from sqlalchemy.engine import make_url

    parsed = make_url(to_url(url))
    if parsed.get_backend_name() != "postgresql":
        raise pytest.UsageError(f"{ENV} must be a postgresql:// URL, not {parsed.drivername}://")
    return parsed.set(drivername="postgresql+psycopg")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    url = os.environ.get(ENV)
    if not url:
        pytest.skip(SKIP_REASON)
    server = PgServer(url)
    try:
        with server.admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # the variable is set, so an unreachable server is a failure
        pytest.fail(f"{ENV} is set but the server cannot be reached: {exc}")
    yield server
    server.admin.dispose()


@pytest.fixture(scope="session")
def pg_migrated(pg_server: PgServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database migrated to the heads once per run, the template of every test's database."""
    name = pg_server.create()
    app = open_app(pg_server.settings(name, tmp_path_factory.mktemp("pg-template")), clock=frozen_clock())
    app.close()
    yield name
    pg_server.drop(name)


@pytest.fixture
def settings(pg_server: PgServer, pg_migrated: str, tmp_path: Path) -> Iterator[Settings]:
    """A fresh, migrated PostgreSQL database for this test (overrides the SQLite one)."""
    name = pg_server.create(template=pg_migrated)
    yield pg_server.settings(name, tmp_path)
    pg_server.drop(name)


@pytest.fixture
def pg_hub(hub: HubApp) -> HubApp:
    """A HubApp on this test's own PostgreSQL database."""
    assert hub.engine.dialect.name == "postgresql"
    return hub


@pytest.fixture(scope="session")
def pg_demo_template(pg_server: PgServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The scale-1 demo cluster built on PostgreSQL once per run."""
    from hubdesk.demo.service import DemoService

    name = pg_server.create()
    app = open_app(pg_server.settings(name, tmp_path_factory.mktemp("pg-demo")),
                   clock=frozen_clock(DEMO_TODAY))
    try:
        DemoService(app.factory, "tester", app.clock).build(scale=1, seed=1, today=DEMO_TODAY)
    finally:
        app.close()
    yield name
    pg_server.drop(name)


@pytest.fixture
def demo_hub(pg_server: PgServer, pg_demo_template: str, tmp_path: Path) -> Iterator[HubApp]:
    """A HubApp on a private PostgreSQL copy of the demo cluster (overrides the SQLite one)."""
    name = pg_server.create(template=pg_demo_template)
    app = open_app(pg_server.settings(name, tmp_path), clock=frozen_clock(DEMO_TODAY))
    sign_in_as(app, "administrator", "tester", user_id=None)  # the demo has users, as on SQLite
    yield app
    app.close()
    pg_server.drop(name)
