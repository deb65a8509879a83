"""The import dialog: choose a file, see the preview, skip rejected rows, import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from hubdesk.app import HubApp
from hubdesk.core.models import Child
from hubdesk.ui.children import import_dialog
from hubdesk.ui.children.import_dialog import ImportDialog
from hubdesk.ui.shell.events import AppEvents
from tests.services.people.test_import_children import GOOD, write
from tests.ui.helpers import Said


def child_count(hub: HubApp) -> int:
    with hub.factory() as s:
        return s.scalar(select(func.count()).select_from(Child)) or 0


def open_dialog(qtbot: QtBot, hub: HubApp, events: AppEvents) -> ImportDialog:
    dialog = ImportDialog(hub, events)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_preview_then_import(qtbot: QtBot, hub: HubApp, two_schools: dict[str, int], tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch, said: Said) -> None:
    path = write(tmp_path / "mis.csv", GOOD)
    monkeypatch.setattr(import_dialog, "choose_file", lambda _parent: str(path))
    events = AppEvents()
    dialog = open_dialog(qtbot, hub, events)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    assert "3 to add" in dialog.summary.text()
    assert dialog.table.rowCount() == 3
    assert dialog.table.item(0, 1).text() == "Łucja Wiśniewska"
    assert child_count(hub) == 0  # the preview wrote nothing
    with qtbot.waitSignal(events.children_changed, timeout=5000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert child_count(hub) == 3
    assert said.log and said.log[-1].startswith("inform: Imported mis.csv: 3 children added")


def test_rejected_rows_are_shown_and_block_until_skipped(
        qtbot: QtBot, hub: HubApp, two_schools: dict[str, int], tmp_path: Path, said: Said) -> None:
    bad = [*GOOD, ["", "Kaya", "Emre", "", "31/02/2019", "Oakfield Primary", "2", *[""] * 10]]
    dialog = open_dialog(qtbot, hub, AppEvents())
    dialog.load(write(tmp_path / "mis.csv", bad))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    assert dialog.show_combo.currentText() == "Rejected"
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "5"
    assert "not a real date" in dialog.table.item(0, 3).text()
    assert not dialog.import_button.isEnabled()
    dialog.show_combo.setCurrentText("All rows")
    assert dialog.table.rowCount() == 4
    box = dialog.skip_box  # click the tick box itself, at its left end
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=5000)
    assert child_count(hub) == 3 and dialog.result.skipped == 1


def test_a_file_without_the_needed_columns_says_which(
        qtbot: QtBot, hub: HubApp, two_schools: dict[str, int], tmp_path: Path, said: Said) -> None:
    dialog = open_dialog(qtbot, hub, AppEvents())
    dialog.load(write(tmp_path / "mis.csv", [["Kaya"]], headers=["Surname"]))
    qtbot.waitUntil(lambda: bool(said.messages), timeout=5000)
    assert "no column for forename, date of birth" in said.log[0]
    assert "no column" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()


def test_a_sims_export_with_its_contacts_file_school_and_leavers(
        qtbot: QtBot, demo_hub: HubApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        said: Said) -> None:
    from hubdesk.ui.children import import_panels
    from tests.services.people.test_import_mis_samples import DEMO

    monkeypatch.setattr(import_panels, "choose_contacts", lambda _p: str(DEMO / "sims-contacts.csv"))
    dialog = open_dialog(qtbot, demo_hub, AppEvents())
    dialog.load(DEMO / "sims-pupils.csv")
    qtbot.waitUntil(lambda: dialog.summary.text() != "Reading the file…", timeout=10000)
    assert "choose that school" in dialog.summary.text()  # no School column in a SIMS export
    bar = dialog.options_bar
    bar.school.setCurrentIndex(bar.school.findText("Ashworth Hub Primary School"))
    qtbot.mouseClick(bar.contacts_button, Qt.MouseButton.LeftButton)
    bar.full_export.setChecked(True)
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.leavers != (),
                    timeout=10000)
    assert "7 to add" in dialog.summary.text() and "9 new carers" not in dialog.summary.text()
    values = dialog.columns_panel.values.toPlainText()
    assert "SEN Status → SEN level: 'K - SEN Support' = SEN support (1 row)" in values
    assert dialog.tabs.tabText(2).startswith("Leavers (")
    dialog.grab().save(str(tmp_path / "import.png"))
    with qtbot.waitSignal(dialog.events.children_changed, timeout=10000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.tabs.currentWidget() is dialog.leavers_panel  # leavers still to decide on
    panel = dialog.leavers_panel
    leaver = panel.leavers[0]
    panel.table.item(0, 0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(panel.mark_button, Qt.MouseButton.LeftButton)
    assert said.log[-2].startswith("confirm: Mark 1 child as left on 24/11/2026")
    assert said.infos[-1].startswith("1 child marked as left")
    assert demo_hub.children.get(leaver.child_id).left_on == date(2026, 11, 24)  # kept, not deleted
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)  # read again after marking
    assert leaver.child_id not in {x.child_id for x in dialog.preview.leavers}
