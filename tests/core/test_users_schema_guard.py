"""A database with users cannot be opened by an older hubdesk: the older program does not know the
users revision and refuses the database, unchanged, with a sentence (it would ignore who may see
what)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from hubdesk import cli
from hubdesk.app import HubApp, open_app
from hubdesk.core import schema
from hubdesk.core.errors import DatabaseRefused
from hubdesk.settings import Settings


@pytest.fixture
def older_hubdesk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """This program's migrations up to the one before users: what an older hubdesk knows."""
    older = tmp_path / "older-migrations"

    def newer(_folder: str, names: list[str]) -> set[str]:
        return {n for n in names if n == "__pycache__" or (n[:4].isdigit() and n[:4] >= "0015")}

    shutil.copytree(schema.MIGRATIONS, older, ignore=newer)
    monkeypatch.setattr(schema, "MIGRATIONS", older)
    monkeypatch.setattr(schema, "HEAD_REVISIONS", frozenset({"0005", "0014_core_offer"}))


def test_an_older_hubdesk_refuses_a_database_with_users(
        admin_hub: HubApp, settings: Settings, older_hubdesk: None,
        capsys: pytest.CaptureFixture[str]) -> None:
    admin_hub.close()
    file = Path(settings.database)
    before = hashlib.sha256(file.read_bytes()).hexdigest()
    with pytest.raises(DatabaseRefused, match="written by a newer version of hubdesk"):
        open_app(settings)
    assert cli.main(["clubs", "--database", settings.database]) == 2
    assert "newer version of hubdesk" in capsys.readouterr().err
    assert hashlib.sha256(file.read_bytes()).hexdigest() == before
