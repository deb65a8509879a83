"""'Export everything held…' on a child's record writes the subject access zip where the user chose."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.children import export_person
from hubdesk.ui.children.child_dialog import ChildDialog
from hubdesk.ui.shell.events import AppEvents
from tests.conftest import child_form
from tests.ui.helpers import Said


def test_export_from_the_childs_record(qtbot: QtBot, hub: HubApp, two_schools: dict[str, int],
                                       events: AppEvents, said: Said, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    child = hub.children.save(child_form(two_schools["oak"]))
    asked: list[Path] = []
    target = tmp_path / "out" / "records.zip"

    def choose(_parent: object, suggested: Path) -> str:
        asked.append(suggested)
        return str(target)

    monkeypatch.setattr(export_person, "choose_zip", choose)
    new = ChildDialog(hub, events, None, hub.sites.list())
    qtbot.addWidget(new)
    assert not new.export_button.isEnabled()  # nothing held yet about a child not saved
    dialog = ChildDialog(hub, events, hub.children.get(child), hub.sites.list())
    qtbot.addWidget(dialog)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(said.infos), timeout=10_000)
    assert asked[0].name.startswith("records-wisniewska-lucja-")
    assert str(target) in said.infos[0] and "Only your PC account can open it" in said.infos[0]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with zipfile.ZipFile(target) as zf:
        assert "Wiśniewska".encode() in zf.read("records.json")
