"""The History page and a staff member's record read sentences about people, found by name or date."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.history.page import HistoryPage
from hubdesk.ui.shell.events import AppEvents
from tests.services.registers.registers_data import DAY, Cluster, build_cluster, frozen_now

__all__ = ["frozen_now"]


@pytest.fixture
def cluster(hub: HubApp, two_schools: dict[str, int], frozen_now: datetime) -> Cluster:
    return build_cluster(hub, two_schools)


def test_history_reads_as_sentences_and_finds_a_child(qtbot: QtBot, hub: HubApp,
                                                      cluster: Cluster) -> None:
    sb = cluster.sb("lucja")
    take = hub.registers.take
    take.sign_in(sb, datetime(DAY.year, DAY.month, DAY.day, 15, 20))
    mum = next(x for x in take.collectors(sb) if x.name.startswith("Anna"))
    take.sign_out(sb, mum, datetime(DAY.year, DAY.month, DAY.day, 17, 20), password_checked=True)
    page = HistoryPage(hub, AppEvents())
    qtbot.addWidget(page)
    page.show()
    page.on_shown()
    page.search.setText("Wiśniewska, Łu")  # pasted: QTest types ASCII only
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    texts = page.history.texts()
    assert texts[0] == ("Tue 24 Nov 17:45 · tester · Łucja Wiśniewska signed out of Oak Owls "
                        "after-school club on Tue 24 Nov, collected by Anna Wiśniewska "
                        "(password checked)")
    headers = [page.history.model.headerData(n, Qt.Orientation.Horizontal)
               for n in range(page.history.model.columnCount())]
    assert headers == ["When", "Who", "What happened"]
    assert not any("attendance" in t or "child_carers" in t for t in texts)
    page.search.clear()
    qtbot.keyClicks(page.search, "25/11/2026")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.history.texts() == [] and "0 entries for '25/11/2026'" in page.history.status.text()


def test_a_staff_members_record_has_their_history(qtbot: QtBot, hub: HubApp,
                                                  cluster: Cluster) -> None:
    from hubdesk.ui.staff.page import StaffPage

    page = StaffPage(hub, AppEvents())
    qtbot.addWidget(page)
    page.show()
    page.on_shown()
    page.view.selectRow(0)
    page.edit_staff()
    dialog = page.dialog
    assert dialog is not None and dialog.history is not None
    assert dialog.tabs.tabText(dialog.tabs.count() - 1) == "History"
    assert dialog.history.texts()[0].endswith("· Staff member Grace Ndlovu added")
    dialog.reject()
