"""At 1366×768 (a maximised window under a title bar and a taskbar) the columns that carry the task's
facts are never cut short: measured with the font's metrics against each column's width."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QApplication, QTableView, QTableWidget, QToolTip
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.common.tables import is_elided
from hubdesk.ui.shell.main_window import MainWindow

LAPTOP = (1366, 768 - 40 - 30)  # the screen less a taskbar and the window's title bar
WIDE = (1920, 1080 - 40 - 30)

# page -> the headers of fact columns (names, times, status, collected by, priority, school)
FACTS: dict[str, set[str]] = {
    "Registers": {"Child", "Year", "School", "Status", "In", "Out", "Collected by"},
    "Clubs": {"Club", "Site", "Kind", "Days", "Times", "Years", "Places", "This week", "Waiting",
              "Price", "Date", "Booked", "Free", "Status", "Child", "School", "Year"},
    "Waiting lists": {"Club", "Waiting for", "Position", "Child", "School", "Year", "Joined",
                      "Priority"},
    "Staff": {"Name", "Role", "Home site", "Phone", "Active", "DBS", "First aid until"},
    "Minibus": {"Who", "Day", "From", "To", "When"},
    "Sites & calendars": {"Name", "Kind", "DfE number", "Ofsted", "Hub", "Active"},
}


def window_at(qtbot: QtBot, hub: HubApp, size: tuple[int, int]) -> MainWindow:
    window = MainWindow(hub)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window


def cut_facts(view: QTableView, facts: set[str]) -> dict[str, list[str]]:
    """Fact cells (first 40 rows) whose text does not fit their column, by header."""
    model, cut = view.model(), {}
    for column in range(model.columnCount()):
        header = str(model.headerData(column, Qt.Orientation.Horizontal))
        if header not in facts or view.isColumnHidden(column):
            continue
        texts = [str(model.index(row, column).data() or "") for row in range(min(40, model.rowCount()))]
        bad = [t for row, t in enumerate(texts) if t and is_elided(view, model.index(row, column), t)]
        if bad:
            cut[header] = bad[:3]
    return cut


@pytest.mark.parametrize("size", [LAPTOP, WIDE], ids=["1366x768", "1920x1080"])
def test_fact_columns_are_whole(qtbot: QtBot, demo_hub: HubApp, size: tuple[int, int]) -> None:
    window = window_at(qtbot, demo_hub, size)
    found = {}
    for title, facts in FACTS.items():
        page = window.show_page(title)
        qtbot.wait(20)
        for view in page.findChildren(QTableView):
            if view.isVisible() and (cut := cut_facts(view, facts)):
                found[f"{title}/{view.objectName() or type(view).__name__}"] = cut
    assert found == {}


def test_a_signed_out_child_reads_whole_at_1366(qtbot: QtBot, demo_hub: HubApp) -> None:
    """Sign-in time, sign-out time, a late status and who collected all show in full."""
    window = window_at(qtbot, demo_hub, LAPTOP)
    page = window.show_page("Registers")
    qtbot.wait(20)
    table = page.table
    longest = max(table.register_model.lines, key=lambda line: len(line.name))
    gone = replace(longest, state="out", signed_in_at=datetime(2026, 11, 24, 15, 15),
                   signed_out_at=datetime(2026, 11, 24, 18, 2), late_minutes=17,
                   collected_by="Wiktoria Wiśniewska")
    table.update_line(gone)
    qtbot.wait(10)
    assert cut_facts(table, FACTS["Registers"]) == {}
    row = table.register_model.lines.index(gone)
    assert table.register_model.index(row, 5).data() == "Gone home (17 min late)"


def test_long_secondary_text_shows_whole_on_hover(qtbot: QtBot, demo_hub: HubApp) -> None:
    """A cut e-mail address shows whole in a tooltip; at 1920 px the spare width goes to it."""
    window = window_at(qtbot, demo_hub, (1180, 700))
    page = window.show_page("Staff")
    qtbot.wait(20)
    view, model = page.view, page.view.model()
    cut = next(model.index(r, 4) for r in range(model.rowCount())
               if is_elided(view, model.index(r, 4), str(model.index(r, 4).data())))
    assert cut_facts(view, FACTS["Staff"]) == {}
    spot = view.visualRect(cut).center()
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, spot,
                                                       view.viewport().mapToGlobal(spot)))
    assert QToolTip.text() == cut.data()
    window.resize(*WIDE)
    qtbot.wait(20)
    assert not any(is_elided(view, model.index(r, 4), str(model.index(r, 4).data()))
                   for r in range(min(40, model.rowCount())))


def cut_cells(table: QTableWidget) -> list[str]:
    """Rota grid cells whose wrapped text needs more room than the cell has: a word wider than its
    column, or more lines than its row is high."""
    cut = []
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is None or not item.text() or table.columnSpan(row, column) > 1:
                continue
            metrics = QFontMetrics(item.font())
            width = table.columnWidth(column) - 8  # the cell's margins
            words = item.text().replace("\n", " ").split(" ")
            needed = metrics.boundingRect(QRect(0, 0, width, 10_000),
                                          int(Qt.TextFlag.TextWordWrap), item.text()).height()
            if any(metrics.horizontalAdvance(w) > width for w in words) \
                    or needed > table.rowHeight(row):
                cut.append(item.text().replace("\n", " / ")[:60])
    return cut


@pytest.mark.parametrize("size", [LAPTOP, WIDE], ids=["1366x768", "1920x1080"])
def test_the_rota_grid_day_cells_are_whole(qtbot: QtBot, demo_hub: HubApp,
                                           size: tuple[int, int]) -> None:
    window = window_at(qtbot, demo_hub, size)
    page = window.show_page("Staff rota")
    qtbot.wait(20)
    table = page.table
    filled = [table.item(r, c) for r in range(table.rowCount()) for c in range(table.columnCount())]
    assert sum(1 for item in filled if item is not None and item.text()) > 10
    assert cut_cells(table) == []
