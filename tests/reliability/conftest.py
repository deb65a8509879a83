"""A small real database on disk for the recovery tests, closed so other processes may open it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from hubdesk.app import open_app
from hubdesk.settings import Settings
from tests.conftest import child_form
from tests.reliability.recovery_helpers import checkpoint


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Path]:
    """``office/hub.db`` with two schools and 12 children; nothing holds it open."""
    from hubdesk.services.sites.calendars import EntryForm
    from hubdesk.services.sites.sites import SiteForm

    folder = tmp_path / "office"
    folder.mkdir()
    database = folder / "hub.db"
    app = open_app(Settings(str(database), tmp_path / "data", folder / "backups", user="tester"),
                   create=True)
    try:
        oak = app.sites.save(SiteForm(name="Oakfield Primary", dfe_number="8882001"))
        app.calendars.save_entry(EntryForm(oak, "term", date(2026, 9, 3), date(2026, 12, 18)))
        for n in range(12):
            app.children.save(child_form(oak, forename=f"Child{n}"))
    finally:
        app.close()
    checkpoint(database)
    yield database
