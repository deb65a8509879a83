"""Databases made by earlier hubdesk versions open, migrate to the current schema and keep their data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hubdesk.app import open_app
from hubdesk.core.schema import current_revision, head_revision
from hubdesk.services.admin.check import CheckService
from hubdesk.settings import Settings

FIXTURES = sorted((Path(__file__).parent.parent / "fixtures").glob("schema-*.db"))


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_old_database_migrates_and_keeps_data(fixture: Path, tmp_path: Path) -> None:
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    app = open_app(Settings(str(copy), tmp_path, tmp_path / "b", user="tester"))
    try:
        assert current_revision(app.engine) == head_revision()
        rows = app.children.search("ozturk")
        assert [r.name for r in rows] == ["Öztürk, Şükrü"]
        links = app.carers.links(rows[0].id)
        assert links[0].carer.surname == "O'Neill-Brennan" and links[0].collection_password == "otter"
        assert all(f.ok for f in CheckService(app.factory, None, app.clock).run()
                   if f.check != "every school has term dates")
    finally:
        app.close()


def test_there_is_a_fixture_per_schema_version() -> None:
    assert FIXTURES, "tests/fixtures/schema-*.db missing"
