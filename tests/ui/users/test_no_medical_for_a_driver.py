"""No medical word of the demo reaches a widget for a driver: the register, the run sheets and
needs of the Minibus page, and a child's record, walked widget by widget (with the administrator
as the control: the same walk finds them)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.reports.run_sheets import write_run_sheets
from hubdesk.services.minibus.sheets import ASK_THE_OFFICE
from hubdesk.ui.children.child_dialog import ChildDialog
from hubdesk.ui.common.dates import qdate
from hubdesk.ui.minibus.page import MinibusPage
from hubdesk.ui.registers.page import RegistersPage
from hubdesk.ui.shell.events import AppEvents
from tests.conftest import DEMO_TODAY, sign_in_as
from tests.reports.pdf_helpers import pages_text
from tests.ui.helpers import Said
from tests.ui.users.widget_text import medical_words_in, widget_text


def _registers_text(qtbot: QtBot, app: HubApp) -> str:
    page = RegistersPage(app, AppEvents())
    qtbot.addWidget(page)
    page.day.setDate(QDate(DEMO_TODAY))
    page.refresh()
    seen = []
    for site in range(page.site.count()):
        page.site.setCurrentIndex(site)
        for row in range(page.sessions.count()):
            page.sessions.setCurrentRow(row)
            page.load_register()
            seen.append(widget_text(page))
    return "\n".join(seen)


def _minibus_text(qtbot: QtBot, app: HubApp) -> str:
    page = MinibusPage(app, AppEvents())
    qtbot.addWidget(page)
    page.day.setDate(qdate(DEMO_TODAY))
    page.refresh()
    return widget_text(page)


def _child_with_medical(app: HubApp) -> int:
    sign_in_as(app, "administrator")
    return next(row.id for row in app.children.search(limit=500) if row.has_medical)


def test_the_administrator_sees_the_demo_medical_words(qtbot: QtBot, demo_hub: HubApp,
                                                       said: Said) -> None:
    assert medical_words_in(_registers_text(qtbot, demo_hub))
    child = _child_with_medical(demo_hub)
    dialog = ChildDialog(demo_hub, AppEvents(), demo_hub.children.get(child), [], None)
    qtbot.addWidget(dialog)
    assert medical_words_in(widget_text(dialog))


def test_no_medical_word_reaches_a_widget_for_a_driver(qtbot: QtBot, demo_hub: HubApp,
                                                       said: Said, tmp_path: Path) -> None:
    child = _child_with_medical(demo_hub)
    sign_in_as(demo_hub, "driver", "Dan Driver")
    dialog = ChildDialog(demo_hub, AppEvents(), demo_hub.children.get(child), [], None)
    qtbot.addWidget(dialog)
    assert "Health" not in [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert medical_words_in(widget_text(dialog)) == []
    assert medical_words_in(_registers_text(qtbot, demo_hub)) == []
    assert medical_words_in(_minibus_text(qtbot, demo_hub)) == []
    sheets = demo_hub.minibus.sheets.run_sheets(DEMO_TODAY)
    assert sheets, "the demo has runs on its day"
    target = tmp_path / "sheets.pdf"
    write_run_sheets(sheets, target, DEMO_TODAY)
    printed = " ".join(" ".join(pages_text(target)).split())
    assert medical_words_in(printed) == []
    marked = [p for sheet in sheets for stop in sheet.stops for p in stop.on if p.must_act]
    assert all(p.medical == ASK_THE_OFFICE for p in marked)
    assert not marked or "ask the office before the run" in printed
