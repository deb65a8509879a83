"""Shared fixtures: every test gets a fresh database file built by the migrations."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hubdesk.app import HubApp, open_app
from hubdesk.core.clock import Clock
from hubdesk.services.people.children import ChildForm
from hubdesk.services.sites.calendars import EntryForm
from hubdesk.services.sites.sites import SiteForm
from hubdesk.settings import Settings


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep QSettings, data folders and backups of tests out of the real user's home."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / "config"))
    monkeypatch.delenv("HUBDESK_DATABASE", raising=False)


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


@pytest.fixture
def hub(settings: Settings) -> Iterator[HubApp]:
    app = open_app(settings, create=True, clock=frozen_clock())
    yield app
    app.close()


@pytest.fixture
def two_schools(hub: HubApp) -> dict[str, int]:
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
    return path


DEMO_TODAY = date(2026, 11, 24)


@pytest.fixture
def demo_hub(demo_template: Path, tmp_path: Path) -> Iterator[HubApp]:
    """A HubApp on a private copy of the demo cluster."""
    import sqlite3

    target = tmp_path / "demo-copy.db"
    with sqlite3.connect(demo_template) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    app = open_app(Settings(database=str(target), data_dir=tmp_path / "data",
                            backup_dir=tmp_path / "backups", user="tester"),
                   clock=frozen_clock(DEMO_TODAY))
    yield app
    app.close()
