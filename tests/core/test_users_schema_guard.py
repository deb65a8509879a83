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
    """This program's migrations without the users revision: what an older hubdesk knows."""
    older = tmp_path / "older-migrations"
    shutil.copytree(schema.MIGRATIONS, older,
                    ignore=shutil.ignore_patterns("0015_users.py", "__pycache__"))
    monkeypatch.setattr(schema, "MIGRATIONS", older)


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
