"""The Import bookings dialog: preview each row, refused rows block until skipped, import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.clubs import import_bookings_dialog
from hubdesk.ui.clubs.import_bookings_dialog import ImportBookingsDialog
from hubdesk.ui.shell.events import AppEvents
from tests.services.clubs.club_setup import child, club, freeze
from tests.ui.helpers import Said

HEADER = "Child,Date of birth,Club,Site,Days,From,To\n"


def test_preview_skip_refused_rows_then_import(qtbot: QtBot, hub: HubApp,
                                               two_schools: dict[str, int], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               said: Said) -> None:
    freeze(hub)
    oak = two_schools["oak"]
    club(hub, oak)
    ella = child(hub, oak, forename="Ella", surname="Ng")
    path = tmp_path / "form.csv"
    path.write_text(HEADER + "Ella Ng,04/05/2018,Football,,Mon Wed,14/09/2026,30/09/2026\n"
                             "Nobody Here,01/01/2019,Football,,,14/09/2026,\n", encoding="utf-8")
    monkeypatch.setattr(import_bookings_dialog, "choose_file", lambda _parent: str(path))
    events = AppEvents()
    dialog = ImportBookingsDialog(hub, events)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    assert [dialog.model.index(i, 3).data() for i in range(2)] == ["Booked", "Refused"]
    assert dialog.model.index(1, 4).data() == "No child called Nobody Here born 01/01/2019."
    assert "2 rows: 1 booked, 1 refused; 6 dates." in dialog.summary.text()
    assert hub.bookings.history(ella) == []  # the preview kept nothing
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.skip_box, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(events.bookings_changed, timeout=5000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert len(hub.bookings.history(ella)) == 6
    assert said.log[-1].startswith("inform: Imported form.csv: 2 rows: 1 booked, 1 refused")
