"""Shared fixtures: every test gets a fresh database file built by the migrations.

The migrations run once per test run, into a template; each test's database starts as a copy of it
(copying a checkpointed file takes a millisecond, migrating takes a quarter of a second), or of a
second template that also holds the ``two_schools`` when the test uses them.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hubdesk.app import HubApp, open_app
from hubdesk.core import bank_holidays
from hubdesk.core.clock import Clock
from hubdesk.core.db import sqlite_file, to_url
from hubdesk.core.permissions import Actor
from hubdesk.services.people.children import ChildForm
from hubdesk.services.sites.calendars import EntryForm
from hubdesk.services.sites.sites import SiteForm
from hubdesk.settings import Settings


@pytest.fixture(scope="session")
def demo_admin_password_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file holding the demo administrator's password (as HUBDESK_PASSWORD_FILE names it)."""
    path = tmp_path_factory.mktemp("secrets") / "demo-admin.txt"
    path.write_text("demo-admin\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        demo_admin_password_file: Path) -> None:
    """Keep QSettings, data folders and backups of tests out of the real user's home."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home" / "cache"))
    # A command run in the process keeps bank holidays in its test's cache folder: not after the test.
    monkeypatch.setattr(bank_holidays, "_folder", None)
    monkeypatch.delenv("HUBDESK_DATABASE", raising=False)
    # Commands on a database with users (the demo's) sign in as the demo's administrator.
    monkeypatch.setenv("HUBDESK_USER", "admin")
    monkeypatch.setenv("HUBDESK_PASSWORD_FILE", str(demo_admin_password_file))


@pytest.fixture(autouse=True, scope="session")
def _quick_password_hashing() -> Iterator[None]:
    """argon2 at its real cost takes half a second a hash; tests sign in hundreds of times."""
    from argon2 import PasswordHasher

    from hubdesk.services.users import passwords

    real = passwords._HASHER
    passwords._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    passwords._HASHER = real


def sign_in_as(app: HubApp, role: str = "administrator", name: str | None = None,
               user_id: int | None = 0) -> Actor:
    """Sign ``app`` in with a role's permissions as the database holds them (no password needed:
    what is tested is what the role may do, not the sign-in). ``user_id`` None acts like a
    database without users (opening medical details is not logged)."""
    found = {r.name: r for r in app.users.roles()}[role]
    actor = Actor(user_id, name or f"test {role}", role, found.permissions, "TEST-PC",
                  found.label)
    app.sign_in(actor)
    return actor


@pytest.fixture
def admin_hub(hub: HubApp) -> HubApp:
    """The ``hub`` with an administrator signed in (the database gets its first user)."""
    actor = hub.users.create_first_administrator("Ada Admin", "correct horse")
    hub.sign_in(actor)
    return hub


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database=str(tmp_path / "hub.db"), data_dir=tmp_path / "data",
                    backup_dir=tmp_path / "backups", user="tester")


# A Tuesday in the autumn term 2026 that the calendars of the fixtures cover (after half term,
# before the Elm Street INSET day), at midday: the day and moment every test's app is stopped at.
SCHOOL_DAY = date(2026, 11, 24)


def frozen_clock(day: date = SCHOOL_DAY, hour: int = 12, minute: int = 0) -> Clock:
    """A new clock stopped at a London wall-clock time (each app gets its own, so a test may move it)."""
    return Clock.at_local(day, hour, minute)


def copy_database(template: Path, target: Path) -> None:
    """Start ``target`` as a copy of a closed, checkpointed SQLite template (still a WAL file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)


def _checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the file, so the file alone is the whole database."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database brought to the current schema by the migrations, once per test run."""
    path = tmp_path_factory.mktemp("migrated") / "migrated.db"
    open_app(Settings(database=str(path), data_dir=path.parent, backup_dir=path.parent / "b",
                      user="tester"), create=True).close()
    _checkpoint(path)
    return path


@pytest.fixture(scope="session")
def schools_template(migrated_template: Path,
                     tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The migrated template with the ``two_schools`` saved in it, and their ids."""
    path = tmp_path_factory.mktemp("schools") / "schools.db"
    copy_database(migrated_template, path)
    app = open_app(Settings(database=str(path), data_dir=path.parent, backup_dir=path.parent / "b",
                            user="tester"), clock=frozen_clock())
    try:
        ids = save_two_schools(app)
    finally:
        app.close()
    _checkpoint(path)
    return path, ids


@pytest.fixture
def fresh_database(request: pytest.FixtureRequest, settings: Settings,
                   migrated_template: Path) -> dict[str, int] | None:
    """Start this test's SQLite file as a copy of a template; a test that uses ``two_schools``
    gets the template that holds them. Returns their ids then, else None (also for a server)."""
    file = sqlite_file(to_url(settings.database))
    if file is None or file.exists():
        return None
    if "two_schools" in request.fixturenames:
        template, ids = request.getfixturevalue("schools_template")
        copy_database(template, file)
        return ids
    copy_database(migrated_template, file)
    return None


@pytest.fixture
def hub(settings: Settings, fresh_database: dict[str, int] | None) -> Iterator[HubApp]:
    app = open_app(settings, clock=frozen_clock())
    yield app
    app.close()


def save_two_schools(hub: HubApp) -> dict[str, int]:
    """Two schools with autumn-term calendars 2026 that differ in one INSET day."""
    oak = hub.sites.save(SiteForm(name="Oakfield Primary", dfe_number="8882001", is_hub=True,
                                  latitude=50.83, longitude=-0.14, rooms=("Hall", "Library")))
    elm = hub.sites.save(SiteForm(name="Elm Street Primary", dfe_number="8882002",
                                  latitude=50.84, longitude=-0.12, rooms=("Hall",)))
    for site in (oak, elm):
        hub.calendars.save_entry(EntryForm(site, "term", date(2026, 9, 3), date(2026, 12, 18),
                                           "Autumn"))
        hub.calendars.save_entry(EntryForm(site, "half_term", date(2026, 10, 26),
                                           date(2026, 10, 30)))
    hub.calendars.save_entry(EntryForm(elm, "inset", date(2026, 11, 27), date(2026, 11, 27)))
    return {"oak": oak, "elm": elm}


@pytest.fixture
def two_schools(hub: HubApp, fresh_database: dict[str, int] | None) -> dict[str, int]:
    """Two schools with autumn-term calendars 2026 that differ in one INSET day (already in the
    copied template on SQLite; saved now on a server)."""
    return dict(fresh_database) if fresh_database is not None else save_two_schools(hub)


def child_form(school_id: int, **overrides: object) -> ChildForm:
    values: dict[str, object] = {
        "forename": "Łucja", "surname": "Wiśniewska", "date_of_birth": date(2018, 5, 4),
        "school_site_id": school_id, "year_group": 3,
    }
    values.update(overrides)
    return ChildForm(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scale-1 demo cluster, built once per test run (copied for each test that uses it)."""
    from hubdesk.demo.service import DemoService

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    app = open_app(Settings(database=str(path), data_dir=path.parent, backup_dir=path.parent / "b",
                            user="tester"), create=True, clock=frozen_clock(DEMO_TODAY))
    try:
        DemoService(app.factory, "tester", app.clock).build(scale=1, seed=1, today=DEMO_TODAY)
    finally:
        app.close()
    _checkpoint(path)
    return path


DEMO_TODAY = date(2026, 11, 24)


@pytest.fixture
def demo_hub(demo_template: Path, tmp_path: Path) -> Iterator[HubApp]:
    """A HubApp on a private copy of the demo cluster."""
    target = tmp_path / "demo-copy.db"
    copy_database(demo_template, target)
    app = open_app(Settings(database=str(target), data_dir=tmp_path / "data",
                            backup_dir=tmp_path / "backups", user="tester"),
                   clock=frozen_clock(DEMO_TODAY))
    sign_in_as(app, "administrator", "tester", user_id=None)
    yield app
    app.close()
